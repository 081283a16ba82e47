package org.cockroachdb.mesos.testkit.cockroach.cert;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyPair;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.List;

/** Reads what {@code cockroach cert} wrote, with the JDK's own parsers where it has them. */
final class CertFiles {
    private CertFiles() {}

    static List<X509Certificate> certificates(Path file) throws IOException, CertificateException {
        try (InputStream in = Files.newInputStream(file)) {
            return CertificateFactory.getInstance("X.509").generateCertificates(in).stream()
                    .map(X509Certificate.class::cast)
                    .toList();
        }
    }

    static X509Certificate certificate(Path file) throws IOException, CertificateException {
        return certificates(file).get(0);
    }

    static KeyPair keyPair(Path file) throws IOException, CertFailure {
        return Pem.keyPair(Files.readAllBytes(file));
    }

    static String mode(Path file) throws IOException {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(file));
    }

    static void chmod(Path file, String mode) throws IOException {
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString(mode));
    }
}
