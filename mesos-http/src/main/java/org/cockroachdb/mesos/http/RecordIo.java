package org.cockroachdb.mesos.http;

import java.nio.charset.StandardCharsets;

/** RecordIO framing as Mesos uses it: {@code <decimal length>\n<exactly length bytes>}, no separator. */
public final class RecordIo {
    /** Default cap on one record; a Mesos event larger than this means a broken or hostile stream. */
    public static final int DEFAULT_MAX_RECORD_BYTES = 64 * 1024 * 1024;

    private RecordIo() {}

    public static byte[] encode(byte[] record) {
        if (record.length == 0) {
            throw new IllegalArgumentException("RecordIO records are never empty");
        }
        byte[] header = (record.length + "\n").getBytes(StandardCharsets.US_ASCII);
        byte[] framed = new byte[header.length + record.length];
        System.arraycopy(header, 0, framed, 0, header.length);
        System.arraycopy(record, 0, framed, header.length, record.length);
        return framed;
    }
}
