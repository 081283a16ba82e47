package org.cockroachdb.mesos.testkit.cockroach.pgwire;

import java.util.Locale;
import java.util.Set;

/**
 * What the wire server can tell about one statement from its text alone: how many parameters it
 * takes (the highest {@code $n}) and whether it might return rows.
 */
record StatementShape(int parameterCount, String firstKeyword, boolean mentionsReturning) {
    private static final Set<String> ROW_RETURNING_KEYWORDS =
            Set.of("SELECT", "VALUES", "TABLE", "WITH", "SHOW", "EXPLAIN", "FETCH");

    static StatementShape of(String sql) {
        int highest = 0;
        String first = "";
        boolean returning = false;
        int i = 0;
        while (i < sql.length()) {
            int skipped = SqlLexer.skipNonCode(sql, i);
            if (skipped != i) {
                i = skipped;
                continue;
            }
            char c = sql.charAt(i);
            if (c == '$' && (i == 0 || !SqlLexer.isIdentifierPart(sql.charAt(i - 1)))) {
                int end = i + 1;
                while (end < sql.length() && Character.isDigit(sql.charAt(end))) {
                    end++;
                }
                if (end > i + 1) {
                    highest = Math.max(highest, parsePlaceholder(sql.substring(i + 1, end)));
                }
                i = Math.max(end, i + 1);
            } else if (SqlLexer.isIdentifierPart(c)) {
                int end = i;
                while (end < sql.length() && SqlLexer.isIdentifierPart(sql.charAt(end))) {
                    end++;
                }
                String word = sql.substring(i, end).toUpperCase(Locale.ROOT);
                if (first.isEmpty()) {
                    first = word;
                }
                returning |= word.equals("RETURNING");
                i = end;
            } else {
                i++;
            }
        }
        return new StatementShape(highest, first, returning);
    }

    boolean mayReturnRows() {
        return mentionsReturning || ROW_RETURNING_KEYWORDS.contains(firstKeyword);
    }

    /** Placeholders beyond what a Bind can carry are left for the backend to reject. */
    private static int parsePlaceholder(String digits) {
        try {
            return Math.min(Integer.parseInt(digits), 65_535);
        } catch (NumberFormatException e) {
            return 65_535;
        }
    }
}
