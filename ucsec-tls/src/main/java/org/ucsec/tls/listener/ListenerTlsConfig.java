package org.ucsec.tls.listener;

import org.ucsec.core.SecretAccess;
import org.ucsec.pki.CertInfo;
import org.ucsec.core.UcsecException;
import org.ucsec.tls.policy.SecurityPolicy;

import javax.net.ssl.CertPathTrustManagerParameters;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedTrustManager;
import javax.net.ssl.X509TrustManager;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.cert.Certificate;
import java.security.cert.PKIXBuilderParameters;
import java.security.cert.X509CertSelector;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Everything a {@link PeerAuthTlsListener} needs for a connection, fixed at build time (SPEC S4): server key(s) and
 * chain(s), trust anchors for client certificates, whether a client certificate is required, the allowed peer subject
 * CNs (a TLS context's selected peer subjects), the allowed cipher suites (its selected ciphers) and protocols, and the
 * {@link SecurityPolicy} they must obey. Immutable; {@link PeerAuthTlsListener#reload} swaps one for another.
 *
 * <p>The builder refuses contradictions, naming the offending suite, protocol or certificate:
 * {@code listener.no-server-key}, {@code listener.key-mismatch}, {@code listener.no-trust-anchors} (client certificate
 * required but nothing to validate it against), {@code listener.allowlist-without-client-auth} (peer CNs listed but no
 * client certificate required), {@code listener.suite-unsupported}, {@code listener.protocol-unsupported},
 * {@code listener.no-usable-suite}, {@code listener.invalid}; and the policy's own codes ({@code policy.suite-not-approved},
 * {@code policy.tls-below-minimum}, {@code policy.key-too-small}, ...) for a suite, protocol or server certificate the
 * security modes forbid.
 *
 * <p>Empty cipher suites = the JDK's default suites minus what the policy forbids; empty protocols = the policy's
 * allowed protocols that the JDK enables by default. Peer CNs are compared case-insensitively (they are host names).
 * {@code toString} shows subjects, counts and names, never key material.
 */
public final class ListenerTlsConfig {
    private final SSLContext sslContext;
    private final X509ExtendedTrustManager trustManager;
    private final List<X509Certificate> serverLeaves;
    private final List<X509Certificate> trustAnchors;
    private final boolean requireClientCert;
    private final Set<String> allowedPeerCns;
    private final List<String> cipherSuites;
    private final List<String> protocols;
    private final SecurityPolicy policy;
    private final Duration handshakeTimeout;
    private final List<ServerIdentity> identities;
    private final List<String> tls13Suites;
    private final X509TrustManager clientTrust;
    private final String trustVersion;
    private final String policyVersion;

    private ListenerTlsConfig(Builder b, SSLContext ctx, X509ExtendedTrustManager tm, List<X509Certificate> leaves,
                              List<String> suites, List<String> protocols, List<ServerIdentity> identities, List<String> tls13Suites) {
        this.identities = List.copyOf(identities);
        this.tls13Suites = List.copyOf(tls13Suites);
        this.clientTrust = tm;
        this.trustVersion = b.trustVersion != null ? b.trustVersion : versionOf(b.trustAnchors, b.clientTrust);
        this.policyVersion = digest(String.valueOf(b.policy.modes()) + "|" + b.policy);
        this.sslContext = ctx;
        this.trustManager = tm;
        this.serverLeaves = List.copyOf(leaves);
        this.trustAnchors = List.copyOf(b.trustAnchors);
        this.requireClientCert = b.requireClientCert;
        this.allowedPeerCns = Collections.unmodifiableSet(new LinkedHashSet<>(b.allowedPeerCns));
        this.cipherSuites = List.copyOf(suites);
        this.protocols = List.copyOf(protocols);
        this.policy = b.policy;
        this.handshakeTimeout = b.handshakeTimeout;
    }

    public static Builder builder() { return new Builder(); }

    /** The server's leaf certificates (one per key type). */
    public List<X509Certificate> serverCertificates() { return serverLeaves; }
    public List<X509Certificate> trustAnchors() { return trustAnchors; }
    public boolean requireClientCert() { return requireClientCert; }
    /** Allowed peer subject CNs as configured; empty = any certificate that chains to an anchor. */
    public Set<String> allowedPeerCns() { return allowedPeerCns; }
    /** The effective cipher suites, in preference order. */
    public List<String> cipherSuites() { return cipherSuites; }
    /** The effective protocols. */
    public List<String> protocols() { return protocols; }
    public SecurityPolicy policy() { return policy; }
    public Duration handshakeTimeout() { return handshakeTimeout; }

    /** The server identities (key held in memory, decrypted once when this config was built), in configuration order. */
    public List<ServerIdentity> serverIdentities() { return identities; }

    /**
     * The TLS 1.3 suites this config enables: the TLS 1.3 suites of {@link #cipherSuites()}, or, when the list names
     * TLS 1.2 suites only and TLSv1.3 is an enabled protocol, the JDK's default TLS 1.3 suites the policy allows (TLS 1.3
     * suites are a separate list from TLS 1.2 suites; BoringSSL does not even let them be configured). Empty when TLSv1.3
     * is not enabled.
     */
    public List<String> tls13Suites() { return tls13Suites; }

    /** The TLS 1.2 (and older) suites of {@link #cipherSuites()}, in preference order. */
    public List<String> tls12Suites() { return cipherSuites.stream().filter(s -> s.contains("_WITH_")).toList(); }

    /** Every suite a connection may negotiate: {@link #tls12Suites()} then {@link #tls13Suites()}. */
    public List<String> allowedSuites() {
        List<String> out = new ArrayList<>(tls12Suites());
        for (String s : tls13Suites) if (!out.contains(s)) out.add(s);
        return out;
    }

    /**
     * The hook that decides client certificates: the one given to {@link Builder#clientTrust}, else a PKIX trust manager
     * over {@link #trustAnchors()}; refusals name the certificate's subject. Null when there is neither.
     */
    public X509TrustManager clientTrust() { return clientTrust; }

    /** Changes whenever the anchors or the trust hook change: part of the key of cached chain decisions. */
    public String trustVersion() { return trustVersion; }

    /** Changes whenever the security policy changes: part of the key of cached chain decisions. */
    public String policyVersion() { return policyVersion; }

    private static String versionOf(List<X509Certificate> anchors, X509TrustManager hook) {
        StringBuilder sb = new StringBuilder();
        try {
            for (X509Certificate a : anchors) sb.append(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(a.getEncoded()))).append(',');
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
        if (hook != null) sb.append(hook.getClass().getName()).append('@').append(System.identityHashCode(hook));
        return digest(sb.toString());
    }

    private static String digest(String s) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)), 0, 8);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    public boolean allowsPeerCn(String cn) {
        if (allowedPeerCns.isEmpty()) return true;
        for (String a : allowedPeerCns) if (a.equalsIgnoreCase(cn)) return true;
        return false;
    }

    SSLContext sslContext() { return sslContext; }

    /** Null when there are no trust anchors (then client certificates are not requested at all). */
    X509ExtendedTrustManager trustManager() { return trustManager; }

    /** Server-side parameters for one accepted socket. */
    SSLParameters serverParameters() {
        SSLParameters p = sslContext.getDefaultSSLParameters();
        p.setCipherSuites(allowedSuites().toArray(String[]::new));
        p.setProtocols(protocols.toArray(String[]::new));
        p.setUseCipherSuitesOrder(true);
        if (requireClientCert) p.setNeedClientAuth(true);
        else if (trustManager != null) p.setWantClientAuth(true);
        else p.setNeedClientAuth(false);
        return p;
    }

    @Override public String toString() {
        return "ListenerTlsConfig[server=" + serverLeaves.stream().map(c -> c.getSubjectX500Principal().getName() + " (" + CertInfo.keyType(c) + ")").toList()
                + ", trustAnchors=" + trustAnchors.size() + ", requireClientCert=" + requireClientCert
                + ", allowedPeerCns=" + (allowedPeerCns.isEmpty() ? "any" : allowedPeerCns) + ", cipherSuites=" + cipherSuites
                + ", protocols=" + protocols + ", policy=" + policy.modes() + ", handshakeTimeout=" + handshakeTimeout + "]";
    }

    public static final class Builder {
        private record KeyEntry(PrivateKey key, List<X509Certificate> chain) {}

        private final List<KeyEntry> keys = new ArrayList<>();
        private KeyStore keyStore;
        private char[] keyStorePassword;
        private final List<X509Certificate> trustAnchors = new ArrayList<>();
        private boolean requireClientCert = true;
        private final List<String> allowedPeerCns = new ArrayList<>();
        private final List<String> cipherSuites = new ArrayList<>();
        private final List<String> protocols = new ArrayList<>();
        private SecurityPolicy policy = SecurityPolicy.baseline();
        private Duration handshakeTimeout = Duration.ofSeconds(10);
        private X509TrustManager clientTrust;
        private String trustVersion;

        private Builder() {}

        /** A server key and its chain (leaf first). Call twice for an RSA and an ECDSA identity. */
        public Builder serverKey(PrivateKey key, List<X509Certificate> chain) {
            if (key == null || chain == null || chain.isEmpty()) throw new UcsecException("listener.no-server-key", "a server key needs its certificate chain (leaf first)");
            keys.add(new KeyEntry(key, List.copyOf(chain)));
            return this;
        }

        /** Every key entry of a key store (e.g. PKCS#12). The password is used while building and then wiped. */
        public Builder keyStore(KeyStore ks, char[] password) {
            this.keyStore = ks;
            this.keyStorePassword = password == null ? new char[0] : password.clone();
            return this;
        }

        public Builder trustAnchors(Collection<X509Certificate> anchors) { trustAnchors.clear(); trustAnchors.addAll(anchors); return this; }

        /** Default true (a peer-authenticating listener). False: a certificate is requested if anchors exist, but optional. */
        public Builder requireClientCert(boolean required) { this.requireClientCert = required; return this; }

        public Builder allowedPeerCns(Collection<String> cns) { allowedPeerCns.clear(); allowedPeerCns.addAll(cns); return this; }

        /** JSSE names in preference order; empty = JDK defaults minus the policy. */
        public Builder cipherSuites(List<String> suites) { cipherSuites.clear(); cipherSuites.addAll(suites); return this; }

        /** JSSE names ("TLSv1.2", "TLSv1.3"); empty = the policy's allowed protocols. */
        public Builder protocols(List<String> p) { protocols.clear(); protocols.addAll(p); return this; }

        public Builder policy(SecurityPolicy p) { this.policy = p; return this; }

        public Builder handshakeTimeout(Duration d) { this.handshakeTimeout = d; return this; }

        /**
         * The client-certificate decision hook (e.g. ucsec's RFC 5280 validator's adapter), used instead of the JDK's PKIX
         * over {@link #trustAnchors}. The anchors are still what a server names in its CertificateRequest. On every
         * engine this hook, not the engine's own chain verification, decides.
         */
        public Builder clientTrust(X509TrustManager hook) { this.clientTrust = hook; return this; }

        /** Optional: an explicit trust version (e.g. the trust store's revision) for cached chain decisions. */
        public Builder trustVersion(String v) { this.trustVersion = v; return this; }

        public ListenerTlsConfig build() {
            try {
                return doBuild();
            } finally {
                if (keyStorePassword != null) Arrays.fill(keyStorePassword, '\0');
            }
        }

        private ListenerTlsConfig doBuild() {
            if (policy == null) throw new UcsecException("listener.invalid", "a security policy is required (SecurityPolicy.baseline() for none)");
            if (handshakeTimeout == null || handshakeTimeout.isNegative() || handshakeTimeout.isZero()) {
                throw new UcsecException("listener.invalid", "the handshake timeout must be positive, not " + handshakeTimeout);
            }
            for (String cn : allowedPeerCns) {
                if (cn == null || cn.isBlank()) throw new UcsecException("listener.invalid", "an allowed peer subject CN must not be blank");
            }
            if (!requireClientCert && !allowedPeerCns.isEmpty()) {
                throw new UcsecException("listener.allowlist-without-client-auth", "peer subjects " + allowedPeerCns
                        + " are listed but no client certificate is required: a peer without a certificate could not be checked against them");
            }
            if (requireClientCert && trustAnchors.isEmpty() && clientTrust == null) {
                throw new UcsecException("listener.no-trust-anchors", "a client certificate is required but there are no trust anchors to validate it against");
            }
            try {
                // server identities
                KeyStore ks = KeyStore.getInstance("PKCS12");
                char[] pw;
                List<X509Certificate> leaves = new ArrayList<>();
                List<ServerIdentity> ids = new ArrayList<>();
                if (keyStore != null) {
                    ks = keyStore;
                    pw = keyStorePassword;
                    for (String alias : Collections.list(ks.aliases())) {
                        if (!ks.isKeyEntry(alias)) continue;
                        Certificate[] chain = ks.getCertificateChain(alias);
                        if (chain == null || chain.length == 0 || !(chain[0] instanceof X509Certificate leaf)) continue;
                        PrivateKey k = (PrivateKey) ks.getKey(alias, pw);
                        checkKeyMatches(k, leaf);
                        leaves.add(leaf);
                        List<X509Certificate> xs = new ArrayList<>();
                        for (Certificate c : chain) xs.add((X509Certificate) c);
                        ids.add(new ServerIdentity(k, xs));
                    }
                } else {
                    ks.load(null, null);
                    pw = randomPassword();
                    int i = 0;
                    for (KeyEntry e : keys) {
                        checkKeyMatches(e.key(), e.chain().get(0));
                        ks.setKeyEntry("server-" + i++, e.key(), pw, e.chain().toArray(X509Certificate[]::new));
                        leaves.add(e.chain().get(0));
                        ids.add(new ServerIdentity(e.key(), e.chain()));
                    }
                }
                if (leaves.isEmpty()) throw new UcsecException("listener.no-server-key", "no server key: give a key and its chain, or a key store with a key entry");
                for (X509Certificate leaf : leaves) policy.checkCertificate(leaf);
                // SunX509 decrypts every key once, here, and holds it in memory: the PKIX key manager would read the key
                // store entry (a PBKDF2 derivation) on every handshake (issue 15).
                KeyManagerFactory kmf = KeyManagerFactory.getInstance("SunX509");
                kmf.init(toMemoryStore(ids), new char[0]);
                if (keyStore == null) Arrays.fill(pw, '\0');

                // client trust
                X509ExtendedTrustManager tm = clientTrust != null ? new NamingTrustManager(clientTrust, anchorsFor(clientTrust))
                        : trustAnchors.isEmpty() ? null : trustManager(trustAnchors);
                SSLContext ctx = SSLContext.getInstance("TLS");
                ctx.init(kmf.getKeyManagers(), tm == null ? new TrustManager[]{NoClientTrust.INSTANCE} : new TrustManager[]{tm}, null);

                List<String> suites = effectiveSuites(ctx);
                List<String> protos = effectiveProtocols(ctx);
                boolean tls13 = protos.contains("TLSv1.3");
                boolean older = protos.stream().anyMatch(p -> !p.equals("TLSv1.3"));
                boolean has13Suite = suites.stream().anyMatch(s -> !s.contains("_WITH_") && !s.endsWith("_SCSV"));
                boolean hasOlderSuite = suites.stream().anyMatch(s -> s.contains("_WITH_"));
                if (!(tls13 && has13Suite) && !(older && hasOlderSuite)) {
                    throw new UcsecException("listener.no-usable-suite", "no cipher suite of " + suites + " can be used with protocols " + protos
                            + " (TLS 1.3 suites are TLS_AES_*/TLS_CHACHA20_*; TLS 1.2 suites contain _WITH_)");
                }
                List<String> tls13Suites = new ArrayList<>();
                if (tls13) {
                    suites.stream().filter(s -> !s.contains("_WITH_") && !s.endsWith("_SCSV")).forEach(tls13Suites::add);
                    if (tls13Suites.isEmpty()) {
                        policy.filterCipherSuites(Arrays.asList(ctx.getDefaultSSLParameters().getCipherSuites())).stream()
                                .filter(s -> !s.contains("_WITH_") && !s.endsWith("_SCSV")).forEach(tls13Suites::add);
                    }
                }
                return new ListenerTlsConfig(this, ctx, tm, leaves, suites, protos, ids, tls13Suites);
            } catch (GeneralSecurityException | java.io.IOException e) {
                throw new UcsecException("listener.invalid", "cannot build the listener's TLS context: " + e.getMessage());
            }
        }

        private List<String> effectiveSuites(SSLContext ctx) {
            if (cipherSuites.isEmpty()) {
                List<String> out = policy.filterCipherSuites(Arrays.asList(ctx.getDefaultSSLParameters().getCipherSuites()));
                if (out.stream().allMatch(s -> s.endsWith("_SCSV"))) {
                    throw new UcsecException("listener.no-usable-suite", "no JDK default cipher suite is allowed by " + policy.modes());
                }
                return out;
            }
            Set<String> supported = Set.of(ctx.getSupportedSSLParameters().getCipherSuites());
            List<String> out = new ArrayList<>();
            for (String s : cipherSuites) {
                String n = s.trim();
                if (!supported.contains(n)) {
                    throw new UcsecException("listener.suite-unsupported", "cipher suite " + n + " is not supported (or is disabled) by this JDK; "
                            + "use JSSE names such as TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384");
                }
                policy.checkCipherSuite(n);
                if (!out.contains(n)) out.add(n);
            }
            return out;
        }

        private List<String> effectiveProtocols(SSLContext ctx) {
            List<String> enabledByDefault = Arrays.asList(ctx.getDefaultSSLParameters().getProtocols());
            if (protocols.isEmpty()) {
                List<String> out = policy.allowedProtocols().stream().filter(enabledByDefault::contains).toList();
                if (out.isEmpty()) throw new UcsecException("listener.protocol-unsupported", "none of the allowed protocols " + policy.allowedProtocols() + " is enabled in this JDK");
                return out;
            }
            Set<String> supported = Set.of(ctx.getSupportedSSLParameters().getProtocols());
            List<String> out = new ArrayList<>();
            for (String p : protocols) {
                String n = p.trim();
                if (!supported.contains(n) || n.startsWith("SSL")) {
                    throw new UcsecException("listener.protocol-unsupported", "protocol " + n + " is not supported; use TLSv1.2 or TLSv1.3");
                }
                policy.checkProtocol(n);
                if (!out.contains(n)) out.add(n);
            }
            return out;
        }

        private static void checkKeyMatches(PrivateKey key, X509Certificate leaf) {
            String alg = key.getAlgorithm().toUpperCase(Locale.ROOT);
            String sigAlg = alg.equals("RSA") ? "SHA256withRSA" : alg.equals("EC") ? "SHA256withECDSA" : null;
            boolean ok;
            try {
                if (sigAlg == null) {
                    ok = alg.equalsIgnoreCase(leaf.getPublicKey().getAlgorithm());
                } else {
                    byte[] probe = new byte[32];
                    new SecureRandom().nextBytes(probe);
                    Signature s = Signature.getInstance(sigAlg);
                    s.initSign(key);
                    s.update(probe);
                    byte[] sig = s.sign();
                    Signature v = Signature.getInstance(sigAlg);
                    v.initVerify(leaf.getPublicKey());
                    v.update(probe);
                    ok = v.verify(sig);
                }
            } catch (GeneralSecurityException e) {
                ok = false;
            }
            if (!ok) {
                throw new UcsecException("listener.key-mismatch", "the server key does not belong to certificate '"
                        + leaf.getSubjectX500Principal().getName() + "'");
            }
        }

        private static KeyStore toMemoryStore(List<ServerIdentity> ids) throws GeneralSecurityException, java.io.IOException {
            KeyStore mem = KeyStore.getInstance("PKCS12");
            mem.load(null, null);
            int i = 0;
            for (ServerIdentity id : ids) mem.setKeyEntry("id-" + i++, id.privateKey(SecretAccess.granted()), new char[0], id.chain().toArray(X509Certificate[]::new));
            return mem;
        }

        private X509Certificate[] anchorsFor(X509TrustManager hook) {
            return trustAnchors.isEmpty() ? hook.getAcceptedIssuers() : trustAnchors.toArray(X509Certificate[]::new);
        }

        private static char[] randomPassword() {
            SecureRandom r = new SecureRandom();
            char[] pw = new char[24];
            for (int i = 0; i < pw.length; i++) pw[i] = (char) ('!' + r.nextInt(94));
            return pw;
        }

        private static X509ExtendedTrustManager trustManager(List<X509Certificate> anchors) throws GeneralSecurityException, java.io.IOException {
            KeyStore ts = KeyStore.getInstance("PKCS12");
            ts.load(null, null);
            int i = 0;
            for (X509Certificate a : anchors) ts.setCertificateEntry("anchor-" + i++, a);
            PKIXBuilderParameters pbp = new PKIXBuilderParameters(ts, new X509CertSelector());
            pbp.setRevocationEnabled(false); // C13 (OCSP) plugs in here
            TrustManagerFactory tmf = TrustManagerFactory.getInstance("PKIX");
            tmf.init(new CertPathTrustManagerParameters(pbp));
            for (TrustManager t : tmf.getTrustManagers()) if (t instanceof X509ExtendedTrustManager x) return new NamingTrustManager(x, anchors.toArray(X509Certificate[]::new));
            throw new GeneralSecurityException("no X509ExtendedTrustManager from PKIX");
        }
    }

    /**
     * The client trust decision (PKIX or the caller's hook), with refusals that name the client certificate's subject
     * (the JDK's do not). A plain {@link X509TrustManager} hook is called without the socket/engine.
     */
    private static final class NamingTrustManager extends X509ExtendedTrustManager {
        private final X509TrustManager hook;
        private final X509ExtendedTrustManager pkix;
        private final X509Certificate[] issuers;

        NamingTrustManager(X509TrustManager hook, X509Certificate[] issuers) {
            this.hook = hook;
            this.pkix = hook instanceof X509ExtendedTrustManager x ? x : null;
            this.issuers = issuers.clone();
        }

        private interface Check { void run() throws java.security.cert.CertificateException; }

        private static void named(X509Certificate[] chain, Check c) throws java.security.cert.CertificateException {
            try {
                c.run();
            } catch (java.security.cert.CertificateException e) {
                String who = chain == null || chain.length == 0 ? "(empty chain)" : "'" + chain[0].getSubjectX500Principal().getName() + "'";
                throw new java.security.cert.CertificateException("client certificate " + who + " is not trusted: " + e.getMessage(), e);
            }
        }

        @Override public void checkClientTrusted(X509Certificate[] c, String a, java.net.Socket s) throws java.security.cert.CertificateException { named(c, () -> { if (pkix != null) pkix.checkClientTrusted(c, a, s); else hook.checkClientTrusted(c, a); }); }
        @Override public void checkClientTrusted(X509Certificate[] c, String a, javax.net.ssl.SSLEngine e) throws java.security.cert.CertificateException { named(c, () -> { if (pkix != null) pkix.checkClientTrusted(c, a, e); else hook.checkClientTrusted(c, a); }); }
        @Override public void checkClientTrusted(X509Certificate[] c, String a) throws java.security.cert.CertificateException { named(c, () -> hook.checkClientTrusted(c, a)); }
        @Override public void checkServerTrusted(X509Certificate[] c, String a, java.net.Socket s) throws java.security.cert.CertificateException { throw new java.security.cert.CertificateException("a listener's trust manager does not validate servers"); }
        @Override public void checkServerTrusted(X509Certificate[] c, String a, javax.net.ssl.SSLEngine e) throws java.security.cert.CertificateException { throw new java.security.cert.CertificateException("a listener's trust manager does not validate servers"); }
        @Override public void checkServerTrusted(X509Certificate[] c, String a) throws java.security.cert.CertificateException { throw new java.security.cert.CertificateException("a listener's trust manager does not validate servers"); }
        @Override public X509Certificate[] getAcceptedIssuers() { return issuers.clone(); }
    }

    /** Used when there are no anchors: client certificates are then not requested, and any that arrive are refused. */
    private static final class NoClientTrust extends X509ExtendedTrustManager {
        static final NoClientTrust INSTANCE = new NoClientTrust();

        private static void refuse() throws java.security.cert.CertificateException {
            throw new java.security.cert.CertificateException("this listener has no trust anchors for client certificates");
        }

        @Override public void checkClientTrusted(X509Certificate[] c, String a, java.net.Socket s) throws java.security.cert.CertificateException { refuse(); }
        @Override public void checkClientTrusted(X509Certificate[] c, String a, javax.net.ssl.SSLEngine e) throws java.security.cert.CertificateException { refuse(); }
        @Override public void checkClientTrusted(X509Certificate[] c, String a) throws java.security.cert.CertificateException { refuse(); }
        @Override public void checkServerTrusted(X509Certificate[] c, String a, java.net.Socket s) throws java.security.cert.CertificateException { refuse(); }
        @Override public void checkServerTrusted(X509Certificate[] c, String a, javax.net.ssl.SSLEngine e) throws java.security.cert.CertificateException { refuse(); }
        @Override public void checkServerTrusted(X509Certificate[] c, String a) throws java.security.cert.CertificateException { refuse(); }
        @Override public X509Certificate[] getAcceptedIssuers() { return new X509Certificate[0]; }
    }
}
