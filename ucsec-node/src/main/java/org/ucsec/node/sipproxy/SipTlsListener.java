package org.ucsec.node.sipproxy;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.ucsec.node.certs.CertificateService;
import org.ucsec.node.tlscontext.TlsContextService;
import org.ucsec.node.trust.TrustStoreService;
import org.ucsec.tls.listener.ListenerTlsConfig;
import org.ucsec.tls.listener.PeerAuthTlsListener;
import org.ucsec.tls.listener.PeerInfo;
import org.ucsec.tls.policy.SecurityPolicy;

import javax.net.ssl.SSLSocket;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;

/**
 * The SIP proxy's peer-authenticated TLS port, hosted by ucsec and bound to the default TLS context (SPEC S4): the
 * peer's certificate must chain to cup-trust and its subject CN must be a selected peer subject; only the context's
 * cipher suites and the security mode's protocols are negotiated. "Restart" of the SIP proxy reloads it: new
 * connections get the new context, established ones stay. It answers SIP OPTIONS (keep-alive pings between peers);
 * the SIP OAuth registration edge (O11) will reuse the same listener machinery.
 */
public final class SipTlsListener implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(SipTlsListener.class);
    /** Stands for "no peer subject selected": never a valid CN (peer subjects are validated host names), so nobody is admitted. */
    static final String NO_PEER_SELECTED = "-no-peer-subject-selected-";

    private final CertificateService certs;
    private final TrustStoreService trust;
    private final TlsContextService tls;
    private final Supplier<SecurityPolicy> policy;
    private final PeerAuthTlsListener listener;

    public SipTlsListener(String bind, int port, CertificateService certs, TrustStoreService trust, TlsContextService tls,
                          Supplier<SecurityPolicy> policy) throws IOException {
        this.certs = certs;
        this.trust = trust;
        this.tls = tls;
        this.policy = policy;
        this.listener = PeerAuthTlsListener.start("sip-tls", new InetSocketAddress(bind, port), config(), SipTlsListener::handle);
        LOG.info("SIP peer-auth TLS listening on {}:{} ({})", bind, listener.port(), TlsContextService.DEFAULT_CONTEXT);
    }

    public int port() { return listener.port(); }

    public PeerAuthTlsListener listener() { return listener; }

    /** Hot reload (restart of the SIP proxy): the current context, trust store, certificates and security mode. */
    public String reload() {
        ListenerTlsConfig next = config();
        listener.reload(next);
        return "SIP TLS listener reloaded with " + TlsContextService.DEFAULT_CONTEXT + ": peers " + next.allowedPeerCns()
                + ", " + next.cipherSuites().size() + " cipher suites, protocols " + next.protocols() + " (open connections kept)";
    }

    ListenerTlsConfig config() {
        var ctx = tls.context(TlsContextService.DEFAULT_CONTEXT);
        try {
            char[] pw = "in-memory".toCharArray();
            KeyStore ks = KeyStore.getInstance("PKCS12");
            ks.load(null, null);
            for (String purpose : List.of("cup", "cup-ECDSA")) {
                var m = certs.keyMaterial(purpose);
                ks.setKeyEntry(purpose, m.key(), pw, m.chain().toArray(new Certificate[0]));
            }
            List<String> peers = new ArrayList<>(ctx.peerSubjects());
            if (peers.isEmpty()) peers.add(NO_PEER_SELECTED);
            return ListenerTlsConfig.builder().keyStore(ks, pw).trustAnchors(trust.certificates("cup-trust")).requireClientCert(true)
                    // a mode forced over a context's suites: the listener offers only what the mode allows
                    .allowedPeerCns(Set.copyOf(peers)).cipherSuites(policy.get().filterCipherSuites(ctx.cipherSuites())).protocols(policy.get().allowedProtocols())
                    .policy(policy.get()).build();
        } catch (java.security.GeneralSecurityException | IOException e) {
            throw new IllegalStateException("cannot build the SIP TLS key store", e);
        }
    }

    /** Minimal SIP over TLS: OPTIONS gets 200 OK, anything else 501, with the dialog headers echoed (RFC 3261 8.2.6). */
    static void handle(SSLSocket socket, PeerInfo peer) throws IOException {
        BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
        OutputStream out = socket.getOutputStream();
        while (true) {
            String requestLine = in.readLine();
            if (requestLine == null) return;
            if (requestLine.isBlank()) continue;
            List<String> echo = new ArrayList<>();
            int contentLength = 0;
            for (String line; (line = in.readLine()) != null && !line.isEmpty(); ) {
                String lower = line.toLowerCase();
                if (lower.startsWith("via:") || lower.startsWith("from:") || lower.startsWith("to:") || lower.startsWith("call-id:") || lower.startsWith("cseq:")) echo.add(line);
                if (lower.startsWith("content-length:")) {
                    try { contentLength = Integer.parseInt(line.substring(15).trim()); } catch (NumberFormatException e) { contentLength = 0; }
                }
            }
            if (contentLength > 0) in.skip(Math.min(contentLength, 65536));
            String method = requestLine.split(" ", 2)[0];
            String status = method.equals("OPTIONS") ? "200 OK" : "501 Not Implemented";
            StringBuilder resp = new StringBuilder("SIP/2.0 ").append(status).append("\r\n");
            for (String h : echo) resp.append(h).append("\r\n");
            resp.append("Server: ucsec (peer ").append(peer.commonName()).append(")\r\nContent-Length: 0\r\n\r\n");
            out.write(resp.toString().getBytes(StandardCharsets.UTF_8));
            out.flush();
        }
    }

    @Override public void close() { listener.close(); }
}
