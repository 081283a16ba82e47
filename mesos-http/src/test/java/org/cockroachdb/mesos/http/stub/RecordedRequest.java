package org.cockroachdb.mesos.http.stub;

import com.google.protobuf.InvalidProtocolBufferException;
import java.util.List;
import java.util.Map;

/**
 * One request as the stub server saw it. Header names are kept as sent; look them up with
 * {@link #header}. {@code receivedNanos} is {@link System#nanoTime()} on arrival.
 */
public record RecordedRequest(String method, String path, String httpVersion, Map<String, List<String>> headers,
                              byte[] body, long receivedNanos) {

    /** The only value of a header (case-insensitive name), or null if absent. */
    public String header(String name) {
        List<String> values = headerValues(name);
        if (values.size() > 1) {
            throw new AssertionError("header " + name + " sent " + values.size() + " times: " + values);
        }
        return values.isEmpty() ? null : values.get(0);
    }

    public List<String> headerValues(String name) {
        return headers.entrySet().stream()
                .filter(e -> e.getKey().equalsIgnoreCase(name))
                .flatMap(e -> e.getValue().stream())
                .toList();
    }

    public org.apache.mesos.v1.scheduler.Protos.Call schedulerCall() {
        try {
            return org.apache.mesos.v1.scheduler.Protos.Call.parseFrom(body);
        } catch (InvalidProtocolBufferException e) {
            throw new AssertionError("body is not a scheduler Call", e);
        }
    }

    public org.apache.mesos.v1.executor.Protos.Call executorCall() {
        try {
            return org.apache.mesos.v1.executor.Protos.Call.parseFrom(body);
        } catch (InvalidProtocolBufferException e) {
            throw new AssertionError("body is not an executor Call", e);
        }
    }
}
