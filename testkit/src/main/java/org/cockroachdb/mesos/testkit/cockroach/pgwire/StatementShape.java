package org.cockroachdb.mesos.testkit.cockroach.pgwire;

import java.util.Locale;
import java.util.Set;
import org.cockroachdb.mesos.testkit.cockroach.sqltext.SqlLexer;
import org.cockroachdb.mesos.testkit.cockroach.sqltext.SqlLexer.Kind;
import org.cockroachdb.mesos.testkit.cockroach.sqltext.SqlLexer.Token;

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
        for (Token t : SqlLexer.tokens(sql)) {
            if (t.kind() == Kind.PARAMETER) {
                highest = Math.max(highest, parsePlaceholder(t.text().substring(1)));
            } else if (t.kind() == Kind.WORD) {
                if (first.isEmpty()) {
                    first = t.text().toUpperCase(Locale.ROOT);
                }
                returning |= t.isWord("RETURNING");
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
