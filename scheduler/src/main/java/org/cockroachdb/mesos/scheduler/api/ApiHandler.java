package org.cockroachdb.mesos.scheduler.api;

import java.nio.ByteBuffer;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Jetty's side of the API: hands method and path to {@link Dispatch} and writes its reply. */
final class ApiHandler extends Handler.Abstract {

    private static final Logger LOG = LoggerFactory.getLogger(ApiHandler.class);

    private final Dispatch dispatch;

    ApiHandler(Dispatch dispatch) {
        this.dispatch = dispatch;
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) {
        String method = request.getMethod();
        String path = Request.getPathInContext(request);
        Reply reply;
        try {
            reply = dispatch.answer(method, path);
        } catch (RuntimeException e) {
            LOG.error("{} {} failed", method, path, e);
            reply = Reply.text(500, "Internal error answering " + method + " " + path + ": " + e.getMessage());
        }
        response.setStatus(reply.status());
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, reply.contentType());
        reply.allow().ifPresent(allow -> response.getHeaders().put(HttpHeader.ALLOW, allow));
        response.write(true, ByteBuffer.wrap(reply.body()), callback);
        return true;
    }
}
