package org.cockroachdb.mesos.testkit.cockroach.cert;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The node's certificates, loaded at start and again on each SIGHUP. The node prints
 * {@link #SIGHUP_LOG_LINE} and calls {@link #reload()}; a reload that would swap a working CA or node
 * certificate for a missing or broken one is refused and the old ones stay, as in cockroach.
 */
public final class CertificateReload {
    public static final String SIGHUP_LOG_LINE = "received signal \"hangup\", triggering certificate reload";
    /** What cockroach logs, followed by {@link Outcome#failure()}, when a reload is refused. */
    public static final String FAILURE_LOG_PREFIX = "could not reload certificates: ";

    private final Path certsDir;
    private final KeyPermissions permissions;
    private TlsIdentity current;

    private CertificateReload(Path certsDir, KeyPermissions permissions, TlsIdentity current) {
        this.certsDir = certsDir;
        this.permissions = permissions;
        this.current = current;
    }

    /** Start-time load: CA and node certificate must both be usable. */
    public static CertificateReload load(Path certsDir, KeyPermissions permissions) throws CertificateLoadException {
        return new CertificateReload(certsDir, permissions, read(certsDir, permissions, ""));
    }

    public synchronized TlsIdentity current() {
        return current;
    }

    /** Re-reads the certs directory; on success the new certificates are current. */
    public synchronized Outcome reload() {
        TlsIdentity before = current;
        try {
            current = read(certsDir, permissions, "reload would lose valid ");
            return new Outcome(before, current, Optional.empty());
        } catch (CertificateLoadException e) {
            return new Outcome(before, before, Optional.of(e.getMessage()));
        }
    }

    /**
     * What a reload did. {@code failure} is cockroach's reason for keeping the old certificates
     * ({@code reload would lose valid node cert: ...}).
     */
    public record Outcome(TlsIdentity before, TlsIdentity after, Optional<String> failure) {
        public boolean succeeded() {
            return failure.isEmpty();
        }

        public boolean nodeCertificateChanged() {
            return !before.certificate().equals(after.certificate());
        }

        public boolean caChanged() {
            return !before.trustedCas().equals(after.trustedCas());
        }
    }

    /** {@code reloadPrefix} words failures as start ("problem with ...") or reload ("reload would lose ..."). */
    private static TlsIdentity read(Path certsDir, KeyPermissions permissions, String reloadPrefix)
            throws CertificateLoadException {
        List<CertInfo> certificates;
        try {
            certificates = new CertificateDirectory(certsDir, permissions).load();
        } catch (CertFailure e) {
            throw new CertificateLoadException(e.getMessage());
        }
        boolean reloading = !reloadPrefix.isEmpty();
        CertInfo ca = usable(find(certificates, PemUsage.CA),
                reloading ? reloadPrefix + "CA cert" : "problem with CA certificate");
        CertInfo node = usable(find(certificates, PemUsage.NODE),
                reloading ? reloadPrefix + "node cert" : "problem with node certificate");
        boolean separateNodeClientCert = certificates.stream()
                .anyMatch(c -> c.usage() == PemUsage.CLIENT && c.name().equals("node"));
        String principal = CommonName.of(node.certificates().get(0));
        if (!separateNodeClientCert && !principal.equals("node")) {
            throw new CertificateLoadException("client/server node certificate has principals [\"" + principal
                    + "\"], expected \"node\"");
        }
        return TlsIdentity.withMatchingKey(node.certificates().get(0), node.keyPem(), ca.certificates());
    }

    private static Optional<CertInfo> find(List<CertInfo> certificates, PemUsage usage) {
        return certificates.stream().filter(c -> c.usage() == usage).reduce((first, second) -> second);
    }

    private static CertInfo usable(Optional<CertInfo> certificate, String context) throws CertificateLoadException {
        if (certificate.isEmpty()) {
            throw new CertificateLoadException(context + ": not found");
        }
        Optional<String> error = certificate.get().error();
        if (error.isPresent()) {
            throw new CertificateLoadException(context + ": " + error.get());
        }
        return Objects.requireNonNull(certificate.get());
    }
}
