package org.cockroachdb.mesos.cli.http;

import java.net.URI;

/** One HTTP answer from the scheduler: what was asked, the status, the body as text. */
public record Answer(String method, URI uri, int status, String body) {

    public boolean is2xx() {
        return status >= 200 && status < 300;
    }

    /** The body ending in exactly one newline, for printing as is. */
    public String bodyLine() {
        return body.endsWith("\n") ? body : body + "\n";
    }
}
