package org.cockroachdb.mesos.testkit.emulator.fetch;

/** One URI could not be fetched; the message is a single line that names the URI, like the Mesos fetcher's. */
public final class FetchException extends Exception {
    private final String uri;

    public FetchException(String uri, String reason, Throwable cause) {
        super("Failed to fetch '" + uri + "': " + oneLine(reason), cause);
        this.uri = uri;
    }

    public FetchException(String uri, String reason) {
        this(uri, reason, null);
    }

    /** The {@code CommandInfo.URI.value} that failed. */
    public String uri() {
        return uri;
    }

    private static String oneLine(String reason) {
        return reason == null ? "unknown error" : reason.replaceAll("\\s*[\\r\\n]+\\s*", " ").strip();
    }
}
