package org.cockroachdb.mesos.testkit.cockroach.node;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import org.cockroachdb.mesos.testkit.cockroach.Release;

/**
 * The columns of {@code node status} by release and by flag, and cockroach's output formats
 * ({@code csv}, {@code tsv}, {@code table}). Orchestrators must parse by header name: the
 * positions differ between releases, and so they do here.
 */
public final class NodeStatusFormat {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSSSSS")
            .withZone(ZoneOffset.UTC);

    private NodeStatusFormat() {}

    static String timestamp(long epochMillis) {
        return TIME.format(Instant.ofEpochMilli(epochMillis));
    }

    public static List<String> columns(Release r, boolean ranges, boolean decommission, boolean stats) {
        List<String> c = new ArrayList<>(List.of("id", "address"));
        if (r.atLeast(20, 1)) {
            c.add("sql_address");
        }
        c.addAll(List.of("build", "started_at", "updated_at"));
        if (r.atLeast(20, 2)) {
            c.add("locality");
        }
        c.addAll(List.of("is_available", "is_live"));
        if (ranges) {
            c.addAll(List.of("replicas_leaders", "replicas_leaseholders", "ranges", "ranges_unavailable",
                    "ranges_underreplicated"));
        }
        if (stats) {
            c.addAll(List.of("live_bytes", "key_bytes", "value_bytes", "intent_bytes", "system_bytes"));
        }
        if (decommission) {
            c.addAll(List.of("gossiped_replicas", "is_decommissioning"));
            if (r.hasMembership()) {
                c.add("membership");
            }
            c.add("is_draining");
        }
        return c;
    }

    /** The table {@code node decommission} prints while it waits. */
    public static List<String> decommissionColumns(Release r) {
        List<String> c = new ArrayList<>(List.of("id", "is_live", "replicas", "is_decommissioning"));
        if (r.hasMembership()) {
            c.add("membership");
        }
        c.add("is_draining");
        return c;
    }

    public static String cell(JsonNode row, String column) {
        if (column.equals("replicas")) {
            column = "gossiped_replicas";
        }
        JsonNode v = row.get(column);
        if (v == null || v.isNull()) {
            return column.endsWith("_bytes") ? "0" : "NULL";
        }
        return v.asText();
    }

    public static String render(String format, List<String> columns, List<List<String>> rows) {
        StringBuilder b = new StringBuilder();
        switch (format) {
            case "csv", "tsv" -> {
                String sep = format.equals("csv") ? "," : "\t";
                b.append(String.join(sep, columns)).append('\n');
                for (List<String> r : rows) {
                    List<String> cells = new ArrayList<>();
                    for (String c : r) {
                        cells.add(format.equals("csv") && (c.contains(",") || c.contains("\"")) ? "\"" + c.replace("\"", "\"\"") + "\"" : c);
                    }
                    b.append(String.join(sep, cells)).append('\n');
                }
            }
            default -> {
                int[] width = new int[columns.size()];
                for (int i = 0; i < columns.size(); i++) {
                    width[i] = columns.get(i).length();
                    for (List<String> r : rows) {
                        width[i] = Math.max(width[i], r.get(i).length());
                    }
                }
                List<String> header = new ArrayList<>();
                List<String> rule = new ArrayList<>();
                for (int i = 0; i < columns.size(); i++) {
                    header.add(" " + center(columns.get(i), width[i]) + " ");
                    rule.add("-".repeat(width[i] + 2));
                }
                b.append(String.join("|", header)).append('\n').append(String.join("+", rule)).append('\n');
                for (List<String> r : rows) {
                    List<String> cells = new ArrayList<>();
                    for (int i = 0; i < r.size(); i++) {
                        cells.add(" " + String.format("%" + width[i] + "s", r.get(i)) + " ");
                    }
                    b.append(String.join("|", cells)).append('\n');
                }
                b.append('(').append(rows.size()).append(rows.size() == 1 ? " row)" : " rows)").append('\n');
            }
        }
        return b.toString();
    }

    private static String center(String s, int width) {
        int left = (width - s.length()) / 2;
        return " ".repeat(left) + s + " ".repeat(width - s.length() - left);
    }
}
