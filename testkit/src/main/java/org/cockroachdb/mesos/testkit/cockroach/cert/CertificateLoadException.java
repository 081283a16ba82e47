package org.cockroachdb.mesos.testkit.cockroach.cert;

/**
 * Certificates in a certs directory cannot be used. The message is cockroach's
 * ({@code problem with node certificate: key file ... has permissions -rw-r--r--, exceeds -rwx------}).
 */
public final class CertificateLoadException extends Exception {
    public CertificateLoadException(String message) {
        super(message);
    }
}
