package org.cockroachdb.mesos.scheduler.api;

import java.io.IOException;
import java.nio.ByteBuffer;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Jetty's side of the API: hands method, path, query and body to {@link Dispatch} and writes its reply. */
final class ApiHandler extends Handler.Abstract {

    private static final Logger LOG = LoggerFactory.getLogger(ApiHandler.class);

    /** Plan parameters are a handful of short strings; anything bigger is a mistake. */
    static final int MAX_BODY = 64 * 1024;

    private final Dispatch dispatch;

    ApiHandler(Dispatch dispatch) {
        this.dispatch = dispatch;
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) {
        String method = request.getMethod();
        String path = Request.getPathInContext(request);
        String query = request.getHttpURI().getQuery();
        Reply reply;
        try {
            byte[] body = Content.Source.asInputStream(request).readNBytes(MAX_BODY + 1);
            reply = body.length > MAX_BODY
                    ? Reply.text(413, "The request body is over " + MAX_BODY + " bytes")
                    : dispatch.answer(method, path, query == null ? "" : query, body);
        } catch (IOException e) {
            reply = Reply.text(400, "Cannot read the request body: " + e.getMessage());
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
