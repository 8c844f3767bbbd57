package org.ucsec.pki;

import org.ucsec.core.UcsecException;
import org.ucsec.core.Secret;
import org.ucsec.core.SecretAccess;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ucsec.pki.testing.OpenSsl;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** PEM reading and chain handling against a CA made by the openssl binary (SPEC C5, C6). */
class PemAndChainsTest {
    @TempDir static Path dir;
    static OpenSsl.Ca ca;
    static X509Certificate root, intermediate, leaf;

    @BeforeAll
    static void ca() throws Exception {
        ca = OpenSsl.Ca.create(dir.resolve("ca"), "PemTest", "rsa");
        root = Pem.certificates(ca.rootPem().getBytes()).get(0);
        intermediate = Pem.certificates(ca.intPem().getBytes()).get(0);
        OpenSsl.run(ca.dir, "req", "-nodes", "-newkey", "rsa:2048", "-keyout", "leaf.key", "-out", "leaf.csr", "-subj", "/CN=leaf.example.com").ok();
        String leafPem = ca.sign(Files.readString(ca.dir.resolve("leaf.csr")), "leaf", 365, "keyUsage=critical,digitalSignature");
        leaf = Pem.certificates(leafPem.getBytes()).get(0);
    }

    @Test
    void bundle_inAnyOrder_isOrderedRootFirst() throws Exception {
        String bundle = Files.readString(ca.dir.resolve("leaf.pem")) + ca.rootPem() + ca.intPem();
        List<X509Certificate> ordered = Chains.issuersFirst(Pem.certificates(bundle.getBytes()));
        assertThat(ordered).containsExactly(root, intermediate, leaf);
    }

    @Test
    void bundle_duplicates_areCollapsed() throws Exception {
        String bundle = ca.rootPem() + ca.rootPem() + ca.intPem();
        assertThat(Chains.issuersFirst(Pem.certificates(bundle.getBytes()))).containsExactly(root, intermediate);
    }

    @Test
    void der_isAccepted() throws Exception {
        OpenSsl.run(ca.dir, "x509", "-in", "root.pem", "-outform", "DER", "-out", "root.der").ok();
        assertThat(Pem.certificates(Files.readAllBytes(ca.dir.resolve("root.der")))).containsExactly(root);
    }

    @Test
    void garbage_isRefusedAsGarbage() {
        assertThatThrownBy(() -> Pem.certificates("hello, this is not a certificate".getBytes())).extracting("code").isEqualTo("pem.garbage");
        assertThatThrownBy(() -> Pem.certificates(new byte[0])).extracting("code").isEqualTo("pem.empty");
        assertThatThrownBy(() -> Pem.certificates(new byte[]{0x30, 0x03, 0x01, 0x02, 0x03})).extracting("code").isEqualTo("pem.malformed");
    }

    @Test
    void privateKey_whereCertificateExpected_isRefusedAsPrivateKey() throws Exception {
        byte[] key = Files.readAllBytes(ca.dir.resolve("leaf.key"));
        assertThatThrownBy(() -> Pem.certificates(key)).extracting("code").isEqualTo("pem.private-key");
        byte[] csr = Files.readAllBytes(ca.dir.resolve("leaf.csr"));
        assertThatThrownBy(() -> Pem.certificates(csr)).extracting("code").isEqualTo("pem.csr");
    }

    @Test
    void damagedBase64_isRefused() {
        String bad = "-----BEGIN CERTIFICATE-----\nMIIB!!!!notbase64@@\n-----END CERTIFICATE-----\n";
        assertThatThrownBy(() -> Pem.certificates(bad.getBytes(StandardCharsets.US_ASCII))).extracting("code").isIn("pem.malformed");
    }

    @Test
    void validate_leafThroughIntermediate_toRoot_succeeds() {
        List<X509Certificate> path = Chains.validate(leaf, List.of(intermediate), List.of(root), Instant.now());
        assertThat(path).containsExactly(leaf, intermediate, root);
    }

    @Test
    void validate_withoutIntermediate_namesTheMissingIssuer() {
        assertThatThrownBy(() -> Chains.validate(leaf, List.of(), List.of(root), Instant.now()))
                .isInstanceOf(UcsecException.class).hasMessageContaining("PemTest Issuing CA").extracting("code").isEqualTo("chain.issuer-missing");
    }

    @Test
    void validate_afterExpiry_saysTheDates() {
        Instant later = leaf.getNotAfter().toInstant().plus(1, ChronoUnit.DAYS);
        assertThatThrownBy(() -> Chains.validate(leaf, List.of(intermediate), List.of(root), later))
                .hasMessageContaining("expired on " + leaf.getNotAfter().toInstant()).extracting("code").isEqualTo("chain.expired");
    }

    @Test
    void validate_beforeValidity_saysTheDates() {
        Instant earlier = leaf.getNotBefore().toInstant().minus(1, ChronoUnit.DAYS);
        assertThatThrownBy(() -> Chains.validate(leaf, List.of(intermediate), List.of(root), earlier))
                .hasMessageContaining("not valid before").extracting("code").isEqualTo("chain.not-yet-valid");
    }

    @Test
    void certInfo_showsWhatOperatorsNeed() {
        CertInfo i = CertInfo.of(leaf);
        assertThat(i.subject()).isEqualTo("CN=leaf.example.com");
        assertThat(i.selfSigned()).isFalse();
        assertThat(CertInfo.of(root).selfSigned()).isTrue();
        assertThat(i.keyType()).isEqualTo("RSA");
        assertThat(i.keySize()).isEqualTo(2048);
        String fp = OpenSsl.run(ca.dir, "x509", "-in", "leaf.pem", "-noout", "-fingerprint", "-sha256").ok().out().trim();
        assertThat(fp).endsWith("=" + i.sha256Fingerprint());
    }

    @Test
    void secret_toString_isMasked() {
        Secret s = Secret.of("hunter2");
        assertThat(s.toString()).doesNotContain("hunter2");
        assertThat(s.revealString(SecretAccess.granted())).isEqualTo("hunter2");
    }
}
