package org.cockroachdb.mesos.testkit.cockroach.node;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/**
 * The stand-in's node-to-node and CLI-to-node protocol, on the node's RPC port (the port real
 * cockroach speaks gRPC on): one line {@code STANDIN <VERB> <json>}, one JSON line back. It shares
 * the port with SQL, told apart by the first bytes, as cockroach's cmux does.
 */
public final class Rpc {
    public static final String MAGIC = "STANDIN ";
    static final ObjectMapper JSON = new ObjectMapper();

    private Rpc() {}

    /** Calls {@code verb} on the node at {@code hostPort}; IOException when it cannot be reached. */
    public static JsonNode call(String hostPort, String verb, JsonNode body, int timeoutMillis) throws IOException {
        Address a;
        try {
            a = Address.parse("host", hostPort, StartFlags.DEFAULT_PORT);
        } catch (org.cockroachdb.mesos.testkit.cockroach.cli.CommandFailure e) {
            throw new IOException(e.getMessage());
        }
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress(a.host().isEmpty() ? "127.0.0.1" : a.host(), a.port()), timeoutMillis);
            s.setSoTimeout(timeoutMillis);
            OutputStream out = s.getOutputStream();
            out.write((MAGIC + verb + " " + JSON.writeValueAsString(body) + "\n").getBytes(StandardCharsets.UTF_8));
            out.flush();
            String line = new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.UTF_8)).readLine();
            if (line == null) {
                throw new IOException("the node closed the connection");
            }
            return JSON.readTree(line);
        }
    }

    public static ObjectNode object() {
        return JSON.createObjectNode();
    }
}
