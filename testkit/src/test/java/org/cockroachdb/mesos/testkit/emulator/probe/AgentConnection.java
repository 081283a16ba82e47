package org.cockroachdb.mesos.testkit.emulator.probe;

import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.apache.mesos.v1.executor.Protos.Call;
import org.apache.mesos.v1.executor.Protos.Event;
import org.cockroachdb.mesos.http.CallResult;
import org.cockroachdb.mesos.http.MediaTypes;
import org.cockroachdb.mesos.http.MesosHttpClient;
import org.cockroachdb.mesos.http.MesosHttpClient.StreamOpening;
import org.cockroachdb.mesos.http.RecordIo;

/** The executor side of {@code /api/v1/executor}: protobuf both ways, no stream ID (the agent sends none). */
final class AgentConnection {
    /** The agent is local; a call that takes longer than this is as good as lost (the update is replayed). */
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(10);

    private final MesosHttpClient http = new MesosHttpClient(REQUEST_TIMEOUT);
    private final URI endpoint;
    private final Map<String, String> headers;

    AgentConnection(URI endpoint, Optional<String> authenticationToken) {
        this.endpoint = endpoint;
        Map<String, String> h = new LinkedHashMap<>(MesosHttpClient.headers(MediaTypes.PROTOBUF, MediaTypes.PROTOBUF, null));
        authenticationToken.ifPresent(token -> h.put("Authorization", "Bearer " + token));
        this.headers = h;
    }

    StreamOpening<Event> subscribe(Call subscribe) {
        return http.openStream(endpoint, subscribe.toByteArray(), headers, Event::parseFrom,
                RecordIo.DEFAULT_MAX_RECORD_BYTES);
    }

    CallResult send(Call call) {
        return http.post(endpoint, call.toByteArray(), headers);
    }
}
