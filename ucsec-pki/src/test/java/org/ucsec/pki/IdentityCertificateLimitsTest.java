package org.ucsec.pki;

import org.junit.jupiter.api.Test;
import org.ucsec.core.UcsecException;
import org.ucsec.pki.catalogue.Catalogue;
import org.ucsec.pki.catalogue.KeyAlgorithm;
import org.ucsec.pki.catalogue.Product;
import org.ucsec.pki.catalogue.Purpose;

import java.security.KeyPair;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Issue 8 item 7: identity certificates stay within what TLS clients accept; subject fields within RFC 5280 bounds. */
class IdentityCertificateLimitsTest {
    private static final Purpose PURPOSE = Catalogue.get().purposes(Product.IMP).stream().filter(p -> p.keyAlgorithm() == KeyAlgorithm.RSA).findFirst().orElseThrow();
    private static final KeyPair KEYS = KeySpec.defaultFor(KeyAlgorithm.RSA).generate();
    private static final Instant NOW = Instant.now().truncatedTo(ChronoUnit.SECONDS);

    private static List<String> names(int n, int labelLength) {
        String label = "a".repeat(labelLength);
        return IntStream.range(0, n).mapToObj(i -> label + "-" + i + ".example.com").toList();
    }

    private static Certs.Request request(List<String> sans) {
        return new Certs.Request(SubjectSpec.cn("imp1.example.com"), sans, PURPOSE.profile(), SignatureHash.SHA256);
    }

    @Test
    void regen_with5000Sans_isRefusedNamingTheLimit() {
        assertThatThrownBy(() -> request(names(5000, 3)))
                .isInstanceOfSatisfying(UcsecException.class, e -> assertThat(e.getMessage()).contains("5000 given", "more than the " + Certs.MAX_SANS))
                .extracting("code").isEqualTo("cert.too-many-sans");
    }

    @Test
    void regen_withExactlyTheMaximumOfShortSans_isAccepted_andFitsTheSizeLimit() throws Exception {
        var c = Certs.selfSigned(KEYS, request(names(Certs.MAX_SANS, 3)), NOW, NOW.plus(1, ChronoUnit.DAYS));
        assertThat(CertInfo.sans(c)).hasSize(Certs.MAX_SANS);
        assertThat(c.getEncoded().length).isLessThanOrEqualTo(Certs.MAX_CERTIFICATE_BYTES);
        assertThat(Certs.csr(KEYS, request(names(Certs.MAX_SANS, 3))).getEncoded().length).isLessThanOrEqualTo(Certs.MAX_CERTIFICATE_BYTES);
    }

    @Test
    void regen_withTheMaximumOfLongSans_isRefusedAsTooLarge_bothAsCertificateAndAsCsr() {
        // 100 names of ~200 characters: within the count, but about 20 KB of names
        List<String> sans = names(Certs.MAX_SANS, 60).stream().map(n -> "b".repeat(60) + "." + "c".repeat(60) + "." + n).toList();
        assertThatThrownBy(() -> Certs.selfSigned(KEYS, request(sans), NOW, NOW.plus(1, ChronoUnit.DAYS)))
                .hasMessageContaining("more than the " + Certs.MAX_CERTIFICATE_BYTES + " bytes").extracting("code").isEqualTo("cert.too-large");
        assertThatThrownBy(() -> Certs.csr(KEYS, request(sans))).extracting("code").isEqualTo("csr.too-large");
    }

    @Test
    void servableCheck_refusesAChainNoTlsClientCouldReceive() {
        var leaf = Certs.selfSigned(KEYS, request(names(Certs.MAX_SANS, 3)), NOW, NOW.plus(1, ChronoUnit.DAYS));
        Certs.requireServable("cup on imp1", List.of(leaf, leaf));
        List<java.security.cert.X509Certificate> tooLong = new ArrayList<>();
        try {
            while (tooLong.size() * (leaf.getEncoded().length + 5) + 4 <= Certs.MAX_HANDSHAKE_MESSAGE_BYTES) tooLong.add(leaf);
        } catch (java.security.cert.CertificateEncodingException e) {
            throw new AssertionError(e);
        }
        assertThatThrownBy(() -> Certs.requireServable("cup on imp1", tooLong))
                .hasMessageContaining("cup on imp1", "TLS Certificate message").extracting("code").isEqualTo("cert.too-large");
        Certs.requireServable("cup on imp1", tooLong.subList(0, tooLong.size() - 1));
    }

    @Test
    void duplicateSans_countOnce() {
        List<String> sans = new ArrayList<>();
        for (int i = 0; i < 1000; i++) sans.add("IMP1.example.com");
        assertThat(request(sans).sans()).containsExactly("imp1.example.com");
    }

    @Test
    void commonName_longerThanUbCommonName_isRefusedNamingTheBound() {
        assertThatThrownBy(() -> SubjectSpec.cn("a".repeat(300)))
                .hasMessageContaining("CN is 300 characters long, more than 64", "ub-common-name").extracting("code").isEqualTo("subject.invalid");
        assertThat(SubjectSpec.cn("a".repeat(64)).cn()).hasSize(64);
        assertThatThrownBy(() -> new SubjectSpec("x", "o".repeat(65), null, null, null, null)).hasMessageContaining("ub-organization-name");
        assertThatThrownBy(() -> SubjectSpec.cn("imp1\u0000.example.com")).hasMessageContaining("control character");
    }

    @Test
    void subjectValues_startingWithHash_areEncodedAsText_notReadAsHexDer() {
        // found by the seeded fuzzer: BouncyCastle reads a text value starting with '#' as hex-encoded DER and failed
        var c = Certs.selfSigned(KEYS, new Certs.Request(new SubjectSpec("#abc", "#1 Org", null, null, null, "KR"), List.of("imp1.example.com"),
                PURPOSE.profile(), SignatureHash.SHA256), NOW, NOW.plus(1, ChronoUnit.DAYS));
        assertThat(CertInfo.commonName(c)).isEqualTo("#abc");
        assertThatThrownBy(() -> SubjectSpec.cn("a\uD800b")).hasMessageContaining("unpaired surrogate").extracting("code").isEqualTo("subject.invalid");
    }

    @Test
    void sanLongerThanADnsName_isRefusedBeforeIdnProcessing() {
        assertThatThrownBy(() -> SanNames.validate("a".repeat(100_000))).hasMessageContaining("RFC 1035").extracting("code").isEqualTo("san.invalid");
    }
}
