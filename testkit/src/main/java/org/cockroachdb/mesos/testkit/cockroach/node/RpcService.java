package org.cockroachdb.mesos.testkit.cockroach.node;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.cockroachdb.mesos.testkit.cockroach.Release;
import org.cockroachdb.mesos.testkit.cockroach.cluster.ClusterView;
import org.cockroachdb.mesos.testkit.cockroach.cluster.Membership;
import org.cockroachdb.mesos.testkit.cockroach.cluster.NodeRecord;

/**
 * Answers RPC lines: JOIN (a joining node asks whether we belong to a cluster), INIT, STATUS (the
 * rows {@code node status} prints), DECOMMISSION / RECOMMISSION, DRAIN and QUIT.
 */
final class RpcService {
    private final NodeProcess node;
    private final Release release;

    RpcService(NodeProcess node, Release release) {
        this.node = node;
        this.release = release;
    }

    void answer(Socket socket, String line) {
        try (socket) {
            int space = line.indexOf(' ');
            String verb = space < 0 ? line : line.substring(0, space);
            JsonNode body = space < 0 ? Rpc.object() : Rpc.JSON.readTree(line.substring(space + 1));
            ObjectNode reply = handle(verb, body);
            OutputStream out = socket.getOutputStream();
            out.write((Rpc.JSON.writeValueAsString(reply) + "\n").getBytes(StandardCharsets.UTF_8));
            out.flush();
            if (verb.equals("QUIT") && !reply.has("error")) {
                node.shutdown("quit");
            }
        } catch (IOException e) {
            // the caller went away
        }
    }

    private ObjectNode handle(String verb, JsonNode body) {
        ObjectNode reply = Rpc.object();
        switch (verb) {
            case "JOIN" -> {
                var dir = node.cluster();
                reply.put("initialized", dir != null);
                if (dir != null) {
                    reply.put("clusterDir", dir.path().toString());
                }
            }
            case "INIT" -> {
                String error = node.requestInit();
                if (error != null) {
                    reply.put("error", error);
                }
            }
            case "STATUS" -> status(reply);
            case "DECOMMISSION" -> decommission(body, reply, false);
            case "FINISH_DECOMMISSION" -> decommission(body, reply, true);
            case "RECOMMISSION" -> recommission(body, reply);
            case "DRAIN", "QUIT" -> {
                if (node.cluster() == null) {
                    reply.put("error", "node is not initialized");
                } else if (verb.equals("DRAIN")) {
                    node.drain();
                    reply.put("remaining", 0);
                }
            }
            default -> reply.put("error", "unknown RPC " + verb);
        }
        return reply;
    }

    private ClusterView requireView(ObjectNode reply) {
        var view = node.view();
        if (view.isEmpty()) {
            reply.put("error", "node is not initialized; run cockroach init");
            return null;
        }
        return view.get();
    }

    private void status(ObjectNode reply) {
        ClusterView v = requireView(reply);
        if (v == null) {
            return;
        }
        reply.put("clusterId", v.state().clusterId());
        reply.put("selfId", node.id());
        ArrayNode rows = reply.putArray("nodes");
        for (NodeRecord n : v.state().nodes().values()) {
            ObjectNode r = rows.addObject();
            boolean live = v.live(n);
            r.put("id", n.id());
            r.put("address", n.address());
            r.put("sql_address", n.sqlAddress());
            r.put("build", n.build());
            r.put("started_at", NodeStatusFormat.timestamp(n.startedAt()));
            r.put("updated_at", NodeStatusFormat.timestamp(n.heartbeatAt()));
            r.put("locality", n.locality());
            r.put("is_available", live && v.quorum());
            r.put("is_live", live);
            int replicas = v.replicas(n);
            r.put("replicas_leaders", live ? replicas / 3 : 0);
            r.put("replicas_leaseholders", live ? replicas / 3 : 0);
            r.put("ranges", replicas);
            r.put("ranges_unavailable", v.unavailableOn(n.id()));
            r.put("ranges_underreplicated", v.underReplicatedOn(n.id()));
            r.put("gossiped_replicas", replicas);
            r.put("is_decommissioning", n.membership() != Membership.ACTIVE);
            r.put("membership", n.membership().text());
            r.put("is_draining", n.draining());
        }
    }

    private void decommission(JsonNode body, ObjectNode reply, boolean finish) {
        ClusterView v = requireView(reply);
        if (v == null) {
            return;
        }
        if (!v.quorum()) {
            reply.put("error", "cluster unavailable: cannot decommission without a majority of live nodes");
            return;
        }
        List<Integer> ids = new ArrayList<>();
        body.path("ids").forEach(i -> ids.add(i.asInt()));
        for (int id : ids) {
            if (!v.state().nodes().containsKey(id)) {
                reply.put("error", "node " + id + " does not exist");
                return;
            }
        }
        AtomicReference<String> refused = new AtomicReference<>();
        long now = System.currentTimeMillis();
        node.cluster().update(s -> {
            ClusterView current = new ClusterView(s, node.tuning(), now);
            var next = s;
            for (int id : ids) {
                NodeRecord n = s.nodes().get(id);
                if (n.membership() == Membership.DECOMMISSIONED) {
                    continue;
                }
                if (!finish) {
                    if (n.membership() == Membership.ACTIVE) {
                        next = next.withNode(n.decommissioning(now, current.replicasAtStartOfDecommission()));
                    }
                } else if (current.replicas(n) > 0 || n.membership() != Membership.DECOMMISSIONING) {
                    refused.set("node " + id + " still has " + current.replicas(n) + " replicas");
                    return s;
                } else {
                    next = next.withNode(n.withMembership(Membership.DECOMMISSIONED)).membershipChanged(now);
                }
            }
            return next;
        });
        if (refused.get() != null) {
            reply.put("error", refused.get());
        }
    }

    private void recommission(JsonNode body, ObjectNode reply) {
        ClusterView v = requireView(reply);
        if (v == null) {
            return;
        }
        List<Integer> ids = new ArrayList<>();
        body.path("ids").forEach(i -> ids.add(i.asInt()));
        for (int id : ids) {
            NodeRecord n = v.state().nodes().get(id);
            if (n == null) {
                reply.put("error", "node " + id + " does not exist");
                return;
            }
            if (n.membership() == Membership.DECOMMISSIONED) {
                reply.put("error", "node " + id + " is already decommissioned and cannot be recommissioned");
                return;
            }
        }
        node.cluster().update(s -> {
            var next = s;
            for (int id : ids) {
                next = next.withNode(s.nodes().get(id).withMembership(Membership.ACTIVE));
            }
            return next;
        });
    }
}
