package org.cockroachdb.mesos.testkit.cockroach.sqltext;

/**
 * Decodes the body of an {@code E'...'} literal: C-like backslash escapes (newline, tab, hex, unicode,
 * octal) and doubled quotes. Kept apart from {@link SqlLexer}, which only needs to know where such a
 * literal ends, not what it means.
 */
final class EscapeStringBody {
    private EscapeStringBody() {}

    static String decode(String body) {
        StringBuilder b = new StringBuilder(body.length());
        for (int i = 0; i < body.length(); i++) {
            char c = body.charAt(i);
            if (c == '\'' && i + 1 < body.length() && body.charAt(i + 1) == '\'') {
                b.append('\'');
                i++;
                continue;
            }
            if (c != '\\' || i + 1 >= body.length()) {
                b.append(c);
                continue;
            }
            char e = body.charAt(++i);
            switch (e) {
                case 'n' -> b.append('\n');
                case 't' -> b.append('\t');
                case 'r' -> b.append('\r');
                case 'b' -> b.append('\b');
                case 'f' -> b.append('\f');
                case 'x' -> {
                    int end = hexEnd(body, i + 1, 2);
                    b.append((char) Integer.parseInt(body.substring(i + 1, end), 16));
                    i = end - 1;
                }
                case 'u', 'U' -> {
                    int digits = e == 'u' ? 4 : 8;
                    int end = hexEnd(body, i + 1, digits);
                    b.appendCodePoint(Integer.parseInt(body.substring(i + 1, end), 16));
                    i = end - 1;
                }
                default -> {
                    if (e >= '0' && e <= '7') {
                        int end = i;
                        while (end < body.length() && end < i + 3 && body.charAt(end) >= '0' && body.charAt(end) <= '7') {
                            end++;
                        }
                        b.append((char) Integer.parseInt(body.substring(i, end), 8));
                        i = end - 1;
                    } else {
                        b.append(e);
                    }
                }
            }
        }
        return b.toString();
    }

    private static int hexEnd(String s, int from, int max) {
        int end = from;
        while (end < s.length() && end < from + max && Character.digit(s.charAt(end), 16) >= 0) {
            end++;
        }
        if (end == from) {
            throw new IllegalArgumentException("invalid escape in string literal");
        }
        return end;
    }
}
