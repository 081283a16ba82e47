package org.cockroachdb.mesos.testkit.cockroach.cert;

import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * One certificate file of a certs directory and its key (none for CA certificates, whose keys are
 * never loaded). {@code error} holds what makes it unusable, e.g. a key others can read; cockroach
 * keeps such entries and complains only when they are used or listed.
 */
record CertInfo(
        PemUsage usage,
        String fileName,
        String name,
        List<X509Certificate> certificates,
        String keyFileName,
        byte[] keyPem,
        Optional<String> error) {

    static CertInfo failed(PemUsage usage, String fileName, String name, String error) {
        return new CertInfo(usage, fileName, name, List.of(), "", new byte[0], Optional.of(error));
    }

    boolean usable() {
        return error.isEmpty();
    }

    /** The first certificate's expiry (the one in use); Go's zero time when there is none. */
    Instant expires() {
        return certificates.isEmpty() ? Instant.parse("0001-01-01T00:00:00Z") : certificates.get(0).getNotAfter().toInstant();
    }
}
