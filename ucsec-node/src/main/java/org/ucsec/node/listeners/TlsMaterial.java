package org.ucsec.node.listeners;

import org.ucsec.core.SecretAccess;
import org.ucsec.node.certs.CertificateService;
import org.ucsec.node.certs.CertificateService.KeyMaterial;
import org.ucsec.node.modes.SecurityPolicies;
import org.ucsec.node.tlscontext.TlsContextService;
import org.ucsec.node.trust.TrustStoreService;
import org.ucsec.pki.catalogue.ListenerDef;
import org.ucsec.tls.cipher.SuiteSelection;
import org.ucsec.tls.cipher.Tls13Suite;
import org.ucsec.tls.listener.ListenerTlsConfig;
import org.ucsec.tls.policy.SecurityPolicy;

import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The one resolver that turns a listener's description (listeners.tsv) into what its TLS engine needs: the keys of its
 * identity purposes (decrypted once here, held in memory), the anchors of its trust store, the protocols and suites the
 * security policy and its TLS context allow, and the peer subjects it admits. Called at start and on every reload.
 */
public final class TlsMaterial {
    /** Stands for "no peer subject selected": never a valid CN (peer subjects are validated host names), so nobody is admitted. */
    public static final String NO_PEER_SELECTED = "-no-peer-subject-selected-";

    private final CertificateService certs;
    private final TrustStoreService trust;
    private final TlsContextService contexts;
    private final SecurityPolicies policies;

    private final java.time.Clock clock;

    public TlsMaterial(CertificateService certs, TrustStoreService trust, TlsContextService contexts, SecurityPolicies policies, java.time.Clock clock) {
        this.clock = clock;
        this.certs = certs;
        this.trust = trust;
        this.contexts = contexts;
        this.policies = policies;
    }

    /** Everything a listener serves with, resolved now. */
    public record Resolved(List<KeyMaterial> keys, List<X509Certificate> anchors, List<String> protocols, List<String> cipherSuites,
                           Set<String> allowedPeerCns, SecurityPolicy policy, boolean clientCertificateRequired,
                           javax.net.ssl.X509ExtendedTrustManager clientTrust) {
        @Override public String toString() {
            return "Resolved[keys=" + keys.stream().map(KeyMaterial::purpose).toList() + ", anchors=" + anchors.size() + ", protocols=" + protocols
                    + ", suites=" + cipherSuites.size() + ", peers=" + allowedPeerCns + "]";
        }
    }

    public Resolved resolve(ListenerDef def) {
        SecurityPolicy policy = policies.current();
        List<KeyMaterial> keys = new ArrayList<>();
        for (String purpose : def.keyPurposes()) keys.add(certs.keyMaterial(purpose));
        List<X509Certificate> anchors = def.trustStore() == null ? List.of() : trust.certificates(def.trustStore());
        // client certificates are decided by ucsec's path validator over the store (anchors' own constraints, CRLs; issue 7)
        javax.net.ssl.X509ExtendedTrustManager clientTrust = def.trustStore() == null ? null
                : new RefusalNamingTrustManager(def.service(), trust.validator(def.trustStore()).trustManager(), clock);
        List<String> selected;
        Set<String> peers = new LinkedHashSet<>();
        if (def.tlsContext() != null) {
            var ctx = contexts.context(def.tlsContext());
            selected = new ArrayList<>(ctx.cipherSuites());
            // OpenSSL's model: a context's cipher string governs TLS <= 1.2; without TLS 1.3 suites of its own the policy's list applies
            if (selected.stream().noneMatch(x -> Tls13Suite.byName(x).isPresent()))
                selected.addAll(0, SuiteSelection.ofNames(List.of(policy.defaultTls13Ciphersuites().split(":")), SuiteSelection.Jdk.running(), policy.suitePolicy()).tls13());
            peers.addAll(ctx.peerSubjects());
            if (peers.isEmpty()) peers.add(NO_PEER_SELECTED);
        } else {
            selected = contexts.available().stream().map(TlsContextService.AvailableSuite::ianaName).toList();
        }
        // one place for every listener: the protocols the policy allows and the JDK enables, the suites the policy allows
        // that those protocols can negotiate (TLS 1.3 first)
        List<String> suites = new ArrayList<>(policy.negotiableSuites(policy.filterCipherSuites(selected)));
        suites.sort(java.util.Comparator.comparing(x -> Tls13Suite.byName(x).isPresent() ? 0 : 1));
        // a protocol is enabled only if a suite can be negotiated on it (TLS 1.0/1.1 cannot use the AEAD suites of TLS 1.2)
        List<String> protocols = policy.enabledProtocols(jdkEnabledProtocols()).stream().filter(p -> suites.stream().anyMatch(x -> usableOn(x, p))).toList();
        return new Resolved(List.copyOf(keys), List.copyOf(anchors), List.copyOf(protocols), List.copyOf(suites), Set.copyOf(peers), policy,
                def.clientCertificateRequired(), clientTrust);
    }

    /** Whether suite {@code iana} can be negotiated on protocol {@code jsse} (its minimum protocol from OpenSSL's table; TLS 1.3 suites only on 1.3). */
    static boolean usableOn(String iana, String jsse) {
        boolean t13 = Tls13Suite.byName(iana).isPresent();
        if (jsse.equals("TLSv1.3")) return t13;
        if (t13) return false;
        String min = org.ucsec.tls.cipher.CipherSuiteTable.standard().byIanaName(iana).map(org.ucsec.tls.cipher.CipherSuite::protocol).orElse("TLSv1.2");
        return rank(jsse) >= rank(min);
    }

    private static int rank(String protocol) {
        return switch (protocol) {
            case "SSLv3" -> 0;
            case "TLSv1" -> 1;
            case "TLSv1.1" -> 2;
            case "TLSv1.2" -> 3;
            default -> 4;
        };
    }

    private static List<String> jdkEnabledProtocols() {
        try {
            return List.of(javax.net.ssl.SSLContext.getDefault().getDefaultSSLParameters().getProtocols());
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The peer-authenticating engine's configuration for {@code r}. */
    public static ListenerTlsConfig peerAuthConfig(Resolved r) {
        var b = ListenerTlsConfig.builder();
        for (KeyMaterial k : r.keys()) b.serverKey(k.key().reveal(SecretAccess.granted()), k.chain());
        return b.trustAnchors(r.anchors()).clientTrust(r.clientTrust()).requireClientCert(r.clientCertificateRequired()).allowedPeerCns(r.allowedPeerCns())
                .cipherSuites(r.cipherSuites()).protocols(r.protocols()).policy(r.policy()).handshakeTimeout(HANDSHAKE_TIMEOUT).build();
    }

    /**
     * How long a hosted listener's TLS handshake may take, counted from accept. 60 s, as nginx (client_header_timeout,
     * ssl_handshake_timeout) and Apache give: in a boot storm thousands of phones connect at once and the last ones are
     * accepted while the first are still being answered, so a tighter bound cuts off phones that are only waiting
     * their turn (bench/boot-storm: its first storms of 5,000 phones, p50 above 10 s, lost up to 3,677 phones in TLS errors while nginx lost none). A connection that never completes a
     * handshake still goes at this bound; the listener's connection bound limits how many can wait.
     */
    public static final java.time.Duration HANDSHAKE_TIMEOUT = java.time.Duration.ofSeconds(60);

    /**
     * The validator's trust manager, with each refusal logged under the listener's service naming the certificate and
     * the RFC rule (the code first: {@code path.length-exceeded: ...}); ListenerTlsConfig's wrapper names it for the
     * engine, which counts it as {@code handshake.untrusted-client-certificate}.
     */
    static final class RefusalNamingTrustManager extends javax.net.ssl.X509ExtendedTrustManager
            implements org.ucsec.tls.transport.ChainDecisionCache.DecisionLifetime {
        private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(TlsMaterial.class);
        /**
         * How long the transport may reuse an acceptance of a chain: revocation published at a CRL distribution point
         * (fetched by the validator, cached until nextUpdate) reaches a reconnecting phone within this time. Uploaded CRLs
         * and trust changes take effect at the listener's reload, which starts a fresh cache.
         */
        static final java.time.Duration REVOCATION_RECHECK = java.time.Duration.ofSeconds(60);
        private final String service;
        private final javax.net.ssl.X509ExtendedTrustManager tm;

        private final java.time.Clock clock;

        RefusalNamingTrustManager(String service, javax.net.ssl.X509ExtendedTrustManager tm, java.time.Clock clock) { this.service = service; this.tm = tm; this.clock = clock; }

        private interface Check { void run() throws java.security.cert.CertificateException; }

        private void client(X509Certificate[] chain, Check c) throws java.security.cert.CertificateException {
            try {
                c.run();
            } catch (java.security.cert.CertificateException e) {
                String who = chain == null || chain.length == 0 ? "(none)" : chain[0].getSubjectX500Principal().getName();
                LOG.warn("{}: client certificate '{}' refused: {}", service, who, e.getMessage());
                throw e; // ListenerTlsConfig names the certificate ("client certificate ... is not trusted: <code>: <rule>")
            }
        }

        @Override public void checkClientTrusted(X509Certificate[] c, String a, java.net.Socket s) throws java.security.cert.CertificateException { client(c, () -> tm.checkClientTrusted(c, a, s)); }
        @Override public void checkClientTrusted(X509Certificate[] c, String a, javax.net.ssl.SSLEngine e) throws java.security.cert.CertificateException { client(c, () -> tm.checkClientTrusted(c, a, e)); }
        @Override public void checkClientTrusted(X509Certificate[] c, String a) throws java.security.cert.CertificateException { client(c, () -> tm.checkClientTrusted(c, a)); }
        @Override public void checkServerTrusted(X509Certificate[] c, String a, java.net.Socket s) throws java.security.cert.CertificateException { tm.checkServerTrusted(c, a, s); }
        @Override public void checkServerTrusted(X509Certificate[] c, String a, javax.net.ssl.SSLEngine e) throws java.security.cert.CertificateException { tm.checkServerTrusted(c, a, e); }
        @Override public void checkServerTrusted(X509Certificate[] c, String a) throws java.security.cert.CertificateException { tm.checkServerTrusted(c, a); }
        @Override public X509Certificate[] getAcceptedIssuers() { return tm.getAcceptedIssuers(); }

        @Override public java.time.Instant decisionValidUntil(X509Certificate[] chain) { return clock.instant().plus(REVOCATION_RECHECK); }
    }
}
