package org.cockroachdb.mesos.cli.http;

import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.nio.file.Files;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.Collection;
import java.util.Optional;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedTrustManager;
import org.cockroachdb.mesos.cli.CliFailure;

/** The SSLContext a {@link Tls} setting asks for; empty means the JDK's default. */
public final class TlsContexts {

    private TlsContexts() {
    }

    public static Optional<SSLContext> of(Tls tls) {
        try {
            if (tls instanceof Tls.Insecure) {
                SSLContext context = SSLContext.getInstance("TLS");
                context.init(null, new TrustManager[] {new TrustingAnything()}, null);
                return Optional.of(context);
            }
            if (tls instanceof Tls.TrustCa ca) {
                TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
                factory.init(caStore(ca));
                SSLContext context = SSLContext.getInstance("TLS");
                context.init(null, factory.getTrustManagers(), null);
                return Optional.of(context);
            }
            return Optional.empty();
        } catch (GeneralSecurityException e) {
            throw CliFailure.usage("cannot set up TLS: " + e.getMessage());
        }
    }

    /** Every certificate of the PEM file, as trusted roots. */
    static KeyStore caStore(Tls.TrustCa ca) throws GeneralSecurityException {
        Collection<? extends Certificate> certificates;
        try (InputStream in = Files.newInputStream(ca.pemFile())) {
            certificates = CertificateFactory.getInstance("X.509").generateCertificates(in);
        } catch (IOException e) {
            throw CliFailure.usage("cannot read the CA certificate file " + ca.pemFile()
                    + " (DCOS_TLS_CA_PATH or DCOS_SSL_VERIFY): " + e.getMessage());
        } catch (java.security.cert.CertificateException e) {
            throw CliFailure.usage("the CA certificate file " + ca.pemFile()
                    + " (DCOS_TLS_CA_PATH or DCOS_SSL_VERIFY) is not PEM X.509: " + e.getMessage());
        }
        if (certificates.isEmpty()) {
            throw CliFailure.usage("the CA certificate file " + ca.pemFile()
                    + " (DCOS_TLS_CA_PATH or DCOS_SSL_VERIFY) holds no certificate; give a PEM file");
        }
        KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
        try {
            store.load(null, null);
        } catch (IOException e) {
            throw new GeneralSecurityException(e);
        }
        int i = 0;
        for (Certificate c : certificates) {
            store.setCertificateEntry("ca-" + i++, c);
        }
        return store;
    }

    /**
     * Accepts every certificate. An X509ExtendedTrustManager, because JSSE checks the hostname
     * inside the trust manager: a plain X509TrustManager would be wrapped and still check it.
     */
    private static final class TrustingAnything extends X509ExtendedTrustManager {
        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket) {
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket) {
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine) {
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine) {
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) {
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) {
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return new X509Certificate[0];
        }
    }
}
