package org.ucsec.tls.listener;

import org.ucsec.core.UcsecException;
import org.ucsec.tls.policy.Violation;

import javax.naming.InvalidNameException;
import javax.naming.ldap.LdapName;
import javax.naming.ldap.Rdn;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLPeerUnverifiedException;
import javax.net.ssl.SSLSession;
import javax.net.ssl.SSLSocket;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketAddress;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.security.cert.Certificate;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * A TLS listener that enforces a TLS context (SPEC S4): only peers whose client certificate chains to the trust anchors
 * and whose subject CN is selected, only with the selected cipher suites and protocols. Later reused by the SIP OAuth
 * edge (5090 / 5091, O11).
 *
 * <p>One virtual thread per connection. After the handshake the listener re-validates the client chain with the
 * config's trust manager (this also covers resumed sessions), checks the leaf against the security policy and the CN
 * against the allowlist, and closes the connection otherwise; each refusal is logged with its reason and counted
 * ({@link #stats()}).
 *
 * <p><b>Reload</b>: {@link #reload} swaps the config for connections accepted afterwards; established connections keep
 * the config (and TLS session) they were accepted with. That is why the listener binds a plain {@link ServerSocket}
 * and layers a server-mode {@link SSLSocket} from the <em>current</em> config's own {@code SSLContext} on each accepted
 * socket, instead of one {@code SSLServerSocket}: an {@code SSLServerSocket} is tied to one {@code SSLContext} for its
 * life, so a reload would need delegating key/trust managers keyed by socket and would share one session cache across
 * configs (a session from before the reload could be resumed after it). Here every config has its own context and cache.
 */
public final class PeerAuthTlsListener implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(PeerAuthTlsListener.class.getName());

    private final String name;
    private final ServerSocket server;
    private final ConnectionHandler handler;
    private volatile ListenerTlsConfig config;
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();
    private final AtomicBoolean closed = new AtomicBoolean();
    private final Thread acceptor;
    private final AtomicLong connectionNumber = new AtomicLong();
    private final LongAdder accepted = new LongAdder();
    private final LongAdder established = new LongAdder();
    private final AtomicLong active = new AtomicLong();
    private final Map<String, LongAdder> rejected = new ConcurrentHashMap<>();

    private PeerAuthTlsListener(String name, ServerSocket server, ListenerTlsConfig config, ConnectionHandler handler) {
        this.name = name;
        this.server = server;
        this.config = config;
        this.handler = handler;
        this.acceptor = Thread.ofVirtual().name("ucsec-" + name + "-accept").unstarted(this::acceptLoop);
    }

    /**
     * Binds {@code bind} (port 0 = any free port, see {@link #port()}) and starts accepting.
     *
     * @param name for logs and thread names, e.g. {@code sip-oauth-mra}
     */
    public static PeerAuthTlsListener start(String name, InetSocketAddress bind, ListenerTlsConfig config, ConnectionHandler handler) throws IOException {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(bind, "bind");
        Objects.requireNonNull(config, "config");
        Objects.requireNonNull(handler, "handler");
        ServerSocket ss = new ServerSocket();
        try {
            ss.setReuseAddress(true);
            ss.bind(bind, 128);
        } catch (IOException e) {
            ss.close();
            throw new UcsecException("listener.bind", "listener " + name + " cannot bind " + bind + ": " + e.getMessage(), e);
        }
        PeerAuthTlsListener l = new PeerAuthTlsListener(name, ss, config, handler);
        l.acceptor.start();
        LOG.log(System.Logger.Level.INFO, "listener {0} listening on {1} with {2}", name, ss.getLocalSocketAddress(), config);
        return l;
    }

    public String name() { return name; }

    /** The bound port (the real one when bound to port 0). */
    public int port() { return server.getLocalPort(); }

    public ListenerTlsConfig config() { return config; }

    /** New connections use {@code next}; established ones keep what they were accepted with. */
    public void reload(ListenerTlsConfig next) {
        Objects.requireNonNull(next, "config");
        if (closed.get()) throw new UcsecException("listener.closed", "listener " + name + " is closed");
        this.config = next;
        LOG.log(System.Logger.Level.INFO, "listener {0} reloaded (new connections only): {1}", name, next);
    }

    public ListenerStats stats() {
        Map<String, Long> r = new TreeMap<>();
        rejected.forEach((k, v) -> r.put(k, v.sum()));
        return new ListenerStats(accepted.sum(), established.sum(), active.get(), r);
    }

    /** Stops accepting and closes every open connection. Idempotent. */
    @Override public void close() {
        if (!closed.compareAndSet(false, true)) return;
        try { server.close(); } catch (IOException ignored) { /* closing */ }
        for (Socket s : List.copyOf(open)) closeQuietly(s);
        try { acceptor.join(5000); } catch (InterruptedException e) { Thread.currentThread().interrupt(); }
        LOG.log(System.Logger.Level.INFO, "listener {0} closed", name);
    }

    // ------------------------------------------------------------------------------------------------------------

    private void acceptLoop() {
        while (!closed.get()) {
            Socket raw;
            try {
                raw = server.accept();
            } catch (IOException e) {
                if (!closed.get()) LOG.log(System.Logger.Level.ERROR, "listener " + name + " stopped accepting", e);
                return;
            }
            accepted.increment();
            ListenerTlsConfig cfg = config; // the config of this connection, for its whole life
            open.add(raw);
            if (closed.get()) { closeQuietly(raw); open.remove(raw); return; }
            Thread.ofVirtual().name("ucsec-" + name + "-conn-" + connectionNumber.incrementAndGet()).start(() -> serve(raw, cfg));
        }
    }

    private void serve(Socket raw, ListenerTlsConfig cfg) {
        SocketAddress remote = raw.getRemoteSocketAddress();
        SSLSocket ssl = null;
        boolean counted = false;
        try {
            ssl = (SSLSocket) cfg.sslContext().getSocketFactory().createSocket(raw, null, true);
            ssl.setSSLParameters(cfg.serverParameters());
            if (!handshake(ssl, raw, cfg, remote)) return;
            PeerInfo peer;
            try {
                peer = verify(ssl.getSession(), cfg, remote);
            } catch (Rejection r) {
                reject(r.code, remote, r.getMessage());
                return;
            }
            ssl.setSoTimeout(0);
            established.increment();
            active.incrementAndGet();
            counted = true;
            LOG.log(System.Logger.Level.DEBUG, "listener {0}: accepted {1}", name, peer);
            handler.handle(ssl, peer);
        } catch (IOException e) {
            if (!closed.get()) LOG.log(System.Logger.Level.DEBUG, "listener " + name + ": connection from " + remote + " ended: " + e);
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "listener " + name + ": handler failed for " + remote, e);
        } finally {
            if (counted) active.decrementAndGet();
            closeQuietly(ssl);
            closeQuietly(raw);
            open.remove(raw);
        }
    }

    /** Handshake within the config's timeout (per read and overall); false (counted and logged) if it failed. */
    private boolean handshake(SSLSocket ssl, Socket raw, ListenerTlsConfig cfg, SocketAddress remote) {
        long ms = cfg.handshakeTimeout().toMillis();
        AtomicBoolean finished = new AtomicBoolean();
        AtomicBoolean timedOut = new AtomicBoolean();
        Thread watchdog = Thread.ofVirtual().start(() -> {
            try {
                Thread.sleep(ms);
                if (finished.compareAndSet(false, true)) { timedOut.set(true); closeQuietly(raw); }
            } catch (InterruptedException ignored) { /* done in time */ }
        });
        try {
            ssl.setSoTimeout((int) Math.min(ms, Integer.MAX_VALUE));
            ssl.startHandshake();
            if (!finished.compareAndSet(false, true)) throw new SocketTimeoutException("handshake deadline");
            return true;
        } catch (IOException e) {
            finished.set(true);
            if (closed.get()) return false;
            String code = timedOut.get() || e instanceof SocketTimeoutException ? "handshake.timeout" : handshakeCode(e);
            String context = switch (code) {
                case "handshake.no-common-suite" -> " (selected cipher suites: " + cfg.cipherSuites() + ")";
                case "handshake.protocol-refused" -> " (enabled protocols: " + cfg.protocols() + ")";
                case "handshake.timeout" -> " (handshake timeout " + ms + " ms)";
                default -> "";
            };
            reject(code, remote, "TLS handshake failed: " + e.getMessage() + context);
            return false;
        } finally {
            watchdog.interrupt();
        }
    }

    /** Stable reason codes for what the JDK reports during a server-side handshake. */
    public static String handshakeCode(IOException e) {
        String m = String.valueOf(e.getMessage());
        for (Throwable t = e.getCause(); t != null; t = t.getCause()) m += " | " + t.getMessage();
        if (m.contains("Empty client certificate chain") || m.contains("certificate_required")) return "handshake.no-client-certificate";
        if (m.contains("is not trusted") || m.contains("PKIX") || m.contains("certification path") || m.contains("bad_certificate") || m.contains("certificate_unknown")
                || m.contains("Extended key usage") || m.contains("KeyUsage") || m.contains("unable to find valid")) return "handshake.untrusted-client-certificate";
        if (m.contains("no cipher suites in common") || m.contains("No appropriate cipher suite") || m.contains("no suitable cipher")) return "handshake.no-common-suite";
        if (m.contains("protocol") && (m.contains("not enabled") || m.contains("not supported") || m.contains("No appropriate protocol") || m.contains("protocol_version"))) return "handshake.protocol-refused";
        if (m.contains("Unsupported or unrecognized SSL message") || m.contains("plaintext")) return "handshake.not-tls";
        if (e instanceof SocketException || m.contains("Remote host terminated")) return "handshake.peer-closed";
        return e instanceof SSLException ? "handshake.failed" : "handshake.io";
    }

    private static final class Rejection extends Exception {
        final String code;

        Rejection(String code, String message) {
            super(message, null, false, false);
            this.code = code;
        }
    }

    /** The checks after the handshake; every one names the CN / suite at fault. */
    private static PeerInfo verify(SSLSession session, ListenerTlsConfig cfg, SocketAddress remote) throws Rejection {
        String protocol = session.getProtocol();
        String suite = session.getCipherSuite();
        if (!cfg.protocols().contains(protocol)) throw new Rejection("peer.protocol-not-allowed", "protocol " + protocol + " is not allowed " + cfg.protocols());
        if (!cfg.allowedSuites().contains(suite)) throw new Rejection("peer.suite-not-allowed", "cipher suite " + suite + " is not allowed");
        List<X509Certificate> chain = new ArrayList<>();
        try {
            for (Certificate c : session.getPeerCertificates()) if (c instanceof X509Certificate x) chain.add(x);
        } catch (SSLPeerUnverifiedException e) {
            // no client certificate
        }
        if (chain.isEmpty()) {
            if (cfg.requireClientCert()) throw new Rejection("peer.no-certificate", "the client sent no certificate; one is required");
            return new PeerInfo("", List.of(), protocol, suite, remote);
        }
        X509Certificate leaf = chain.get(0);
        String subject = leaf.getSubjectX500Principal().getName();
        if (cfg.trustManager() == null) throw new Rejection("peer.untrusted", "client certificate '" + subject + "' cannot be validated: the listener has no trust anchors");
        try {
            cfg.trustManager().checkClientTrusted(chain.toArray(X509Certificate[]::new), leaf.getPublicKey().getAlgorithm());
        } catch (CertificateException e) {
            throw new Rejection("peer.untrusted", "client certificate '" + subject + "' does not chain to a trust anchor: " + e.getMessage());
        }
        List<Violation> violations = cfg.policy().certificateViolations(subject, leaf);
        if (!violations.isEmpty()) throw new Rejection("peer.policy", violations.get(0).message());
        List<String> cns = commonNames(subject);
        String cn = cns.size() == 1 ? cns.get(0) : "";
        if (!cfg.allowedPeerCns().isEmpty()) {
            if (cns.isEmpty()) throw new Rejection("peer.cn-missing", "client certificate '" + subject + "' has no subject CN to match the allowed peer subjects");
            if (cns.size() > 1) throw new Rejection("peer.cn-ambiguous", "client certificate '" + subject + "' has " + cns.size() + " subject CNs " + cns + "; exactly one is required");
            if (!cfg.allowsPeerCn(cn)) throw new Rejection("peer.cn-not-allowed", "peer subject CN '" + cn + "' is not one of the allowed peer subjects " + cfg.allowedPeerCns());
        }
        return new PeerInfo(cn, chain, protocol, suite, remote);
    }

    public static List<String> commonNames(String rfc2253) {
        List<String> out = new ArrayList<>();
        try {
            for (Rdn rdn : new LdapName(rfc2253).getRdns()) if (rdn.getType().equalsIgnoreCase("CN")) out.add(String.valueOf(rdn.getValue()));
        } catch (InvalidNameException e) {
            // unparsable subject: no CN
        }
        return out;
    }

    private void reject(String code, SocketAddress remote, String reason) {
        rejected.computeIfAbsent(code, k -> new LongAdder()).increment();
        LOG.log(System.Logger.Level.WARNING, "listener {0}: refused connection from {1}: {2} ({3})", name, remote, reason, code);
    }

    private static void closeQuietly(Socket s) {
        if (s == null) return;
        try { s.close(); } catch (IOException ignored) { /* best effort */ }
    }

    @Override public String toString() { return "PeerAuthTlsListener[" + name + " port " + port() + (closed.get() ? " closed" : "") + "]"; }
}
