package org.ucsec.pki;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ucsec.pki.catalogue.Catalogue;
import org.ucsec.pki.catalogue.Product;
import org.ucsec.pki.catalogue.Purpose;
import org.ucsec.pki.testing.OpenSsl;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Self-signed certificates and CSRs, checked by the real openssl binary (SPEC C2, C3, C4; seed 001 tables 2/3). */
class CertsOpenSslTest {
    @TempDir Path dir;
    private final Catalogue cat = Catalogue.get();

    private Certs.Request request(Purpose p, List<String> sans) {
        return new Certs.Request(new SubjectSpec("imp1.example.com", "Example", "UC", "Seoul", "Seoul", "KR"), sans, p.profile(), SignatureHash.SHA256);
    }

    @Test
    void csr_forEveryImpPurpose_verifiesInOpenssl_withExactlyTheProfilesKeyUsage() throws Exception {
        for (Purpose p : cat.purposes(Product.IMP)) {
            KeyPair kp = KeySpec.defaultFor(p.keyAlgorithm()).generate();
            String pem = Pem.toPem(Certs.csr(kp, request(p, List.of("imp1.example.com", "imp1"))));
            Path f = dir.resolve(p.name() + ".csr");
            Files.writeString(f, pem);
            OpenSsl.Result r = OpenSsl.run(dir, "req", "-in", f.getFileName().toString(), "-noout", "-verify", "-text").ok();
            assertThat(r.err() + r.out()).as(p.name()).contains("verify OK");
            assertKeyUsageText(p, r.out());
            assertThat(r.out()).contains("DNS:imp1.example.com, DNS:imp1");
            assertThat(r.out()).contains("Subject: C = KR, ST = Seoul, L = Seoul, O = Example, OU = UC, CN = imp1.example.com");
        }
    }

    @Test
    void selfSigned_forEveryImpPurpose_showsTheProfileInOpenssl() throws Exception {
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        for (Purpose p : cat.purposes(Product.IMP)) {
            KeyPair kp = KeySpec.defaultFor(p.keyAlgorithm()).generate();
            X509Certificate c = Certs.selfSigned(kp, request(p, List.of("imp1.example.com")), now, now.plus(5 * 365, ChronoUnit.DAYS));
            Path f = dir.resolve(p.name() + ".pem");
            Files.writeString(f, Pem.toPem(c));
            OpenSsl.Result r = OpenSsl.run(dir, "x509", "-in", f.getFileName().toString(), "-noout", "-text").ok();
            assertKeyUsageText(p, r.out());
            // self-signed: verifies against itself
            OpenSsl.run(dir, "verify", "-CAfile", f.getFileName().toString(), f.getFileName().toString()).ok();
            assertThat(r.out()).contains(p.keyAlgorithm().name().equals("EC") ? "id-ecPublicKey" : "rsaEncryption");
        }
    }

    /** The openssl -text rendering of the KU/EKU must list exactly the profile's bits. */
    private static void assertKeyUsageText(Purpose p, String text) {
        String ku = lineAfter(text, "X509v3 Key Usage");
        String eku = lineAfter(text, "X509v3 Extended Key Usage");
        assertThat(ku).as("KU of %s", p.name()).isEqualTo(String.join(", ", expectedKu(p)));
        assertThat(eku == null ? "" : eku).as("EKU of %s", p.name()).isEqualTo(String.join(", ", expectedEku(p)));
    }

    private static List<String> expectedKu(Purpose p) {
        // openssl prints bits in RFC 5280 order
        var names = new java.util.ArrayList<String>();
        var ku = p.profile().keyUsage();
        if (ku.contains(org.ucsec.pki.catalogue.KeyUsageBit.DIGITAL_SIGNATURE)) names.add("Digital Signature");
        if (ku.contains(org.ucsec.pki.catalogue.KeyUsageBit.KEY_ENCIPHERMENT)) names.add("Key Encipherment");
        if (ku.contains(org.ucsec.pki.catalogue.KeyUsageBit.DATA_ENCIPHERMENT)) names.add("Data Encipherment");
        if (ku.contains(org.ucsec.pki.catalogue.KeyUsageBit.KEY_AGREEMENT)) names.add("Key Agreement");
        if (ku.contains(org.ucsec.pki.catalogue.KeyUsageBit.KEY_CERT_SIGN)) names.add("Certificate Sign");
        return names;
    }

    private static List<String> expectedEku(Purpose p) {
        var names = new java.util.ArrayList<String>();
        for (var e : p.profile().extendedKeyUsage()) names.add(switch (e) {
            case SERVER_AUTH -> "TLS Web Server Authentication";
            case CLIENT_AUTH -> "TLS Web Client Authentication";
            case IPSEC_END_SYSTEM -> "IPSec End System";
        });
        return names;
    }

    private static String lineAfter(String text, String header) {
        List<String> lines = text.lines().toList();
        for (int i = 0; i < lines.size() - 1; i++) if (lines.get(i).contains(header)) return lines.get(i + 1).trim();
        return null;
    }

    @Test
    void ecdsaPurposes_neverAssertEncipherment_rfc5480() {
        for (Purpose p : cat.purposes(Product.IMP)) {
            if (!p.name().endsWith("-ECDSA")) continue;
            assertThat(p.profile().keyUsage()).doesNotContain(org.ucsec.pki.catalogue.KeyUsageBit.KEY_ENCIPHERMENT, org.ucsec.pki.catalogue.KeyUsageBit.DATA_ENCIPHERMENT);
        }
    }

    @Test
    void keySpec_rsa1024And8192_areRefused_naming_theSize() {
        assertThatThrownBy(() -> new KeySpec(org.ucsec.pki.catalogue.KeyAlgorithm.RSA, 1024)).hasMessageContaining("1024").extracting("code").isEqualTo("key.size-unsupported");
        assertThatThrownBy(() -> new KeySpec(org.ucsec.pki.catalogue.KeyAlgorithm.RSA, 8192)).hasMessageContaining("8192").extracting("code").isEqualTo("key.size-unsupported");
        assertThatThrownBy(() -> new KeySpec(org.ucsec.pki.catalogue.KeyAlgorithm.EC, 521)).hasMessageContaining("521");
    }

    @Test
    void hash_unknown_isRefused_andSha384Accepted() {
        assertThatThrownBy(() -> SignatureHash.parse("md4")).hasMessageContaining("md4").extracting("code").isEqualTo("hash.unknown");
        assertThat(SignatureHash.parse("sha-384")).isEqualTo(SignatureHash.SHA384);
    }

    @Test
    void san_invalidName_isRefused() {
        assertThatThrownBy(() -> SanNames.normalize(List.of("bad name!"))).hasMessageContaining("bad name!").extracting("code").isEqualTo("san.invalid");
        assertThat(SanNames.normalize(List.of("*.example.com", "IMP1.example.com", "imp1.example.com", "10.0.0.1"))).containsExactly("*.example.com", "imp1.example.com", "10.0.0.1");
    }

    @Test
    void subject_badCountry_isRefused() {
        assertThatThrownBy(() -> new SubjectSpec("x", null, null, null, null, "Korea")).hasMessageContaining("Korea").extracting("code").isEqualTo("subject.invalid");
    }
}
