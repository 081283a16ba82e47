package org.cockroachdb.mesos.testkit.cockroach.cert;

import java.nio.file.Path;

/** Where cockroach expects each file in a certs directory (its {@code CertsLocator}). */
record CertsDir(Path dir) {

    Path caCert() {
        return file("ca.crt");
    }

    /** Optional separate CA for client certificates; {@code create-client} signs with it when present. */
    Path clientCaCert() {
        return file("ca-client.crt");
    }

    Path nodeCert() {
        return file("node.crt");
    }

    Path nodeKey() {
        return file("node.key");
    }

    Path clientCert(String user) {
        return file("client." + user + ".crt");
    }

    Path clientKey(String user) {
        return file("client." + user + ".key");
    }

    /** Go's filepath.Join cleans the result ({@code ./certs/} + {@code ca.crt} is {@code certs/ca.crt}). */
    Path file(String name) {
        return dir.resolve(name).normalize();
    }
}
