package org.cockroachdb.mesos.http.detect;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Optional;

/**
 * Reads a master's address out of the JSON {@code MasterInfo} that a Mesos master stores in its
 * {@code json.info_*} znode. Only the address is needed; every other key (including the numeric
 * {@code ip}, a network-order uint32) is ignored.
 */
public final class MasterInfoJson {
    private static final ObjectMapper JSON = new ObjectMapper();

    private MasterInfoJson() {}

    /**
     * The master's base URI {@code http://host:port}, from {@code address.hostname} (else
     * {@code address.ip}) with {@code address.port}; else top-level {@code hostname} + {@code port};
     * else {@code pid} ({@code master@ip:port}).
     *
     * @throws IllegalArgumentException if the bytes are not JSON or carry no usable address
     */
    public static URI baseUri(byte[] json) {
        JsonNode root;
        try {
            root = JSON.readTree(json);
        } catch (IOException e) {
            String why = e instanceof JsonProcessingException j ? j.getOriginalMessage() : e.getMessage();
            throw new IllegalArgumentException("MasterInfo is not valid JSON: " + why, e);
        }
        if (root == null || !root.isObject()) {
            throw new IllegalArgumentException("MasterInfo JSON is not an object");
        }
        JsonNode address = root.path("address");
        Optional<String> host = text(address, "hostname").or(() -> text(address, "ip"));
        Optional<Integer> port = port(address);
        if (host.isPresent() && port.isPresent()) {
            return http(host.get(), port.get());
        }
        host = text(root, "hostname");
        port = port(root);
        if (host.isPresent() && port.isPresent()) {
            return http(host.get(), port.get());
        }
        Optional<String> pid = text(root, "pid");
        if (pid.isPresent()) {
            return fromPid(pid.get());
        }
        throw new IllegalArgumentException(
                "MasterInfo JSON has no address: expected address.hostname|ip + address.port, hostname + port, or pid");
    }

    /** {@code master@10.0.0.1:5050} → {@code http://10.0.0.1:5050}. */
    static URI fromPid(String pid) {
        int at = pid.indexOf('@');
        int colon = pid.lastIndexOf(':');
        if (at < 0 || colon < at) {
            throw new IllegalArgumentException("MasterInfo pid '" + pid + "' is not of the form master@ip:port");
        }
        try {
            return http(pid.substring(at + 1, colon), Integer.parseInt(pid.substring(colon + 1)));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("MasterInfo pid '" + pid + "' has a non-numeric port");
        }
    }

    private static Optional<String> text(JsonNode node, String key) {
        JsonNode value = node.get(key);
        return value != null && value.isTextual() && !value.asText().isBlank()
                ? Optional.of(value.asText().strip())
                : Optional.empty();
    }

    private static Optional<Integer> port(JsonNode node) {
        JsonNode value = node.get("port");
        return value != null && value.canConvertToInt() && value.isIntegralNumber()
                ? Optional.of(value.asInt())
                : Optional.empty();
    }

    private static URI http(String host, int port) {
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("MasterInfo port " + port + " is out of range");
        }
        try {
            // This constructor brackets IPv6 literals itself.
            return new URI("http", null, host, port, null, null, null);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("MasterInfo host '" + host + "' is not a valid host name");
        }
    }
}
