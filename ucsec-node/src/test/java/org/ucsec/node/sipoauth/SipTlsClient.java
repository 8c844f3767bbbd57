package org.ucsec.node.sipoauth;

import org.ucsec.pki.Pem;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.util.List;

/**
 * A plain Java TLS client that sends raw SIP bytes and reads whole SIP responses (headers, then Content-Length body):
 * the edge is tested byte for byte, with no SIP stack of ours in between. Trusts only the node's tomcat certificates.
 */
final class SipTlsClient implements AutoCloseable {
    private final SSLSocket socket;
    private final InputStream in;

    private SipTlsClient(SSLSocket socket) throws IOException { this.socket = socket; this.in = socket.getInputStream(); }

    static SipTlsClient connect(Path nodeDir, int port) throws Exception { return connect(nodeDir, port, null); }

    /** {@code clientKeyStore}: a PKCS#12 with the client's key and chain (password "changeit"), or null for none. */
    static SipTlsClient connect(Path nodeDir, int port, KeyStore clientKeyStore) throws Exception {
        KeyStore trust = KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        List<X509Certificate> certs = Pem.certificates(Files.readAllBytes(nodeDir.resolve("admin-listener.pem")));
        for (int i = 0; i < certs.size(); i++) trust.setCertificateEntry("c" + i, certs.get(i));
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(trust);
        SSLContext ctx = SSLContext.getInstance("TLS");
        KeyManagerFactory kmf = null;
        if (clientKeyStore != null) {
            kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            kmf.init(clientKeyStore, "changeit".toCharArray());
        }
        ctx.init(kmf == null ? null : kmf.getKeyManagers(), tmf.getTrustManagers(), null);
        SSLSocket s = (SSLSocket) ctx.getSocketFactory().createSocket();
        s.connect(new InetSocketAddress("127.0.0.1", port), 5000);
        s.setSoTimeout(10_000);
        s.startHandshake();
        return new SipTlsClient(s);
    }

    void send(String message) throws IOException { send(message.getBytes(StandardCharsets.UTF_8)); }

    void send(byte[] bytes) throws IOException {
        socket.getOutputStream().write(bytes);
        socket.getOutputStream().flush();
    }

    /** The next whole response, or null when the server closed the connection first. */
    String read() throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int last = 0;
        while (last != 0x0d0a0d0a) {
            int b = in.read();
            if (b < 0) return head.size() == 0 ? null : head.toString(StandardCharsets.UTF_8);
            head.write(b);
            last = (last << 8) | b;
        }
        String h = head.toString(StandardCharsets.UTF_8);
        int len = 0;
        for (String line : h.split("\r\n")) if (line.toLowerCase().startsWith("content-length:")) len = Integer.parseInt(line.substring(15).trim());
        byte[] body = in.readNBytes(len);
        return h + new String(body, StandardCharsets.UTF_8);
    }

    /** True when the server closes the connection within {@code seconds} (reads until end of stream, discarding). */
    boolean closedWithin(int seconds) throws IOException {
        socket.setSoTimeout(seconds * 1000);
        try {
            while (in.read() >= 0) { /* discard */ }
            return true;
        } catch (SocketTimeoutException e) {
            return false;
        } catch (IOException e) {
            return true; // reset / alert: closed
        }
    }

    @Override public void close() { try { socket.close(); } catch (IOException ignored) { /* closed */ } }

    // ------------------------------------------------------------------ messages
    static String register(String device, String callId, int cseq, String token, String expires) {
        return register(device, device, callId, cseq, token == null ? null : "Bearer " + token, expires, "");
    }

    static String register(String aorUser, String contactUser, String callId, int cseq, String authorization, String expires, String extraHeaders) {
        String aor = "sip:" + aorUser + "@cucm1.example.com";
        return "REGISTER sip:cucm1.example.com SIP/2.0\r\n"
                + "Via: SIP/2.0/TLS 127.0.0.1:5061;branch=z9hG4bK" + callId + cseq + "\r\n"
                + "Max-Forwards: 70\r\n"
                + "From: <" + aor + ">;tag=" + callId + "\r\n"
                + "To: <" + aor + ">\r\n"
                + "Call-ID: " + callId + "\r\n"
                + "CSeq: " + cseq + " REGISTER\r\n"
                + "Contact: <sip:" + contactUser + "@127.0.0.1:5061;transport=tls>" + (expires == null ? "" : ";expires=" + expires) + "\r\n"
                + (authorization == null ? "" : "Authorization: " + authorization + "\r\n")
                + extraHeaders
                + "Content-Length: 0\r\n\r\n";
    }

    static String options(String callId) {
        return "OPTIONS sip:cucm1.example.com SIP/2.0\r\nVia: SIP/2.0/TLS 127.0.0.1;branch=z9hG4bK" + callId + "\r\nMax-Forwards: 70\r\n"
                + "From: <sip:ping@example.com>;tag=1\r\nTo: <sip:cucm1.example.com>\r\nCall-ID: " + callId + "\r\nCSeq: 1 OPTIONS\r\nContent-Length: 0\r\n\r\n";
    }
}
