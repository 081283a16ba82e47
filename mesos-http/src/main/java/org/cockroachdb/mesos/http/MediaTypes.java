package org.cockroachdb.mesos.http;

/** The two encodings Mesos accepts; compared as exact strings (no parameters) by the master. */
public final class MediaTypes {
    public static final String PROTOBUF = "application/x-protobuf";
    public static final String JSON = "application/json";
    public static final String STREAM_ID_HEADER = "Mesos-Stream-Id";

    private MediaTypes() {}
}
