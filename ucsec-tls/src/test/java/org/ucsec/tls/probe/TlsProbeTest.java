package org.ucsec.tls.probe;

import org.ucsec.core.SecretAccess;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.ucsec.pki.CertInfo;
import org.ucsec.pki.Pem;
import org.ucsec.core.UcsecException;
import org.ucsec.tls.testing.OpenSslServer;
import org.ucsec.tls.testing.TestCerts;
import org.ucsec.tls.testing.TestPki;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLPeerUnverifiedException;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSession;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.ucsec.tls.probe.PhaseResult.Status.FAILED;
import static org.ucsec.tls.probe.PhaseResult.Status.NOT_RUN;
import static org.ucsec.tls.probe.PhaseResult.Status.OK;

/** SPEC C7 certificate import tool: each phase reported separately, against real peers on loopback. */
class TlsProbeTest {
    @TempDir static Path dir;
    static TestPki rsaCa, ecCa;
    static TestPki.Leaf rsaLeaf, ecLeaf, ecLeafFromRsaCa;

    static final TlsProbe.Options FAST = new TlsProbe.Options(Duration.ofSeconds(3), Duration.ofSeconds(5));

    @BeforeAll
    static void pki() throws IOException {
        rsaCa = TestPki.create(dir.resolve("rsa-ca"), "Probe RSA", "rsa");
        ecCa = TestPki.create(dir.resolve("ec-ca"), "Probe EC", "ec");
        rsaLeaf = rsaCa.serverLeaf("imp1-rsa", "imp1.example.com", "rsa");
        ecLeaf = ecCa.serverLeaf("imp1-ec", "imp1.example.com", "ec");
        ecLeafFromRsaCa = rsaCa.serverLeaf("imp1-ec-mixed", "imp1.example.com", "ec");
    }

    private static String[] serve(TestPki.Leaf leaf, TestPki ca) {
        return new String[]{"-cert", leaf.cert().toString(), "-key", leaf.key().toString(), "-cert_chain", ca.ca.intCert.toString()};
    }

    private static List<String> args(String... a) { return new ArrayList<>(List.of(a)); }

    @Test
    void probe_rsaServer_reportsEveryPhaseOk_andTheChainAsPresented() throws Exception {
        try (OpenSslServer s = OpenSslServer.start(dir, serve(rsaLeaf, rsaCa))) {
            ProbeResult r = TlsProbe.probe("127.0.0.1", s.port(), FAST);

            assertThat(r.ok()).as(r.toString()).isTrue();
            assertThat(r.phases()).extracting(PhaseResult::phase).containsExactly(ProbePhase.DNS, ProbePhase.TCP, ProbePhase.TLS, ProbePhase.CERTIFICATE);
            assertThat(r.phases()).allSatisfy(p -> { assertThat(p.status()).isEqualTo(OK); assertThat(p.millis()).isNotNegative(); });
            assertThat(r.protocol()).isEqualTo("TLSv1.3");
            assertThat(r.cipherSuite()).startsWith("TLS_AES_");
            assertThat(r.chain()).hasSize(2);
            assertThat(r.chain().get(0)).isEqualTo(rsaLeaf.certificate());
            assertThat(r.chain().get(1)).isEqualTo(rsaCa.intermediate());
            assertThat(r.leafKeyType()).isEqualTo("RSA");
            assertThat(r.leafKeySize()).isEqualTo(2048);
            assertThat(r.address()).contains(InetAddress.getByName("127.0.0.1"));
            assertThat(r.certificate().message()).contains("2 certificate(s)", "imp1.example.com");
        }
    }

    @Test
    void probe_ecdsaServer_reportsTheEcLeaf() throws Exception {
        try (OpenSslServer s = OpenSslServer.start(dir, serve(ecLeaf, ecCa))) {
            ProbeResult r = TlsProbe.probe("127.0.0.1", s.port(), FAST).orThrow();
            assertThat(r.leafKeyType()).isEqualTo("EC");
            assertThat(r.leafKeySize()).isEqualTo(256);
            assertThat(r.chain()).containsExactly(ecLeaf.certificate(), ecCa.intermediate());
        }
    }

    @ParameterizedTest(name = "server -{0}")
    @ValueSource(strings = {"tls1_2", "tls1_3"})
    void probe_dualCertificateServer_fetchesTheRsaOrTheEcdsaCertificateOnRequest(String version) throws Exception {
        List<String> a = args("-" + version, "-cert", rsaLeaf.cert().toString(), "-key", rsaLeaf.key().toString(),
                "-dcert", ecLeaf.cert().toString(), "-dkey", ecLeaf.key().toString());
        try (OpenSslServer s = OpenSslServer.start(dir, a.toArray(String[]::new))) {
            ProbeResult rsa = TlsProbe.probe("127.0.0.1", s.port(), FAST.withKeyPreference(KeyPreference.RSA)).orThrow();
            ProbeResult ec = TlsProbe.probe("127.0.0.1", s.port(), FAST.withKeyPreference(KeyPreference.ECDSA)).orThrow();

            String proto = version.equals("tls1_2") ? "TLSv1.2" : "TLSv1.3";
            assertThat(rsa.protocol()).isEqualTo(proto);
            assertThat(ec.protocol()).isEqualTo(proto);
            assertThat(rsa.leafKeyType()).isEqualTo("RSA");
            assertThat(rsa.leaf()).contains(rsaLeaf.certificate());
            assertThat(ec.leafKeyType()).isEqualTo("EC");
            assertThat(ec.leaf()).contains(ecLeaf.certificate());
            if (version.equals("tls1_2")) {
                assertThat(rsa.cipherSuite()).contains("_RSA_");
                assertThat(ec.cipherSuite()).contains("_ECDSA_");
            }
        }
    }

    @Test
    void probe_ecdsaLeafSignedByAnRsaCa_isStillFetchedWhenAskingForEcdsa() throws Exception {
        List<String> a = args("-cert", rsaLeaf.cert().toString(), "-key", rsaLeaf.key().toString(),
                "-dcert", ecLeafFromRsaCa.cert().toString(), "-dkey", ecLeafFromRsaCa.key().toString());
        try (OpenSslServer s = OpenSslServer.start(dir, a.toArray(String[]::new))) {
            ProbeResult ec = TlsProbe.probe("127.0.0.1", s.port(), FAST.withKeyPreference(KeyPreference.ECDSA));
            assertThat(ec.ok()).as(ec.toString()).isTrue();
            assertThat(ec.leaf()).contains(ecLeafFromRsaCa.certificate());
        }
    }

    @Test
    void probe_rsaOnlyServerAskedForEcdsa_tls13_saysItHasNoEcdsaCertificate_andShowsWhatItHas() throws Exception {
        try (OpenSslServer s = OpenSslServer.start(dir, serve(rsaLeaf, rsaCa))) {
            ProbeResult r = TlsProbe.probe("127.0.0.1", s.port(), FAST.withKeyPreference(KeyPreference.ECDSA));
            assertThat(r.failure()).hasValueSatisfying(f -> {
                assertThat(f.code()).isEqualTo("probe.key-type-unavailable");
                assertThat(f.phase()).isEqualTo(ProbePhase.CERTIFICATE);
                assertThat(f.message()).contains("127.0.0.1:" + s.port(), "presented an RSA certificate", "ECDSA was requested");
            });
            assertThat(r.tls().status()).isEqualTo(OK);
            assertThat(r.certificate().status()).isEqualTo(FAILED);
            assertThat(r.leaf()).contains(rsaLeaf.certificate());
        }
    }

    @Test
    void probe_rsaOnlyServerAskedForEcdsa_tls12_failsTheHandshakeWithTheAlert() throws Exception {
        List<String> a = args("-tls1_2");
        a.addAll(List.of(serve(rsaLeaf, rsaCa)));
        try (OpenSslServer s = OpenSslServer.start(dir, a.toArray(String[]::new))) {
            ProbeResult r = TlsProbe.probe("127.0.0.1", s.port(), FAST.withKeyPreference(KeyPreference.ECDSA));
            assertThat(r.failure()).hasValueSatisfying(f -> {
                assertThat(f.code()).isEqualTo("probe.handshake");
                assertThat(f.phase()).isEqualTo(ProbePhase.TLS);
                assertThat(f.message()).contains("127.0.0.1:" + s.port(), "alert handshake_failure", "ECDSA");
            });
            assertThat(r.tcp().status()).isEqualTo(OK);
            assertThat(r.tls().status()).isEqualTo(FAILED);
            assertThat(r.chain()).isEmpty();
        }
    }

    @Test
    void probe_expiredSelfSignedCertificate_isAccepted_trustIsTheOperatorsDecision() throws Exception {
        KeyPair kp = TestCerts.rsa(2048);
        Instant now = Instant.now();
        X509Certificate expired = TestCerts.selfSigned(kp, "SHA256withRSA", 3, "expired.example.com",
                now.minus(400, ChronoUnit.DAYS), now.minus(30, ChronoUnit.DAYS));
        Path cert = dir.resolve("expired.pem");
        Path key = dir.resolve("expired.key");
        Files.writeString(cert, Pem.toPem(expired));
        Files.writeString(key, Pem.privateKeyPem(kp.getPrivate()).revealString(SecretAccess.granted()));
        try (OpenSslServer s = OpenSslServer.start(dir, "-cert", cert.toString(), "-key", key.toString())) {
            ProbeResult r = TlsProbe.probe("localhost", s.port(), FAST);
            assertThat(r.ok()).as(r.toString()).isTrue();
            assertThat(r.chain()).containsExactly(expired);
            assertThat(CertInfo.isSelfSigned(r.chain().get(0))).isTrue();
        }
    }

    @Test
    void probe_serverRequiringAClientCertificate_tls12_failsWithTheAlert_butTheServerCertificateWasObtained() throws Exception {
        List<String> a = args("-tls1_2", "-Verify", "1", "-CAfile", rsaCa.ca.rootCert.toString());
        a.addAll(List.of(serve(rsaLeaf, rsaCa)));
        try (OpenSslServer s = OpenSslServer.start(dir, a.toArray(String[]::new))) {
            ProbeResult r = TlsProbe.probe("127.0.0.1", s.port(), FAST);
            assertThat(r.failure()).hasValueSatisfying(f -> {
                assertThat(f.code()).isEqualTo("probe.handshake");
                assertThat(f.message()).contains("alert", "client certificate");
            });
            assertThat(r.tls().status()).isEqualTo(FAILED);
            assertThat(r.certificate().status()).isEqualTo(OK);
            assertThat(r.chain()).containsExactly(rsaLeaf.certificate(), rsaCa.intermediate());
        }
    }

    @Test
    void probe_serverRequiringAClientCertificate_tls13_obtainsTheCertificate_andSaysNoneWasSent() throws Exception {
        // In TLS 1.3 the client finishes its handshake before the server judges the (empty) client certificate.
        List<String> a = args("-tls1_3", "-Verify", "1", "-CAfile", rsaCa.ca.rootCert.toString());
        a.addAll(List.of(serve(rsaLeaf, rsaCa)));
        try (OpenSslServer s = OpenSslServer.start(dir, a.toArray(String[]::new))) {
            ProbeResult r = TlsProbe.probe("127.0.0.1", s.port(), FAST);
            assertThat(r.ok()).as(r.toString()).isTrue();
            assertThat(r.tls().message()).contains("asked for a client certificate and none was sent");
            assertThat(r.leaf()).contains(rsaLeaf.certificate());
        }
    }

    @Test
    void probe_neverSendsAClientCertificate_evenWhenTheServerAsksForOne() throws Exception {
        KeyStore ks = KeyStore.getInstance("PKCS12");
        ks.load(null, null);
        char[] pw = "test".toCharArray();
        ks.setKeyEntry("server", rsaLeaf.privateKey(), pw, rsaLeaf.chain().toArray(X509Certificate[]::new));
        KeyManagerFactory kmf = KeyManagerFactory.getInstance("PKIX");
        kmf.init(ks, pw);
        X509TrustManager acceptAll = new X509TrustManager() {
            public void checkClientTrusted(X509Certificate[] c, String a) {}
            public void checkServerTrusted(X509Certificate[] c, String a) {}
            public X509Certificate[] getAcceptedIssuers() { return new X509Certificate[0]; }
        };
        SSLContext ctx = SSLContext.getInstance("TLS");
        ctx.init(kmf.getKeyManagers(), new TrustManager[]{acceptAll}, null);
        try (SSLServerSocket ss = (SSLServerSocket) ctx.getServerSocketFactory().createServerSocket(0, 5, InetAddress.getLoopbackAddress())) {
            ss.setWantClientAuth(true);
            CompletableFuture<String> seen = CompletableFuture.supplyAsync(() -> {
                try (SSLSocket c = (SSLSocket) ss.accept()) {
                    c.startHandshake();
                    try {
                        return "client certificate: " + c.getSession().getPeerCertificates().length;
                    } catch (SSLPeerUnverifiedException e) {
                        return "no client certificate";
                    }
                } catch (IOException e) {
                    return "server error: " + e;
                }
            });
            ProbeResult r = TlsProbe.probe("127.0.0.1", ss.getLocalPort(), FAST).orThrow();
            assertThat(r.leaf()).contains(rsaLeaf.certificate());
            assertThat(seen.get(10, TimeUnit.SECONDS)).isEqualTo("no client certificate");
        }
    }

    @Test
    void probe_plainTcpPort_isReportedAsNotTls() throws Exception {
        try (ServerSocket plain = new ServerSocket(0, 5, InetAddress.getLoopbackAddress())) {
            Thread.ofVirtual().start(() -> {
                try (Socket c = plain.accept()) {
                    c.getInputStream().read(new byte[512]);
                    c.getOutputStream().write("HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                    c.getOutputStream().flush();
                    Thread.sleep(500);
                } catch (Exception ignored) { /* test peer */ }
            });
            ProbeResult r = TlsProbe.probe("127.0.0.1", plain.getLocalPort(), FAST);
            assertThat(r.failure()).hasValueSatisfying(f -> {
                assertThat(f.code()).isEqualTo("probe.not-tls");
                assertThat(f.message()).contains("127.0.0.1:" + plain.getLocalPort(), "does not speak TLS");
            });
            assertThat(r.dns().status()).isEqualTo(OK);
            assertThat(r.tcp().status()).isEqualTo(OK);
            assertThat(r.tls().status()).isEqualTo(FAILED);
            assertThat(r.certificate().status()).isEqualTo(NOT_RUN);
        }
    }

    @Test
    void probe_closedPort_isReportedAsRefused() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) { port = s.getLocalPort(); }
        ProbeResult r = TlsProbe.probe("127.0.0.1", port, FAST);
        assertThat(r.failure()).hasValueSatisfying(f -> {
            assertThat(f.code()).isEqualTo("probe.refused");
            assertThat(f.phase()).isEqualTo(ProbePhase.TCP);
            assertThat(f.message()).contains("127.0.0.1:" + port, "refused");
        });
        assertThat(r.dns().status()).isEqualTo(OK);
        assertThat(r.tcp().status()).isEqualTo(FAILED);
        assertThat(r.tls().status()).isEqualTo(NOT_RUN);
        assertThatThrownBy(r::orThrow).isInstanceOfSatisfying(UcsecException.class, e -> {
            assertThat(e.code()).isEqualTo("probe.refused");
            assertThat(e.details()).containsEntry("port", port).containsEntry("phase", "TCP");
        });
    }

    @Test
    void probe_serverThatAcceptsButNeverAnswers_isAHandshakeTimeout() throws Exception {
        try (ServerSocket silent = new ServerSocket(0, 5, InetAddress.getLoopbackAddress())) {
            List<Socket> held = new ArrayList<>();
            Thread.ofVirtual().start(() -> {
                try { while (true) held.add(silent.accept()); } catch (IOException ignored) { /* closed */ }
            });
            TlsProbe.Options o = new TlsProbe.Options(Duration.ofSeconds(3), Duration.ofMillis(700));
            long t0 = System.nanoTime();
            ProbeResult r = TlsProbe.probe("127.0.0.1", silent.getLocalPort(), o);
            long ms = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
            assertThat(r.failure()).hasValueSatisfying(f -> {
                assertThat(f.code()).isEqualTo("probe.timeout");
                assertThat(f.phase()).isEqualTo(ProbePhase.TLS);
                assertThat(f.message()).contains("handshake timeout", "700 ms");
            });
            assertThat(r.tcp().status()).isEqualTo(OK);
            assertThat(ms).isBetween(600L, 4000L);
            for (Socket s : held) s.close();
        }
    }

    @Test
    void probe_listenerWithAFullAcceptQueue_isAConnectTimeout() throws Exception {
        // Linux drops SYNs while a listener's accept queue is full: connects then time out, on loopback, with no blackhole route.
        try (ServerSocket full = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            List<Socket> fillers = new ArrayList<>();
            try {
                boolean queueFull = false;
                for (int i = 0; i < 8 && !queueFull; i++) {
                    Socket f = new Socket();
                    try {
                        f.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), full.getLocalPort()), 200);
                        fillers.add(f);
                    } catch (java.net.SocketTimeoutException e) {
                        f.close();
                        queueFull = true;
                    }
                }
                org.junit.jupiter.api.Assumptions.assumeTrue(queueFull,
                        "this kernel does not drop SYNs on a full accept queue (tcp_abort_on_overflow or syncookies): no loopback connect timeout");
                TlsProbe.Options o = new TlsProbe.Options(Duration.ofMillis(500), Duration.ofSeconds(3));
                ProbeResult r = TlsProbe.probe("127.0.0.1", full.getLocalPort(), o);
                assertThat(r.failure()).hasValueSatisfying(f -> {
                    assertThat(f.code()).isEqualTo("probe.timeout");
                    assertThat(f.phase()).isEqualTo(ProbePhase.TCP);
                    assertThat(f.message()).contains("connect timeout", "500 ms");
                });
            } finally {
                for (Socket f : fillers) f.close();
            }
        }
    }

    @Test
    void probe_unresolvableName_isReportedAsDns_andNothingElseRuns() {
        ProbeResult r = TlsProbe.probe("nonexistent.invalid", 443, FAST);
        assertThat(r.failure()).hasValueSatisfying(f -> {
            assertThat(f.code()).isEqualTo("probe.dns");
            assertThat(f.message()).contains("nonexistent.invalid");
        });
        assertThat(r.dns().status()).isEqualTo(FAILED);
        assertThat(r.tcp().status()).isEqualTo(NOT_RUN);
        assertThat(r.tls().status()).isEqualTo(NOT_RUN);
        assertThat(r.certificate().status()).isEqualTo(NOT_RUN);
        assertThat(r.address()).isEmpty();
    }

    @Test
    void probe_dnsThatNeverAnswers_isBoundedByTheConnectTimeout() {
        TlsProbe.Options o = new TlsProbe.Options(Duration.ofMillis(300), Duration.ofSeconds(1))
                .withResolver(h -> { try { Thread.sleep(5000); } catch (InterruptedException e) { Thread.currentThread().interrupt(); } throw new UnknownHostException(h); });
        ProbeResult r = TlsProbe.probe("slow.example.com", 443, o);
        assertThat(r.failure()).hasValueSatisfying(f -> {
            assertThat(f.code()).isEqualTo("probe.dns");
            assertThat(f.message()).contains("slow.example.com", "300 ms");
        });
    }

    @Test
    void probe_hostNameIsResolvedAndShownInTheDnsPhase() throws Exception {
        try (OpenSslServer s = OpenSslServer.start(dir, serve(rsaLeaf, rsaCa))) {
            ProbeResult r = TlsProbe.probe("localhost", s.port(), FAST.withResolver(h -> new InetAddress[]{InetAddress.getByName("127.0.0.1")}));
            assertThat(r.ok()).as(r.toString()).isTrue();
            assertThat(r.dns().message()).contains("localhost resolved to [127.0.0.1]");
        }
    }

    @Test
    void sessionWithoutPeerCertificate_isReportedAsNoCertificate() {
        // The JDK refuses anonymous suites (jdk.tls.disabledAlgorithms "anon"), so no real peer can complete a handshake
        // without a certificate; the classification is checked on a session that has none.
        SSLSession noCert = (SSLSession) java.lang.reflect.Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[]{SSLSession.class},
                (proxy, m, a) -> switch (m.getName()) {
                    case "getPeerCertificates" -> throw new SSLPeerUnverifiedException("peer not authenticated");
                    case "getCipherSuite" -> "TLS_DH_anon_WITH_AES_128_GCM_SHA256";
                    default -> null;
                });
        assertThatThrownBy(() -> TlsProbe.peerChain(noCert, "imp1.example.com:5061"))
                .isInstanceOfSatisfying(TlsProbe.ProbeFailureException.class, e -> {
                    assertThat(e.failure.code()).isEqualTo("probe.no-certificate");
                    assertThat(e.failure.phase()).isEqualTo(ProbePhase.CERTIFICATE);
                    assertThat(e.failure.message()).contains("imp1.example.com:5061", "no certificate");
                });
    }

    @Test
    void probe_malformedTarget_isRefusedBeforeAnyNetworkAccess() {
        assertThatThrownBy(() -> TlsProbe.probe("imp1", 0, FAST))
                .isInstanceOfSatisfying(UcsecException.class, e -> assertThat(e.code()).isEqualTo("probe.invalid-target"));
        assertThatThrownBy(() -> TlsProbe.probe(" ", 443, FAST))
                .isInstanceOfSatisfying(UcsecException.class, e -> assertThat(e.code()).isEqualTo("probe.invalid-target"));
        assertThatThrownBy(() -> new TlsProbe.Options(Duration.ZERO, Duration.ofSeconds(1)))
                .isInstanceOfSatisfying(UcsecException.class, e -> assertThat(e.code()).isEqualTo("probe.invalid-options"));
    }

}
