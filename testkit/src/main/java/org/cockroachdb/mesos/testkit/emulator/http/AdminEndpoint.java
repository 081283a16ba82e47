package org.cockroachdb.mesos.testkit.emulator.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.nio.ByteBuffer;
import java.time.Duration;
import org.cockroachdb.mesos.testkit.emulator.MesosEmulator;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.Fields;

/**
 * {@code /admin/...}: the emulator's state as JSON and its fault injection over HTTP, for tools
 * and suites that run the emulator as a separate process.
 *
 * <pre>
 * GET  /admin/state
 * POST /admin/agents/{i}/partition|heal|stop|start|restart|gone
 * POST /admin/master/failover | /admin/master/lead | /admin/master/no-leader | /admin/master/not-leader?leader=host:port
 * POST /admin/frameworks/{id}/drop-stream|stop-heartbeats|resume-heartbeats|rescind-offers
 * POST /admin/offers/{id}/rescind
 * POST /admin/executors/{frameworkId}/{executorId}/crash
 * POST /admin/updates/delay?ms=N | /admin/updates/duplicate?on=true|false
 * POST /admin/accepts/drop?count=N
 * </pre>
 */
public final class AdminEndpoint extends Handler.Abstract {
    private static final ObjectMapper JSON = new ObjectMapper().disable(SerializationFeature.FAIL_ON_EMPTY_BEANS);

    private final MesosEmulator emulator;

    public AdminEndpoint(MesosEmulator emulator) {
        this.emulator = emulator;
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) throws Exception {
        String path = Request.getPathInContext(request);
        if (!path.startsWith("/admin/")) {
            return false;
        }
        String[] p = path.substring("/admin/".length()).split("/");
        if (p.length == 1 && p[0].equals("state") && request.getMethod().equals("GET")) {
            response.setStatus(200);
            response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json");
            response.write(true, ByteBuffer.wrap(JSON.writeValueAsBytes(emulator.state())), callback);
            return true;
        }
        if (!request.getMethod().equals("POST")) {
            return Replies.text(response, callback, 405, "admin actions take POST");
        }
        Fields query = Request.extractQueryParameters(request);
        MesosEmulator.Faults faults = emulator.faults();
        try {
            String done = switch (p[0]) {
                case "agents" -> agent(faults, p);
                case "master" -> master(faults, p, query);
                case "frameworks" -> framework(faults, p);
                case "offers" -> {
                    need(p, 3, "offers/{id}/rescind");
                    yield "rescinded " + faults.rescindOffer(p[1]);
                }
                case "executors" -> {
                    need(p, 4, "executors/{frameworkId}/{executorId}/crash");
                    yield faults.crashExecutor(p[1], p[2]) ? "crashed" : "no such running executor";
                }
                case "updates" -> updates(faults, p, query);
                case "accepts" -> {
                    faults.dropAccepts(intParam(query, "count"));
                    yield "dropping";
                }
                default -> throw new IllegalArgumentException("unknown admin resource '" + p[0]
                        + "'; expected state, agents, master, frameworks, offers, executors, updates or accepts");
            };
            return Replies.text(response, callback, 200, done);
        } catch (IllegalArgumentException e) {
            return Replies.text(response, callback, 400, e.getMessage());
        }
    }

    private String agent(MesosEmulator.Faults faults, String[] p) throws Exception {
        need(p, 3, "agents/{index}/partition|heal|stop|start|restart|gone");
        int i;
        try {
            i = Integer.parseInt(p[1]);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("agent index must be a number, got '" + p[1] + "'");
        }
        if (i < 0 || i >= emulator.config().agents().size()) {
            throw new IllegalArgumentException("agent index must be 0.." + (emulator.config().agents().size() - 1) + ", got " + i);
        }
        switch (p[2]) {
            case "partition" -> faults.partitionAgent(i);
            case "heal" -> faults.healAgent(i);
            case "stop" -> faults.stopAgent(i);
            case "start" -> faults.startAgent(i);
            case "restart" -> faults.restartAgent(i);
            case "gone" -> faults.markAgentGone(i);
            default -> throw new IllegalArgumentException("agent action must be partition, heal, stop, start, restart or gone");
        }
        return p[2] + " agent " + i;
    }

    private static String master(MesosEmulator.Faults faults, String[] p, Fields query) {
        need(p, 2, "master/failover|lead|no-leader|not-leader");
        switch (p[1]) {
            case "failover" -> faults.failoverMaster();
            case "lead" -> faults.lead();
            case "no-leader" -> faults.notLeader(null);
            case "not-leader" -> {
                String leader = query.getValue("leader");
                if (leader == null || !leader.matches("[^/:]+:\\d+")) {
                    throw new IllegalArgumentException("not-leader needs ?leader=host:port");
                }
                faults.notLeader(leader);
            }
            default -> throw new IllegalArgumentException("master action must be failover, lead, no-leader or not-leader");
        }
        return "master " + p[1];
    }

    private static String framework(MesosEmulator.Faults faults, String[] p) {
        need(p, 3, "frameworks/{id}/drop-stream|stop-heartbeats|resume-heartbeats|rescind-offers");
        switch (p[2]) {
            case "drop-stream" -> faults.dropStream(p[1]);
            case "stop-heartbeats" -> faults.stopHeartbeats(p[1]);
            case "resume-heartbeats" -> faults.resumeHeartbeats(p[1]);
            case "rescind-offers" -> faults.rescindOffersOf(p[1]);
            default -> throw new IllegalArgumentException(
                    "framework action must be drop-stream, stop-heartbeats, resume-heartbeats or rescind-offers");
        }
        return p[2] + " " + p[1];
    }

    private static String updates(MesosEmulator.Faults faults, String[] p, Fields query) {
        need(p, 2, "updates/delay?ms=N or updates/duplicate?on=true|false");
        switch (p[1]) {
            case "delay" -> faults.delayStatusUpdates(Duration.ofMillis(intParam(query, "ms")));
            case "duplicate" -> {
                String on = query.getValue("on");
                if (!"true".equals(on) && !"false".equals(on)) {
                    throw new IllegalArgumentException("duplicate needs ?on=true or ?on=false");
                }
                faults.duplicateStatusUpdates(Boolean.parseBoolean(on));
            }
            default -> throw new IllegalArgumentException("updates action must be delay or duplicate");
        }
        return "updates " + p[1];
    }

    private static void need(String[] p, int n, String form) {
        if (p.length != n) {
            throw new IllegalArgumentException("expected /admin/" + form);
        }
    }

    private static int intParam(Fields query, String name) {
        String v = query.getValue(name);
        try {
            int n = Integer.parseInt(v);
            if (n < 0) {
                throw new NumberFormatException();
            }
            return n;
        } catch (NumberFormatException | NullPointerException e) {
            throw new IllegalArgumentException("'" + name + "' must be a non-negative whole number, got '" + v + "'");
        }
    }
}
