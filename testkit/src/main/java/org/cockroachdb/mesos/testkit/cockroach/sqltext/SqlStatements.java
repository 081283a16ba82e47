package org.cockroachdb.mesos.testkit.cockroach.sqltext;

import java.util.ArrayList;
import java.util.List;

/**
 * SQL text holding several statements (a dump, {@code cockroach sql < file}, a simple-query string) as
 * its statements, split at the semicolons that are not inside literals, quoted names or comments.
 */
public final class SqlStatements {
    private SqlStatements() {}

    /**
     * The statements, trimmed, without their terminating semicolon. Pieces holding nothing but blanks
     * and comments are dropped, as PostgreSQL drops them, and leading comments are cut so each statement
     * starts with its first keyword.
     */
    public static List<String> split(String sql) {
        List<String> out = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        boolean hasCode = false;
        for (SqlLexer.Token t : SqlLexer.tokens(sql)) {
            if (t.isSymbol(";")) {
                if (hasCode) {
                    out.add(current.toString().strip());
                }
                current.setLength(0);
                hasCode = false;
                continue;
            }
            if (!hasCode && !t.significant()) {
                continue; // leading whitespace and comments belong to no statement
            }
            hasCode = true;
            current.append(t.text());
        }
        if (hasCode) {
            out.add(current.toString().strip());
        }
        return out;
    }
}
