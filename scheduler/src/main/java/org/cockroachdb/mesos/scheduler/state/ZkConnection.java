package org.cockroachdb.mesos.scheduler.state;

import org.cockroachdb.mesos.scheduler.config.ServiceName;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * Where and how to reach ZooKeeper: the connect string ({@code host:port,host:port}), the service's
 * namespace, optional digest credentials ({@code user:password}; when given, every znode we create
 * is readable and writable only by that user) and the client's timeouts.
 */
public record ZkConnection(
        String connectString,
        ServiceName namespace,
        Optional<String> digestCredentials,
        Duration sessionTimeout,
        Duration connectionTimeout) {

    public static final Duration DEFAULT_SESSION_TIMEOUT = Duration.ofSeconds(60);
    public static final Duration DEFAULT_CONNECTION_TIMEOUT = Duration.ofSeconds(15);

    public ZkConnection {
        Objects.requireNonNull(connectString, "connectString");
        Objects.requireNonNull(namespace, "namespace");
        Objects.requireNonNull(digestCredentials, "digestCredentials");
        Objects.requireNonNull(sessionTimeout, "sessionTimeout");
        Objects.requireNonNull(connectionTimeout, "connectionTimeout");
        if (connectString.isBlank()) {
            throw new IllegalArgumentException("ZooKeeper connect string must not be empty");
        }
        digestCredentials.ifPresent(c -> {
            if (c.indexOf(':') < 1) {
                throw new IllegalArgumentException("ZooKeeper digest credentials must be user:password");
            }
        });
    }

    public static ZkConnection of(String connectString, String serviceName) {
        return new ZkConnection(connectString, ServiceName.of(serviceName), Optional.empty(),
                DEFAULT_SESSION_TIMEOUT, DEFAULT_CONNECTION_TIMEOUT);
    }

    public ZkConnection withDigestCredentials(String userColonPassword) {
        return new ZkConnection(connectString, namespace, Optional.of(userColonPassword), sessionTimeout, connectionTimeout);
    }

    public ZkConnection withTimeouts(Duration session, Duration connection) {
        return new ZkConnection(connectString, namespace, digestCredentials, session, connection);
    }

    /** Without the password, for logs and error messages. */
    @Override
    public String toString() {
        return "ZkConnection[" + connectString + "/" + namespace.zkNamespace()
                + digestCredentials.map(c -> ", user " + c.substring(0, c.indexOf(':'))).orElse("") + "]";
    }
}
