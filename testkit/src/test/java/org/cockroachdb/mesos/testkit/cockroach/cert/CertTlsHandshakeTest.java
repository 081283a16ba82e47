package org.cockroachdb.mesos.testkit.cockroach.cert;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The files cockroach cert writes are usable as they are: a JDK TLS server with node.crt/node.key and a
 * client with client.root.crt/.key, each trusting only ca.crt, complete a mutually authenticated
 * handshake on 127.0.0.1, with the client checking the server's name against the certificate.
 */
class CertTlsHandshakeTest {
    private static final int TIMEOUT_MS = 20_000;

    @TempDir
    Path tmp;
    final ExecutorService serverThread = Executors.newSingleThreadExecutor();

    @AfterEach
    void stop() {
        serverThread.shutdownNow();
    }

    @Test
    void nodeAndRootCertificatesCompleteAMutualHandshakeOnTheLoopbackAddress() throws Exception {
        Path certs = tmp.resolve("certs");
        CertCli.secureCluster(certs, tmp.resolve("ca.key"), "localhost", "127.0.0.1");
        TlsIdentity node = CertificateReload.load(certs, new KeyPermissions(name -> null)).current();
        TlsIdentity root = TlsIdentity.load(certs.resolve("client.root.crt"), certs.resolve("client.root.key"),
                certs.resolve("ca.crt"));

        try (SSLServerSocket server = serverOn127001(node)) {
            Future<String> clientSeenByServer = serverThread.submit(() -> {
                try (SSLSocket accepted = (SSLSocket) server.accept()) {
                    accepted.setSoTimeout(TIMEOUT_MS);
                    accepted.startHandshake();
                    accepted.getOutputStream().write(42);
                    accepted.getOutputStream().flush();
                    return accepted.getSession().getPeerPrincipal().getName();
                }
            });
            try (SSLSocket client = clientTo127001(root, server)) {
                client.startHandshake();

                assertThat(client.getInputStream().read()).isEqualTo(42);
                assertThat(client.getSession().getPeerPrincipal().getName()).isEqualTo("CN=node,O=Cockroach");
            }
            assertThat(clientSeenByServer.get(TIMEOUT_MS, TimeUnit.MILLISECONDS)).isEqualTo("CN=root,O=Cockroach");
        }
    }

    @Test
    void aNodeCertificateWithoutTheAddressDialledFailsTheClientsNameCheck() throws Exception {
        Path certs = tmp.resolve("certs");
        CertCli.secureCluster(certs, tmp.resolve("ca.key"), "localhost");
        TlsIdentity node = CertificateReload.load(certs, new KeyPermissions(name -> null)).current();
        TlsIdentity root = TlsIdentity.load(certs.resolve("client.root.crt"), certs.resolve("client.root.key"),
                certs.resolve("ca.crt"));

        try (SSLServerSocket server = serverOn127001(node)) {
            Future<?> serverSide = serverThread.submit(() -> {
                try (SSLSocket accepted = (SSLSocket) server.accept()) {
                    accepted.setSoTimeout(TIMEOUT_MS);
                    accepted.startHandshake();
                }
                return null;
            });
            try (SSLSocket client = clientTo127001(root, server)) {
                assertThatThrownBy(client::startHandshake).isInstanceOf(SSLHandshakeException.class)
                        .hasMessageContaining("127.0.0.1");
            }
            assertThatThrownBy(() -> serverSide.get(TIMEOUT_MS, TimeUnit.MILLISECONDS))
                    .hasCauseInstanceOf(javax.net.ssl.SSLException.class);
        }
    }

    private static SSLServerSocket serverOn127001(TlsIdentity node) throws Exception {
        SSLServerSocket server = (SSLServerSocket) node.sslContext().getServerSocketFactory().createServerSocket();
        server.bind(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0));
        server.setNeedClientAuth(true);
        server.setSoTimeout(TIMEOUT_MS);
        return server;
    }

    private static SSLSocket clientTo127001(TlsIdentity client, SSLServerSocket server) throws Exception {
        SSLSocket socket = (SSLSocket) client.sslContext().getSocketFactory()
                .createSocket("127.0.0.1", server.getLocalPort());
        socket.setSoTimeout(TIMEOUT_MS);
        SSLParameters parameters = socket.getSSLParameters();
        parameters.setEndpointIdentificationAlgorithm("HTTPS"); // check the dialled address against the SANs
        socket.setSSLParameters(parameters);
        return socket;
    }
}
