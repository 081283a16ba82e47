package org.cockroachdb.mesos.testkit.cockroach.pgwire;

import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;

/**
 * Cuts the client's byte stream into messages. Lengths are checked before anything is allocated, so
 * a hostile or confused length (2^31-1) ends the connection instead of the heap.
 */
final class FrontendReader {
    /** PostgreSQL's own limit for startup packets. */
    static final int MAX_STARTUP_LENGTH = 10_000;
    static final int MAX_MESSAGE_LENGTH = 64 << 20;

    private final DataInputStream in;

    FrontendReader(InputStream in) {
        this.in = new DataInputStream(in);
    }

    /** A startup-phase packet (length, then body; no type byte), or null if the client hung up first. */
    FrontendMessage readStartupPacket() throws IOException, ProtocolViolation {
        int first = in.read();
        if (first < 0) {
            return null;
        }
        int length = (first << 24) | (in.readUnsignedByte() << 16) | (in.readUnsignedByte() << 8) | in.readUnsignedByte();
        if (length < 8 || length > MAX_STARTUP_LENGTH) {
            throw new ProtocolViolation("invalid length of startup packet: " + length);
        }
        return new FrontendMessage((char) 0, readBody(length - 4));
    }

    /** The next typed message, or null if the client hung up between messages. */
    FrontendMessage readMessage() throws IOException, ProtocolViolation {
        int type = in.read();
        if (type < 0) {
            return null;
        }
        int length = in.readInt();
        if (length < 4 || length > MAX_MESSAGE_LENGTH) {
            throw new ProtocolViolation("invalid message length " + Integer.toUnsignedString(length)
                    + " for message type '" + (char) type + "' (at most " + MAX_MESSAGE_LENGTH + ")");
        }
        return new FrontendMessage((char) type, readBody(length - 4));
    }

    private byte[] readBody(int n) throws IOException {
        byte[] body = new byte[n];
        try {
            in.readFully(body);
        } catch (EOFException e) {
            throw new EOFException("client closed the connection in the middle of a message");
        }
        return body;
    }
}
