package org.ucsec.tls.listener;

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

    private ListenerTlsConfig(Builder b, SSLContext ctx, X509ExtendedTrustManager tm, List<X509Certificate> leaves,
                              List<String> suites, List<String> protocols) {
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
        p.setCipherSuites(cipherSuites.toArray(String[]::new));
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
            if (requireClientCert && trustAnchors.isEmpty()) {
                throw new UcsecException("listener.no-trust-anchors", "a client certificate is required but there are no trust anchors to validate it against");
            }
            try {
                // server identities
                KeyStore ks = KeyStore.getInstance("PKCS12");
                char[] pw;
                List<X509Certificate> leaves = new ArrayList<>();
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
                    }
                } else {
                    ks.load(null, null);
                    pw = randomPassword();
                    int i = 0;
                    for (KeyEntry e : keys) {
                        checkKeyMatches(e.key(), e.chain().get(0));
                        ks.setKeyEntry("server-" + i++, e.key(), pw, e.chain().toArray(X509Certificate[]::new));
                        leaves.add(e.chain().get(0));
                    }
                }
                if (leaves.isEmpty()) throw new UcsecException("listener.no-server-key", "no server key: give a key and its chain, or a key store with a key entry");
                for (X509Certificate leaf : leaves) policy.checkCertificate(leaf);
                KeyManagerFactory kmf = KeyManagerFactory.getInstance("PKIX");
                kmf.init(ks, pw);
                if (keyStore == null) Arrays.fill(pw, '\0');

                // client trust
                X509ExtendedTrustManager tm = trustAnchors.isEmpty() ? null : trustManager(trustAnchors);
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
                return new ListenerTlsConfig(this, ctx, tm, leaves, suites, protos);
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
            for (TrustManager t : tmf.getTrustManagers()) if (t instanceof X509ExtendedTrustManager x) return new NamingTrustManager(x);
            throw new GeneralSecurityException("no X509ExtendedTrustManager from PKIX");
        }
    }

    /** The PKIX trust manager, with refusals that name the client certificate's subject (the JDK's do not). */
    private static final class NamingTrustManager extends X509ExtendedTrustManager {
        private final X509ExtendedTrustManager pkix;

        NamingTrustManager(X509ExtendedTrustManager pkix) { this.pkix = pkix; }

        private interface Check { void run() throws java.security.cert.CertificateException; }

        private static void named(X509Certificate[] chain, Check c) throws java.security.cert.CertificateException {
            try {
                c.run();
            } catch (java.security.cert.CertificateException e) {
                String who = chain == null || chain.length == 0 ? "(empty chain)" : "'" + chain[0].getSubjectX500Principal().getName() + "'";
                throw new java.security.cert.CertificateException("client certificate " + who + " is not trusted: " + e.getMessage(), e);
            }
        }

        @Override public void checkClientTrusted(X509Certificate[] c, String a, java.net.Socket s) throws java.security.cert.CertificateException { named(c, () -> pkix.checkClientTrusted(c, a, s)); }
        @Override public void checkClientTrusted(X509Certificate[] c, String a, javax.net.ssl.SSLEngine e) throws java.security.cert.CertificateException { named(c, () -> pkix.checkClientTrusted(c, a, e)); }
        @Override public void checkClientTrusted(X509Certificate[] c, String a) throws java.security.cert.CertificateException { named(c, () -> pkix.checkClientTrusted(c, a)); }
        @Override public void checkServerTrusted(X509Certificate[] c, String a, java.net.Socket s) throws java.security.cert.CertificateException { pkix.checkServerTrusted(c, a, s); }
        @Override public void checkServerTrusted(X509Certificate[] c, String a, javax.net.ssl.SSLEngine e) throws java.security.cert.CertificateException { pkix.checkServerTrusted(c, a, e); }
        @Override public void checkServerTrusted(X509Certificate[] c, String a) throws java.security.cert.CertificateException { pkix.checkServerTrusted(c, a); }
        @Override public X509Certificate[] getAcceptedIssuers() { return pkix.getAcceptedIssuers(); }
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
