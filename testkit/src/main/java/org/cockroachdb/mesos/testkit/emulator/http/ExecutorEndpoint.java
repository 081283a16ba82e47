package org.cockroachdb.mesos.testkit.emulator.http;

import java.util.Optional;
import org.apache.mesos.v1.executor.Protos.Call;
import org.cockroachdb.mesos.testkit.emulator.cluster.Answer;
import org.cockroachdb.mesos.testkit.emulator.cluster.Cluster;
import org.cockroachdb.mesos.testkit.emulator.cluster.ExecutorChannel;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/** One agent's {@code POST /api/v1/executor} (and {@code /slave(1)/api/v1/executor}). */
public final class ExecutorEndpoint extends Handler.Abstract {
    private final Cluster cluster;
    private final ExecutorChannel channel;
    private final int agentIndex;

    public ExecutorEndpoint(Cluster cluster, ExecutorChannel channel, int agentIndex) {
        this.cluster = cluster;
        this.channel = channel;
        this.agentIndex = agentIndex;
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) throws Exception {
        String path = Request.getPathInContext(request);
        if (!path.equals("/api/v1/executor") && !path.equals("/slave(1)/api/v1/executor")) {
            return false;
        }
        Call call = CallReading.read(request, response, callback, Call.newBuilder());
        if (call == null) {
            return true;
        }
        String invalid = ExecutorCallValidation.invalidity(call);
        if (invalid != null) {
            return Replies.text(response, callback, 400, "Failed to validate Executor::Call: " + invalid);
        }
        if (call.getType() == Call.Type.HEARTBEAT) {
            return Replies.text(response, callback, 202, ""); // before any lookup: its ids may be dummies
        }
        if (call.getType() == Call.Type.SUBSCRIBE) {
            Optional<Encoding> accept = CallReading.streamEncoding(request, response, callback);
            if (accept.isEmpty()) {
                return true;
            }
            Answer refused = cluster.call(() -> channel.checkSubscribe(agentIndex, call));
            if (refused != null) {
                return Replies.text(response, callback, refused.status(), refused.body());
            }
            StreamSink sink = Replies.openStream(request, response, callback, accept.get(), null);
            cluster.run(() -> channel.subscribe(agentIndex, call, accept.get(), sink));
            return true;
        }
        Answer answer = cluster.call(() -> channel.handle(agentIndex, call));
        return Replies.text(response, callback, answer.status(), answer.body());
    }
}
