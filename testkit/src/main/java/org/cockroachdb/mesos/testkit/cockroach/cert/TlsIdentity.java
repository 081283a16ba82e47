package org.cockroachdb.mesos.testkit.cockroach.cert;

import java.io.IOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * A certificate, its private key and the CAs it trusts: what one side of a cockroach TLS connection
 * presents and accepts. The node's comes from {@code node.crt}/{@code node.key}, a client's from
 * {@code client.<user>.crt/.key}; both trust every certificate in {@code ca.crt}.
 */
public record TlsIdentity(X509Certificate certificate, PrivateKey key, List<X509Certificate> trustedCas) {
    private static final char[] IN_MEMORY_PASSWORD = new char[0];

    public TlsIdentity {
        trustedCas = List.copyOf(trustedCas);
    }

    /** Loads a certificate/key pair and the CA file, checking the key belongs to the certificate. */
    public static TlsIdentity load(Path certFile, Path keyFile, Path caFile) throws CertificateLoadException {
        try {
            List<X509Certificate> chain = Pem.certificates(read(certFile));
            List<X509Certificate> cas = Pem.certificates(read(caFile));
            if (chain.isEmpty()) {
                throw new CertificateLoadException("tls: failed to find any PEM data in certificate input");
            }
            if (cas.isEmpty()) {
                throw new CertificateLoadException("no certificates found in " + caFile.getFileName());
            }
            return withMatchingKey(chain.get(0), read(keyFile), cas);
        } catch (CertFailure e) {
            throw new CertificateLoadException(e.getMessage());
        }
    }

    static TlsIdentity withMatchingKey(X509Certificate certificate, byte[] keyPem, List<X509Certificate> cas)
            throws CertificateLoadException {
        KeyPair key;
        try {
            key = Pem.keyPair(keyPem);
        } catch (CertFailure e) {
            throw new CertificateLoadException("tls: failed to parse private key");
        }
        if (!Arrays.equals(certificate.getPublicKey().getEncoded(), key.getPublic().getEncoded())) {
            throw new CertificateLoadException("tls: private key does not match public key");
        }
        return new TlsIdentity(certificate, key.getPrivate(), cas);
    }

    public BigInteger serialNumber() {
        return certificate.getSerialNumber();
    }

    public Instant expires() {
        return certificate.getNotAfter().toInstant();
    }

    /** A JDK TLS context presenting this certificate and trusting only {@link #trustedCas()}. */
    public SSLContext sslContext() {
        try {
            KeyStore keys = KeyStore.getInstance("PKCS12");
            keys.load(null, null);
            keys.setKeyEntry("identity", key, IN_MEMORY_PASSWORD, new Certificate[] {certificate});
            KeyManagerFactory keyManagers = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            keyManagers.init(keys, IN_MEMORY_PASSWORD);

            KeyStore trust = KeyStore.getInstance("PKCS12");
            trust.load(null, null);
            for (int i = 0; i < trustedCas.size(); i++) {
                trust.setCertificateEntry("ca-" + i, trustedCas.get(i));
            }
            TrustManagerFactory trustManagers =
                    TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            trustManagers.init(trust);

            SSLContext context = SSLContext.getInstance("TLS");
            context.init(keyManagers.getKeyManagers(), trustManagers.getTrustManagers(), null);
            return context;
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException("an in-memory key store cannot fail to hold a parsed key", e);
        }
    }

    /** Names the certificate only: a record's default would print the private key. */
    @Override
    public String toString() {
        return "TlsIdentity[" + certificate.getSubjectX500Principal().getName() + ", serial " + serialNumber()
                + ", expires " + expires() + ", " + trustedCas.size() + " trusted CA(s)]";
    }

    private static byte[] read(Path file) throws CertFailure {
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new CertFailure(PathError.of("open", file, e).message());
        }
    }
}
