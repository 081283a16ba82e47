package org.cockroachdb.mesos.scheduler.api;
import java.net.URI;
import java.util.function.Supplier;
public final class ApiServer implements AutoCloseable {
    public static ApiServer start(String host, int port, Supplier<ServiceView> view) { return null; }
    public int port() { return 0; }
    public URI uri() { return null; }
    public void close() {}
}
