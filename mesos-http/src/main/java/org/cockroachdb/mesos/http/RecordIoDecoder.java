package org.cockroachdb.mesos.http;

import java.util.ArrayList;
import java.util.List;

/**
 * Incremental RecordIO decoder. Bytes arrive in chunks whose boundaries have nothing to do with
 * records (HTTP chunked encoding), so it keeps partial lengths and partial payloads between calls.
 * Not thread-safe: one decoder per stream.
 */
public final class RecordIoDecoder {
    private final int maxRecordBytes;
    /** The length being read, digit by digit; checked against the cap at every digit so it cannot overflow. */
    private long declaredLength;
    private int lengthDigits;
    private byte[] payload;
    private int filled;
    private boolean failed;

    public RecordIoDecoder() {
        this(RecordIo.DEFAULT_MAX_RECORD_BYTES);
    }

    public RecordIoDecoder(int maxRecordBytes) {
        if (maxRecordBytes <= 0) {
            throw new IllegalArgumentException("maxRecordBytes must be positive, got " + maxRecordBytes);
        }
        this.maxRecordBytes = maxRecordBytes;
    }

    /** Feeds the next chunk; returns the records it completed, in order. */
    public List<byte[]> feed(byte[] chunk, int offset, int length) throws RecordIoException {
        if (failed) {
            throw new RecordIoException("RecordIO stream already failed; open a new stream");
        }
        List<byte[]> records = new ArrayList<>(2);
        int i = offset;
        int end = offset + length;
        try {
            while (i < end) {
                if (payload == null) {
                    byte b = chunk[i++];
                    if (b == '\n') {
                        startPayload();
                    } else if (b >= '0' && b <= '9') {
                        appendLengthDigit(b - '0');
                    } else {
                        throw new RecordIoException("RecordIO length contains non-digit byte 0x"
                                + String.format("%02x", b & 0xff) + " after '" + lengthSoFar() + "'");
                    }
                } else {
                    int n = Math.min(end - i, payload.length - filled);
                    System.arraycopy(chunk, i, payload, filled, n);
                    filled += n;
                    i += n;
                }
                if (payload != null && filled == payload.length) {
                    records.add(payload);
                    payload = null;
                    filled = 0;
                }
            }
        } catch (RecordIoException e) {
            failed = true;
            throw e;
        }
        return records;
    }

    public List<byte[]> feed(byte[] chunk) throws RecordIoException {
        return feed(chunk, 0, chunk.length);
    }

    /** True when the bytes fed so far end exactly between records. */
    public boolean atRecordBoundary() {
        return payload == null && lengthDigits == 0;
    }

    /** Call at EOF: a stream that stops inside a record was truncated. */
    public void finish() throws RecordIoException {
        if (!atRecordBoundary()) {
            throw new RecordIoException(payload == null
                    ? "RecordIO stream ended inside a length ('" + lengthSoFar() + "')"
                    : "RecordIO stream ended after " + filled + " of " + payload.length + " bytes of a record");
        }
    }

    private void appendLengthDigit(int digit) throws RecordIoException {
        declaredLength = declaredLength * 10 + digit;
        lengthDigits++;
        // Rejected before the newline: a hostile length is refused without waiting for (or overflowing on) more digits.
        if (declaredLength > maxRecordBytes) {
            throw new RecordIoException("RecordIO record of at least " + declaredLength
                    + " bytes exceeds the cap of " + maxRecordBytes + " bytes");
        }
    }

    private String lengthSoFar() {
        return lengthDigits == 0 ? "" : Long.toString(declaredLength);
    }

    private void startPayload() throws RecordIoException {
        if (lengthDigits == 0) {
            throw new RecordIoException("RecordIO length is empty");
        }
        long declared = declaredLength;
        declaredLength = 0;
        lengthDigits = 0;
        if (declared == 0) {
            throw new RecordIoException("RecordIO length is 0; records are never empty");
        }
        payload = new byte[(int) declared];
        filled = 0;
    }
}
