package org.ucsec.tls.listener;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;
import org.ucsec.tls.transport.Framing;
import org.ucsec.tls.transport.TransportOptions;
import org.ucsec.tls.policy.SecurityModes;
import org.ucsec.tls.policy.SecurityPolicy;
import org.ucsec.tls.testing.SClient;
import org.ucsec.tls.testing.TestPki;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * SPEC S4: a listener bound to a TLS context accepts only peers whose certificate subject CN is selected, with only the
 * selected ciphers; seeds 000/002 "TLS peer subjects" / "TLS context". Real clients: {@code openssl s_client}.
 */
@ParameterizedClass(name = "{0}")
@EnumSource(Served.Kind.class)
class PeerAuthTlsListenerTest {
    final Served.Kind kind;

    PeerAuthTlsListenerTest(Served.Kind kind) { this.kind = kind; }

    @TempDir static Path dir;
    static TestPki ca, otherCa;
    static TestPki.Leaf server, peer1, peer2, peer1FromOtherCa;

    static final String ALLOWED_SUITE = "TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384";
    static final String ALLOWED_SUITE_OPENSSL = "ECDHE-RSA-AES256-GCM-SHA384";
    static final Duration WAIT = Duration.ofSeconds(10); // generous: only failing cases wait this long

    final BlockingQueue<PeerInfo> peers = new LinkedBlockingQueue<>();
    final List<Served> listeners = new ArrayList<>();

    @BeforeAll
    static void pki() throws IOException {
        ca = TestPki.create(dir.resolve("ca"), "Cluster", "rsa");
        otherCa = TestPki.create(dir.resolve("other-ca"), "Other", "rsa");
        server = ca.serverLeaf("imp1", "imp1.example.com", "rsa");
        peer1 = ca.clientLeaf("peer1", "peer1.example.com", "rsa");
        peer2 = ca.clientLeaf("peer2", "peer2.example.com", "rsa");
        peer1FromOtherCa = otherCa.clientLeaf("peer1-other", "peer1.example.com", "rsa");
    }

    @AfterEach
    void closeListeners() { listeners.forEach(Served::close); }

    /** Peer-auth context: allows peer1 only, one TLS 1.2 suite and one TLS 1.3 suite. */
    static ListenerTlsConfig.Builder context(String... allowedCns) throws IOException {
        return ListenerTlsConfig.builder()
                .serverKey(server.privateKey(), server.chain())
                .trustAnchors(List.of(ca.root()))
                .allowedPeerCns(List.of(allowedCns))
                .cipherSuites(List.of(ALLOWED_SUITE, "TLS_AES_256_GCM_SHA384"))
                .protocols(List.of("TLSv1.2", "TLSv1.3"))
                .handshakeTimeout(Duration.ofSeconds(5));
    }

    Served start(ListenerTlsConfig cfg) throws IOException {
        Served l = kind.start(cfg, TransportOptions.defaults().withFraming(Framing.lines(65_536)), peers::add);
        listeners.add(l);
        return l;
    }

    static String[] client(TestPki.Leaf leaf, String... more) {
        List<String> a = new ArrayList<>(List.of("-CAfile", ca.ca.rootCert.toString(), "-verify_return_error"));
        if (leaf != null) {
            a.addAll(List.of("-cert", leaf.cert().toString(), "-key", leaf.key().toString()));
            TestPki issuer = leaf == peer1FromOtherCa ? otherCa : ca;
            a.addAll(List.of("-cert_chain", issuer.ca.intCert.toString()));
        }
        a.addAll(List.of(more));
        return a.toArray(String[]::new);
    }

    /** s_client's stderr once it contains {@code text} (case-insensitive) or s_client exited and its stderr was read. */
    static String awaitStderr(SClient c, String text) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        c.exited(WAIT);
        while (!c.stderr().toLowerCase().contains(text.toLowerCase()) && System.nanoTime() < deadline) Thread.sleep(20);
        return c.stderr();
    }

    static void awaitRejected(Served l, String code) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (l.stats().rejected(code) == 0 && System.nanoTime() < deadline) Thread.sleep(20);
        assertThat(l.stats().rejected()).as("rejections").containsKey(code);
    }

    // ------------------------------------------------------------------------------------------------ accepted

    @Test
    void allowedCn_tls12_withTheSelectedSuite_isEchoed_andTheHandlerSeesTheVerifiedPeer() throws Exception {
        Served l = start(context("peer1.example.com").build());
        assertThat(l.port()).isPositive();
        try (SClient c = SClient.connect(dir, l.port(), client(peer1, "-tls1_2", "-cipher", ALLOWED_SUITE_OPENSSL))) {
            assertThat(c.roundTrip("REGISTER sip:example.com SIP/2.0", WAIT)).as(c.stderr()).isEqualTo("REGISTER sip:example.com SIP/2.0");
            assertThat(c.roundTrip("second line", WAIT)).isEqualTo("second line");
        }
        PeerInfo p = peers.poll(1, TimeUnit.SECONDS);
        assertThat(p).isNotNull();
        assertThat(p.commonName()).isEqualTo("peer1.example.com");
        assertThat(p.protocol()).isEqualTo("TLSv1.2");
        assertThat(p.cipherSuite()).isEqualTo(ALLOWED_SUITE);
        assertThat(p.chain()).first().isEqualTo(peer1.certificate());
        assertThat(l.stats().established()).isEqualTo(1);
        assertThat(l.stats().rejectedTotal()).isZero();
    }

    @Test
    void allowedCn_tls13_isEchoed() throws Exception {
        Served l = start(context("PEER1.example.com").build()); // CNs compare case-insensitively
        try (SClient c = SClient.connect(dir, l.port(), client(peer1))) {
            assertThat(c.roundTrip("hello", WAIT)).as(c.stderr()).isEqualTo("hello");
        }
        assertThat(peers.poll(1, TimeUnit.SECONDS).protocol()).isEqualTo("TLSv1.3");
    }

    // ------------------------------------------------------------------------------------------------ refused

    @Test
    void otherCnFromTheSameCa_isRefusedAfterTheHandshake() throws Exception {
        Served l = start(context("peer1.example.com").build());
        try (SClient c = SClient.connect(dir, l.port(), client(peer2, "-tls1_2", "-cipher", ALLOWED_SUITE_OPENSSL))) {
            assertThat(c.roundTrip("hello", WAIT)).isNull();
            assertThat(c.exited(WAIT)).isTrue();
        }
        awaitRejected(l, "peer.cn-not-allowed");
        assertThat(l.stats().established()).isZero();
        assertThat(peers).isEmpty();
    }

    @Test
    void noClientCertificate_isRefused() throws Exception {
        Served l = start(context("peer1.example.com").build());
        try (SClient c = SClient.connect(dir, l.port(), client(null, "-tls1_2", "-cipher", ALLOWED_SUITE_OPENSSL))) {
            assertThat(c.roundTrip("hello", WAIT)).isNull();
        }
        awaitRejected(l, "handshake.no-client-certificate");
        assertThat(peers).isEmpty();
    }

    @Test
    void allowedCnFromAnotherCa_isRefused_theChainMustReachTheAnchors() throws Exception {
        Served l = start(context("peer1.example.com").build());
        try (SClient c = SClient.connect(dir, l.port(), client(peer1FromOtherCa))) {
            assertThat(c.roundTrip("hello", WAIT)).isNull();
        }
        awaitRejected(l, "handshake.untrusted-client-certificate");
        assertThat(peers).isEmpty();
    }

    @Test
    void cipherSuiteOutsideTheSelectedList_isRefused() throws Exception {
        Served l = start(context("peer1.example.com").build());
        try (SClient c = SClient.connect(dir, l.port(), client(peer1, "-tls1_2", "-cipher", "ECDHE-RSA-AES128-GCM-SHA256"))) {
            assertThat(c.roundTrip("hello", WAIT)).isNull();
            assertThat(awaitStderr(c, "handshake failure")).contains("handshake failure");
        }
        awaitRejected(l, "handshake.no-common-suite");
    }

    @Test
    void tls11_isRefusedByTheServer_whenTheMinimumIs12() throws Exception {
        // -cipher DEFAULT@SECLEVEL=0 keeps OpenSSL 3 from refusing TLS 1.1 itself: the refusal observed is the server's.
        Served l = start(context("peer1.example.com")
                .policy(SecurityPolicy.of(SecurityModes.builder().minTlsVersion("1.2").build())).build());
        try (SClient c = SClient.connect(dir, l.port(), client(peer1, "-tls1_1", "-cipher", "DEFAULT@SECLEVEL=0"))) {
            assertThat(c.roundTrip("hello", WAIT)).isNull();
            assertThat(awaitStderr(c, "protocol version")).containsIgnoringCase("protocol version");
        }
        awaitRejected(l, "handshake.protocol-refused");
    }

    @Test
    void fipsPolicy_withDefaultSuites_refusesAChaCha20OnlyClient() throws Exception {
        ListenerTlsConfig cfg = context("peer1.example.com").cipherSuites(List.of())
                .policy(SecurityPolicy.of(SecurityModes.builder().fips(true).build())).build();
        assertThat(cfg.cipherSuites()).isNotEmpty().noneMatch(s -> s.contains("CHACHA20"));
        Served l = start(cfg);
        try (SClient c = SClient.connect(dir, l.port(), client(peer1, "-tls1_2", "-cipher", "ECDHE-RSA-CHACHA20-POLY1305"))) {
            assertThat(c.roundTrip("hello", WAIT)).isNull();
        }
        awaitRejected(l, "handshake.no-common-suite");
        try (SClient c = SClient.connect(dir, l.port(), client(peer1, "-tls1_2", "-cipher", "ECDHE-RSA-AES128-GCM-SHA256"))) {
            assertThat(c.roundTrip("fips ok", WAIT)).as(c.stderr()).isEqualTo("fips ok");
        }
    }

    @Test
    void plainTcpClient_isCountedAsNotTls() throws Exception {
        Served l = start(context("peer1.example.com").build());
        try (Socket s = new Socket(InetAddress.getLoopbackAddress(), l.port())) {
            s.getOutputStream().write("OPTIONS sip:imp1 SIP/2.0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            s.getOutputStream().flush();
            s.setSoTimeout(5000);
            while (s.getInputStream().read() >= 0) { /* drain until the server closes */ }
        } catch (java.net.SocketException ignored) {
            // reset by the server: fine
        }
        awaitRejected(l, "handshake.not-tls");
    }

    @Test
    void fipsPolicy_refusesAClientCertificateWithAnRsa1024Key_afterTheHandshake() throws Exception {
        TestPki.Leaf weak = ca.clientLeaf("peer1-weak", "peer1.example.com", "rsa:1024");
        Served l = start(context("peer1.example.com").policy(SecurityPolicy.of(SecurityModes.builder().fips(true).build())).build());
        // @SECLEVEL=0: Debian's OpenSSL (level 2) would otherwise refuse to use a 1024-bit key itself
        try (SClient c = SClient.connect(dir, l.port(), client(weak, "-tls1_2", "-cipher", ALLOWED_SUITE_OPENSSL + ":@SECLEVEL=0"))) {
            assertThat(c.roundTrip("hello", WAIT)).isNull();
        }
        awaitRejected(l, "peer.policy");
        assertThat(peers).isEmpty();
    }

    @Test
    void clientThatNeverCompletesTheHandshake_isDroppedAfterTheHandshakeTimeout() throws Exception {
        Served l = start(context("peer1.example.com").handshakeTimeout(Duration.ofMillis(300)).build());
        try (Socket s = new Socket(InetAddress.getLoopbackAddress(), l.port())) {
            s.setSoTimeout(5000);
            long t0 = System.nanoTime();
            while (s.getInputStream().read() >= 0) { /* at most a TLS alert record, then the listener closes */ }
            assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0)).isBetween(200L, 4000L);
        }
        awaitRejected(l, "handshake.timeout");
    }

    // ------------------------------------------------------------------------------------------------ reload / close

    @Test
    void reload_appliesToNewConnectionsOnly_establishedOnesContinue() throws Exception {
        Served l = start(context("peer1.example.com").build());
        try (SClient a = SClient.connect(dir, l.port(), client(peer1, "-tls1_2", "-cipher", ALLOWED_SUITE_OPENSSL))) {
            assertThat(a.roundTrip("before reload", WAIT)).as(a.stderr()).isEqualTo("before reload");

            l.reload(context("peer2.example.com").build()); // would refuse A's certificate

            assertThat(a.roundTrip("after reload", WAIT)).isEqualTo("after reload");
            try (SClient b = SClient.connect(dir, l.port(), client(peer1, "-tls1_2", "-cipher", ALLOWED_SUITE_OPENSSL))) {
                assertThat(b.roundTrip("new connection", WAIT)).isNull();
            }
            awaitRejected(l, "peer.cn-not-allowed");
            try (SClient c = SClient.connect(dir, l.port(), client(peer2))) {
                assertThat(c.roundTrip("peer2 now allowed", WAIT)).as(c.stderr()).isEqualTo("peer2 now allowed");
            }
            assertThat(a.roundTrip("still here", WAIT)).isEqualTo("still here");
        }
        assertThat(l.config().allowedPeerCns()).containsExactly("peer2.example.com");
    }

    @Test
    void close_stopsAcceptingAndClosesOpenConnections() throws Exception {
        Served l = start(context("peer1.example.com").build());
        int port = l.port();
        try (SClient a = SClient.connect(dir, port, client(peer1))) {
            assertThat(a.roundTrip("open", WAIT)).isEqualTo("open");
            long t0 = System.nanoTime();
            while (l.stats().active() != 1 && System.nanoTime() - t0 < WAIT.toNanos()) Thread.sleep(20);
            assertThat(l.stats().active()).isEqualTo(1);

            l.close();

            assertThat(a.exited(WAIT)).as("the open connection is closed by the listener").isTrue();
            assertThatThrownBy(() -> new Socket(InetAddress.getLoopbackAddress(), port).close()).isInstanceOf(ConnectException.class);
            assertThatThrownBy(() -> l.reload(context("peer1.example.com").build()))
                    .hasMessageContaining("closed");
        }
    }

    @Test
    void serverAuthOnlyListener_acceptsClientsWithoutCertificates() throws Exception {
        ListenerTlsConfig cfg = ListenerTlsConfig.builder().serverKey(server.privateKey(), server.chain())
                .requireClientCert(false).build();
        Served l = start(cfg);
        try (SClient c = SClient.connect(dir, l.port(), client(null))) {
            assertThat(c.roundTrip("anonymous", WAIT)).as(c.stderr()).isEqualTo("anonymous");
        }
        PeerInfo p = peers.poll(1, TimeUnit.SECONDS);
        assertThat(p.authenticated()).isFalse();
        assertThat(p.commonName()).isEmpty();
    }
}
