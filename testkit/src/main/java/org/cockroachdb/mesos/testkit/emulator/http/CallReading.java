package org.cockroachdb.mesos.testkit.emulator.http;

import com.google.protobuf.Message;
import java.io.IOException;
import java.util.Optional;
import org.cockroachdb.mesos.http.MediaTypes;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * The checks both v1 endpoints (scheduler and executor) make before looking at a call, in the
 * order Mesos makes them: POST only (405), a Content-Type present (400) and exact (415), a body
 * that decodes into a complete Call (400).
 */
final class CallReading {
    private CallReading() {}

    /** The decoded call, or null when the error reply has already been sent. */
    @SuppressWarnings("unchecked")
    static <C extends Message> C read(Request request, Response response, Callback callback, Message.Builder builder)
            throws IOException {
        if (!request.getMethod().equals("POST")) {
            response.getHeaders().put(HttpHeader.ALLOW, "POST");
            Replies.text(response, callback, 405, "Expecting one of { 'POST' }, but received '" + request.getMethod() + "'");
            return null;
        }
        String contentType = request.getHeaders().get(HttpHeader.CONTENT_TYPE);
        if (contentType == null) {
            Replies.text(response, callback, 400, "Expecting 'Content-Type' to be present");
            return null;
        }
        Optional<Encoding> encoding = Encoding.ofContentType(contentType);
        if (encoding.isEmpty()) {
            Replies.text(response, callback, 415, "Expecting 'Content-Type' of " + MediaTypes.JSON + " or "
                    + MediaTypes.PROTOBUF);
            return null;
        }
        Optional<String> undecodable = encoding.get().decodeCall(Replies.body(request), builder);
        if (undecodable.isPresent()) {
            Replies.text(response, callback, 400, undecodable.get());
            return null;
        }
        return (C) builder.build();
    }

    /** The stream encoding the {@code Accept} header allows, or empty after answering 406. */
    static Optional<Encoding> streamEncoding(Request request, Response response, Callback callback) {
        Optional<Encoding> accept = Encoding.ofAccept(request.getHeaders().get(HttpHeader.ACCEPT));
        if (accept.isEmpty()) {
            Replies.text(response, callback, 406, "Expecting 'Accept' to allow '" + MediaTypes.PROTOBUF
                    + "' or '" + MediaTypes.JSON + "'");
        }
        return accept;
    }
}
