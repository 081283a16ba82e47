package org.cockroachdb.mesos.testkit.cockroach.sqltext;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Splits PostgreSQL/CockroachDB SQL text into tokens, keeping every character (whitespace and comments
 * included) so that a statement can be rewritten token by token and put back together. It knows just
 * enough of the grammar to never mistake the inside of a literal, quoted name or comment for code.
 * Both the wire server (statement shapes) and the SQL layer (rewriting, statement splitting) read SQL
 * through it, so the two can never disagree about where a statement ends.
 */
public final class SqlLexer {

    public enum Kind {
        WORD,
        QUOTED_NAME,
        /** {@code '...'} (standard conforming: backslash is an ordinary character). */
        STRING,
        /** {@code E'...'}: backslash escapes. */
        ESCAPE_STRING,
        /** {@code X'0a1b'}. */
        HEX_STRING,
        /** {@code $tag$...$tag$}. */
        DOLLAR_STRING,
        NUMBER,
        /** {@code $1}. */
        PARAMETER,
        /** Operators and punctuation, one token each: {@code ( ) , ; . :: := <= ->> ...}. */
        SYMBOL,
        SPACE,
        COMMENT
    }

    public record Token(Kind kind, String text) {

        public boolean significant() {
            return kind != Kind.SPACE && kind != Kind.COMMENT;
        }

        public boolean isWord(String word) {
            return kind == Kind.WORD && text.equalsIgnoreCase(word);
        }

        public boolean isSymbol(String symbol) {
            return kind == Kind.SYMBOL && text.equals(symbol);
        }

        public boolean isString() {
            return kind == Kind.STRING || kind == Kind.ESCAPE_STRING || kind == Kind.DOLLAR_STRING;
        }

        /** A name as SQL means it: unquoted words fold to lower case, quoted names keep theirs. */
        public String name() {
            if (kind == Kind.QUOTED_NAME) {
                return text.substring(1, text.length() - 1).replace("\"\"", "\"");
            }
            return text.toLowerCase(Locale.ROOT);
        }

        /** The value of a string literal of any kind. */
        public String stringValue() {
            return switch (kind) {
                case STRING -> text.substring(1, text.length() - 1).replace("''", "'");
                case ESCAPE_STRING -> EscapeStringBody.decode(text.substring(2, text.length() - 1));
                case DOLLAR_STRING -> {
                    int tagEnd = text.indexOf('$', 1) + 1;
                    yield text.substring(tagEnd, text.length() - tagEnd);
                }
                default -> throw new IllegalStateException("not a string literal: " + text);
            };
        }
    }

    private static final String MULTI_CHAR_SYMBOLS_3 = "->>|#>>";
    private static final List<String> MULTI_CHAR_SYMBOLS_2 =
            List.of("::", ":=", "<=", ">=", "<>", "!=", "||", "->", "#>", "@>", "<@", "=>", "<<", ">>", "?|", "?&");

    private SqlLexer() {}

    public static List<Token> tokens(String sql) {
        List<Token> out = new ArrayList<>();
        int i = 0;
        int n = sql.length();
        while (i < n) {
            int start = i;
            char c = sql.charAt(i);
            Kind kind;
            if (Character.isWhitespace(c)) {
                while (i < n && Character.isWhitespace(sql.charAt(i))) {
                    i++;
                }
                kind = Kind.SPACE;
            } else if (c == '-' && i + 1 < n && sql.charAt(i + 1) == '-') {
                while (i < n && sql.charAt(i) != '\n') {
                    i++;
                }
                kind = Kind.COMMENT;
            } else if (c == '/' && i + 1 < n && sql.charAt(i + 1) == '*') {
                i = blockCommentEnd(sql, i);
                kind = Kind.COMMENT;
            } else if (c == '\'') {
                i = quotedEnd(sql, i, '\'', false);
                kind = Kind.STRING;
            } else if (c == '"') {
                i = quotedEnd(sql, i, '"', false);
                kind = Kind.QUOTED_NAME;
            } else if ((c == 'e' || c == 'E') && i + 1 < n && sql.charAt(i + 1) == '\'' && !followsIdentifier(sql, i)) {
                i = quotedEnd(sql, i + 1, '\'', true);
                kind = Kind.ESCAPE_STRING;
            } else if ((c == 'x' || c == 'X') && i + 1 < n && sql.charAt(i + 1) == '\'' && !followsIdentifier(sql, i)) {
                i = quotedEnd(sql, i + 1, '\'', false);
                kind = Kind.HEX_STRING;
            } else if (c == '$' && i + 1 < n && Character.isDigit(sql.charAt(i + 1)) && !followsIdentifier(sql, i)) {
                i++;
                while (i < n && Character.isDigit(sql.charAt(i))) {
                    i++;
                }
                kind = Kind.PARAMETER;
            } else if (c == '$' && !followsIdentifier(sql, i) && dollarTagEnd(sql, i) > 0) {
                int tagEnd = dollarTagEnd(sql, i);
                String tag = sql.substring(i, tagEnd);
                int close = sql.indexOf(tag, tagEnd);
                i = close < 0 ? n : close + tag.length();
                kind = Kind.DOLLAR_STRING;
            } else if (isWordStart(c)) {
                while (i < n && isWordPart(sql.charAt(i))) {
                    i++;
                }
                kind = Kind.WORD;
            } else if (Character.isDigit(c) || (c == '.' && i + 1 < n && Character.isDigit(sql.charAt(i + 1)))) {
                i = numberEnd(sql, i);
                kind = Kind.NUMBER;
            } else {
                i += symbolLength(sql, i);
                kind = Kind.SYMBOL;
            }
            out.add(new Token(kind, sql.substring(start, i)));
        }
        return out;
    }

    public static List<Token> significant(List<Token> tokens) {
        return tokens.stream().filter(Token::significant).toList();
    }

    private static int blockCommentEnd(String sql, int i) {
        // PostgreSQL block comments nest.
        int depth = 0;
        int n = sql.length();
        while (i < n) {
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
        return n;
    }

    /** End (exclusive) of a literal opened by {@code quote} at {@code i}; doubled quotes stay inside. */
    private static int quotedEnd(String sql, int i, char quote, boolean backslashEscapes) {
        int n = sql.length();
        i++;
        while (i < n) {
            char c = sql.charAt(i);
            if (backslashEscapes && c == '\\') {
                i += 2;
            } else if (c == quote) {
                if (i + 1 < n && sql.charAt(i + 1) == quote) {
                    i += 2;
                } else {
                    return i + 1;
                }
            } else {
                i++;
            }
        }
        return n;
    }

    /** End of a {@code $tag$} opener at {@code i}, or -1 when it is not one. */
    private static int dollarTagEnd(String sql, int i) {
        int j = i + 1;
        while (j < sql.length() && isDollarTagPart(sql.charAt(j))) {
            j++;
        }
        return j < sql.length() && sql.charAt(j) == '$' ? j + 1 : -1;
    }

    private static int numberEnd(String sql, int i) {
        int n = sql.length();
        while (i < n && (Character.isDigit(sql.charAt(i)) || sql.charAt(i) == '.')) {
            i++;
        }
        if (i < n && (sql.charAt(i) == 'e' || sql.charAt(i) == 'E')) {
            int j = i + 1;
            if (j < n && (sql.charAt(j) == '+' || sql.charAt(j) == '-')) {
                j++;
            }
            if (j < n && Character.isDigit(sql.charAt(j))) {
                i = j;
                while (i < n && Character.isDigit(sql.charAt(i))) {
                    i++;
                }
            }
        }
        return i;
    }

    private static int symbolLength(String sql, int i) {
        for (String s : MULTI_CHAR_SYMBOLS_3.split("\\|")) {
            if (sql.startsWith(s, i)) {
                return s.length();
            }
        }
        for (String s : MULTI_CHAR_SYMBOLS_2) {
            if (sql.startsWith(s, i)) {
                return 2;
            }
        }
        return 1;
    }

    private static boolean isWordStart(char c) {
        return Character.isLetter(c) || c == '_';
    }

    private static boolean isWordPart(char c) {
        return Character.isLetterOrDigit(c) || c == '_' || c == '$';
    }

    /** Like PostgreSQL, any non-ASCII character may appear in a dollar-quote tag. */
    private static boolean isDollarTagPart(char c) {
        return Character.isLetterOrDigit(c) || c == '_' || c > 127;
    }

    /**
     * Whether the character before {@code i} could end an identifier or number. Then a {@code $} there is
     * neither a parameter nor a dollar quote ({@code a$1}, {@code 1$a$}), and an {@code E'} or {@code X'}
     * is a name followed by a plain string rather than a string prefix.
     */
    private static boolean followsIdentifier(String sql, int i) {
        if (i == 0) {
            return false;
        }
        char before = sql.charAt(i - 1);
        return Character.isLetterOrDigit(before) || before == '_' || before == '$' || before > 127;
    }
}
