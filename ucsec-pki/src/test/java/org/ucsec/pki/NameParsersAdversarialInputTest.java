package org.ucsec.pki;

import org.junit.jupiter.api.Test;
import org.ucsec.pki.testing.CpuBudget;
import org.ucsec.pki.testing.SeededFuzz;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * DN and SAN strings from outside (issue 8): bounded, linear, refused with stable codes. CPU budgets are ratios to
 * valid input of the same size ({@link CpuBudget}); fuzzing is seeded ({@link SeededFuzz}, see
 * docs/decisions/0007-seeded-fuzzing-instead-of-jqwik.md).
 */
class NameParsersAdversarialInputTest {

    /** The largest accepted SAN list: {@link Certs#MAX_SANS} names of the maximum length. */
    private static List<String> validMaxSans() {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < Certs.MAX_SANS; i++) out.add(("n" + i + "-" + "a".repeat(63)).substring(0, 63) + "." + "b".repeat(63) + "." + "c".repeat(63) + "." + "d".repeat(61));
        return out;
    }

    @Test
    void sanList_ofAdversarialNamesOfTheMaximumSize_isRefusedWithinTheCpuBudget() {
        List<String> valid = validMaxSans();
        assertThat(valid.get(0)).hasSize(SanNames.MAX_DNS_NAME_LENGTH);
        assertThat(SanNames.normalize(valid)).hasSize(Certs.MAX_SANS);
        int size = valid.stream().mapToInt(String::length).sum();
        List<List<String>> adversarial = List.of(
                List.of("-".repeat(size)),                                     // one long invalid name
                List.of((".".repeat(SanNames.MAX_DNS_NAME_LENGTH))),           // only empty labels
                repeat("*.*.*.*.*.*.*.*.*.*.*.*.*.*.*.*.*.*.*.*.*.*.*.*.", Certs.MAX_SANS),
                repeat(":".repeat(SanNames.MAX_DNS_NAME_LENGTH), Certs.MAX_SANS), // IPv6-looking
                repeat("\u00e9".repeat(SanNames.MAX_DNS_NAME_LENGTH), 1),          // IDN that punycode must expand
                numbered(100_000));                                            // far more names than allowed
        for (List<String> bad : adversarial) {
            assertThatThrownBy(() -> SanNames.normalize(bad)).extracting("code").isIn("san.invalid", "cert.too-many-sans");
            CpuBudget.assertWithinRatio("SAN list " + bad.get(0).substring(0, Math.min(20, bad.get(0).length())), () -> SanNames.normalize(valid),
                    CpuBudget.ignoringRefusal(() -> SanNames.normalize(bad)), CpuBudget.DEFAULT_FACTOR);
        }
    }

    private static List<String> repeat(String s, int n) { List<String> l = new ArrayList<>(); for (int i = 0; i < n; i++) l.add(s); return l; }

    private static List<String> numbered(int n) { List<String> l = new ArrayList<>(); for (int i = 0; i < n; i++) l.add("h" + i + ".example.com"); return l; }

    @Test
    void sanNames_fuzzed_areEitherNormalizedValidNames_orRefusedWithSanInvalid() {
        SeededFuzz.run("SanNames.validate", 3000, rnd -> {
            String name = rnd.hostileString(300, ".-*:0123456789abcxyzABC\u00e9\u0000 _[]");
            try {
                String n = SanNames.validate(name);
                assertThat(n.length()).as("normalized '%s'", name).isLessThanOrEqualTo(SanNames.MAX_DNS_NAME_LENGTH + 2 * 20);
                assertThat(SanNames.validate(n)).as("idempotent for '%s'", name).isEqualTo(n);
            } catch (org.ucsec.core.UcsecException e) {
                assertThat(e.code()).as("'%s'", name).isEqualTo("san.invalid");
            }
        });
    }

    @Test
    void subjectFields_fuzzed_areEitherAcceptedWithinBounds_orRefusedWithSubjectInvalid() {
        SeededFuzz.run("SubjectSpec", 3000, rnd -> {
            String cn = rnd.hostileString(100, "a=,+;\"\\<>#\u0000\n\t \u00e9CN");
            String c = rnd.hostileString(3, "KRkr1 ");
            try {
                SubjectSpec s = new SubjectSpec(cn, null, null, null, null, c);
                assertThat(s.cn().length()).isBetween(1, SubjectSpec.UB_NAME);
                assertThat(s.toX500Name().toString()).isNotEmpty();
                assertThat(CertInfo.commonName(new javax.security.auth.x500.X500Principal(s.toX500Name().getEncoded()).getName())).isEqualTo(s.cn());
            } catch (org.ucsec.core.UcsecException e) {
                assertThat(e.code()).isEqualTo("subject.invalid");
            } catch (java.io.IOException e) {
                throw new AssertionError(e);
            }
        });
    }

    @Test
    void distinguishedNames_ofTheMaximumSize_inAdversarialShapes_areReadWithinTheCpuBudget() {
        // a DN read from a certificate is at most as large as the certificate
        int max = Pem.MAX_CERTIFICATE_BYTES;
        String valid = fillDn("O=" + "a".repeat(60) + ",", max - 20) + "CN=imp1.example.com";
        assertThat(CertInfo.commonName(valid)).isEqualTo("imp1.example.com");
        List<String> adversarial = List.of(
                "CN=" + "\\,".repeat((max - 3) / 3),         // escaped commas
                fillDn("CN=a+", max),                        // one multi-valued RDN of thousands of values
                fillDn("CN=\"", max),                        // unbalanced quotes
                fillDn(",", max), fillDn("=", max), fillDn("#", max),
                "CN=#" + "0".repeat(max - 4));               // a hex value
        for (String bad : adversarial) {
            CpuBudget.assertWithinRatio("DN " + bad.substring(0, 8), () -> CertInfo.commonName(valid), () -> CertInfo.commonName(bad), CpuBudget.DEFAULT_FACTOR);
        }
    }

    private static String fillDn(String unit, int length) {
        StringBuilder sb = new StringBuilder();
        while (sb.length() + unit.length() <= length) sb.append(unit);
        return sb.toString();
    }

    @Test
    void derReading_fuzzed_eitherReturnsTheCertificate_orRefusesWithAPemCode() throws Exception {
        byte[] der = PemFixtures.cert().getEncoded();
        SeededFuzz.run("Pem.certificates(DER)", 400, rnd -> {
            byte[] in = rnd.mutate(der, "\u0030\u0080\u0082\u0000\u00ff\u0002\u0004\u0006");
            try {
                assertThat(Pem.certificates(in)).hasSize(1);
            } catch (org.ucsec.core.UcsecException e) {
                assertThat(e.code()).startsWith("pem.");
            }
        });
    }

    @Test
    void pemReading_fuzzed_eitherReturnsCertificates_orRefusesWithAPemCode() {
        String pem = Pem.toPem(PemFixtures.cert());
        SeededFuzz.run("Pem.certificates", 400, rnd -> {
            byte[] in = rnd.mutate(pem.getBytes(java.nio.charset.StandardCharsets.US_ASCII), "-----BEGIN END CERTIFICATE\n\r=+/A0");
            try {
                assertThat(Pem.certificates(in)).isNotEmpty();
            } catch (org.ucsec.core.UcsecException e) {
                assertThat(e.code()).startsWith("pem.");
            }
        });
    }
}
