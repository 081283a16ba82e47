package org.cockroachdb.mesos.testkit.cockroach.pgwire;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;

/**
 * BYTEA's text forms: hex ({@code \x0a1b}, what PostgreSQL and CockroachDB print) and the older
 * escape form ({@code a\\000b}), which clients may still send.
 */
final class ByteaText {
    private static final HexFormat HEX = HexFormat.of();

    private ByteaText() {}

    static String format(byte[] bytes) {
        return "\\x" + HEX.formatHex(bytes);
    }

    static byte[] parse(String text) {
        if (text.startsWith("\\x")) {
            return HEX.parseHex(text.substring(2));
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(text.length());
        int i = 0;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (c != '\\') {
                int next = text.indexOf('\\', i);
                int end = next < 0 ? text.length() : next;
                out.writeBytes(text.substring(i, end).getBytes(StandardCharsets.UTF_8));
                i = end;
            } else if (i + 1 < text.length() && text.charAt(i + 1) == '\\') {
                out.write('\\');
                i += 2;
            } else if (i + 3 < text.length() && isOctal(text, i + 1)) {
                out.write(Integer.parseInt(text.substring(i + 1, i + 4), 8));
                i += 4;
            } else {
                throw new IllegalArgumentException("invalid input syntax for type bytea");
            }
        }
        return out.toByteArray();
    }

    private static boolean isOctal(String text, int from) {
        for (int k = from; k < from + 3; k++) {
            char c = text.charAt(k);
            if (c < '0' || c > '7') {
                return false;
            }
        }
        return true;
    }
}
