package org.cockroachdb.mesos.http;

import java.net.URI;
import java.nio.charset.StandardCharsets;

/**
 * What a Mesos endpoint said to one call. Every outcome is a value so that a caller has to decide
 * what a 403 or a 503 means for it; nothing is swallowed.
 */
public sealed interface CallResult {

    /** The HTTP status, or 0 when no HTTP answer came back at all. */
    int status();

    default boolean isSuccess() {
        return this instanceof Accepted;
    }

    /** One line for logs and disconnect reasons, e.g. {@code 400 Framework cannot be found}. */
    default String describe() {
        if (this instanceof Redirect r) {
            return "307 redirect to " + r.location();
        }
        if (this instanceof Unreachable u) {
            return u.message();
        }
        if (this instanceof Rejected r) {
            return r.status() + " " + r.message();
        }
        if (this instanceof Unavailable u) {
            return u.status() + " " + u.message();
        }
        return status() + " accepted";
    }

    /** 200 or 202: the call was taken (it may still fail later, through events). */
    record Accepted(int status, byte[] body) implements CallResult {}

    /** 307 from a master that is not the leader; {@code location} is already resolved against the request. */
    record Redirect(int status, URI location) implements CallResult {}

    /** 4xx: the request itself is wrong, or not allowed now. The body is Mesos's one-line reason. */
    record Rejected(int status, String message) implements CallResult {}

    /** 5xx (503 while no leader is known or the master recovers): worth retrying after a backoff. */
    record Unavailable(int status, String message) implements CallResult {}

    /** No HTTP answer: connection refused, reset, or timed out. */
    record Unreachable(URI endpoint, String message) implements CallResult {
        @Override
        public int status() {
            return 0;
        }
    }

    static CallResult of(URI request, int status, byte[] body, String location) {
        if (status == 200 || status == 202) {
            return new Accepted(status, body);
        }
        String text = new String(body, StandardCharsets.UTF_8).strip();
        if (status == 307 && location != null) {
            return new Redirect(status, resolveLocation(request, location));
        }
        if (status >= 500) {
            return new Unavailable(status, text);
        }
        return new Rejected(status, text);
    }

    /** Mesos sends a protocol-relative {@code Location: //host:port/api/v1/scheduler}. */
    static URI resolveLocation(URI request, String location) {
        return request.resolve(location);
    }
}
