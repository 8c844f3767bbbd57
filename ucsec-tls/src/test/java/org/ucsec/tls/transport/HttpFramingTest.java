package org.ucsec.tls.transport;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;
import org.ucsec.tls.listener.ListenerTlsConfig;
import org.ucsec.tls.testing.TestPki;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link Framing#http} on both engines with a real TLS client (the JDK's SSLSocket, client certificate from the test
 * CA): RFC 9112 framing of request heads, keep-alive and pipelining in order, the refusals answered before the close
 * (431, 414, 413, 400, 505), a slow client closed at the idle deadline, and a client that pipelines without reading
 * is not read from until it reads (bounded buffering).
 */
@ParameterizedClass(name = "{0}")
@EnumSource(value = TlsEngine.class, names = {"OPENSSL", "JDK"})
class HttpFramingTest {
    @TempDir static Path dir;
    static TestPki ca;
    static TestPki.Leaf server, client;
    static SSLContext clientContext;

    final TlsEngine engine;
    final List<TlsTransport> started = new ArrayList<>();
    final AtomicInteger handled = new AtomicInteger();
    volatile int bodyBytes = 10;

    HttpFramingTest(TlsEngine engine) { this.engine = engine; }

    @BeforeAll
    static void pki() throws Exception {
        ca = TestPki.create(dir.resolve("ca"), "Http", "rsa");
        server = ca.serverLeaf("srv", "prov.example.com", "rsa");
        client = ca.clientLeaf("phone", "phone.example.com", "rsa");
        KeyStore ks = KeyStore.getInstance("PKCS12");
        ks.load(null, null);
        ks.setKeyEntry("c", client.privateKey(), new char[0], client.chain().toArray(java.security.cert.X509Certificate[]::new));
        KeyManagerFactory kmf = KeyManagerFactory.getInstance("SunX509");
        kmf.init(ks, new char[0]);
        KeyStore ts = KeyStore.getInstance("PKCS12");
        ts.load(null, null);
        ts.setCertificateEntry("root", ca.root());
        TrustManagerFactory tmf = TrustManagerFactory.getInstance("PKIX");
        tmf.init(ts);
        clientContext = SSLContext.getInstance("TLS");
        clientContext.init(kmf.getKeyManagers(), tmf.getTrustManagers(), null);
    }

    @AfterEach
    void stop() { started.forEach(TlsTransport::close); }

    /** Answers every request head with 200 and a body of {@link #bodyBytes}; closes when the request ends the connection. */
    final MessageHandler responder = new MessageHandler() {
        @Override public void onMessage(TlsConnection c, byte[] message) throws Exception {
            HttpRequestHead h = HttpRequestHead.parse(message, message.length);
            int n = handled.incrementAndGet();
            byte[] body = ("#" + n + " " + h.target() + " " + "x".repeat(Math.max(0, bodyBytes - 10))).getBytes(StandardCharsets.US_ASCII);
            c.write(HttpResponse.of(200, "OK", "text/plain", body, h.method().equals("HEAD"), !h.keepAlive()));
            if (!h.keepAlive()) c.close();
        }
    };

    TlsTransport start(Duration idle) {
        ListenerTlsConfig cfg;
        try {
            cfg = ListenerTlsConfig.builder().serverKey(server.privateKey(), server.chain()).trustAnchors(List.of(ca.root()))
                    .requireClientCert(true).protocols(List.of("TLSv1.2", "TLSv1.3")).handshakeTimeout(Duration.ofSeconds(5)).build();
        } catch (Exception e) { throw new AssertionError(e); }
        TlsTransport t = TlsTransport.start("http-test", new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), cfg,
                TransportOptions.defaults().withEngine(engine).withFraming(Framing.http(8192)).withIdleTimeout(idle), responder);
        started.add(t);
        return t;
    }

    TlsTransport start() { return start(Duration.ofSeconds(30)); }

    static SSLSocket connect(TlsTransport t) throws IOException {
        SSLSocket s = (SSLSocket) clientContext.getSocketFactory().createSocket(InetAddress.getLoopbackAddress(), t.port());
        s.setSoTimeout(15_000);
        s.startHandshake();
        return s;
    }

    /** Everything the server sends until it closes (or 15 s). */
    static String readAll(SSLSocket s) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        InputStream in = s.getInputStream();
        byte[] buf = new byte[8192];
        try {
            for (int n; (n = in.read(buf)) > 0; ) out.write(buf, 0, n);
        } catch (java.net.SocketTimeoutException e) {
            throw new AssertionError("the server did not close; got: " + out);
        } catch (IOException e) { /* reset after the close */ }
        return out.toString(StandardCharsets.ISO_8859_1);
    }

    static void send(SSLSocket s, String text) throws IOException {
        OutputStream o = s.getOutputStream();
        o.write(text.getBytes(StandardCharsets.ISO_8859_1));
        o.flush();
    }

    static final String GET = "GET /a HTTP/1.1\r\nHost: prov.example.com\r\n\r\n";

    // ------------------------------------------------------------------ framing

    @Test
    void pipelinedRequests_inOneWrite_areAnsweredInOrder_andCloseEndsTheStream() throws Exception {
        TlsTransport t = start();
        try (SSLSocket s = connect(t)) {
            send(s, GET + "\r\nGET /b HTTP/1.1\r\nHost: x\r\n\r\nHEAD /c HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\nGET /ignored HTTP/1.1\r\nHost: x\r\n\r\n");
            String out = readAll(s);
            assertThat(out.split("HTTP/1.1 200 OK", -1)).hasSize(4);
            assertThat(out.indexOf("#1 /a")).isLessThan(out.indexOf("#2 /b"));
            assertThat(out).doesNotContain("#3").doesNotContain("/ignored").contains("Connection: close");
        }
        assertThat(handled.get()).isEqualTo(3);
    }

    @Test
    void http10_withoutKeepAlive_closesAfterTheAnswer() throws Exception {
        TlsTransport t = start();
        try (SSLSocket s = connect(t)) {
            send(s, "GET /old HTTP/1.0\r\n\r\n");
            assertThat(readAll(s)).contains("HTTP/1.1 200 OK").contains("#1 /old");
        }
    }

    @Test
    void refusals_areAnsweredThenTheConnectionCloses_andCounted() throws Exception {
        TlsTransport t = start();
        record Case(String request, String status, String code) {}
        List<Case> cases = List.of(
                new Case("GET /a HTTP/1.1\r\nHost: x\r\nX: " + "a".repeat(9000) + "\r\n\r\n", "431 Request Header Fields Too Large", "request.headers-too-large"),
                new Case("GET /" + "a".repeat(9000) + " HTTP/1.1\r\nHost: x\r\n\r\n", "414 URI Too Long", "request.uri-too-long"),
                new Case("GET /a HTTP/1.1\r\nHost: x\r\n" + "X-A: b\r\n".repeat(70) + "\r\n", "431 Request Header Fields Too Large", "request.headers-too-large"),
                new Case("POST /a HTTP/1.1\r\nHost: x\r\nContent-Length: 4\r\n\r\nGET ", "413 Content Too Large", "request.body-refused"),
                new Case("GET /a HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n", "413 Content Too Large", "request.body-refused"),
                new Case("GET /a HTTP/1.1\r\nHost: x\r\nContent-Length: 0\r\nContent-Length: 0\r\n\r\n", "400 Bad Request", "request.bad"),
                new Case("GET /a HTTP/1.1\r\n\r\n", "400 Bad Request", "request.bad"),
                new Case("GET /a HTTP/1.1\r\nHost : x\r\n\r\n", "400 Bad Request", "request.bad"),
                new Case("GET /a HTTP/1.1\r\nHost: x\r\n folded\r\n\r\n", "400 Bad Request", "request.bad"),
                new Case("GET  /a HTTP/1.1\r\nHost: x\r\n\r\n", "400 Bad Request", "request.bad"),
                new Case("GET /a\u0001 HTTP/1.1\r\nHost: x\r\n\r\n", "400 Bad Request", "request.bad"),
                new Case("GET /a HTTP/1.1\r\nHost: x\u0000y\r\n\r\n", "400 Bad Request", "request.bad"),
                new Case("GET /a HTTP/2.0\r\nHost: x\r\n\r\n", "505 HTTP Version Not Supported", "request.bad"));
        for (Case c : cases) {
            try (SSLSocket s = connect(t)) {
                send(s, c.request() + GET);
                String out = readAll(s);
                assertThat(out).as(c.request().substring(0, Math.min(60, c.request().length()))).startsWith("HTTP/1.1 " + c.status()).contains("Connection: close")
                        .doesNotContain("200 OK");
            }
            assertThat(t.stats().rejected(c.code())).as(c.code()).isPositive();
        }
        assertThat(handled.get()).as("no refused request reached the handler, nor what followed it").isZero();
    }

    @Test
    void slowClient_sendingAHeadByteByByte_isClosedAtTheIdleDeadline() throws Exception {
        TlsTransport t = start(Duration.ofMillis(1500));
        try (SSLSocket s = connect(t)) {
            Thread writer = Thread.ofVirtual().start(() -> {
                try {
                    for (char ch : "GET /slow HTTP/1.1\r\nHost: x\r\nX-Slow: aaaaaaaaaaaaaaaaaaaaaaaa".toCharArray()) { send(s, String.valueOf(ch)); Thread.sleep(200); }
                } catch (IOException | InterruptedException e) { /* closed by the server: expected */ }
            });
            long t0 = System.nanoTime();
            readAll(s);
            writer.interrupt();
            assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(10));
        }
        assertThat(t.stats().rejected("connection.idle-timeout")).isPositive();
        assertThat(handled.get()).isZero();
    }

    @Test
    void clientThatPipelinesWithoutReading_isNotReadFromUntilItReads() throws Exception {
        bodyBytes = 32 * 1024;
        TlsTransport t = start();
        int requests = 3000;
        try (SSLSocket s = connect(t)) {
            StringBuilder all = new StringBuilder();
            for (int i = 0; i < requests; i++) all.append("GET /p").append(i).append(" HTTP/1.1\r\nHost: x\r\n").append(i == requests - 1 ? "Connection: close\r\n" : "").append("\r\n");
            Thread writer = Thread.ofVirtual().start(() -> { try { send(s, all.toString()); } catch (IOException e) { /* ends with the socket */ } });
            Thread.sleep(1500);
            int whileNotReading = handled.get();
            assertThat(whileNotReading).as("requests answered while the client read nothing").isLessThan(requests / 2);
            // now read to the end (the last request closes): every request is answered
            InputStream in = s.getInputStream();
            byte[] buf = new byte[65536];
            long seen = 0;
            for (int n; (n = in.read(buf)) > 0; ) seen += n;
            writer.join(10_000);
            assertThat(seen).isGreaterThan((long) requests * 32 * 1024);
            assertThat(handled.get()).isEqualTo(requests);
        }
    }
}
