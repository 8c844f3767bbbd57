package org.ucsec.tls.listener;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.ucsec.tls.testing.SClient;
import org.ucsec.tls.transport.Framing;
import org.ucsec.tls.transport.TlsEngine;
import org.ucsec.tls.transport.TlsTransport;
import org.ucsec.tls.transport.TransportOptions;
import org.ucsec.core.UcsecException;
import org.ucsec.tls.policy.FipsCipherRules;
import org.ucsec.tls.policy.SecurityModes;
import org.ucsec.tls.policy.SecurityPolicy;
import org.ucsec.tls.testing.TestCerts;
import org.ucsec.tls.testing.TestPki;

import java.io.IOException;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.util.Base64;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The listener config cannot be built in a contradictory state (DESIGN: builders that refuse contradictions). */
class ListenerTlsConfigTest {
    @TempDir static Path dir;
    static TestPki ca;
    static TestPki.Leaf server, serverEc;

    @BeforeAll
    static void pki() throws IOException {
        ca = TestPki.create(dir.resolve("ca"), "Cfg", "rsa");
        server = ca.serverLeaf("srv", "imp1.example.com", "rsa");
        serverEc = ca.serverLeaf("srv-ec", "imp1.example.com", "ec");
    }

    static ListenerTlsConfig.Builder base() throws IOException {
        return ListenerTlsConfig.builder().serverKey(server.privateKey(), server.chain()).trustAnchors(List.of(ca.root()));
    }

    static void refused(ThrowingBuild b, String code, String... parts) {
        assertThatThrownBy(b::build).isInstanceOfSatisfying(UcsecException.class, e -> {
            assertThat(e.code()).isEqualTo(code);
            for (String p : parts) assertThat(e.getMessage()).contains(p);
        });
    }

    interface ThrowingBuild { ListenerTlsConfig build() throws Exception; }

    @Test
    void peerAllowlistWithoutRequiredClientCertificate_isRefused() {
        refused(() -> base().requireClientCert(false).allowedPeerCns(List.of("peer1.example.com")).build(),
                "listener.allowlist-without-client-auth", "peer1.example.com");
    }

    @Test
    void requiredClientCertificateWithoutTrustAnchors_isRefused() {
        refused(() -> ListenerTlsConfig.builder().serverKey(server.privateKey(), server.chain()).build(), "listener.no-trust-anchors");
    }

    @Test
    void noServerKey_isRefused() {
        refused(() -> ListenerTlsConfig.builder().trustAnchors(List.of(ca.root())).build(), "listener.no-server-key");
    }

    @Test
    void keyOfAnotherCertificate_isRefused_namingTheCertificate() {
        refused(() -> ListenerTlsConfig.builder().serverKey(serverEc.privateKey(), server.chain()).trustAnchors(List.of(ca.root())).build(),
                "listener.key-mismatch", "imp1.example.com");
        KeyPair other = TestCerts.rsa(2048);
        refused(() -> ListenerTlsConfig.builder().serverKey(other.getPrivate(), server.chain()).trustAnchors(List.of(ca.root())).build(),
                "listener.key-mismatch");
    }

    @Test
    void unknownCipherSuiteName_isRefused_namingIt() {
        refused(() -> base().cipherSuites(List.of("ECDHE-RSA-AES256-GCM-SHA384")).build(), "listener.suite-unsupported", "ECDHE-RSA-AES256-GCM-SHA384");
    }

    @Test
    void suiteForbiddenByFips_isRefusedWithThePolicyCode() {
        refused(() -> base().policy(SecurityPolicy.of(SecurityModes.builder().fips(true).build()))
                        .cipherSuites(List.of("TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384", "TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256")).build(),
                "policy.suite-not-approved", "TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256");
    }

    @Test
    void protocolBelowTheCommonCriteriaMinimum_isRefused() {
        refused(() -> base().policy(SecurityPolicy.of(SecurityModes.builder().fips(true).commonCriteria(true).build()))
                .protocols(List.of("TLSv1.1", "TLSv1.2")).build(), "policy.tls-below-minimum", "TLSv1.1");
        refused(() -> base().protocols(List.of("SSLv3")).build(), "listener.protocol-unsupported", "SSLv3");
    }

    @Test
    void suitesThatNoEnabledProtocolCanUse_areRefused() {
        refused(() -> base().protocols(List.of("TLSv1.3")).cipherSuites(List.of("TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384")).build(),
                "listener.no-usable-suite", "TLSv1.3");
        refused(() -> base().protocols(List.of("TLSv1.2")).cipherSuites(List.of("TLS_AES_128_GCM_SHA256")).build(),
                "listener.no-usable-suite");
    }

    @Test
    void serverCertificateForbiddenByFips_isRefused() {
        KeyPair kp = TestCerts.rsa(2048);
        X509Certificate sha1 = TestCerts.selfSigned(kp, "SHA1withRSA", 3, "legacy.example.com");
        refused(() -> ListenerTlsConfig.builder().serverKey(kp.getPrivate(), List.of(sha1)).requireClientCert(false)
                .policy(SecurityPolicy.of(SecurityModes.builder().fips(true).build())).build(), "policy.hash-not-approved", "legacy.example.com");
    }

    @Test
    void emptySuitesAndProtocols_defaultToTheJdkMinusThePolicy() throws Exception {
        ListenerTlsConfig fips = base().policy(SecurityPolicy.of(SecurityModes.builder().fips(true).minTlsVersion("1.3").build())).build();
        assertThat(fips.protocols()).containsExactly("TLSv1.3");
        assertThat(fips.cipherSuites()).isNotEmpty().allSatisfy(s -> assertThat(FipsCipherRules.whyNotApproved(s)).as(s).isEmpty());
        ListenerTlsConfig plain = base().build();
        assertThat(plain.protocols()).containsExactly("TLSv1.2", "TLSv1.3");
        assertThat(plain.cipherSuites()).contains("TLS_CHACHA20_POLY1305_SHA256");
    }

    @Test
    void rsaAndEcdsaIdentities_andKeyStores_areAccepted() throws Exception {
        ListenerTlsConfig dual = base().serverKey(serverEc.privateKey(), serverEc.chain()).build();
        assertThat(dual.serverCertificates()).extracting(c -> c.getPublicKey().getAlgorithm()).containsExactly("RSA", "EC");

        KeyStore ks = KeyStore.getInstance("PKCS12");
        ks.load(null, null);
        char[] pw = "changeit".toCharArray();
        ks.setKeyEntry("tomcat", server.privateKey(), pw, server.chain().toArray(X509Certificate[]::new));
        ListenerTlsConfig fromStore = ListenerTlsConfig.builder().keyStore(ks, pw).trustAnchors(List.of(ca.root())).build();
        assertThat(fromStore.serverCertificates()).containsExactly(server.certificate());
        assertThat(pw).containsOnly('c', 'h', 'a', 'n', 'g', 'e', 'i', 't'); // the caller's array is not wiped
    }

    @Test
    void toString_namesSubjectsAndCounts_butNoKeyMaterial() throws Exception {
        ListenerTlsConfig cfg = base().allowedPeerCns(List.of("peer1.example.com")).build();
        String s = cfg.toString();
        assertThat(s).contains("imp1.example.com", "peer1.example.com", "trustAnchors=1");
        String keyB64 = Base64.getEncoder().encodeToString(server.privateKey().getEncoded());
        assertThat(s).doesNotContain(keyB64.substring(40, 80)).doesNotContainIgnoringCase("private");
    }

    @Test
    void peerCns_compareCaseInsensitively_andBlankOnesAreRefused() throws Exception {
        ListenerTlsConfig cfg = base().allowedPeerCns(List.of("Peer1.Example.com")).build();
        assertThat(cfg.allowsPeerCn("peer1.example.com")).isTrue();
        assertThat(cfg.allowsPeerCn("peer2.example.com")).isFalse();
        refused(() -> base().allowedPeerCns(List.of(" ")).build(), "listener.invalid");
    }

    @Test
    void commonNames_areReadFromTheSubject() {
        assertThat(PeerAuthTlsListener.commonNames("CN=imp1.example.com,O=ucsec test")).containsExactly("imp1.example.com");
        assertThat(PeerAuthTlsListener.commonNames("O=no cn")).isEmpty();
        assertThat(PeerAuthTlsListener.commonNames("CN=a,CN=b,O=x")).hasSize(2);
    }

    // ------------------------------------------------------------------------------------------------ on both engines

    /** A config the builder accepts serves on either engine, with the key type and protocol the client asks for. */
    @ParameterizedTest(name = "{0}")
    @EnumSource(value = TlsEngine.class, names = {"OPENSSL", "JDK"})
    void acceptedConfigs_serveOnBothEngines_rsaAndEcdsaIdentities_tls12And13(TlsEngine engine) throws Exception {
        ListenerTlsConfig dual = ListenerTlsConfig.builder().serverKey(server.privateKey(), server.chain())
                .serverKey(serverEc.privateKey(), serverEc.chain()).requireClientCert(false).build();
        ListenerTlsConfig fips13 = ListenerTlsConfig.builder().serverKey(server.privateKey(), server.chain()).requireClientCert(false)
                .policy(SecurityPolicy.of(SecurityModes.builder().fips(true).minTlsVersion("1.3").build())).build();
        ListenerTlsConfig tls12SuitesOnly = ListenerTlsConfig.builder().serverKey(server.privateKey(), server.chain()).requireClientCert(false)
                .cipherSuites(List.of("TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384")).protocols(List.of("TLSv1.2", "TLSv1.3")).build();
        assertThat(tls12SuitesOnly.tls13Suites()).as("TLS 1.3 suites from the policy when the list names none").isNotEmpty();
        record Case(ListenerTlsConfig cfg, String[] args, String expect) {} // expect: what the case shows
        List<Case> cases = List.of(
                new Case(dual, new String[]{"-tls1_2", "-cipher", "ECDHE-ECDSA-AES128-GCM-SHA256"}, "ECDSA"),
                new Case(dual, new String[]{"-tls1_2", "-cipher", "ECDHE-RSA-AES128-GCM-SHA256"}, "RSA"),
                new Case(dual, new String[]{"-tls1_3"}, "TLSv1.3"),
                new Case(fips13, new String[]{"-tls1_3"}, "TLSv1.3"),
                new Case(tls12SuitesOnly, new String[]{"-tls1_3"}, "TLSv1.3"));
        for (Case c : cases) {
            try (TlsTransport t = TlsTransport.start("cfg", new java.net.InetSocketAddress(java.net.InetAddress.getLoopbackAddress(), 0), c.cfg(),
                    TransportOptions.defaults().withEngine(engine).withFraming(Framing.lines(1024)), org.ucsec.tls.listener.Served.echo(p -> {}))) {
                List<String> args = new java.util.ArrayList<>(List.of(c.args()));
                args.addAll(List.of("-CAfile", ca.ca.rootCert.toString()));
                try (SClient s = SClient.connect(dir, t.port(), args.toArray(String[]::new))) {
                    assertThat(s.roundTrip("ping", java.time.Duration.ofSeconds(10))).as(c.expect() + ": " + s.stderr()).isEqualTo("ping");
                }
            }
        }
    }
}
