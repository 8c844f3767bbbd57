package org.ucsec.pki.path;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.CertificateException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ucsec.pki.testing.OpenSsl;

/**
 * The trust manager adapter on a real TLS handshake: a JDK server that requires client certificates and lets the
 * validator decide; openssl s_client is the client. The attack of issue 7: a client certificate from a sub-CA under a
 * pathlen-0 root in the store (the client sends leaf + sub-CA) must not get in.
 */
class TrustManagerTlsTest {
    @TempDir Path dir;

    @Test
    void clientCertificateUnderPathLen0Anchor_isRefusedInTheHandshake_goodClientIsAdmitted() throws Exception {
        TestPki pki = new TestPki(dir);
        var serverRoot = pki.root("sroot", "/CN=Server Root", "ec:P-256", TestPki.CA_EXT, "sha256");
        var server = pki.issue("server", "/CN=localhost", "ec:P-256", TestPki.SERVER_EXT.replace("uc.example.com", "localhost"), "sha256", serverRoot, 30);
        var clientRoot = pki.root("croot", "/CN=PL0Root", "ec:P-256",
                "basicConstraints=critical,CA:TRUE,pathlen:0\nkeyUsage=critical,keyCertSign,cRLSign\nsubjectKeyIdentifier=hash", "sha256");
        var sub = pki.issue("csub", "/CN=Smuggled Sub CA", "ec:P-256", TestPki.CA_EXT, "sha256", clientRoot, 365);
        String clientExt = "basicConstraints=critical,CA:FALSE\nkeyUsage=critical,digitalSignature\nextendedKeyUsage=clientAuth\n";
        var badClient = pki.issue("bad", "/CN=cucm1.example.com", "ec:P-256", clientExt, "sha256", sub, 30);
        var goodClient = pki.issue("good", "/CN=cucm2.example.com", "ec:P-256", clientExt, "sha256", clientRoot, 30);

        OpenSsl.run(dir, "pkcs12", "-export", "-in", "server.pem", "-inkey", "server.key", "-out", "server.p12", "-passout", "pass:changeit").ok();
        KeyStore ks = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(dir.resolve("server.p12"))) { ks.load(in, "changeit".toCharArray()); }
        KeyManagerFactory kmf = KeyManagerFactory.getInstance("SunX509");
        kmf.init(ks, "changeit".toCharArray());

        PathValidator validator = PathValidator.builder().anchors(List.of(clientRoot.x509()))
                .clock(Clock.fixed(Instant.now().plusSeconds(60), ZoneOffset.UTC)).build();
        SSLContext ctx = SSLContext.getInstance("TLS");
        ctx.init(kmf.getKeyManagers(), new TrustManager[]{validator.trustManager()}, null);

        Throwable refused = handshake(ctx, pki, badClient, sub, serverRoot);
        assertThat(refused).as("the server refuses the client").isNotNull();
        Throwable cause = refused;
        while (cause != null && !(cause instanceof CertificateException)) cause = cause.getCause();
        assertThat(cause).as("refused by the trust manager: " + refused).isNotNull();
        assertThat(cause.getMessage()).startsWith("path.length-exceeded").contains("path length exceeded under CN=PL0Root (pathLenConstraint 0)");

        assertThat(handshake(ctx, pki, goodClient, null, serverRoot)).as("the good client is admitted").isNull();
    }

    /**
     * ucsec as a TLS client (the import tool, phones' TLS_Name_Validate later): the server's chain is validated for
     * the SERVER purpose and, with endpoint identification on, its name against the host dialled (RFC 9525).
     */
    @Test
    void serverCertificateForAnotherHost_isRefusedByTheClient_rightHostIsAccepted() throws Exception {
        TestPki pki = new TestPki(dir);
        var root = pki.root("root", "/CN=Server Root", "ec:P-256", TestPki.CA_EXT, "sha256");
        var wrong = pki.issue("wrong", "/CN=localhost", "ec:P-256", TestPki.SERVER_EXT, "sha256", root, 30);   // SAN uc.example.com only
        var right = pki.issue("right", "/CN=x", "ec:P-256", TestPki.SERVER_EXT.replace("DNS:uc.example.com", "DNS:localhost"), "sha256", root, 30);
        PathValidator validator = PathValidator.builder().anchors(List.of(root.x509()))
                .clock(Clock.fixed(Instant.now().plusSeconds(60), ZoneOffset.UTC)).build();
        SSLContext client = SSLContext.getInstance("TLS");
        client.init(null, new TrustManager[]{validator.trustManager()}, null);

        Throwable refused = connect(client, serverContext(wrong));
        assertThat(refused).isNotNull();
        Throwable cause = refused;
        while (cause != null && !(cause instanceof CertificateException)) cause = cause.getCause();
        assertThat(cause).as("refused by the trust manager: " + refused).isNotNull();
        assertThat(cause.getMessage()).startsWith("host.mismatch").contains("localhost").contains("uc.example.com");

        assertThat(connect(client, serverContext(right))).as("the right host is accepted").isNull();
    }

    private SSLContext serverContext(TestPki.Issued server) throws Exception {
        String p12 = server.name() + ".p12";
        OpenSsl.run(dir, "pkcs12", "-export", "-in", server.cert().toString(), "-inkey", server.key().toString(), "-out", p12, "-passout", "pass:changeit").ok();
        KeyStore ks = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(dir.resolve(p12))) { ks.load(in, "changeit".toCharArray()); }
        KeyManagerFactory kmf = KeyManagerFactory.getInstance("SunX509");
        kmf.init(ks, "changeit".toCharArray());
        SSLContext ctx = SSLContext.getInstance("TLS");
        ctx.init(kmf.getKeyManagers(), null, null);
        return ctx;
    }

    /** The JDK client with endpoint identification "HTTPS" dials "localhost"; returns the client's failure or null. */
    private Throwable connect(SSLContext client, SSLContext server) throws Exception {
        try (SSLServerSocket ss = (SSLServerSocket) server.getServerSocketFactory().createServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            CompletableFuture<Void> accept = CompletableFuture.runAsync(() -> {
                try (SSLSocket s = (SSLSocket) ss.accept()) {
                    s.setSoTimeout(20_000);
                    s.startHandshake();
                } catch (Exception e) {
                    // the client's refusal shows on the server as an alert
                }
            });
            try (SSLSocket c = (SSLSocket) client.getSocketFactory().createSocket("localhost", ss.getLocalPort())) {
                c.setSoTimeout(20_000);
                var params = c.getSSLParameters();
                params.setEndpointIdentificationAlgorithm("HTTPS");
                c.setSSLParameters(params);
                c.startHandshake();
                return null;
            } catch (Exception e) {
                return e;
            } finally {
                accept.get(30, TimeUnit.SECONDS);
            }
        }
    }

    /** Runs one handshake: the JDK server (client auth required) against openssl s_client; the server's failure or null. */
    private Throwable handshake(SSLContext ctx, TestPki pki, TestPki.Issued client, TestPki.Issued chain, TestPki.Issued serverRoot) throws Exception {
        try (SSLServerSocket ss = (SSLServerSocket) ctx.getServerSocketFactory().createServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            ss.setNeedClientAuth(true);
            CompletableFuture<Throwable> result = CompletableFuture.supplyAsync(() -> {
                try (SSLSocket s = (SSLSocket) ss.accept()) {
                    s.setSoTimeout(20_000);
                    s.startHandshake();
                    s.getOutputStream().write("hello\n".getBytes());
                    s.getOutputStream().flush();
                    return null;
                } catch (Exception e) {
                    return e;
                }
            });
            List<String> args = new java.util.ArrayList<>(List.of("s_client", "-connect", "127.0.0.1:" + ss.getLocalPort(), "-cert", client.cert().toString(),
                    "-key", client.key().toString(), "-CAfile", serverRoot.cert().toString(), "-verify_return_error", "-tls1_3"));
            if (chain != null) args.addAll(List.of("-cert_chain", chain.cert().toString()));
            OpenSsl.run(dir, args.toArray(String[]::new));
            return result.get(30, TimeUnit.SECONDS);
        }
    }
}
