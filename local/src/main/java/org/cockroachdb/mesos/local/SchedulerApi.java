package org.cockroachdb.mesos.local;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** GETs against the scheduler's HTTP API ({@code /v1/…}), answers as JSON. */
public final class SchedulerApi {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final URI base;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    public SchedulerApi(URI base) {
        this.base = base;
    }

    public URI base() {
        return base;
    }

    /**
     * {@code GET <base><path>}; any status is an answer. Fails with {@link UncheckedIOException}
     * when nothing answers (e.g. the scheduler is not up).
     */
    public ApiReply get(String path) {
        HttpRequest request = HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(10)).GET().build();
        try {
            HttpResponse<String> r = http.send(request, HttpResponse.BodyHandlers.ofString());
            return new ApiReply(r.statusCode(), parse(r.body()), r.body());
        } catch (IOException e) {
            throw new UncheckedIOException("GET " + request.uri() + ": " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new UncheckedIOException(new IOException("interrupted", e));
        }
    }

    /** {@code GET /v1/plans/<name>}: 200 COMPLETE, 202 in progress, 417 errors. */
    public ApiReply plan(String name) {
        return get("/v1/plans/" + name);
    }

    /** {@code GET /v1/endpoints/<name>}: {@code {"address":[…],"dns":[…],"vip":…}}. */
    public ApiReply endpoints(String name) {
        return get("/v1/endpoints/" + name);
    }

    private static JsonNode parse(String body) {
        try {
            JsonNode n = JSON.readTree(body);
            return n == null ? MissingNode.getInstance() : n;
        } catch (JsonProcessingException e) {
            return MissingNode.getInstance();
        }
    }
}
