package org.cockroachdb.mesos.testkit.cockroach.cli;

import java.io.IOException;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import com.fasterxml.jackson.databind.JsonNode;
import org.cockroachdb.mesos.testkit.cockroach.Release;
import org.cockroachdb.mesos.testkit.cockroach.node.Rpc;

/**
 * The connection flags every client command shares ({@code --host}, {@code --insecure},
 * {@code --certs-dir}, {@code --url}, 2.x's {@code --port}), and reaching the node they name.
 */
final class ClientFlags {
    static final Set<String> VALUED = Set.of("host", "port", "certs-dir", "url", "format", "timeout", "user",
            "cluster-name");
    static final Set<String> BOOLEANS = Set.of("insecure", "disable-cluster-name-verification");

    private ClientFlags() {}

    static Flags.Spec spec(Set<String> moreValued, Set<String> moreBooleans, Map<Character, String> shorthands) {
        Set<String> valued = new HashSet<>(VALUED);
        valued.addAll(moreValued);
        Set<String> booleans = new HashSet<>(BOOLEANS);
        booleans.addAll(moreBooleans);
        java.util.Map<Character, String> sh = new java.util.HashMap<>(Map.of('p', "port", 'u', "user"));
        sh.putAll(shorthands);
        return new Flags.Spec(valued, booleans, sh);
    }

    /** {@code host:port} from {@code --host} (and 2.x {@code --port}), or from {@code --url}. */
    static String target(Flags f) throws CommandFailure {
        if (f.value("url").isPresent()) {
            java.net.URI u = java.net.URI.create(f.value("url").get());
            return u.getHost() + ":" + (u.getPort() < 0 ? 26257 : u.getPort());
        }
        String host = f.value("host").orElse("localhost");
        if (f.value("port").isPresent()) {
            host = host.replaceAll(":\\d+$", "") + ":" + f.value("port").get();
        }
        if (!f.flag("insecure") && f.value("certs-dir").isEmpty()) {
            throw new CommandFailure("ERROR: cannot load certificates.\n"
                    + "Check your certificate settings, set --certs-dir, or use --insecure for insecure clusters.\n\n"
                    + "problem with CA certificate: not found");
        }
        return host.contains(":") ? host : host + ":26257";
    }

    /** One RPC to the target node, failing the way cockroach's CLI fails to dial. */
    static JsonNode call(String target, String verb, JsonNode body) throws CommandFailure {
        try {
            JsonNode reply = Rpc.call(target, verb, body, 30_000);
            if (reply.has("error")) {
                throw new CommandFailure("ERROR: " + reply.get("error").asText());
            }
            return reply;
        } catch (IOException e) {
            throw cannotDial(target, e);
        }
    }

    static CommandFailure cannotDial(String target, IOException e) {
        String why = e instanceof java.net.ConnectException ? "connect: connection refused" : e.getMessage();
        return new CommandFailure("ERROR: cannot dial server.\nIs the server running?\n"
                + "If the server is running, check --host client-side and --advertise server-side.\n\n"
                + "dial tcp " + target + ": " + why);
    }

    /** cockroach prints tables on a terminal and TSV otherwise, unless {@code --format} says. */
    static String format(Flags f) throws CommandFailure {
        String fmt = f.value("format").orElse(System.console() == null ? "tsv" : "table");
        if (!List.of("csv", "tsv", "table", "records", "sql", "html", "raw").contains(fmt)) {
            throw new CommandFailure("invalid argument \"" + fmt + "\" for \"--format\" flag: invalid table display format: "
                    + fmt + " (possible values: tsv, csv, table, records, sql, html, raw)");
        }
        return fmt.equals("csv") || fmt.equals("tsv") ? fmt : "table";
    }

    static Release release() {
        return Release.fromEnvironment();
    }
}
