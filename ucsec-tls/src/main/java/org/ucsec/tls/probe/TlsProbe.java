package org.ucsec.tls.probe;

import org.ucsec.pki.CertInfo;
import org.ucsec.core.UcsecException;

import javax.net.ssl.KeyManager;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLPeerUnverifiedException;
import javax.net.ssl.SSLSession;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509ExtendedKeyManager;
import javax.net.ssl.X509ExtendedTrustManager;
import java.io.IOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NoRouteToHostException;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.security.Principal;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The engine of the certificate import tool (SPEC C7): connects to {@code host:port}, performs a TLS handshake and
 * reports DNS, TCP, TLS and certificate separately, with the server chain as presented.
 *
 * <p>It accepts <b>any</b> server certificate (self-signed, expired, wrong name, unknown CA: the operator decides
 * whether to trust it) and <b>never sends a client certificate</b> (its key manager has no keys, even when the JVM has
 * {@code javax.net.ssl.keyStore} set). The result says what failed; nothing is changed. No state is kept between probes.
 *
 * <p>Limits of the JDK underneath: protocols and suites disabled by {@code jdk.tls.disabledAlgorithms} (TLS 1.0/1.1,
 * {@code TLS_RSA_*} on recent JDKs) are not offered, so a server that only speaks those fails with {@code probe.handshake}.
 */
public final class TlsProbe {
    private static final Pattern ALERT = Pattern.compile("Received fatal alert: (\\S+)");

    private TlsProbe() {}

    /** Resolves a host name to addresses; the default is {@link InetAddress#getAllByName}. */
    @FunctionalInterface
    public interface Resolver {
        InetAddress[] resolve(String host) throws UnknownHostException;
    }

    /**
     * @param connectTimeout   bound for DNS resolution and for each TCP connect attempt
     * @param handshakeTimeout bound for the whole TLS handshake
     * @param keyPreference    ask for the RSA or the ECDSA certificate of a dual-certificate server, or either
     */
    public record Options(Duration connectTimeout, Duration handshakeTimeout, KeyPreference keyPreference, Resolver resolver) {
        public static final Options DEFAULTS = new Options(Duration.ofSeconds(5), Duration.ofSeconds(10), KeyPreference.ANY, InetAddress::getAllByName);

        public Options {
            Objects.requireNonNull(keyPreference, "keyPreference");
            Objects.requireNonNull(resolver, "resolver");
            if (connectTimeout == null || connectTimeout.isNegative() || connectTimeout.isZero() || connectTimeout.toMillis() > Integer.MAX_VALUE
                    || handshakeTimeout == null || handshakeTimeout.isNegative() || handshakeTimeout.isZero() || handshakeTimeout.toMillis() > Integer.MAX_VALUE) {
                throw new UcsecException("probe.invalid-options", "probe timeouts must be positive (connect " + connectTimeout + ", handshake " + handshakeTimeout + ")");
            }
        }

        public Options(Duration connectTimeout, Duration handshakeTimeout) { this(connectTimeout, handshakeTimeout, KeyPreference.ANY, InetAddress::getAllByName); }

        public Options withKeyPreference(KeyPreference p) { return new Options(connectTimeout, handshakeTimeout, p, resolver); }
        public Options withResolver(Resolver r) { return new Options(connectTimeout, handshakeTimeout, keyPreference, r); }
    }

    public static ProbeResult probe(String host, int port) { return probe(host, port, Options.DEFAULTS); }

    /**
     * Probes {@code host:port}. Refuses only malformed input ({@code probe.invalid-target}); every network outcome,
     * including failure, is a {@link ProbeResult}.
     *
     * @param host IP address (v4, v6 with or without brackets), host name or FQDN
     */
    public static ProbeResult probe(String host, int port, Options options) {
        if (host == null || host.isBlank()) throw new UcsecException("probe.invalid-target", "a host (IP address, host name or FQDN) is required");
        if (port < 1 || port > 65535) throw new UcsecException("probe.invalid-target", "port " + port + " is out of range 1-65535");
        String h = host.trim();
        if (h.startsWith("[") && h.endsWith("]")) h = h.substring(1, h.length() - 1);
        return new Run(h, port, options).run();
    }

    // ------------------------------------------------------------------------------------------------------------

    private static final class Run {
        final String host;
        final int port;
        final Options options;
        final List<PhaseResult> phases = new ArrayList<>();
        InetAddress address;
        String protocol = "";
        String suite = "";
        List<X509Certificate> chain = List.of();

        Run(String host, int port, Options options) {
            this.host = host;
            this.port = port;
            this.options = options;
        }

        String target() { return host.contains(":") ? "[" + host + "]:" + port : host + ":" + port; }

        ProbeResult run() {
            // DNS
            long t = System.nanoTime();
            InetAddress[] addresses;
            try {
                addresses = resolve();
                address = addresses[0];
                ok(ProbePhase.DNS, t, host + " resolved to " + Arrays.stream(addresses).map(InetAddress::getHostAddress).toList());
            } catch (ProbeFailureException e) {
                return fail(ProbePhase.DNS, t, e.failure);
            }
            // TCP
            t = System.nanoTime();
            Socket raw;
            try {
                raw = connect(addresses);
                ok(ProbePhase.TCP, t, "connected to " + address.getHostAddress() + ":" + port);
            } catch (ProbeFailureException e) {
                return fail(ProbePhase.TCP, t, e.failure);
            }
            // TLS
            t = System.nanoTime();
            Attempt attempt = new Attempt(true);
            SSLSocket ssl;
            try {
                ssl = attempt.handshake(raw);
            } catch (ProbeFailureException strictFailure) {
                ssl = null;
                if (options.keyPreference() != KeyPreference.ANY && strictFailure.failure.message().contains("alert")) {
                    // Offering only the preferred signature schemes also restricts signature_algorithms_cert (JSSE has
                    // no separate setting), so a server whose ECDSA leaf is signed by an RSA CA refuses. Retry once on
                    // a new connection offering the preferred schemes first and the others after; the leaf is checked below.
                    Attempt relaxed = new Attempt(false);
                    try {
                        ssl = relaxed.handshake(connectOne());
                        attempt = relaxed;
                    } catch (ProbeFailureException ignored) {
                        // report the first failure: it is the one about the requested key type
                    }
                }
                if (ssl == null) return handshakeFailed(t, attempt, strictFailure.failure);
            }
            try (SSLSocket open = ssl) {
                SSLSession session = open.getSession();
                protocol = session.getProtocol();
                suite = session.getCipherSuite();
                ok(ProbePhase.TLS, t, "negotiated " + protocol + " " + suite + (attempt.keys.requested
                        ? "; the server asked for a client certificate and none was sent (it may refuse the connection afterwards)" : ""));
                // CERTIFICATE
                t = System.nanoTime();
                try {
                    chain = peerChain(session, target());
                } catch (ProbeFailureException e) {
                    return fail(ProbePhase.CERTIFICATE, t, e.failure);
                }
                X509Certificate leaf = chain.get(0);
                KeyPreference pref = options.keyPreference();
                if (pref != KeyPreference.ANY && !pref.matches(leaf)) {
                    return fail(ProbePhase.CERTIFICATE, t, new ProbeFailure("probe.key-type-unavailable", ProbePhase.CERTIFICATE,
                            target() + " presented an " + CertInfo.keyType(leaf) + " certificate ('" + leaf.getSubjectX500Principal().getName()
                                    + "') although " + pref + " was requested: it has no usable " + pref + " certificate"));
                }
                ok(ProbePhase.CERTIFICATE, t, describe("", chain));
                return result(null);
            } catch (IOException e) {
                return result(null); // closing failed after a complete probe: irrelevant to the outcome
            }
        }

        /** TLS failed; if the server's chain arrived before the failure, the certificate phase still succeeded (C7). */
        ProbeResult handshakeFailed(long t, Attempt attempt, ProbeFailure failure) {
            ProbeResult failed = fail(ProbePhase.TLS, t, failure);
            X509Certificate[] seenChain = attempt.trust.chain;
            if (seenChain == null || seenChain.length == 0) return failed;
            // e.g. TLS 1.2 with a required client certificate: the certificate was obtained, the connection was not.
            chain = List.of(seenChain);
            phases.add(new PhaseResult(ProbePhase.CERTIFICATE, PhaseResult.Status.OK, describe(" received before the handshake failed", chain), 0));
            return result(failure);
        }

        static String describe(String how, List<X509Certificate> chain) {
            X509Certificate leaf = chain.get(0);
            return chain.size() + " certificate(s)" + how + ", leaf '" + leaf.getSubjectX500Principal().getName()
                    + "' (" + CertInfo.keyType(leaf) + " " + CertInfo.keySize(leaf) + ")";
        }

        /** One TLS handshake on a connected socket, with its own (keyless) key manager and recording trust manager. */
        final class Attempt {
            final boolean strict;
            final NoClientCertificate keys = new NoClientCertificate();
            final AcceptAnyServer trust = new AcceptAnyServer();

            Attempt(boolean strict) { this.strict = strict; }

            SSLSocket handshake(Socket raw) throws ProbeFailureException {
                int ms = (int) options.handshakeTimeout().toMillis();
                AtomicBoolean finished = new AtomicBoolean();
                AtomicBoolean timedOut = new AtomicBoolean();
                SSLSocket ssl = null;
                Thread watchdog = null;
                try {
                    SSLContext ctx = SSLContext.getInstance("TLS");
                    ctx.init(new KeyManager[]{keys}, new TrustManager[]{trust}, null);
                    ssl = (SSLSocket) ctx.getSocketFactory().createSocket(raw, host, port, true);
                    ssl.setUseClientMode(true);
                    SSLParameters p = ssl.getSSLParameters();
                    p.setEndpointIdentificationAlgorithm(null);
                    if (isHostName(host)) {
                        try { p.setServerNames(List.of(new SNIHostName(host))); } catch (IllegalArgumentException ignored) { /* not a valid SNI name */ }
                    }
                    KeyPreference pref = options.keyPreference();
                    if (pref != KeyPreference.ANY) {
                        p.setSignatureSchemes(pref.offeredSignatureSchemes(strict).toArray(String[]::new));
                        p.setCipherSuites(Arrays.stream(p.getCipherSuites()).filter(pref::allowsSuite).toArray(String[]::new));
                    }
                    ssl.setSSLParameters(p);
                    ssl.setSoTimeout(ms);
                    watchdog = Thread.ofVirtual().name("ucsec-probe-watchdog").start(() -> {
                        try {
                            Thread.sleep(ms);
                            if (finished.compareAndSet(false, true)) { timedOut.set(true); closeQuietly(raw); }
                        } catch (InterruptedException ignored) { /* handshake finished first */ }
                    });
                    ssl.startHandshake();
                    if (!finished.compareAndSet(false, true)) throw new SocketTimeoutException("handshake deadline");
                    return ssl;
                } catch (IOException e) {
                    finished.set(true);
                    closeQuietly(ssl);
                    closeQuietly(raw);
                    throw new ProbeFailureException(classifyHandshake(e, timedOut.get(), ms, keys.requested));
                } catch (java.security.GeneralSecurityException e) {
                    closeQuietly(raw);
                    throw new IllegalStateException("the JDK has no TLS implementation", e);
                } finally {
                    if (watchdog != null) watchdog.interrupt();
                }
            }
        }

        /** A second connection to the address that already answered (for the relaxed retry). */
        Socket connectOne() throws ProbeFailureException { return connect(new InetAddress[]{address}); }

        InetAddress[] resolve() throws ProbeFailureException {
            long ms = options.connectTimeout().toMillis();
            FutureTask<InetAddress[]> task = new FutureTask<>(() -> options.resolver().resolve(host));
            Thread.ofVirtual().name("ucsec-probe-dns").start(task);
            try {
                InetAddress[] a = task.get(ms, TimeUnit.MILLISECONDS);
                if (a == null || a.length == 0) throw new UnknownHostException(host);
                return a;
            } catch (TimeoutException e) {
                task.cancel(true);
                throw new ProbeFailureException("probe.dns", ProbePhase.DNS, "cannot resolve " + host + ": no DNS answer within " + ms + " ms");
            } catch (ExecutionException e) {
                throw new ProbeFailureException("probe.dns", ProbePhase.DNS, "cannot resolve " + host + ": unknown host (DNS has no address for it)");
            } catch (UnknownHostException e) {
                throw new ProbeFailureException("probe.dns", ProbePhase.DNS, "cannot resolve " + host + ": DNS returned no address");
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new ProbeFailureException("probe.dns", ProbePhase.DNS, "resolution of " + host + " was interrupted");
            }
        }

        Socket connect(InetAddress[] addresses) throws ProbeFailureException {
            int ms = (int) options.connectTimeout().toMillis();
            ProbeFailure last = null;
            List<String> tried = new ArrayList<>();
            for (InetAddress a : addresses) {
                address = a;
                Socket s = new Socket();
                try {
                    s.connect(new InetSocketAddress(a, port), ms);
                    return s;
                } catch (IOException e) {
                    closeQuietly(s);
                    String at = target() + (host.equals(a.getHostAddress()) ? "" : " (" + a.getHostAddress() + ")");
                    tried.add(a.getHostAddress());
                    String m = String.valueOf(e.getMessage()).toLowerCase(Locale.ROOT);
                    if (e instanceof SocketTimeoutException) {
                        last = new ProbeFailure("probe.timeout", ProbePhase.TCP, "TCP connect to " + at + " timed out after " + ms
                                + " ms (connect timeout): no answer to the connection request");
                    } else if (e instanceof ConnectException && m.contains("refused")) {
                        last = new ProbeFailure("probe.refused", ProbePhase.TCP, "TCP connection to " + at + " refused: nothing is listening on port " + port);
                    } else if (e instanceof NoRouteToHostException || m.contains("unreachable")) {
                        last = new ProbeFailure("probe.unreachable", ProbePhase.TCP, "TCP connect to " + at + " failed: " + e.getMessage());
                    } else {
                        last = new ProbeFailure("probe.connect", ProbePhase.TCP, "TCP connect to " + at + " failed: " + e);
                    }
                }
            }
            String more = tried.size() > 1 ? " (tried " + tried + ")" : "";
            throw new ProbeFailureException(last.code(), last.phase(), last.message() + more);
        }

        ProbeFailure classifyHandshake(IOException e, boolean watchdogFired, int ms, boolean clientCertRequested) {
            String msg = String.valueOf(e.getMessage());
            if (watchdogFired || e instanceof SocketTimeoutException || hasCause(e, SocketTimeoutException.class)) {
                return new ProbeFailure("probe.timeout", ProbePhase.TLS, "TLS handshake with " + target() + " timed out after " + ms
                        + " ms (handshake timeout): the TCP connection was accepted but the server did not complete the handshake");
            }
            if (msg.contains("Unsupported or unrecognized SSL message") || msg.contains("Unrecognized SSL message") || msg.contains("plaintext connection")) {
                return new ProbeFailure("probe.not-tls", ProbePhase.TLS, target() + " does not speak TLS: it answered the TLS ClientHello with "
                        + "non-TLS data (plain TCP service, or a port that expects STARTTLS)");
            }
            String pref = options.keyPreference() == KeyPreference.ANY ? "" : " (the probe asked for an " + options.keyPreference() + " certificate only)";
            Matcher m = ALERT.matcher(msg);
            if (m.find()) {
                String hint = clientCertRequested
                        ? " (the server requires a client certificate; the import tool never sends one)" : alertHint(m.group(1));
                return new ProbeFailure("probe.handshake", ProbePhase.TLS, "TLS handshake with " + target() + " failed: the server sent alert "
                        + m.group(1) + pref + hint);
            }
            if (msg.contains("Remote host terminated the handshake") || msg.contains("Connection reset")
                    || hasCause(e, java.io.EOFException.class) || e instanceof java.net.SocketException) {
                return new ProbeFailure("probe.handshake", ProbePhase.TLS, "TLS handshake with " + target()
                        + " failed: the server closed the connection without a TLS alert (" + msg + ")" + pref);
            }
            String kind = e instanceof SSLHandshakeException || e instanceof SSLException ? "" : e.getClass().getSimpleName() + ": ";
            return new ProbeFailure("probe.handshake", ProbePhase.TLS, "TLS handshake with " + target() + " failed: " + kind + msg + pref);
        }

        static String alertHint(String alert) {
            return switch (alert) {
                case "handshake_failure", "insufficient_security" -> " (no common cipher suite, signature algorithm or key type)";
                case "protocol_version" -> " (no common TLS version; the JDK no longer offers TLS 1.0/1.1)";
                case "certificate_required", "bad_certificate" -> " (the server requires a client certificate; the import tool never sends one)";
                case "unrecognized_name" -> " (the server does not know this host name (SNI))";
                default -> "";
            };
        }

        void ok(ProbePhase p, long startNanos, String message) {
            phases.add(new PhaseResult(p, PhaseResult.Status.OK, message, millisSince(startNanos)));
        }

        ProbeResult fail(ProbePhase p, long startNanos, ProbeFailure f) {
            phases.add(new PhaseResult(p, PhaseResult.Status.FAILED, f.message(), millisSince(startNanos)));
            return result(f);
        }

        ProbeResult result(ProbeFailure f) {
            List<PhaseResult> all = new ArrayList<>(phases);
            for (ProbePhase p : ProbePhase.values()) if (all.stream().noneMatch(r -> r.phase() == p)) all.add(PhaseResult.notRun(p));
            X509Certificate leaf = chain.isEmpty() ? null : chain.get(0);
            return new ProbeResult(host, port, Optional.ofNullable(address), all, protocol, suite, chain,
                    leaf == null ? "" : CertInfo.keyType(leaf), leaf == null ? 0 : CertInfo.keySize(leaf), Optional.ofNullable(f));
        }
    }

    /** The server's chain from a completed session, leaf first, or {@code probe.no-certificate}. */
    static List<X509Certificate> peerChain(SSLSession session, String target) throws ProbeFailureException {
        Certificate[] certs;
        try {
            certs = session.getPeerCertificates();
        } catch (SSLPeerUnverifiedException e) {
            throw new ProbeFailureException("probe.no-certificate", ProbePhase.CERTIFICATE, "the TLS handshake with " + target
                    + " succeeded (" + session.getCipherSuite() + ") but the server sent no certificate");
        }
        List<X509Certificate> out = new ArrayList<>();
        for (Certificate c : certs == null ? new Certificate[0] : certs) if (c instanceof X509Certificate x) out.add(x);
        if (out.isEmpty()) {
            throw new ProbeFailureException("probe.no-certificate", ProbePhase.CERTIFICATE, "the TLS handshake with " + target
                    + " succeeded but the server sent no X.509 certificate");
        }
        return out;
    }

    static final class ProbeFailureException extends Exception {
        final ProbeFailure failure;

        ProbeFailureException(ProbeFailure f) {
            super(f.message(), null, false, false);
            this.failure = f;
        }

        ProbeFailureException(String code, ProbePhase phase, String message) { this(new ProbeFailure(code, phase, message)); }
    }

    private static long millisSince(long startNanos) { return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startNanos); }

    private static boolean hasCause(Throwable e, Class<? extends Throwable> type) {
        for (Throwable t = e; t != null; t = t.getCause()) if (type.isInstance(t)) return true;
        return false;
    }

    private static boolean isHostName(String h) {
        return !h.contains(":") && !h.matches("[0-9.]+") && h.contains(".");
    }

    private static void closeQuietly(java.io.Closeable c) {
        if (c == null) return;
        try { c.close(); } catch (IOException ignored) { /* best effort */ }
    }

    /**
     * Accepts any server chain and remembers it: the import tool shows it and the operator decides. Never used for
     * client checks.
     */
    private static final class AcceptAnyServer extends X509ExtendedTrustManager {
        volatile X509Certificate[] chain;

        @Override public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket) { this.chain = chain.clone(); }
        @Override public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine) { this.chain = chain.clone(); }
        @Override public void checkServerTrusted(X509Certificate[] chain, String authType) { this.chain = chain.clone(); }
        @Override public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket) throws java.security.cert.CertificateException { refuse(); }
        @Override public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine) throws java.security.cert.CertificateException { refuse(); }
        @Override public void checkClientTrusted(X509Certificate[] chain, String authType) throws java.security.cert.CertificateException { refuse(); }
        @Override public X509Certificate[] getAcceptedIssuers() { return new X509Certificate[0]; }

        private static void refuse() throws java.security.cert.CertificateException {
            throw new java.security.cert.CertificateException("the probe is a client only");
        }
    }

    /**
     * Has no keys: whatever the server asks, the probe answers with an empty Certificate message. Remembers whether the
     * server asked (CertificateRequest), to explain a refusal.
     */
    static final class NoClientCertificate extends X509ExtendedKeyManager {
        volatile boolean requested;

        @Override public String[] getClientAliases(String keyType, Principal[] issuers) { return null; }
        @Override public String chooseClientAlias(String[] keyType, Principal[] issuers, Socket socket) { requested = true; return null; }
        @Override public String chooseEngineClientAlias(String[] keyType, Principal[] issuers, SSLEngine engine) { requested = true; return null; }
        @Override public String[] getServerAliases(String keyType, Principal[] issuers) { return null; }
        @Override public String chooseServerAlias(String keyType, Principal[] issuers, Socket socket) { return null; }
        @Override public String chooseEngineServerAlias(String keyType, Principal[] issuers, SSLEngine engine) { return null; }
        @Override public X509Certificate[] getCertificateChain(String alias) { return null; }
        @Override public PrivateKey getPrivateKey(String alias) { return null; }
    }
}
