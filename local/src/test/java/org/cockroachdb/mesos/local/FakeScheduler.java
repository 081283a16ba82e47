package org.cockroachdb.mesos.local;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.TreeMap;

/**
 * Stands in for SchedulerMain in the harness tests: writes the environment it was given to
 * {@code <marker dir>/fake-scheduler-env-<pid>.json}, answers {@code /v1/plans/deploy} with 200 on
 * {@code PORT_API}, and exits 0 on SIGTERM as the real scheduler does.
 */
public final class FakeScheduler {
    private FakeScheduler() {}

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(System.getProperty(ChildJvm.MARKER_PROPERTY));
        Path out = dir.resolve("fake-scheduler-env-" + ProcessHandle.current().pid() + ".json");
        Path partial = Files.writeString(dir.resolve(out.getFileName() + ".partial"),
                new ObjectMapper().writeValueAsString(new TreeMap<>(System.getenv())));
        Files.move(partial, out, StandardCopyOption.ATOMIC_MOVE); // readers never see half a file
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", Integer.parseInt(System.getenv("PORT_API"))), 0);
        server.createContext("/v1/plans/deploy", exchange -> {
            byte[] body = "{\"phases\":[],\"errors\":[],\"status\":\"COMPLETE\"}".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
        // SIGTERM runs the hooks; halting from one makes the exit status 0 instead of 143
        Runtime.getRuntime().addShutdownHook(new Thread(() -> Runtime.getRuntime().halt(0)));
        Thread.currentThread().join();
    }
}
