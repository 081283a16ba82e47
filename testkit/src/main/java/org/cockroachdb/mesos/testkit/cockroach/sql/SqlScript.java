package org.cockroachdb.mesos.testkit.cockroach.sql;

import java.util.ArrayList;
import java.util.List;

/**
 * A SQL script (a dump, {@code cockroach sql < file}, a simple-query string with several statements)
 * as its statements, split at the semicolons that are not inside literals, quoted names or comments.
 */
public final class SqlScript {
    private SqlScript() {}

    /** The statements, trimmed, without their terminating semicolon; comment-only pieces are dropped. */
    public static List<String> statements(String script) {
        List<String> out = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        boolean hasCode = false;
        for (SqlLexer.Token t : SqlLexer.tokens(script)) {
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
