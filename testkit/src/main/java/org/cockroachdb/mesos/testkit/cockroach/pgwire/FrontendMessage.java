package org.cockroachdb.mesos.testkit.cockroach.pgwire;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * One message from the client: its type byte (0 for the untyped startup-phase packets) and its body,
 * read front to back. Every read checks the body's bounds, so a message whose fields overrun its
 * declared length is a {@link ProtocolViolation} rather than a misread of the next message.
 */
final class FrontendMessage {
    private final char type;
    private final ByteBuffer body;

    FrontendMessage(char type, byte[] body) {
        this.type = type;
        this.body = ByteBuffer.wrap(body);
    }

    char type() {
        return type;
    }

    byte readByte() throws ProtocolViolation {
        need(1);
        return body.get();
    }

    short readInt16() throws ProtocolViolation {
        need(2);
        return body.getShort();
    }

    int readInt32() throws ProtocolViolation {
        need(4);
        return body.getInt();
    }

    byte[] readBytes(int n) throws ProtocolViolation {
        if (n < 0) {
            throw new ProtocolViolation("negative field length " + n + " in message '" + printable() + "'");
        }
        need(n);
        byte[] b = new byte[n];
        body.get(b);
        return b;
    }

    /** A NUL-terminated UTF-8 string. */
    String readCString() throws ProtocolViolation {
        int start = body.position();
        for (int i = start; i < body.limit(); i++) {
            if (body.get(i) == 0) {
                String s = new String(body.array(), start, i - start, StandardCharsets.UTF_8);
                body.position(i + 1);
                return s;
            }
        }
        throw new ProtocolViolation("unterminated string in message '" + printable() + "'");
    }

    boolean atEnd() {
        return !body.hasRemaining();
    }

    /** Trailing bytes mean client and server disagree about the message's layout. */
    void expectEnd() throws ProtocolViolation {
        if (body.hasRemaining()) {
            throw new ProtocolViolation("invalid message format: " + body.remaining()
                    + " unexpected trailing bytes in message '" + printable() + "'");
        }
    }

    private void need(int n) throws ProtocolViolation {
        if (body.remaining() < n) {
            throw new ProtocolViolation("insufficient data left in message '" + printable() + "'");
        }
    }

    private String printable() {
        return type == 0 ? "startup" : String.valueOf(type);
    }
}
