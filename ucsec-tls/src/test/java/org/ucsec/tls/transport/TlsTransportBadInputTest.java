package org.ucsec.tls.transport;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;
import org.ucsec.tls.listener.ListenerTlsConfig;
import org.ucsec.tls.listener.PeerInfo;
import org.ucsec.tls.listener.Served;
import org.ucsec.tls.testing.Proc;
import org.ucsec.tls.testing.SClient;
import org.ucsec.tls.testing.TestPki;

import javax.net.ssl.X509TrustManager;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 15, bad input, on both engines: slow and oversized ClientHellos, connections that never speak, long chains,
 * renegotiation, old protocol versions, a chain the trust hook refuses; and the hook (not the engine's own chain
 * verification) is what decides, its decisions cached; idle and message bounds; the SIP OPTIONS handler.
 * Real peers: {@code openssl s_client}, and raw ClientHello bytes where no client would send them.
 */
@ParameterizedClass(name = "{0}")
@EnumSource(value = TlsEngine.class, names = {"OPENSSL", "JDK"})
class TlsTransportBadInputTest {
    @TempDir static Path dir;
    static TestPki ca, otherCa;
    static TestPki.Leaf server, peer1, peer2, peer1FromOtherCa;
    static final Duration WAIT = Duration.ofSeconds(15);
    static final String SUITE_OPENSSL = "ECDHE-RSA-AES256-GCM-SHA384";

    final TlsEngine engine;
    final BlockingQueue<PeerInfo> peers = new LinkedBlockingQueue<>();
    final List<TlsTransport> started = new ArrayList<>();
    final List<String> log = java.util.Collections.synchronizedList(new ArrayList<>());
    final Handler capture = new Handler() {
        @Override public void publish(LogRecord r) {
            String m = r.getMessage();
            Object[] p = r.getParameters();
            if (p != null) for (int i = 0; i < p.length; i++) m = m.replace("{" + i + "}", String.valueOf(p[i]));
            log.add(m);
        }
        @Override public void flush() {}
        @Override public void close() {}
    };

    TlsTransportBadInputTest(TlsEngine engine) { this.engine = engine; }

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
    void stop() {
        started.forEach(TlsTransport::close);
        Logger.getLogger(TlsTransport.class.getName()).removeHandler(capture);
    }

    static ListenerTlsConfig.Builder config() throws IOException {
        return ListenerTlsConfig.builder().serverKey(server.privateKey(), server.chain()).trustAnchors(List.of(ca.root()))
                .allowedPeerCns(List.of("peer1.example.com", "peer2.example.com"))
                .cipherSuites(List.of("TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384")).protocols(List.of("TLSv1.2", "TLSv1.3"))
                .handshakeTimeout(Duration.ofSeconds(2));
    }

    TlsTransport start(ListenerTlsConfig cfg, TransportOptions opts) {
        Logger.getLogger(TlsTransport.class.getName()).addHandler(capture);
        TlsTransport t = TlsTransport.start("bad-input", new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), cfg,
                opts.withEngine(engine), Served.echo(peers::add));
        started.add(t);
        assertThat(t.engine()).isEqualTo(engine);
        return t;
    }

    TlsTransport start(ListenerTlsConfig cfg) { return start(cfg, TransportOptions.defaults().withFraming(Framing.lines(4096))); }

    static String[] client(TestPki.Leaf leaf, String... more) {
        List<String> a = new ArrayList<>(List.of("-cert", leaf.cert().toString(), "-key", leaf.key().toString(),
                "-cert_chain", (leaf == peer1FromOtherCa ? otherCa : ca).ca.intCert.toString()));
        a.addAll(List.of(more));
        return a.toArray(String[]::new);
    }

    static void await(BooleanSupplier done) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (!done.getAsBoolean() && System.nanoTime() < deadline) Thread.sleep(20);
    }

    static void awaitRejected(TlsTransport t, String code) throws InterruptedException {
        await(() -> t.stats().rejected(code) > 0);
        assertThat(t.stats().rejected()).as("rejections").containsKey(code);
    }

    /** Reads until the server closes (or the wait ends); true if it closed. */
    static boolean closedByServer(Socket s) throws IOException {
        s.setSoTimeout((int) WAIT.toMillis());
        try {
            InputStream in = s.getInputStream();
            while (in.read() >= 0) { /* an alert at most */ }
            return true;
        } catch (java.net.SocketTimeoutException e) {
            return false;
        } catch (java.net.SocketException e) {
            return true; // reset
        }
    }

    /** A ClientHello as raw records: {@code version} in the record and the hello, {@code suites} ECDHE/RSA AES ones, padded. */
    static byte[] clientHello(int version, int extraSuites, int paddingBytes) {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.write(version >> 8); body.write(version);
        for (int i = 0; i < 32; i++) body.write(i);
        body.write(0); // session id
        int[] suites = {0xc030, 0xc02f, 0x002f, 0x0035};
        int n = suites.length + extraSuites;
        body.write((n * 2) >> 8); body.write(n * 2);
        for (int s : suites) { body.write(s >> 8); body.write(s); }
        for (int i = 0; i < extraSuites; i++) { body.write(0x0a); body.write(i & 0xff); } // unassigned values
        body.write(1); body.write(0); // null compression
        if (paddingBytes > 0) {
            int ext = 4 + paddingBytes;
            body.write(ext >> 8); body.write(ext);
            body.write(0x00); body.write(0x15); // padding extension
            body.write(paddingBytes >> 8); body.write(paddingBytes);
            for (int i = 0; i < paddingBytes; i++) body.write(0);
        }
        byte[] b = body.toByteArray();
        ByteArrayOutputStream hs = new ByteArrayOutputStream();
        hs.write(1); hs.write(b.length >> 16); hs.write(b.length >> 8); hs.write(b.length);
        hs.writeBytes(b);
        byte[] h = hs.toByteArray();
        ByteArrayOutputStream rec = new ByteArrayOutputStream();
        for (int off = 0; off < h.length; off += 16384) {
            int len = Math.min(16384, h.length - off);
            rec.write(22); rec.write(version >> 8); rec.write(version); rec.write(len >> 8); rec.write(len);
            rec.write(h, off, len);
        }
        return rec.toByteArray();
    }

    // ------------------------------------------------------------------------------------------------ slow / silent peers

    @Test
    void clientHelloAtOneBytePerSecond_isDroppedAtTheHandshakeDeadline_notKeptByEachByte() throws Exception {
        TlsTransport t = start(config().handshakeTimeout(Duration.ofMillis(2500)).build());
        byte[] hello = clientHello(0x0303, 0, 0);
        try (Socket s = new Socket(InetAddress.getLoopbackAddress(), t.port())) {
            Thread writer = Thread.ofVirtual().start(() -> {
                try {
                    OutputStream out = s.getOutputStream();
                    for (byte b : hello) { out.write(b); out.flush(); Thread.sleep(1000); }
                } catch (IOException | InterruptedException e) { /* closed by the server: expected */ }
            });
            assertThat(closedByServer(s)).as("closed by the server").isTrue();
            writer.interrupt();
        }
        awaitRejected(t, "handshake.timeout");
    }

    @Test
    void manyConnectionsThatNeverSpeak_areBoundedByTheConnectionLimit_andDroppedAtTheHandshakeDeadline() throws Exception {
        int limit = 100, total = 500;
        TlsTransport t = start(config().handshakeTimeout(Duration.ofSeconds(3)).build(),
                TransportOptions.defaults().withFraming(Framing.lines(4096)).withMaxConnections(limit));
        List<Socket> silent = new ArrayList<>();
        AtomicInteger maxOpen = new AtomicInteger();
        try {
            for (int i = 0; i < total; i++) {
                silent.add(new Socket(InetAddress.getLoopbackAddress(), t.port()));
                maxOpen.accumulateAndGet((int) t.stats().open(), Math::max);
            }
            await(() -> t.stats().rejected("connection.limit") + t.stats().rejected("handshake.timeout") >= total);
            assertThat(maxOpen.get()).isLessThanOrEqualTo(limit);
            assertThat(t.stats().rejected("connection.limit")).isPositive();
            assertThat(t.stats().rejected("connection.limit") + t.stats().rejected("handshake.timeout")).isEqualTo(total);
            await(() -> t.stats().open() == 0);
            assertThat(t.stats().open()).isZero();
        } finally {
            for (Socket s : silent) s.close();
        }
        try (SClient c = SClient.connect(dir, t.port(), client(peer1))) {
            assertThat(c.roundTrip("still serving", WAIT)).as(c.stderr()).isEqualTo("still serving");
        }
    }

    @Test
    void anEstablishedClientSendingAByteNowAndThen_isClosedAtTheIdleTimeout() throws Exception {
        TlsTransport t = start(config().build(), TransportOptions.defaults().withFraming(Framing.lines(4096)).withIdleTimeout(Duration.ofMillis(1500)));
        try (Proc p = Proc.start(dir, List.of("openssl", "s_client", "-connect", "127.0.0.1:" + t.port(), "-quiet",
                "-cert", peer1.cert().toString(), "-key", peer1.key().toString(), "-cert_chain", ca.ca.intCert.toString()))) {
            await(() -> t.stats().established() == 1);
            assertThat(t.stats().established()).isEqualTo(1);
            for (int i = 0; i < 40 && p.alive(); i++) {
                try { p.send("a"); } catch (IOException e) { break; } // never a whole line
                Thread.sleep(300);
            }
            assertThat(p.awaitExit(WAIT)).as("s_client ended: the server closed").isTrue();
        }
        awaitRejected(t, "connection.idle-timeout");
    }

    // ------------------------------------------------------------------------------------------------ oversized input

    @Test
    void aClientHelloOf64Kb_isRefusedAsTooLarge() throws Exception {
        TlsTransport t = start(config().build());
        byte[] hello = clientHello(0x0303, 32_000, 2_000);
        assertThat(hello.length).isGreaterThan(65_536);
        try (Socket s = new Socket(InetAddress.getLoopbackAddress(), t.port())) {
            try { s.getOutputStream().write(hello); s.getOutputStream().flush(); } catch (IOException e) { /* closed early */ }
            assertThat(closedByServer(s)).isTrue();
        }
        awaitRejected(t, "handshake.too-large");
    }

    @Test
    void aClientChainOf50Certificates_isRefusedBeforeValidation_namingTheCertificate() throws Exception {
        TlsTransport t = start(config().build());
        Path longChain = dir.resolve("chain-50.pem");
        StringBuilder pem = new StringBuilder(Files.readString(ca.ca.intCert));
        java.security.KeyPair kp = org.ucsec.tls.testing.TestCerts.rsa(2048);
        for (int i = 0; i < 48; i++) { // distinct certificates: a client does not send a duplicate twice
            X509Certificate filler = org.ucsec.tls.testing.TestCerts.selfSigned(kp, "SHA256withRSA", 3, "filler-" + i + ".example.com");
            pem.append("-----BEGIN CERTIFICATE-----\n").append(java.util.Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(filler.getEncoded()))
                    .append("\n-----END CERTIFICATE-----\n");
        }
        Files.writeString(longChain, pem);
        try (SClient c = SClient.connect(dir, t.port(), "-cert", peer1.cert().toString(), "-key", peer1.key().toString(), "-cert_chain", longChain.toString())) {
            assertThat(c.roundTrip("hello", WAIT)).isNull();
        }
        awaitRejected(t, "handshake.chain-too-long");
        await(() -> log.stream().anyMatch(m -> m.contains("handshake.chain-too-long")));
        assertThat(t.stats().established()).isZero();
    }

    // ------------------------------------------------------------------------------------------------ protocol abuse

    @Test
    void clientInitiatedRenegotiation_isRefused_andTheConnectionClosed() throws Exception {
        TlsTransport t = start(config().build());
        try (Proc p = Proc.start(dir, List.of("openssl", "s_client", "-connect", "127.0.0.1:" + t.port(), "-tls1_2", "-cipher", SUITE_OPENSSL,
                "-cert", peer1.cert().toString(), "-key", peer1.key().toString(), "-cert_chain", ca.ca.intCert.toString()))) {
            await(() -> t.stats().established() == 1);
            p.send("line before\n");
            assertThat(p.awaitLine(l -> l.equals("line before"), WAIT)).isEqualTo("line before");
            p.send("R\n"); // s_client: renegotiate
            assertThat(p.awaitExit(WAIT)).as("the server closed the connection").isTrue();
        }
        awaitRejected(t, "handshake.renegotiation-refused");
    }

    @Test
    void tls10AndSslv3Hellos_areRefusedAsProtocolVersions() throws Exception {
        TlsTransport t = start(config().build());
        for (int version : new int[]{0x0301, 0x0300}) {
            try (Socket s = new Socket(InetAddress.getLoopbackAddress(), t.port())) {
                s.getOutputStream().write(clientHello(version, 0, 0));
                s.getOutputStream().flush();
                assertThat(closedByServer(s)).isTrue();
            }
        }
        await(() -> t.stats().rejected("handshake.protocol-refused") >= 2);
        assertThat(t.stats().rejected("handshake.protocol-refused")).as(t.stats().rejected().toString()).isEqualTo(2);
        try (SClient c = SClient.connect(dir, t.port(), client(peer1, "-tls1", "-cipher", "DEFAULT@SECLEVEL=0"))) {
            assertThat(c.roundTrip("hello", WAIT)).isNull();
        }
        await(() -> t.stats().rejected("handshake.protocol-refused") >= 3);
        assertThat(t.stats().rejected("handshake.protocol-refused")).isEqualTo(3);
    }

    // ------------------------------------------------------------------------------------------------ the trust hook

    /** A validator stand-in: refuses peer2 ("revoked"), accepts everything else, counts its calls. */
    static final class TestValidator implements X509TrustManager {
        final AtomicInteger calls = new AtomicInteger();
        @Override public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
            calls.incrementAndGet();
            if (chain[0].getSubjectX500Principal().getName().contains("peer2")) {
                throw new CertificateException("client certificate '" + chain[0].getSubjectX500Principal().getName() + "' is revoked (test validator)");
            }
        }
        @Override public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException { throw new CertificateException("no"); }
        @Override public X509Certificate[] getAcceptedIssuers() { return new X509Certificate[0]; }
    }

    @Test
    void aCertificateTheHookRefuses_failsTheHandshakeWithAnAlert_andTheReasonIsLoggedWithTheSubject() throws Exception {
        TestValidator v = new TestValidator();
        TlsTransport t = start(config().clientTrust(v).build());
        try (SClient c = SClient.connect(dir, t.port(), client(peer2, "-tls1_2", "-cipher", SUITE_OPENSSL))) {
            assertThat(c.roundTrip("hello", WAIT)).isNull();
            c.exited(WAIT);
            await(() -> c.stderr().contains("alert"));
            assertThat(c.stderr()).containsAnyOf("alert certificate unknown", "alert bad certificate");
        }
        awaitRejected(t, "handshake.untrusted-client-certificate");
        await(() -> log.stream().anyMatch(m -> m.contains("revoked")));
        assertThat(log).anyMatch(m -> m.contains("revoked (test validator)") && m.contains("CN=peer2.example.com") && m.contains("handshake.untrusted-client-certificate"));
        assertThat(t.stats().established()).isZero();
    }

    @Test
    void theHookDecides_notTheEnginesOwnChainVerification_andItsAcceptanceIsCachedForReconnects() throws Exception {
        TestValidator v = new TestValidator();
        TlsTransport t = start(config().clientTrust(v).build());
        // peer1FromOtherCa does not chain to the anchors: only the hook's verdict lets it in
        for (int i = 0; i < 2; i++) {
            try (SClient c = SClient.connect(dir, t.port(), client(peer1FromOtherCa))) {
                assertThat(c.roundTrip("reconnect " + i, WAIT)).as(c.stderr()).isEqualTo("reconnect " + i);
            }
        }
        assertThat(v.calls.get()).as("the hook decided once; the reconnect used the cached decision").isEqualTo(1);
        assertThat(t.stats().chainCacheHits()).isEqualTo(1);
        t.reload(config().clientTrust(new TestValidator()).build()); // a new trust version: decided again
        try (SClient c = SClient.connect(dir, t.port(), client(peer1FromOtherCa))) {
            assertThat(c.roundTrip("after reload", WAIT)).as(c.stderr()).isEqualTo("after reload");
        }
        assertThat(t.stats().chainCacheMisses()).isEqualTo(2);
    }

    // ------------------------------------------------------------------------------------------------ application

    @Test
    void sipOptions_isAnswered200_withTheDialogHeadersEchoed_andTheVerifiedPeerNamed() throws Exception {
        TlsTransport t = TlsTransport.start("sip", new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), config().build(),
                TransportOptions.defaults().withEngine(engine), new SipOptionsHandler());
        started.add(t);
        try (Proc p = Proc.start(dir, List.of("openssl", "s_client", "-connect", "127.0.0.1:" + t.port(), "-quiet", "-crlf",
                "-cert", peer1.cert().toString(), "-key", peer1.key().toString(), "-cert_chain", ca.ca.intCert.toString()))) {
            p.send("OPTIONS sip:imp1.example.com SIP/2.0\nVia: SIP/2.0/TLS 127.0.0.1;branch=z9hG4bK1\nFrom: <sip:a@example.com>;tag=1\n"
                    + "To: <sip:imp1.example.com>\nCall-ID: c1@example.com\nCSeq: 1 OPTIONS\nContent-Length: 0\n\n");
            assertThat(p.awaitLine(l -> l.startsWith("SIP/2.0"), WAIT)).as(p.stderr()).isEqualTo("SIP/2.0 200 OK");
            assertThat(p.awaitLine(l -> l.startsWith("Call-ID"), WAIT)).isEqualTo("Call-ID: c1@example.com");
            assertThat(p.awaitLine(l -> l.startsWith("Server"), WAIT)).isEqualTo("Server: ucsec (peer peer1.example.com)");
            p.send("INFO sip:imp1.example.com SIP/2.0\nCall-ID: c2\nCSeq: 2 INFO\nContent-Length: 5\n\nhello");
            assertThat(p.awaitLine(l -> l.startsWith("SIP/2.0"), WAIT)).isEqualTo("SIP/2.0 501 Not Implemented");
        }
    }

    @Test
    void aLineLongerThanTheMessageBound_closesTheConnection() throws Exception {
        TlsTransport t = start(config().build(), TransportOptions.defaults().withFraming(Framing.lines(100)));
        try (SClient c = SClient.connect(dir, t.port(), client(peer1))) {
            assertThat(c.roundTrip("x".repeat(200), WAIT)).isNull();
        }
        awaitRejected(t, "connection.message-too-large");
    }
}
