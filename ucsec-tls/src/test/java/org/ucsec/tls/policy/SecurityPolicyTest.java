package org.ucsec.tls.policy;

import org.junit.jupiter.api.Test;
import org.ucsec.pki.KeySpec;
import org.ucsec.pki.SignatureHash;
import org.ucsec.core.ErrorCodes;
import org.ucsec.core.UcsecException;
import org.ucsec.pki.catalogue.KeyAlgorithm;
import org.ucsec.tls.testing.TestCerts;

import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** SPEC S5 rules per mode; seeds 000/002 section "FIPS mode" (FIPS; enhanced security; common criteria: TLS and X.509 v3). */
class SecurityPolicyTest {
    private static final SecurityPolicy NONE = SecurityPolicy.baseline();
    private static final SecurityPolicy FIPS = SecurityPolicy.of(SecurityModes.builder().fips(true).build());
    private static final SecurityPolicy CC = SecurityPolicy.of(SecurityModes.builder().fips(true).commonCriteria(true).build());
    private static final SecurityPolicy ENHANCED = SecurityPolicy.of(SecurityModes.builder().fips(true).enhancedSecurity(true).build());

    private static void refused(Runnable r, String code, String... messageParts) {
        assertThatThrownBy(r::run).isInstanceOfSatisfying(UcsecException.class, e -> {
            assertThat(e.code()).isEqualTo(code);
            assertThat(e.kind()).isEqualTo(ErrorCodes.Kind.CONFLICT);
            for (String p : messageParts) assertThat(e.getMessage()).contains(p);
        });
    }

    // ---- path validation rules handed to ucsec-pki's validator (issue 7)

    @Test
    void pathValidation_followsTheFipsMode() {
        assertThat(NONE.pathValidation().fips()).isFalse();
        assertThat(NONE.pathValidation().minRsaBits()).isEqualTo(2048);
        assertThat(NONE.pathValidation().forbiddenHashes()).contains("MD5", "SHA-1");
        assertThat(FIPS.pathValidation().fips()).isTrue();
        assertThat(ENHANCED.pathValidation().fips()).isTrue();
    }

    // ---- keys (FIPS: RSA >= 2048, EC P-256/P-384)

    @Test
    void fips_refusesRsa1024_andAcceptsRsa2048To4096() {
        refused(() -> FIPS.checkKey("RSA", 1024), "policy.key-too-small", "RSA 1024-bit key", "at least 2048");
        for (int bits : new int[]{2048, 3072, 4096}) assertThatCode(() -> FIPS.checkKey("RSA", bits)).doesNotThrowAnyException();
        assertThatCode(() -> FIPS.checkKey(new KeySpec(KeyAlgorithm.RSA, 2048))).doesNotThrowAnyException();
    }

    @Test
    void fips_acceptsP256AndP384_andRefusesP521() {
        assertThatCode(() -> FIPS.checkKey("EC", 256)).doesNotThrowAnyException();
        assertThatCode(() -> FIPS.checkKey(new KeySpec(KeyAlgorithm.EC, 384))).doesNotThrowAnyException();
        refused(() -> FIPS.checkKey("EC", 521), "policy.curve-not-approved", "P-521", "P-256 and P-384");
        refused(() -> FIPS.checkKey(TestCerts.ec("secp521r1").getPublic(), "csr cup-ECDSA"), "policy.curve-not-approved", "P-521", "csr cup-ECDSA");
        assertThatCode(() -> FIPS.checkKey(TestCerts.ec("secp384r1").getPublic(), "csr")).doesNotThrowAnyException();
    }

    @Test
    void fips_refusesOtherKeyAlgorithms() {
        refused(() -> FIPS.checkKey("DSA", 2048), "policy.key-not-approved", "DSA key");
        refused(() -> FIPS.checkKey(TestCerts.of("Ed25519", 0).getPublic(), "peer"), "policy.key-not-approved", "EdDSA");
    }

    @Test
    void withoutFips_keysAreNotRestrictedHere() {
        assertThatCode(() -> NONE.checkKey("RSA", 1024)).doesNotThrowAnyException();
        assertThatCode(() -> NONE.checkKey("EC", 521)).doesNotThrowAnyException();
    }

    // ---- hashes (FIPS: no SHA-1 / MD5)

    @Test
    void fips_refusesSha1AndMd5_inAnySpelling() {
        for (String h : new String[]{"SHA1", "SHA-1", "sha1", "SHA"}) refused(() -> FIPS.checkSignatureHash(h), "policy.hash-not-approved", "SHA-1");
        refused(() -> FIPS.checkSignatureHash("MD5"), "policy.hash-not-approved", "MD5");
        refused(() -> FIPS.checkSignatureHash(SignatureHash.SHA1), "policy.hash-not-approved", "SHA-1");
    }

    @Test
    void fips_acceptsSha2() {
        for (SignatureHash h : new SignatureHash[]{SignatureHash.SHA256, SignatureHash.SHA384, SignatureHash.SHA512}) {
            assertThatCode(() -> FIPS.checkSignatureHash(h)).doesNotThrowAnyException();
        }
        assertThatCode(() -> FIPS.checkSignatureHash("SHA-384")).doesNotThrowAnyException();
    }

    @Test
    void withoutFips_sha1IsAllowed() {
        assertThatCode(() -> NONE.checkSignatureHash(SignatureHash.SHA1)).doesNotThrowAnyException();
    }

    // ---- certificates

    @Test
    void fips_refusesCertificateSignedWithSha1_namingItsSubject() {
        X509Certificate c = TestCerts.selfSigned(TestCerts.rsa(2048), "SHA1withRSA", 3, "legacy.example.com");
        refused(() -> FIPS.checkCertificate(c), "policy.hash-not-approved", "legacy.example.com", "SHA1withRSA");
        assertThatCode(() -> NONE.checkCertificate(c)).doesNotThrowAnyException();
    }

    @Test
    void fips_refusesCertificateWithRsa1024Key() {
        X509Certificate c = TestCerts.selfSigned(TestCerts.rsa(1024), "SHA256withRSA", 3, "small.example.com");
        refused(() -> FIPS.checkCertificate(c), "policy.key-too-small", "small.example.com", "1024");
    }

    @Test
    void fips_readsTheHashOfRsaPssSignatures() {
        X509Certificate c = TestCerts.selfSigned(TestCerts.rsa(2048), "SHA256withRSAandMGF1", 3, "pss.example.com");
        assertThat(c.getSigAlgName()).isEqualTo("RSASSA-PSS");
        assertThatCode(() -> FIPS.checkCertificate(c)).doesNotThrowAnyException();
        X509Certificate sha1Pss = TestCerts.selfSigned(TestCerts.rsa(2048), "SHA1withRSAandMGF1", 3, "pss1.example.com");
        refused(() -> FIPS.checkCertificate(sha1Pss), "policy.hash-not-approved", "SHA-1");
    }

    @Test
    void fips_acceptsEcP256CertificateWithSha256() {
        X509Certificate c = TestCerts.selfSigned(TestCerts.ec("secp256r1"), "SHA256withECDSA", 3, "ec.example.com");
        assertThatCode(() -> FIPS.checkCertificate(c)).doesNotThrowAnyException();
    }

    @Test
    void commonCriteria_refusesX509v1_fipsAloneDoesNot() {
        X509Certificate v1 = TestCerts.selfSigned(TestCerts.rsa(2048), "SHA256withRSA", 1, "old.example.com");
        assertThat(v1.getVersion()).isEqualTo(1);
        refused(() -> CC.checkCertificate(v1), "policy.cert-not-v3", "old.example.com", "X.509 v1");
        assertThatCode(() -> FIPS.checkCertificate(v1)).doesNotThrowAnyException();
    }

    @Test
    void certificateViolations_listsEveryReason() {
        X509Certificate bad = TestCerts.selfSigned(TestCerts.rsa(1024), "SHA1withRSA", 1, "bad.example.com");
        assertThat(CC.certificateViolations("trust/bad", bad)).extracting(Violation::code)
                .containsExactly("policy.key-too-small", "policy.hash-not-approved", "policy.cert-not-v3");
    }

    // ---- cipher suites and protocols

    @Test
    void fips_refusesChaCha20Suite_namingTheSuite() {
        refused(() -> FIPS.checkCipherSuite("TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256"), "policy.suite-not-approved",
                "TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256", "FIPS mode", "ChaCha20");
        assertThatCode(() -> NONE.checkCipherSuite("TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256")).doesNotThrowAnyException();
    }

    @Test
    void filterCipherSuites_keepsOrderAndDropsUnapproved() {
        List<String> in = List.of("TLS_AES_256_GCM_SHA384", "TLS_CHACHA20_POLY1305_SHA256", "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256",
                "TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA", "TLS_EMPTY_RENEGOTIATION_INFO_SCSV");
        assertThat(FIPS.filterCipherSuites(in)).containsExactly("TLS_AES_256_GCM_SHA384", "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256", "TLS_EMPTY_RENEGOTIATION_INFO_SCSV");
        assertThat(NONE.filterCipherSuites(in)).isEqualTo(in);
    }

    @Test
    void allowedProtocols_startAtTheMinimumVersion_commonCriteriaIsTls12Plus() {
        assertThat(SecurityPolicy.of(SecurityModes.builder().minTlsVersion("1.0").build()).allowedProtocols())
                .containsExactly("TLSv1", "TLSv1.1", "TLSv1.2", "TLSv1.3");
        assertThat(SecurityPolicy.of(SecurityModes.builder().minTlsVersion("1.1").fips(true).build()).allowedProtocols())
                .containsExactly("TLSv1.1", "TLSv1.2", "TLSv1.3");
        assertThat(CC.allowedProtocols()).containsExactly("TLSv1.2", "TLSv1.3");
        assertThat(SecurityPolicy.of(SecurityModes.builder().minTlsVersion("1.3").build()).allowedProtocols()).containsExactly("TLSv1.3");
    }

    @Test
    void checkProtocol_refusesBelowMinimum_andNonTls() {
        refused(() -> CC.checkProtocol("TLSv1.1"), "policy.tls-below-minimum", "TLSv1.1", "common criteria");
        refused(() -> NONE.checkProtocol("SSLv3"), "policy.tls-below-minimum", "SSLv3");
        assertThatCode(() -> CC.checkProtocol("TLSv1.3")).doesNotThrowAnyException();
    }

    // ---- enhanced security, S6 via the policy

    @Test
    void enhancedSecurity_requiresAuditAndTheStrictCredentialPolicy() {
        assertThat(ENHANCED.auditLoggingRequired()).isTrue();
        assertThat(ENHANCED.credentialPolicy()).isEqualTo(CredentialPolicy.ENHANCED_SECURITY);
        assertThat(FIPS.auditLoggingRequired()).isFalse();
        assertThat(FIPS.credentialPolicy()).isEqualTo(CredentialPolicy.BASELINE);
    }

    @Test
    void exchangeMechanisms_followTheFipsFlagOfThePolicy() {
        assertThat(FIPS.exchangeMechanisms(ExchangeAuthentication.AUTO)).containsExactly(ExchangeAuthMechanism.NTLM_V2, ExchangeAuthMechanism.BASIC);
        assertThat(NONE.exchangeMechanisms(ExchangeAuthentication.AUTO)).contains(ExchangeAuthMechanism.NTLM_V1);
    }

    // ---- violations(Inventory): "enabling a mode first lists what currently violates it"

    @Test
    void violations_listEveryOffendingObjectByName_forCommonCriteria() {
        KeyPair good = TestCerts.rsa(2048);
        Inventory inv = Inventory.builder()
                .certificate("tomcat/imp1", TestCerts.selfSigned(good, "SHA256withRSA", 3, "imp1.example.com"))
                .certificate("tomcat-trust/Old Root", TestCerts.selfSigned(TestCerts.rsa(2048), "SHA1withRSA", 3, "Old Root"))
                .certificate("cup-trust/v1peer", TestCerts.selfSigned(good, "SHA256withRSA", 1, "v1peer"))
                .cipherList("Default_Cisco_UPS_SIP_Proxy_Peer_Auth_TLS_Context",
                        List.of("TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256", "TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256", "SSL_RSA_WITH_3DES_EDE_CBC_SHA"))
                .minTlsVersion(TlsVersion.TLS_1_1)
                .externalDatabase("msgarchiver-mssql", false)
                .externalDatabase("pchat-postgres", true)
                .build();

        List<Violation> v = CC.violations(inv);

        assertThat(v).extracting(Violation::code, Violation::objectName).containsExactly(
                org.assertj.core.groups.Tuple.tuple("policy.hash-not-approved", "tomcat-trust/Old Root"),
                org.assertj.core.groups.Tuple.tuple("policy.cert-not-v3", "cup-trust/v1peer"),
                org.assertj.core.groups.Tuple.tuple("policy.suite-not-approved", "Default_Cisco_UPS_SIP_Proxy_Peer_Auth_TLS_Context"),
                org.assertj.core.groups.Tuple.tuple("policy.suite-not-approved", "Default_Cisco_UPS_SIP_Proxy_Peer_Auth_TLS_Context"),
                org.assertj.core.groups.Tuple.tuple("policy.tls-below-minimum", "1.1"),
                org.assertj.core.groups.Tuple.tuple("policy.external-db-without-tls", "msgarchiver-mssql"));
        assertThat(v.get(0).mode()).isEqualTo(SecurityMode.FIPS);
        assertThat(v.get(1).mode()).isEqualTo(SecurityMode.COMMON_CRITERIA);
        assertThat(v.get(2).message()).contains("TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256", "Default_Cisco_UPS_SIP_Proxy_Peer_Auth_TLS_Context");
        assertThat(v.get(3).message()).contains("SSL_RSA_WITH_3DES_EDE_CBC_SHA");
        assertThat(v.get(5).message()).contains("msgarchiver-mssql", "SSL");
        assertThat(v.get(5).toException().details()).containsEntry("mode", "COMMON_CRITERIA").containsEntry("objectName", "msgarchiver-mssql");
    }

    @Test
    void violations_fipsAlone_ignoresV1CertsAndExternalDatabases() {
        Inventory inv = Inventory.builder()
                .certificate("cup-trust/v1peer", TestCerts.selfSigned(TestCerts.rsa(2048), "SHA256withRSA", 1, "v1peer"))
                .externalDatabase("msgarchiver", false)
                .minTlsVersion(TlsVersion.TLS_1_2)
                .build();
        assertThat(FIPS.violations(inv)).isEmpty();
    }

    @Test
    void violations_ofACleanInventory_isEmpty_soTheModeCanBeEnabled() {
        Inventory inv = Inventory.builder()
                .certificate("tomcat", TestCerts.selfSigned(TestCerts.rsa(2048), "SHA256withRSA", 3, "imp1"))
                .certificate("tomcat-ECDSA", TestCerts.selfSigned(TestCerts.ec("secp384r1"), "SHA384withECDSA", 3, "imp1"))
                .cipherList("ctx", List.of("TLS_AES_128_GCM_SHA256", "TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384"))
                .externalDatabase("db", true)
                .minTlsVersion(TlsVersion.TLS_1_2)
                .build();
        assertThat(CC.violations(inv)).isEmpty();
    }
}
