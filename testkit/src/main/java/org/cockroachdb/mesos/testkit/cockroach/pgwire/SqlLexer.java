package org.cockroachdb.mesos.testkit.cockroach.pgwire;

/**
 * Knows where SQL text is not code: string literals ({@code '...'}, {@code E'...'}), quoted
 * identifiers ({@code "..."}), dollar-quoted strings ({@code $tag$...$tag$}) and comments
 * ({@code -- ...}, nested {@code /* ... *}{@code /}). Scanners use it to step over them, so a
 * semicolon or {@code $1} inside one is not mistaken for syntax.
 */
final class SqlLexer {
    private SqlLexer() {}

    /**
     * The index just past the literal, quoted identifier or comment starting at {@code i} (the end of
     * the text if it is unterminated), or {@code i} itself when code starts there.
     */
    static int skipNonCode(String sql, int i) {
        char c = sql.charAt(i);
        if (c == '\'') {
            return skipQuoted(sql, i, '\'', isEscapeStringPrefix(sql, i));
        }
        if (c == '"') {
            return skipQuoted(sql, i, '"', false);
        }
        if (c == '-' && i + 1 < sql.length() && sql.charAt(i + 1) == '-') {
            int eol = sql.indexOf('\n', i);
            return eol < 0 ? sql.length() : eol + 1;
        }
        if (c == '/' && i + 1 < sql.length() && sql.charAt(i + 1) == '*') {
            return skipBlockComment(sql, i);
        }
        if (c == '$') {
            return skipDollarQuoted(sql, i);
        }
        return i;
    }

    /** Whether the region starting at {@code i} (where {@link #skipNonCode} skips) is a comment. */
    static boolean isComment(String sql, int i) {
        return sql.startsWith("--", i) || sql.startsWith("/*", i);
    }

    static boolean isIdentifierPart(char c) {
        return Character.isLetterOrDigit(c) || c == '_' || c == '$' || c > 127;
    }

    /** E'...' strings take backslash escapes, so {@code \'} does not end them. */
    private static boolean isEscapeStringPrefix(String sql, int quote) {
        if (quote == 0) {
            return false;
        }
        char e = sql.charAt(quote - 1);
        return (e == 'E' || e == 'e') && (quote == 1 || !isIdentifierPart(sql.charAt(quote - 2)));
    }

    private static int skipQuoted(String sql, int start, char quote, boolean backslashEscapes) {
        int i = start + 1;
        while (i < sql.length()) {
            char c = sql.charAt(i);
            if (backslashEscapes && c == '\\') {
                i += 2;
            } else if (c == quote) {
                if (i + 1 < sql.length() && sql.charAt(i + 1) == quote) {
                    i += 2; // doubled quote stands for itself
                } else {
                    return i + 1;
                }
            } else {
                i++;
            }
        }
        return sql.length();
    }

    private static int skipBlockComment(String sql, int start) {
        int depth = 0;
        int i = start;
        while (i < sql.length()) {
            if (sql.startsWith("/*", i)) {
                depth++;
                i += 2;
            } else if (sql.startsWith("*/", i)) {
                depth--;
                i += 2;
                if (depth == 0) {
                    return i;
                }
            } else {
                i++;
            }
        }
        return sql.length();
    }

    /**
     * {@code $tag$ ... $tag$} with an empty or identifier-like tag. A {@code $} inside an identifier
     * ({@code a$b}) or before a digit ({@code $1}, a parameter) does not open one.
     */
    private static int skipDollarQuoted(String sql, int start) {
        if (start > 0 && isIdentifierPart(sql.charAt(start - 1))) {
            return start;
        }
        int i = start + 1;
        if (i < sql.length() && Character.isDigit(sql.charAt(i))) {
            return start;
        }
        while (i < sql.length() && sql.charAt(i) != '$') {
            char c = sql.charAt(i);
            if (!(Character.isLetterOrDigit(c) || c == '_' || c > 127)) {
                return start;
            }
            i++;
        }
        if (i >= sql.length()) {
            return start;
        }
        String tag = sql.substring(start, i + 1);
        int close = sql.indexOf(tag, i + 1);
        return close < 0 ? sql.length() : close + tag.length();
    }
}
