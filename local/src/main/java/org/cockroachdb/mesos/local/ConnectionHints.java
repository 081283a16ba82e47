package org.cockroachdb.mesos.local;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** What local-cluster prints once the deploy plan is complete: where to connect, and how. */
final class ConnectionHints {
    private ConnectionHints() {}

    /** The {@code address} entries of a {@code /v1/endpoints/pg} answer. */
    static List<String> addresses(JsonNode endpoints) {
        List<String> out = new ArrayList<>();
        endpoints.path("address").forEach(a -> out.add(a.asText()));
        return out;
    }

    static List<String> lines(List<String> pgAddresses, Path cockroach, String apiUri) {
        List<String> lines = new ArrayList<>();
        lines.add("CockroachDB is up: " + pgAddresses.size() + " node(s)");
        lines.add("  pg endpoints:  " + String.join(", ", pgAddresses));
        if (!pgAddresses.isEmpty()) {
            String first = pgAddresses.get(0);
            lines.add("  SQL shell:     " + cockroach + " sql --insecure --host=" + first);
            lines.add("  psql:          psql 'postgresql://root@" + first + "/defaultdb?sslmode=disable'");
            lines.add("  JDBC:          jdbc:postgresql://" + first + "/defaultdb?sslmode=disable&user=root");
        }
        lines.add("  scheduler API: " + apiUri + "  (e.g. " + apiUri + "/v1/plans/deploy, " + apiUri + "/v1/pod/status)");
        lines.add("Ctrl-C stops everything.");
        return lines;
    }
}
