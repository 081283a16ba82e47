package org.cockroachdb.mesos.testkit.cockroach.pgwire;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits a simple-query string into statements at top-level semicolons. Statements that hold nothing
 * but blanks and comments are dropped, as PostgreSQL drops them; leading blanks and comments are
 * trimmed so the backend sees each statement start with its first keyword.
 */
final class StatementSplitter {
    private StatementSplitter() {}

    static List<String> split(String sql) {
        List<String> statements = new ArrayList<>();
        int start = -1; // where the current statement's code begins; -1 while none seen yet
        int i = 0;
        while (i < sql.length()) {
            int skipped = SqlLexer.skipNonCode(sql, i);
            if (skipped != i) {
                if (start < 0 && !SqlLexer.isComment(sql, i)) {
                    start = i;
                }
                i = skipped;
                continue;
            }
            char c = sql.charAt(i);
            if (c == ';') {
                if (start >= 0) {
                    statements.add(sql.substring(start, i).strip());
                }
                start = -1;
            } else if (start < 0 && !Character.isWhitespace(c)) {
                start = i;
            }
            i++;
        }
        if (start >= 0) {
            statements.add(sql.substring(start).strip());
        }
        return statements;
    }
}
