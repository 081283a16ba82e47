package org.cockroachdb.mesos.testkit.cockroach.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.cockroachdb.mesos.testkit.cockroach.Release;
import org.cockroachdb.mesos.testkit.cockroach.node.NodeStatusFormat;
import org.cockroachdb.mesos.testkit.cockroach.node.Rpc;

/** {@code cockroach node status|ls|decommission|recommission|drain}. */
final class NodeCommand {
    private static final long POLL_MILLIS = 500;

    private NodeCommand() {}

    static int run(Release release, List<String> args, PrintStream out, PrintStream err) throws CommandFailure {
        if (args.isEmpty()) {
            throw new CommandFailure("Error: missing subcommand for \"cockroach node\" (ls, status, decommission, "
                    + "recommission, drain)");
        }
        List<String> rest = args.subList(1, args.size());
        return switch (args.get(0)) {
            case "status" -> status(release, rest, out);
            case "ls" -> ls(rest, out);
            case "decommission" -> decommission(release, rest, out, err);
            case "recommission" -> recommission(rest, out);
            case "drain" -> drain(release, rest, out);
            default -> throw new CommandFailure("Error: unknown command \"" + args.get(0) + "\" for \"cockroach node\"");
        };
    }

    private static int status(Release release, List<String> args, PrintStream out) throws CommandFailure {
        Set<String> booleans = Set.of("ranges", "decommission", "stats", "all");
        Set<String> valued = release.hasStatusTimeout() ? Set.of() : Set.of();
        Flags f = Flags.parse(args, ClientFlags.spec(valued, booleans, Map.of()));
        if (f.value("timeout").isPresent() && !release.hasStatusTimeout()) {
            throw new CommandFailure("unknown flag: --timeout");
        }
        String target = ClientFlags.target(f);
        String format = ClientFlags.format(f);
        boolean all = f.flag("all");
        List<String> columns = NodeStatusFormat.columns(release, all || f.flag("ranges"), all || f.flag("decommission"),
                all || f.flag("stats"));
        JsonNode reply = ClientFlags.call(target, "STATUS", Rpc.object());
        List<List<String>> rows = new ArrayList<>();
        String only = f.positional().isEmpty() ? null : f.positional().get(0);
        for (JsonNode n : reply.get("nodes")) {
            boolean hidden = n.get("membership").asText().equals("decommissioned") && !n.get("is_live").asBoolean();
            if (only != null ? !n.get("id").asText().equals(only) : hidden) {
                continue;
            }
            List<String> row = new ArrayList<>();
            columns.forEach(c -> row.add(NodeStatusFormat.cell(n, c)));
            rows.add(row);
        }
        if (only != null && rows.isEmpty()) {
            throw new CommandFailure("ERROR: node " + only + " doesn't exist");
        }
        out.print(NodeStatusFormat.render(format, columns, rows));
        return 0;
    }

    private static int ls(List<String> args, PrintStream out) throws CommandFailure {
        Flags f = Flags.parse(args, ClientFlags.spec(Set.of(), Set.of(), Map.of()));
        String target = ClientFlags.target(f);
        JsonNode reply = ClientFlags.call(target, "STATUS", Rpc.object());
        List<List<String>> rows = new ArrayList<>();
        for (JsonNode n : reply.get("nodes")) {
            if (!(n.get("membership").asText().equals("decommissioned") && !n.get("is_live").asBoolean())) {
                rows.add(List.of(n.get("id").asText()));
            }
        }
        out.print(NodeStatusFormat.render(ClientFlags.format(f), List.of("id"), rows));
        return 0;
    }

    private static List<Integer> ids(Flags f) throws CommandFailure {
        if (f.positional().isEmpty()) {
            throw new CommandFailure("ERROR: no node ID specified");
        }
        List<Integer> ids = new ArrayList<>();
        for (String p : f.positional()) {
            try {
                ids.add(Integer.parseInt(p));
            } catch (NumberFormatException e) {
                throw new CommandFailure("ERROR: invalid node ID \"" + p + "\"");
            }
        }
        return ids;
    }

    private static ObjectNode idsBody(List<Integer> ids) {
        ObjectNode body = Rpc.object();
        var array = body.putArray("ids");
        ids.forEach(array::add);
        return body;
    }

    private static int decommission(Release release, List<String> args, PrintStream out, PrintStream err)
            throws CommandFailure {
        Flags f = Flags.parse(args, ClientFlags.spec(Set.of("wait", "checks"), Set.of("dry-run"), Map.of()));
        String wait = f.value("wait").orElse("all");
        if (!wait.equals("all") && !wait.equals("none")) {
            throw new CommandFailure("invalid argument \"" + wait + "\" for \"--wait\" flag: invalid value for --wait: "
                    + wait + " (possible values: all, none)");
        }
        String target = ClientFlags.target(f);
        String format = ClientFlags.format(f);
        List<Integer> ids = ids(f);
        ClientFlags.call(target, "DECOMMISSION", idsBody(ids));
        List<String> columns = NodeStatusFormat.decommissionColumns(release);
        if (wait.equals("none")) {
            out.print(NodeStatusFormat.render(format, columns, rowsFor(target, ids, columns)));
            return 0;
        }
        while (true) {
            List<List<String>> rows = rowsFor(target, ids, columns);
            out.print(NodeStatusFormat.render(format, columns, rows));
            out.flush();
            boolean done = rows.stream().allMatch(r -> r.get(columns.indexOf("replicas")).equals("0"));
            if (done) {
                ClientFlags.call(target, "FINISH_DECOMMISSION", idsBody(ids));
                out.print(NodeStatusFormat.render(format, columns, rowsFor(target, ids, columns)));
                out.println();
                out.println("No more data reported on target nodes. Please verify cluster health before removing the nodes.");
                return 0;
            }
            try {
                Thread.sleep(POLL_MILLIS); // the real CLI polls the replica counts too
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return 1;
            }
        }
    }

    private static List<List<String>> rowsFor(String target, List<Integer> ids, List<String> columns) throws CommandFailure {
        JsonNode reply = ClientFlags.call(target, "STATUS", Rpc.object());
        List<List<String>> rows = new ArrayList<>();
        for (JsonNode n : reply.get("nodes")) {
            if (ids.contains(n.get("id").asInt())) {
                List<String> row = new ArrayList<>();
                columns.forEach(c -> row.add(NodeStatusFormat.cell(n, c)));
                rows.add(row);
            }
        }
        return rows;
    }

    private static int recommission(List<String> args, PrintStream out) throws CommandFailure {
        Flags f = Flags.parse(args, ClientFlags.spec(Set.of(), Set.of(), Map.of()));
        String target = ClientFlags.target(f);
        ClientFlags.call(target, "RECOMMISSION", idsBody(ids(f)));
        out.println("ok");
        return 0;
    }

    /** v19.2+: drains the {@code --host} node; from v22.2 the node is named ({@code <id>} or {@code --self}). */
    private static int drain(Release release, List<String> args, PrintStream out) throws CommandFailure {
        if (!release.hasNodeDrain()) {
            throw new CommandFailure("Error: unknown command \"drain\" for \"cockroach node\"");
        }
        Flags f = Flags.parse(args, ClientFlags.spec(Set.of("drain-wait"), Set.of("self", "shutdown"), Map.of()));
        String target = ClientFlags.target(f);
        if (release.atLeast(22, 2) && f.positional().isEmpty() && !f.flag("self")) {
            throw new CommandFailure("ERROR: no node ID specified; use --self to target the node specified with --host");
        }
        if (!f.positional().isEmpty()) {
            String id = f.positional().get(0);
            JsonNode reply = ClientFlags.call(target, "STATUS", Rpc.object());
            String address = null;
            for (JsonNode n : reply.get("nodes")) {
                if (n.get("id").asText().equals(id)) {
                    address = n.get("address").asText();
                }
            }
            if (address == null) {
                throw new CommandFailure("ERROR: node " + id + " doesn't exist");
            }
            target = address;
        }
        ClientFlags.call(target, "DRAIN", Rpc.object());
        out.println("node is draining... remaining: 0 (complete)");
        out.println("ok");
        return 0;
    }
}
