package org.cockroachdb.mesos.http;

import com.google.protobuf.ByteString;
import java.nio.ByteBuffer;
import java.util.UUID;

/**
 * Mesos's binary UUIDs ({@code TaskStatus.uuid}, acknowledgement uuids, {@code OperationStatus.uuid}):
 * 16 raw RFC 4122 bytes, most significant half first, version 1 to 5, as {@code UUID::fromBytes} checks.
 */
public final class MesosUuid {
    private MesosUuid() {}

    public static ByteString random() {
        UUID uuid = UUID.randomUUID();
        return ByteString.copyFrom(ByteBuffer.allocate(16)
                .putLong(uuid.getMostSignificantBits())
                .putLong(uuid.getLeastSignificantBits())
                .array());
    }

    /** Whether Mesos would take these bytes, or answer 400 "Not a valid UUID". */
    public static boolean isValid(ByteString bytes) {
        if (bytes.size() != 16) {
            return false;
        }
        int version = (bytes.byteAt(6) >> 4) & 0x0f;
        return version >= 1 && version <= 5;
    }
}
