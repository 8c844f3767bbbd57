package org.ucsec.tls.cipher;

import org.junit.jupiter.api.Test;
import org.ucsec.core.UcsecException;
import org.ucsec.pki.testing.CpuBudget;
import org.ucsec.pki.testing.SeededFuzz;
import org.ucsec.tls.policy.SecurityModes;
import org.ucsec.tls.policy.SecurityPolicy;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Cipher strings and TLS 1.3 lists from outside (issue 8): bounded ({@link CipherStringEngine#MAX_LENGTH},
 * {@link Tls13Ciphersuites#MAX_LENGTH}) and linear. CPU budgets are ratios to valid input of the same size
 * ({@link CpuBudget}); fuzzing is seeded ({@link SeededFuzz}, docs/decisions/0007-seeded-fuzzing-instead-of-jqwik.md).
 */
class CipherStringsAdversarialInputTest {
    private static final CipherStringEngine ENGINE = CipherStringEngine.standard();

    /** Fills to exactly {@code length} characters with {@code unit} (cut at the end). */
    private static String fill(String unit, int length) {
        StringBuilder sb = new StringBuilder(length + unit.length());
        while (sb.length() < length) sb.append(unit);
        sb.setLength(length);
        return sb.toString();
    }

    /** A valid string of the maximum length: every suite name OpenSSL knows, repeated. */
    private static String validMax() {
        return fill(String.join(":", CipherSuiteTable.standard().all().stream().map(CipherSuite::openSslName).toList()) + ":", CipherStringEngine.MAX_LENGTH);
    }

    @Test
    void cipherStrings_ofTheMaximumLength_inAdversarialShapes_expandWithinTheCpuBudget() {
        String valid = validMax();
        assertThat(ENGINE.expand(valid).suites()).isNotEmpty();
        int max = CipherStringEngine.MAX_LENGTH;
        List<String> adversarial = List.of(
                fill("HIGH+", max),                 // one term of thousands of words: the token used to be rescanned per word
                fill("TLS_AES+", max),              // an IANA-looking word in a long term (the branch that reads the token)
                fill("@STRENGTH:", max),            // a sort per word
                fill("!HIGH:", max), fill("-ALL:+ALL:", max),
                fill("x:", max), fill("hIgH:", max), // unknown words, with the case hint search
                fill(":-", max), fill("+", max), fill("!", max), fill("@", max),
                fill("ECDHE+aRSA+AESGCM+SHA256+kECDHE+HIGH+", max),
                fill("DEFAULT:", max), fill("SUITEB128:", max),
                "A".repeat(max));
        for (String bad : adversarial) {
            assertThat(bad).hasSize(max);
            CpuBudget.assertWithinRatio("cipher string " + bad.substring(0, 12), () -> ENGINE.expand(valid), () -> ENGINE.expand(bad), CpuBudget.DEFAULT_FACTOR);
            CpuBudget.assertWithinRatio("phone dialect " + bad.substring(0, 12), () -> ENGINE.expand(valid, Dialect.PHONE),
                    () -> ENGINE.expand(bad, Dialect.PHONE), CpuBudget.DEFAULT_FACTOR);
        }
    }

    @Test
    void cipherString_longerThanTheMaximum_isRefusedWhole() {
        CipherExpansion e = ENGINE.expand(validMax() + ":");
        assertThat(e.suites()).isEmpty();
        assertThat(e.problems()).singleElement().satisfies(p -> {
            assertThat(p.code()).isEqualTo("cipher.too-long");
            assertThat(p.severity()).isEqualTo(CipherProblem.Severity.ERROR);
            assertThat(p.message()).contains(String.valueOf(CipherStringEngine.MAX_LENGTH));
        });
        assertThat(Tls13Ciphersuites.parse(fill("TLS_AES_128_GCM_SHA256:", Tls13Ciphersuites.MAX_LENGTH + 1)).problems())
                .extracting(CipherProblem::code).containsExactly("cipher.too-long");
    }

    @Test
    void tls13Lists_ofTheMaximumLength_inAdversarialShapes_parseWithinTheCpuBudget() {
        int max = Tls13Ciphersuites.MAX_LENGTH;
        String valid = fill(Tls13Ciphersuites.DEFAULT + ":", max);
        for (String bad : List.of(fill(":", max), fill("TLS_NOPE:", max), fill("ECDHE-RSA-AES128-GCM-SHA256:", max), "T".repeat(max))) {
            // the budget is taken over many parses: one parse of 1 KB is below the timer's resolution
            CpuBudget.assertWithinRatio("TLS 1.3 list " + bad.substring(0, 8), () -> { for (int i = 0; i < 200; i++) Tls13Ciphersuites.parse(valid); },
                    () -> { for (int i = 0; i < 200; i++) Tls13Ciphersuites.parse(bad); }, CpuBudget.DEFAULT_FACTOR);
        }
    }

    private static final String[] WORDS = {"ALL", "HIGH", "MEDIUM", "LOW", "aNULL", "eNULL", "ECDHE", "kECDHE", "aRSA", "aECDSA", "AESGCM", "AES",
            "CHACHA20", "SHA1", "SHA256", "DEFAULT", "COMPLEMENTOFDEFAULT", "SUITEB128", "@STRENGTH", "@SECLEVEL=2", "@SECLEVEL=9", "RSA", "PSK",
            "ECDHE-RSA-AES128-GCM-SHA256", "TLS_AES_128_GCM_SHA256", "hIgH", "x", "3DES", "FIPS"};
    private static final String[] OPS = {"", "", "!", "-", "+", "@"};
    private static final String[] SEPS = {":", ":", ",", " ", ";", "+", "", "::", "\u0000", "\u00e9"};

    private static String randomCipherString(SeededFuzz.Gen g) {
        StringBuilder sb = new StringBuilder();
        int terms = g.nextInt(12);
        for (int t = 0; t < terms; t++) {
            sb.append(OPS[g.nextInt(OPS.length)]).append(WORDS[g.nextInt(WORDS.length)]);
            if (g.nextInt(4) == 0) sb.append('+').append(WORDS[g.nextInt(WORDS.length)]);
            sb.append(SEPS[g.nextInt(SEPS.length)]);
        }
        if (g.nextInt(5) == 0) sb.append(g.hostileString(30, "!+-@:,; ABCxyz019=."));
        return sb.toString();
    }

    @Test
    void cipherStrings_fuzzed_expandToKnownDistinctSuites_withProblemsThatPointIntoTheString() {
        var catalog = new HashSet<>(CipherSuiteTable.standard().catalog(OpenSslCatalog.DEFAULT_PROVIDER));
        SeededFuzz.run("CipherStringEngine.expand", 1500, g -> {
            String s = randomCipherString(g);
            for (Dialect d : Dialect.values()) {
                CipherExpansion e = ENGINE.expand(s, d);
                assertThat(new HashSet<>(e.suites())).as("'%s' distinct", s).hasSameSizeAs(e.suites());
                if (d == Dialect.OPENSSL) assertThat(catalog).as("'%s' known", s).containsAll(e.suites());
                for (CipherProblem p : e.problems()) {
                    assertThat(p.position()).as("'%s' %s", s, p).isBetween(-1, s.length());
                    assertThat(p.code()).startsWith("cipher.");
                }
                if (e.problems().stream().anyMatch(p -> p.severity() == CipherProblem.Severity.ERROR)) assertThat(e.suites()).as("'%s'", s).isEmpty();
                assertThat(e.valid()).isEqualTo(!e.suites().isEmpty() && e.problems().stream().noneMatch(p -> p.severity() == CipherProblem.Severity.ERROR));
            }
        });
    }

    @Test
    void selections_fuzzed_offerOnlyWhatTheJdkEnablesAndThePolicyAllows_andAccountForEverySelectedSuite() {
        var jdk = SuiteSelection.Jdk.running();
        SecurityPolicy fips = SecurityPolicy.of(SecurityModes.builder().fips(true).build());
        SeededFuzz.run("SuiteSelection.of", 600, g -> {
            String s = randomCipherString(g);
            StringBuilder t13 = new StringBuilder();
            for (int i = g.nextInt(5); i > 0; i--) t13.append(g.nextInt(3) == 0 ? "TLS_X" : Tls13Suite.values()[g.nextInt(5)].ianaName()).append(':');
            for (SecurityPolicy p : List.of(SecurityPolicy.baseline(), fips)) {
                SuiteSelection sel = SuiteSelection.of(s, t13.toString(), jdk, p.suitePolicy());
                assertThat(jdk.enabled()).containsAll(sel.usable());
                assertThat(sel.usable()).allSatisfy(n -> assertThat(p.whyNotAllowed(n)).isEmpty());
                List<String> all = new ArrayList<>(sel.usable());
                sel.dropped().forEach(d -> all.add(d.suite()));
                int selected = new HashSet<>(ENGINE.expand(s).ianaNames()).size() + new HashSet<>(Tls13Ciphersuites.parse(t13.toString()).ianaNames()).size();
                assertThat(all).as("'%s' + '%s': every selected suite is usable or dropped, once", s, t13).hasSize(selected).doesNotHaveDuplicates();
                try {
                    sel.requireUsable(SuiteSelection.NO_USABLE_SUITE, "fuzz");
                    assertThat(sel.isEmpty()).isFalse();
                } catch (UcsecException e) {
                    assertThat(sel.isEmpty()).isTrue();
                    assertThat(e.code()).isEqualTo("tls.no-usable-suite");
                }
            }
        });
    }
}
