package org.cockroachdb.mesos.testkit.cockroach.pgwire;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The packets before a session exists: encryption requests (refused: this server speaks plain TCP,
 * and clients with {@code sslmode=prefer} carry on without), cancel requests (not supported; the
 * connection is just closed, as a server does after handling one) and the v3 StartupMessage.
 */
final class StartupHandshake {
    static final int PROTOCOL_3_0 = 3 << 16;
    static final int CANCEL_REQUEST = 80877102;
    static final int SSL_REQUEST = 80877103;
    static final int GSSENC_REQUEST = 80877104;
    /** A client may ask for SSL and for GSS encryption, once each, before its StartupMessage. */
    private static final int MAX_ENCRYPTION_REQUESTS = 2;

    private final FrontendReader reader;
    private final BackendWriter writer;

    StartupHandshake(FrontendReader reader, BackendWriter writer) {
        this.reader = reader;
        this.writer = writer;
    }

    /** Whether the first eight bytes of a connection are how a PostgreSQL client starts. */
    static boolean isStartPacket(byte[] head) {
        if (head.length < 8) {
            return false;
        }
        int length = int32(head, 0);
        int code = int32(head, 4);
        if (length < 8 || length > FrontendReader.MAX_STARTUP_LENGTH) {
            return false;
        }
        return code == SSL_REQUEST || code == GSSENC_REQUEST || code == CANCEL_REQUEST || code >>> 16 == 3;
    }

    /** The startup parameters, or empty when the client hung up or only wanted to cancel. */
    Optional<Map<String, String>> perform() throws IOException, ProtocolViolation {
        for (int attempt = 0; attempt <= MAX_ENCRYPTION_REQUESTS; attempt++) {
            FrontendMessage packet = reader.readStartupPacket();
            if (packet == null) {
                return Optional.empty();
            }
            int code = packet.readInt32();
            if (code == SSL_REQUEST || code == GSSENC_REQUEST) {
                packet.expectEnd();
                writer.refuseEncryption();
                writer.flush();
            } else if (code == CANCEL_REQUEST) {
                return Optional.empty();
            } else if (code >>> 16 == 3) {
                return Optional.of(startupParameters(packet, code & 0xFFFF));
            } else {
                throw new ProtocolViolation("unsupported frontend protocol " + (code >>> 16) + "." + (code & 0xFFFF)
                        + ": server supports 3.0 to 3.0");
            }
        }
        throw new ProtocolViolation("too many encryption requests before the startup message");
    }

    /**
     * Name/value pairs up to an empty name. A newer 3.x minor version or {@code _pq_.} protocol
     * options are answered with NegotiateProtocolVersion, which lets the client fall back to 3.0.
     */
    private Map<String, String> startupParameters(FrontendMessage packet, int minorVersion)
            throws IOException, ProtocolViolation {
        Map<String, String> params = new LinkedHashMap<>();
        List<String> unrecognized = new ArrayList<>();
        while (true) {
            String name = packet.readCString();
            if (name.isEmpty()) {
                break;
            }
            String value = packet.readCString();
            if (name.startsWith("_pq_.")) {
                unrecognized.add(name);
            } else {
                params.put(name, value);
            }
        }
        packet.expectEnd();
        if (minorVersion > 0 || !unrecognized.isEmpty()) {
            writer.negotiateProtocolVersion(0, unrecognized);
        }
        return params;
    }

    private static int int32(byte[] b, int at) {
        return ((b[at] & 0xFF) << 24) | ((b[at + 1] & 0xFF) << 16) | ((b[at + 2] & 0xFF) << 8) | (b[at + 3] & 0xFF);
    }
}
