package org.cockroachdb.mesos.testkit.emulator.cluster;

import com.google.protobuf.ByteString;
import java.nio.ByteBuffer;
import java.util.UUID;

/** Status-update uuids: 16 raw RFC 4122 bytes, version 1 to 5, as Mesos checks them. */
public final class Uuids {
    private Uuids() {}

    public static ByteString random() {
        UUID u = UUID.randomUUID();
        return ByteString.copyFrom(ByteBuffer.allocate(16).putLong(u.getMostSignificantBits())
                .putLong(u.getLeastSignificantBits()).array());
    }

    public static boolean valid(ByteString bytes) {
        if (bytes.size() != 16) {
            return false;
        }
        int version = (bytes.byteAt(6) >> 4) & 0x0f;
        return version >= 1 && version <= 5;
    }

    public static String text(ByteString bytes) {
        if (bytes.size() != 16) {
            return bytes.toStringUtf8();
        }
        ByteBuffer b = bytes.asReadOnlyByteBuffer();
        return new UUID(b.getLong(), b.getLong()).toString();
    }
}
