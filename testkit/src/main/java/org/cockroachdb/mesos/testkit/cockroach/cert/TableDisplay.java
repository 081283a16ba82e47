package org.cockroachdb.mesos.testkit.cockroach.cert;

import java.io.PrintStream;
import java.util.List;

/**
 * How cockroach's CLI prints a result table: {@code table} on a terminal (its borderless tablewriter
 * layout, headers centred, cells left-aligned, then {@code (N rows)}) and {@code tsv} when the output is
 * redirected (Go's csv writer with tabs, no footer). With no rows neither prints anything.
 */
enum TableDisplay {
    TABLE {
        @Override
        void render(List<String> headers, List<List<String>> rows, PrintStream out) {
            int[] widths = new int[headers.size()];
            for (int c = 0; c < widths.length; c++) {
                widths[c] = width(headers.get(c));
                for (List<String> row : rows) {
                    widths[c] = Math.max(widths[c], width(row.get(c)));
                }
            }
            StringBuilder header = new StringBuilder(" ");
            StringBuilder separator = new StringBuilder("-");
            for (int c = 0; c < widths.length; c++) {
                boolean last = c == widths.length - 1;
                header.append(' ').append(centred(headers.get(c), widths[c])).append(' ').append(last ? " " : "|");
                separator.append("-".repeat(widths[c] + 2)).append(last ? "-" : "+");
            }
            out.print(header.append('\n'));
            out.print(separator.append('\n'));
            for (List<String> row : rows) {
                StringBuilder line = new StringBuilder();
                for (int c = 0; c < widths.length; c++) {
                    line.append(c == 0 ? " " : "|").append(' ').append(leftAligned(row.get(c), widths[c])).append(' ');
                }
                out.print(line.append(" \n"));
            }
            out.print("(" + rows.size() + (rows.size() == 1 ? " row)\n" : " rows)\n"));
        }
    },
    TSV {
        @Override
        void render(List<String> headers, List<List<String>> rows, PrintStream out) {
            out.print(tsvLine(headers));
            for (List<String> row : rows) {
                out.print(tsvLine(row));
            }
        }
    };

    /** Callers skip rendering when there are no rows; see the class comment. */
    abstract void render(List<String> headers, List<List<String>> rows, PrintStream out);

    private static int width(String s) {
        return s.codePointCount(0, s.length());
    }

    /** tablewriter's Pad: the odd space goes to the right. */
    private static String centred(String s, int width) {
        int gap = width - width(s);
        int left = gap / 2;
        return " ".repeat(left) + s + " ".repeat(gap - left);
    }

    private static String leftAligned(String s, int width) {
        return s + " ".repeat(width - width(s));
    }

    private static String tsvLine(List<String> fields) {
        StringBuilder line = new StringBuilder();
        for (int i = 0; i < fields.size(); i++) {
            line.append(i == 0 ? "" : "\t").append(tsvField(fields.get(i)));
        }
        return line.append('\n').toString();
    }

    /** Go's encoding/csv quotes a field holding the separator, a quote, a line break or a leading space. */
    private static String tsvField(String field) {
        boolean quote = !field.isEmpty() && (field.equals("\\.") || field.contains("\t") || field.contains("\"")
                || field.contains("\r") || field.contains("\n") || Character.isWhitespace(field.codePointAt(0)));
        return quote ? "\"" + field.replace("\"", "\"\"") + "\"" : field;
    }
}
