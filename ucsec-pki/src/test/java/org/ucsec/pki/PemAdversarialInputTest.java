package org.ucsec.pki;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.ucsec.pki.catalogue.Catalogue;
import org.ucsec.pki.catalogue.Product;
import org.ucsec.pki.catalogue.Purpose;
import org.ucsec.pki.testing.CpuBudget;

import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * PEM/DER reading under adversarial input (issue 8, item 2): linear in the input, bounded in memory, refusals that name
 * the block and line. CPU budgets are ratios to reading valid input of the same size (see {@link CpuBudget}).
 */
class PemAdversarialInputTest {
    static X509Certificate cert;
    static String certPem;
    /** A valid bundle of {@link Pem#MAX_BLOCKS} certificates, padded with RFC 7468 explanatory text to {@link Pem#MAX_INPUT_BYTES}. */
    static byte[] validMaxInput;

    @BeforeAll
    static void certs() {
        Purpose p = Catalogue.get().purposes(Product.IMP).get(0);
        KeyPair kp = KeySpec.defaultFor(p.keyAlgorithm()).generate();
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        cert = Certs.selfSigned(kp, new Certs.Request(SubjectSpec.cn("pem.example.com"), List.of("pem.example.com"), p.profile(), SignatureHash.SHA256),
                now, now.plus(30, ChronoUnit.DAYS));
        certPem = Pem.toPem(cert);
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < Pem.MAX_BLOCKS; i++) sb.append(certPem);
        pad(sb, "explanatory text outside the blocks\n");
        validMaxInput = ascii(sb);
        assertThat(Pem.certificates(validMaxInput)).hasSize(Pem.MAX_BLOCKS);
    }

    private static void pad(StringBuilder sb, String filler) {
        while (sb.length() + filler.length() <= Pem.MAX_INPUT_BYTES) sb.append(filler);
        while (sb.length() < Pem.MAX_INPUT_BYTES) sb.append('\n');
    }

    private static byte[] ascii(CharSequence s) { return s.toString().getBytes(StandardCharsets.ISO_8859_1); }

    private static byte[] repeated(String unit) {
        StringBuilder sb = new StringBuilder();
        pad(sb, unit);
        return ascii(sb);
    }

    private static void assertBudget(String what, byte[] adversarial) {
        assertThat(adversarial).hasSize(Pem.MAX_INPUT_BYTES);
        CpuBudget.assertWithinRatio(what, () -> Pem.certificates(validMaxInput),
                CpuBudget.ignoringRefusal(() -> Pem.certificates(adversarial)), CpuBudget.DEFAULT_FACTOR);
    }

    @Test
    void pemUpload_ofRepeatedBeginLines_isRefusedAsGarbageInLinearTime() {
        byte[] in = repeated("-----BEGIN A-----\n");
        assertThatThrownBy(() -> Pem.certificates(in)).extracting("code").isEqualTo("pem.garbage");
        assertBudget("repeated BEGIN lines", in);
    }

    @Test
    void pemUpload_ofRepeatedEndLines_orBrokenBoundaries_isRefusedInLinearTime() {
        for (String unit : List.of("-----END A-----\n", "-----BEGIN AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA----\n", "-----BEGIN -----\n",
                "-----BEGIN CERTIFICATE----", "----------", "-----BEGIN CERTIFICATE-----\n-----BEGIN CERTIFICATE-----")) {
            byte[] in = repeated(unit);
            assertThatThrownBy(() -> Pem.certificates(in)).as(unit).extracting("code").isEqualTo("pem.garbage");
            assertBudget("repeated '" + unit.strip() + "'", in);
        }
    }

    @Test
    void pemUpload_withOneHugeLabel_isRefusedInLinearTime() {
        StringBuilder sb = new StringBuilder("-----BEGIN ");
        while (sb.length() < Pem.MAX_INPUT_BYTES) sb.append('A');
        byte[] in = ascii(sb);
        assertThatThrownBy(() -> Pem.certificates(in)).extracting("code").isEqualTo("pem.garbage");
        assertBudget("one huge BEGIN label", in);
    }

    @Test
    void pemUpload_ofManyBeginLinesClosedByOneEnd_isRefusedAsTooLargeACertificate() {
        StringBuilder sb = new StringBuilder();
        String end = "-----END CERTIFICATE-----\n";
        while (sb.length() + 28 + end.length() <= Pem.MAX_INPUT_BYTES) sb.append("-----BEGIN CERTIFICATE-----\n");
        sb.append(end);
        pad(sb, "\n");
        byte[] in = ascii(sb);
        assertThatThrownBy(() -> Pem.certificates(in)).extracting("code").isEqualTo("pem.certificate-too-large");
        assertBudget("BEGIN lines closed by one END", in);
    }

    @Test
    void pemUpload_ofMoreThanMaxBlocks_isRefusedNamingTheBlockAndLine() {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i <= Pem.MAX_BLOCKS; i++) sb.append(certPem);
        int linesPerCert = (int) certPem.chars().filter(c -> c == '\n').count();
        assertThatThrownBy(() -> Pem.certificates(ascii(sb)))
                .hasMessageContaining("PEM block " + (Pem.MAX_BLOCKS + 1) + " (line " + (Pem.MAX_BLOCKS * linesPerCert + 1) + ")")
                .extracting("code", "kind").containsExactly("pem.too-many-blocks", org.ucsec.core.ErrorCodes.Kind.TOO_LARGE);
    }

    @Test
    void pemUpload_ofManyEmptyCertificateBlocks_isRefusedAtTheFirstInLinearTime() {
        byte[] in = repeated("-----BEGIN CERTIFICATE-----\n-----END CERTIFICATE-----\n");
        assertThatThrownBy(() -> Pem.certificates(in)).hasMessageContaining("PEM block 1 (line 1)").extracting("code").isEqualTo("pem.malformed");
        assertBudget("empty certificate blocks", in);
    }

    @Test
    void pemUpload_largerThanTheLimit_isRefusedBeforeReading() {
        byte[] in = new byte[Pem.MAX_INPUT_BYTES + 1];
        assertThatThrownBy(() -> Pem.certificates(in)).extracting("code", "kind").containsExactly("pem.too-large", org.ucsec.core.ErrorCodes.Kind.TOO_LARGE);
    }

    @Test
    void pemRefusals_nameTheBlockAndItsLine() {
        String bundle = "intro line\n" + certPem + "-----BEGIN RSA PRIVATE KEY-----\nAAAA\n-----END RSA PRIVATE KEY-----\n";
        int line = 2 + (int) certPem.chars().filter(c -> c == '\n').count();
        assertThatThrownBy(() -> Pem.certificates(ascii(bundle))).hasMessageContaining("PEM block 2 (line " + line + ")").extracting("code").isEqualTo("pem.private-key");
        assertThatThrownBy(() -> Pem.certificates(ascii("-----BEGIN CERTIFICATE-----\nAAAA\n-----END X509 CRL-----\n")))
                .hasMessageContaining("PEM block 1 (line 1): BEGIN CERTIFICATE is closed by END X509 CRL").extracting("code").isEqualTo("pem.malformed");
        assertThatThrownBy(() -> Pem.certificates(ascii("\n\n-----BEGIN PKCS7-----\nAAAA\n-----END PKCS7-----\n")))
                .hasMessageContaining("PEM block 1 (line 3)").extracting("code").isEqualTo("pem.unexpected-type");
    }

    @Test
    void pemBlocks_separatedByTextOrWithCrLf_areRead() {
        String crlf = certPem.replace("\n", "\r\n");
        assertThat(Pem.certificates(ascii("subject=CN=x\n" + crlf + "\r\nissuer=CN=x\n" + certPem))).containsExactly(cert, cert);
    }

    @Test
    void derUpload_ofNestedSequencesOrTruncatedLengths_isRefusedAsMalformedInLinearTime() throws Exception {
        byte[] der = cert.getEncoded();
        // 0x30 0x80 (indefinite) repeated: a deeply nested SEQUENCE that never ends
        byte[] nested = new byte[Pem.MAX_CERTIFICATE_BYTES];
        for (int i = 0; i + 1 < nested.length; i += 2) { nested[i] = 0x30; nested[i + 1] = (byte) 0x80; }
        byte[] lying = java.util.Arrays.copyOf(der, Pem.MAX_CERTIFICATE_BYTES);
        lying[1] = (byte) 0x84; lying[2] = 0x7f; lying[3] = (byte) 0xff; lying[4] = (byte) 0xff; lying[5] = (byte) 0xff;
        List<X509Certificate> bundle = new ArrayList<>();
        for (int i = 0; i < 40; i++) bundle.add(cert);
        // baseline: the same number of bytes of valid DER (one certificate read repeatedly)
        int times = Math.max(1, Pem.MAX_CERTIFICATE_BYTES / der.length);
        Runnable valid = () -> { for (int i = 0; i < times; i++) Pem.certificates(der); };
        for (byte[] bad : List.of(nested, lying)) {
            assertThatThrownBy(() -> Pem.certificates(bad)).extracting("code").isEqualTo("pem.malformed");
            CpuBudget.assertWithinRatio("adversarial DER", valid, CpuBudget.ignoringRefusal(() -> Pem.certificates(bad)), CpuBudget.DEFAULT_FACTOR);
        }
        byte[] tooBig = java.util.Arrays.copyOf(der, Pem.MAX_CERTIFICATE_BYTES + 1);
        assertThatThrownBy(() -> Pem.certificates(tooBig)).extracting("code").isEqualTo("pem.certificate-too-large");
    }

    @Test
    void csrReading_ofRepeatedBeginLines_isRefusedInLinearTime() {
        String in = new String(repeated("-----BEGIN A-----\n"), StandardCharsets.ISO_8859_1);
        assertThatThrownBy(() -> Pem.csr(in)).extracting("code").isEqualTo("pem.not-csr");
        CpuBudget.assertWithinRatio("CSR reading", () -> Pem.certificates(validMaxInput),
                CpuBudget.ignoringRefusal(() -> Pem.csr(in)), CpuBudget.DEFAULT_FACTOR);
    }
}
