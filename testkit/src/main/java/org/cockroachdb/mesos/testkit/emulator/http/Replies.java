package org.cockroachdb.mesos.testkit.emulator.http;

import java.nio.charset.StandardCharsets;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.Connection;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/** Plain HTTP answers and the stream plumbing shared by the master's and the agents' endpoints. */
final class Replies {
    private Replies() {}

    static boolean text(Response response, Callback callback, int status, String body) {
        response.setStatus(status);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, "text/plain; charset=utf-8");
        response.write(true, java.nio.ByteBuffer.wrap(body.getBytes(StandardCharsets.UTF_8)), callback);
        return true;
    }

    /** Starts a 200 event stream; a closed connection aborts the sink at once. */
    static StreamSink openStream(Request request, Response response, Callback callback, Encoding encoding, String streamId) {
        response.setStatus(200);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, encoding.mediaType);
        if (streamId != null) {
            response.getHeaders().put(org.cockroachdb.mesos.http.MediaTypes.STREAM_ID_HEADER, streamId);
        }
        StreamSink sink = new StreamSink(response, callback);
        request.getConnectionMetaData().getConnection().addEventListener(new Connection.Listener() {
            @Override
            public void onClosed(Connection connection) {
                sink.abort();
            }
        });
        return sink;
    }

    static byte[] body(Request request) throws java.io.IOException {
        java.nio.ByteBuffer buffer = org.eclipse.jetty.io.Content.Source.asByteBuffer(request);
        byte[] bytes = new byte[buffer.remaining()];
        buffer.get(bytes);
        return bytes;
    }
}
