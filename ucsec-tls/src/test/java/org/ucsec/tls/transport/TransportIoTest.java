package org.ucsec.tls.transport;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.ucsec.core.UcsecException;
import org.ucsec.tls.listener.ListenerTlsConfig;
import org.ucsec.tls.listener.PeerInfo;
import org.ucsec.tls.listener.Served;
import org.ucsec.tls.testing.SClient;
import org.ucsec.tls.testing.TestPki;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The event loop under the transport: native epoll when it loads, Java NIO otherwise; both serve the same way on both engines. */
class TransportIoTest {
    @TempDir static Path dir;
    static TestPki ca, otherCa;
    static TestPki.Leaf server, peer1, stranger;
    static final Duration WAIT = Duration.ofSeconds(15);
    final List<TlsTransport> started = new ArrayList<>();
    final BlockingQueue<PeerInfo> peers = new LinkedBlockingQueue<>();

    @BeforeAll
    static void pki() throws IOException {
        ca = TestPki.create(dir.resolve("ca"), "Cluster", "rsa");
        otherCa = TestPki.create(dir.resolve("other-ca"), "Other", "rsa");
        server = ca.serverLeaf("imp1", "imp1.example.com", "rsa");
        peer1 = ca.clientLeaf("peer1", "peer1.example.com", "rsa");
        stranger = otherCa.clientLeaf("stranger", "peer1.example.com", "rsa");
    }

    @AfterEach
    void stop() { started.forEach(TlsTransport::close); }

    @Test
    void auto_isEpollWhenTheNativeLibraryLoads_elseNio_andEpollFallsBackToNio() {
        assertThat(TransportIo.resolve(TransportIo.AUTO, true)).isEqualTo(TransportIo.EPOLL);
        assertThat(TransportIo.resolve(TransportIo.AUTO, false)).isEqualTo(TransportIo.NIO);
        assertThat(TransportIo.resolve(TransportIo.EPOLL, false)).isEqualTo(TransportIo.NIO);
        assertThat(TransportIo.resolve(TransportIo.NIO, true)).isEqualTo(TransportIo.NIO);
    }

    @Test
    void administratorValues_parse_andUnknownOnesAreRefused() {
        assertThat(TransportIo.parse("epoll")).isEqualTo(TransportIo.EPOLL);
        assertThat(TransportIo.parse("NIO")).isEqualTo(TransportIo.NIO);
        assertThat(TransportIo.parse(null)).isEqualTo(TransportIo.AUTO);
        assertThatThrownBy(() -> TransportIo.parse("kqueue")).isInstanceOfSatisfying(UcsecException.class,
                e -> assertThat(e.code()).isEqualTo("transport.invalid"));
        assertThat(TransportOptions.defaults().io()).isEqualTo(TransportIo.AUTO);
    }

    @Test
    void nativeEpoll_loadsOnThisPlatform_andAutoUsesIt() throws IOException {
        assertThat(TlsTransport.epollAvailable()).as("netty-transport-native-epoll for linux-x86_64").isTrue();
        assertThat(start(TlsEngine.AUTO, TransportIo.AUTO, TransportOptions.defaults()).io()).isEqualTo(TransportIo.EPOLL);
    }

    @ParameterizedTest(name = "{0} on {1}")
    @CsvSource({"OPENSSL,EPOLL", "OPENSSL,NIO", "JDK,EPOLL", "JDK,NIO"})
    void aPeerIsServed_aStrangerRefused_andAnIdleConnectionClosed(TlsEngine engine, TransportIo io) throws Exception {
        TlsTransport t = start(engine, io, TransportOptions.defaults().withIdleTimeout(Duration.ofMillis(1500)));
        assertThat(t.io()).isEqualTo(io);
        assertThat(t.engine()).isEqualTo(engine);
        for (String tls : List.of("-tls1_2", "-tls1_3")) {
            try (SClient c = SClient.connect(dir, t.port(), client(peer1, ca, tls))) {
                assertThat(c.roundTrip("hello " + tls, WAIT)).as(c.stderr()).isEqualTo("hello " + tls);
            }
        }
        assertThat(peers.poll().commonName()).isEqualTo("peer1.example.com");
        try (SClient c = SClient.connect(dir, t.port(), client(stranger, otherCa, "-tls1_2"))) {
            c.exited(WAIT);
        }
        await(() -> t.stats().rejected().keySet().stream().anyMatch(k -> k.startsWith("peer.") || k.startsWith("handshake.")));
        assertThat(t.stats().established()).isEqualTo(2);
        long idleBefore = t.stats().rejected("connection.idle-timeout");
        try (SClient c = SClient.connect(dir, t.port(), client(peer1, ca, "-tls1_3"))) {
            assertThat(c.roundTrip("then idle", WAIT)).as(c.stderr()).isEqualTo("then idle");
            await(() -> t.stats().rejected("connection.idle-timeout") > idleBefore);
        }
        assertThat(t.stats().rejected("connection.idle-timeout")).isGreaterThan(idleBefore);
    }

    TlsTransport start(TlsEngine engine, TransportIo io, TransportOptions opts) throws IOException {
        ListenerTlsConfig cfg = ListenerTlsConfig.builder().serverKey(server.privateKey(), server.chain()).trustAnchors(List.of(ca.root()))
                .allowedPeerCns(List.of("peer1.example.com"))
                .cipherSuites(List.of("TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384")).protocols(List.of("TLSv1.2", "TLSv1.3"))
                .handshakeTimeout(Duration.ofSeconds(2)).build();
        TlsTransport t = TlsTransport.start("io-" + io, new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), cfg,
                opts.withFraming(Framing.lines(4096)).withEngine(engine).withIo(io), Served.echo(peers::add));
        started.add(t);
        return t;
    }

    static String[] client(TestPki.Leaf leaf, TestPki issuer, String tls) {
        return new String[] {"-cert", leaf.cert().toString(), "-key", leaf.key().toString(), "-cert_chain", issuer.ca.intCert.toString(), tls};
    }

    static void await(java.util.function.BooleanSupplier done) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (!done.getAsBoolean() && System.nanoTime() < deadline) Thread.sleep(20);
    }
}
