package org.cockroachdb.mesos.http.stub;

import java.util.Map;
import org.cockroachdb.mesos.http.MediaTypes;

/** What the stub answers to one request. */
public sealed interface Reply {

    /** A plain answer with a body. */
    record Plain(int status, String body, Map<String, String> headers) implements Reply {}

    /** 200 and an open RecordIO stream that the test drives through the {@link StubStream} it gets. */
    record Stream(String streamId, String contentType) implements Reply {}

    /** Reads the request and never answers, like a master stuck in recovery behind a firewall. */
    record Silence() implements Reply {}

    static Reply status(int status, String body) {
        return new Plain(status, body, Map.of());
    }

    static Reply accepted() {
        return new Plain(202, "", Map.of());
    }

    /** A 307 exactly as a non-leading master sends it: protocol-relative. */
    static Reply redirect(String location) {
        return new Plain(307, "", Map.of("Location", location));
    }

    static Reply stream(String streamId) {
        return new Stream(streamId, MediaTypes.PROTOBUF);
    }
}
