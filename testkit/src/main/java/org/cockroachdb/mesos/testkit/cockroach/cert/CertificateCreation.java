package org.cockroachdb.mesos.testkit.cockroach.cert;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Function;

/**
 * {@code create-ca}, {@code create-node} and {@code create-client}, step for step as cockroach's
 * {@code security/certs.go}: the same order of checks and writes (so a refused write can leave the
 * files written before it, as the real one does) and the same error chain.
 */
final class CertificateCreation {
    private static final String NODE_USER = "node";

    private final CertificateIssuer issuer = new CertificateIssuer();
    private final Function<String, String> env;

    CertificateCreation(Function<String, String> env) {
        this.env = env;
    }

    void createCa(CertFlags flags) throws CertFailure {
        try {
            createCaPair(flags);
        } catch (CertFailure e) {
            throw e.wrap("failed to generate CA cert and key");
        }
    }

    void createNode(CertFlags flags) throws CertFailure {
        try {
            createNodePair(flags);
        } catch (CertFailure e) {
            throw e.wrap("failed to generate node certificate and key");
        }
    }

    void createClient(CertFlags flags) throws CertFailure {
        try {
            createClientPair(flags, SqlUsername.normalizeForCreation(flags.arguments().get(0)));
        } catch (CertFailure e) {
            throw e.wrap("failed to generate client certificate and key");
        }
    }

    private void createCaPair(CertFlags flags) throws CertFailure {
        Path caKeyPath = requiredCaKey(flags);
        CertsDir certs = certsDirCreatedIfMissing(flags);
        KeyPair key;
        if (!Files.exists(caKeyPath)) { // stat follows links, as Go's os.Stat does
            try {
                key = issuer.newRsaKey(flags.keySize());
            } catch (CertFailure e) {
                throw e.wrap("could not generate new CA key");
            }
            try {
                CertFileWriter.write(caKeyPath, Pem.encode(key.getPrivate()), CertFileWriter.KEY_MODE,
                        flags.overwrite());
            } catch (CertFailure e) {
                throw e.wrap("could not write CA key to file " + caKeyPath);
            }
        } else {
            if (!flags.allowCaKeyReuse()) {
                throw new CertFailure("CA key " + caKeyPath + " exists, but key reuse is disabled");
            }
            byte[] contents = readOrFail(caKeyPath, "could not read CA key file " + caKeyPath);
            try {
                key = Pem.keyPair(contents);
            } catch (CertFailure e) {
                throw e.wrap("could not parse CA key file " + caKeyPath);
            }
        }
        X509Certificate caCert;
        try {
            caCert = issuer.ca(key, flags.lifetime());
        } catch (CertFailure e) {
            throw e.wrap("could not generate CA certificate");
        }
        // A rotated CA goes first and the old ones stay, so certificates they signed still verify.
        Path certPath = certs.caCert();
        List<X509Certificate> certificates = new ArrayList<>(List.of(caCert));
        if (Files.exists(certPath)) {
            byte[] existing = readOrFail(certPath, "could not read existing CA cert file " + certPath);
            try {
                certificates.addAll(Pem.certificates(existing));
            } catch (CertFailure e) {
                throw e.wrap("could not parse existing CA cert file " + certPath);
            }
        }
        try {
            CertFileWriter.write(certPath, Pem.encode(certificates.toArray(X509Certificate[]::new)),
                    CertFileWriter.CERT_MODE, flags.overwrite());
        } catch (CertFailure e) {
            throw e.wrap("could not write CA certificate file " + certPath);
        }
    }

    private void createNodePair(CertFlags flags) throws CertFailure {
        Path caKeyPath = requiredCaKey(flags);
        CertsDir certs = certsDirCreatedIfMissing(flags);
        CaPair ca = loadCa(certs.caCert(), caKeyPath);
        KeyPair nodeKey;
        try {
            nodeKey = issuer.newRsaKey(flags.keySize());
        } catch (CertFailure e) {
            throw e.wrap("could not generate new node key");
        }
        // Tests may sign node certificates for another principal; cockroach reads the same variable.
        String nodeUser = env.apply("COCKROACH_CERT_NODE_USER");
        X509Certificate nodeCert;
        try {
            nodeCert = issuer.node(ca.certificate(), ca.key(), nodeKey.getPublic(), flags.lifetime(),
                    nodeUser == null || nodeUser.isEmpty() ? NODE_USER : nodeUser, flags.arguments());
        } catch (CertFailure e) {
            throw e.wrap("error creating node server certificate and key");
        }
        writePair(certs.nodeCert(), nodeCert, "error writing node server certificate to ",
                certs.nodeKey(), nodeKey.getPrivate(), "error writing node server key to ", flags.overwrite());
    }

    private void createClientPair(CertFlags flags, String user) throws CertFailure {
        Path caKeyPath = requiredCaKey(flags);
        CertsDir certs = certsDirCreatedIfMissing(flags);
        Path caCertPath = Files.exists(certs.clientCaCert()) ? certs.clientCaCert() : certs.caCert();
        CaPair ca = loadCa(caCertPath, caKeyPath);
        KeyPair clientKey;
        try {
            clientKey = issuer.newRsaKey(flags.keySize());
        } catch (CertFailure e) {
            throw e.wrap("could not generate new client key");
        }
        X509Certificate clientCert;
        try {
            clientCert = issuer.client(ca.certificate(), ca.key(), clientKey.getPublic(), flags.lifetime(), user);
        } catch (CertFailure e) {
            throw e.wrap("error creating client certificate and key");
        }
        Path keyPath = certs.clientKey(user);
        writePair(certs.clientCert(user), clientCert, "error writing client certificate to ",
                keyPath, clientKey.getPrivate(), "error writing client key to ", flags.overwrite());
        if (flags.alsoGeneratePkcs8Key()) {
            // JDBC drivers read a DER PKCS#8 key; the JDK's getEncoded() is exactly that.
            Path pkcs8Path = keyPath.resolveSibling(keyPath.getFileName() + ".pk8");
            try {
                CertFileWriter.write(pkcs8Path, clientKey.getPrivate().getEncoded(), CertFileWriter.KEY_MODE,
                        flags.overwrite());
            } catch (CertFailure e) {
                throw e.wrap("error writing client PKCS8 key to " + pkcs8Path);
            }
        }
    }

    private static void writePair(Path certPath, X509Certificate cert, String certError, Path keyPath,
            PrivateKey key, String keyError, boolean overwrite) throws CertFailure {
        try {
            CertFileWriter.write(certPath, Pem.encode(cert), CertFileWriter.CERT_MODE, overwrite);
        } catch (CertFailure e) {
            throw e.wrap(certError + certPath);
        }
        try {
            CertFileWriter.write(keyPath, Pem.encode(key), CertFileWriter.KEY_MODE, overwrite);
        } catch (CertFailure e) {
            throw e.wrap(keyError + keyPath);
        }
    }

    private Path requiredCaKey(CertFlags flags) throws CertFailure {
        if (flags.caKey().isEmpty()) {
            throw new CertFailure("the path to the CA key is required");
        }
        if (flags.certsDir().isEmpty()) {
            throw new CertFailure("the path to the certs directory is required");
        }
        return Path.of(EnvExpansion.expand(flags.caKey(), env));
    }

    /** Only the last path element is created (mode 0700), as with Go's {@code os.Mkdir}. */
    private CertsDir certsDirCreatedIfMissing(CertFlags flags) throws CertFailure {
        Path dir = Path.of(EnvExpansion.expand(flags.certsDir(), env));
        if (Files.exists(dir)) {
            if (!Files.isDirectory(dir)) {
                throw new CertFailure("certs directory " + dir + " exists but is not a directory");
            }
            return new CertsDir(dir);
        }
        try {
            Files.createDirectory(dir, PosixFilePermissions.asFileAttribute(
                    PosixFilePermissions.fromString("rwx------")));
        } catch (IOException e) {
            throw new CertFailure("could not create certs directory " + dir + ": "
                    + PathError.of("mkdir", dir, e).message());
        }
        return new CertsDir(dir);
    }

    /** Go's {@code tls.LoadX509KeyPair} on the CA files; the first certificate in the file signs. */
    private static CaPair loadCa(Path caCertPath, Path caKeyPath) throws CertFailure {
        String context = "error loading CA certificate " + caCertPath + " and key " + caKeyPath;
        byte[] certPem = readOrFail(caCertPath, context);
        byte[] keyPem = readOrFail(caKeyPath, context);
        List<X509Certificate> certificates;
        KeyPair key;
        try {
            certificates = Pem.certificates(certPem);
        } catch (CertFailure e) {
            throw e.wrap(context);
        }
        if (certificates.isEmpty()) {
            throw new CertFailure(context + ": tls: failed to find any PEM data in certificate input");
        }
        try {
            key = Pem.keyPair(keyPem);
        } catch (CertFailure e) {
            throw new CertFailure(context + ": tls: failed to parse private key");
        }
        X509Certificate caCert = certificates.get(0);
        if (!Arrays.equals(caCert.getPublicKey().getEncoded(), key.getPublic().getEncoded())) {
            throw new CertFailure(context + ": tls: private key does not match public key");
        }
        return new CaPair(caCert, key.getPrivate());
    }

    private static byte[] readOrFail(Path path, String context) throws CertFailure {
        try {
            return Files.readAllBytes(path);
        } catch (IOException e) {
            throw new CertFailure(context + ": " + PathError.of("open", path, e).message());
        }
    }

    private record CaPair(X509Certificate certificate, PrivateKey key) {}
}
