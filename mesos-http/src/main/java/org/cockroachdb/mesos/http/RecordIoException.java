package org.cockroachdb.mesos.http;

import java.io.IOException;

/** A RecordIO stream that cannot be decoded: bad length, oversized record, or truncated at EOF. */
public final class RecordIoException extends IOException {
    public RecordIoException(String message) {
        super(message);
    }
}
