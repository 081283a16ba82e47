package org.cockroachdb.mesos.testkit.emulator.http;

import java.util.Optional;
import java.util.UUID;
import org.apache.mesos.v1.scheduler.Protos.Call;
import org.cockroachdb.mesos.http.MediaTypes;
import org.cockroachdb.mesos.testkit.emulator.cluster.Answer;
import org.cockroachdb.mesos.testkit.emulator.cluster.Cluster;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * {@code POST /api/v1/scheduler} (and {@code /master/api/v1/scheduler}), checked in the order the
 * real master checks: leadership (307/503), method (405), Content-Type (400/415), body and call
 * validation (400), then the framework's state (400/403) inside the cluster.
 */
public final class SchedulerEndpoint extends Handler.Abstract {
    private final Cluster cluster;

    public SchedulerEndpoint(Cluster cluster) {
        this.cluster = cluster;
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) throws Exception {
        String path = Request.getPathInContext(request);
        if (path.equals("/redirect") || path.equals("/master/redirect")) {
            return redirect(response, callback);
        }
        if (!path.equals("/api/v1/scheduler") && !path.equals("/master/api/v1/scheduler")) {
            return false;
        }
        Cluster.Leadership leadership = cluster.leadership();
        if (!leadership.leading()) {
            if (leadership.leaderHostPort().isPresent()) {
                response.getHeaders().put(HttpHeader.LOCATION, "//" + leadership.leaderHostPort().get() + "/api/v1/scheduler");
                return Replies.text(response, callback, 307, "");
            }
            return Replies.text(response, callback, 503, "No leader elected");
        }
        Call call = CallReading.read(request, response, callback, Call.newBuilder());
        if (call == null) {
            return true;
        }
        String invalid = SchedulerCallValidation.invalidity(call);
        if (invalid != null) {
            return Replies.text(response, callback, 400, "Failed to validate scheduler::Call: " + invalid);
        }
        String streamId = request.getHeaders().get(MediaTypes.STREAM_ID_HEADER);
        if (call.getType() == Call.Type.SUBSCRIBE) {
            // the master negotiates the encoding (406) before it looks for a stream id (400)
            Optional<Encoding> accept = CallReading.streamEncoding(request, response, callback);
            if (accept.isEmpty()) {
                return true;
            }
            if (streamId != null) {
                return Replies.text(response, callback, 400, "Subscribe calls should not include the 'Mesos-Stream-Id' header");
            }
            String newStreamId = UUID.randomUUID().toString();
            StreamSink sink = Replies.openStream(request, response, callback, accept.get(), newStreamId);
            cluster.run(() -> cluster.subscribe(call, accept.get(), sink, newStreamId));
            return true;
        }
        if (call.getType() == Call.Type.RECONCILE_OPERATIONS
                && CallReading.streamEncoding(request, response, callback).isEmpty()) {
            return true;
        }
        Answer answer = cluster.call(() -> cluster.handle(call, streamId));
        return Replies.text(response, callback, answer.status(), answer.body());
    }

    private boolean redirect(Response response, Callback callback) {
        Cluster.Leadership leadership = cluster.leadership();
        String target = leadership.leading() ? cluster.masterHostPort()
                : leadership.leaderHostPort().orElse(null);
        if (target == null) {
            return Replies.text(response, callback, 503, "No leader elected");
        }
        response.getHeaders().put(HttpHeader.LOCATION, "//" + target);
        return Replies.text(response, callback, 307, "");
    }
}
