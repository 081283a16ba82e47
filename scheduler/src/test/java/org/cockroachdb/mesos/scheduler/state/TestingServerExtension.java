package org.cockroachdb.mesos.scheduler.state;

import java.io.IOException;
import java.io.UncheckedIOException;

import org.apache.curator.test.InstanceSpec;
import org.apache.curator.test.TestingServer;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/** Curator's in-process {@link TestingServer}: the ZooKeeper 3.5.10 server from the client's own jar. */
final class TestingServerExtension implements BeforeAllCallback, AfterAllCallback, ZkServer {

    /** Short ticks allow the short session timeouts the tests use. */
    private static final int TICK_MS = 500;

    private TestingServer server;

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        server = new TestingServer(new InstanceSpec(null, -1, -1, -1, true, -1, TICK_MS, -1), true);
    }

    @Override
    public void afterAll(ExtensionContext context) throws IOException {
        server.close();
    }

    @Override
    public String connectString() {
        return server.getConnectString();
    }

    @Override
    public String expectedVersionPrefix() {
        return "3.5.10";
    }

    @Override
    public void stop() {
        try {
            server.stop();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void start() {
        try {
            server.restart();
        } catch (Exception e) {
            throw new IllegalStateException("TestingServer did not restart", e);
        }
    }
}
