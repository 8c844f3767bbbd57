package org.ucsec.tls.cipher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.Comparator;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.ucsec.tls.cipher.PhoneCipherWords.Source;

/** P9: a phone's TLS_Cipher_List may only use the words of seed 003, table 6. */
class PhoneDialectTest {
    private final CipherStringEngine engine = CipherStringEngine.standard();
    private final PhoneCipherWords words = PhoneCipherWords.standard();

    @Test
    void phoneWords_areExactlyTheCellsOfSeed003Table6() {
        List<String> seed = Seed003.table6Words();

        assertThat(words.entries()).filteredOn(e -> e.source() == Source.SEED)
                .extracting(PhoneCipherWords.Entry::seedSpelling)
                .containsExactlyInAnyOrderElementsOf(seed.stream().distinct().toList());
        assertThat(words.entries()).filteredOn(e -> e.source() != Source.SEED)
                .extracting(PhoneCipherWords.Entry::word)
                .as("additions are not in the table as printed")
                .doesNotContainAnyElementsOf(seed)
                .containsExactlyInAnyOrder("kEECDH", "ECDHE", "EECDH", "@STRENGTH");
    }

    @Test
    void phoneWords_areAllWordsOpenSslKnows() {
        for (PhoneCipherWords.Entry e : words.entries()) {
            if (e.source() == Source.COMMAND || e.word().startsWith("SUITEB") || e.word().equals("DEFAULT")) {
                continue;
            }
            assertThat(Alias.BY_NAME).as(e.word()).containsKey(e.word());
        }
    }

    @ParameterizedTest
    @MethodSource("seedWords")
    void phone_everySeedWord_isAcceptedWithoutComplaint(String word) {
        CipherExpansion e = engine.expand(word, Dialect.PHONE);

        assertThat(e.problems(CipherProblem.UNSUPPORTED_ON_PHONE)).isEmpty();
        assertThat(e.problems(CipherProblem.UNKNOWN_WORD)).isEmpty();
    }

    static List<String> seedWords() {
        return PhoneCipherWords.standard().entries().stream()
                .filter(e -> e.source() != Source.COMMAND)
                .map(PhoneCipherWords.Entry::word)
                .toList();
    }

    @Test
    void phone_seedExampleString_isValidWithoutProblems() {
        CipherExpansion e = engine.expand("RSA:!aNULL:!eNULL", Dialect.PHONE);

        assertThat(e.valid()).isTrue();
        assertThat(e.problems()).isEmpty();
        assertThat(e.suites()).extracting(CipherSuite::kx).containsOnly("RSA");
    }

    @Test
    void phone_unsupportedWord_isFlaggedByName_andTheRestStillExpands() {
        CipherExpansion e = engine.expand("ECDHE+AESGCM:PSK:CBC+SHA256", Dialect.PHONE);

        assertThat(e.problems()).extracting(CipherProblem::code, CipherProblem::word, CipherProblem::position)
                .containsExactly(
                        tuple(CipherProblem.UNSUPPORTED_ON_PHONE, "PSK", 13),
                        tuple(CipherProblem.UNSUPPORTED_ON_PHONE, "CBC", 17));
        assertThat(e.valid()).isTrue();
        assertThat(e.suites()).isEqualTo(engine.expand("ECDHE+AESGCM", Dialect.PHONE).suites());
    }

    @Test
    void phone_individualSuiteNames_areNotInTheSupportedTable() {
        CipherExpansion e = engine.expand("ECDHE-RSA-AES128-GCM-SHA256:AES", Dialect.PHONE);

        assertThat(e.problems()).extracting(CipherProblem::code, CipherProblem::word, CipherProblem::position)
                .containsExactly(tuple(CipherProblem.UNSUPPORTED_ON_PHONE, "ECDHE-RSA-AES128-GCM-SHA256", 0));
    }

    @Test
    void phone_secLevelIsUnsupported_butStrengthIsAllowed() {
        CipherExpansion e = engine.expand("HIGH:@SECLEVEL=1:@STRENGTH", Dialect.PHONE);

        assertThat(e.problems()).extracting(CipherProblem::code, CipherProblem::word, CipherProblem::position)
                .containsExactly(tuple(CipherProblem.UNSUPPORTED_ON_PHONE, "@SECLEVEL=1", 5));
        assertThat(e.valid()).isTrue();
    }

    @Test
    void phone_badCommand_stillMakesTheStringInvalid() {
        CipherExpansion e = engine.expand("HIGH:@FOO", Dialect.PHONE);

        assertThat(e.valid()).isFalse();
        assertThat(e.problems(CipherProblem.BAD_COMMAND)).hasSize(1);
    }

    @Test
    void phone_usesTheOpenSsl111Catalog_soSeedSelectsSuites() {
        assertThat(engine.expand("SEED", Dialect.PHONE).openSslNames())
                .containsExactly("DHE-RSA-SEED-SHA", "DHE-DSS-SEED-SHA", "ADH-SEED-SHA", "SEED-SHA");
        assertThat(engine.expand("SEED", Dialect.OPENSSL).valid()).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "PSK:CBC", "Medium", "FOO", "AES+", "TLSv1.0+CBC"})
    void phone_emptyOrInvalidString_isInvalidAndOffersEveryFallback(String spec) {
        CipherPreview.Result r = new CipherPreview().preview(spec, true);

        assertThat(r.valid()).isFalse();
        assertThat(r.suites()).isEmpty();
        assertThat(r.fallbacks()).extracting(PhoneFallback::application).containsExactly("web-server", "xmpp", "curl");
    }

    /**
     * A word the phone does not support behaves like a word OpenSSL does not know. Checked against the binary:
     * the phone expansion of S equals {@code openssl ciphers -provider legacy} of S with every flagged word
     * (found by the reported positions) replaced by an unknown word.
     */
    @ParameterizedTest
    @ValueSource(strings = {"HIGH:!PSK:!SRP", "ECDHE-RSA-AES128-GCM-SHA256:AES", "FIPS:AES128", "CBC:+SHA256:AES256",
            "kRSA:!kPSK", "TLSv1.0:TLSv1", "ALL:!aSRP:!aPSK:@STRENGTH", "AES+CBC:SEED", "ARIAGCM:ARIA:-kRSAPSK",
            "DEFAULT:!aPSK:+SRP", "SUITEB128C2:AES", "AES128-SHA+RSA:CAMELLIA"})
    void phone_unsupportedWordsBehaveLikeUnknownWords_perOpenSslBinary(String spec) {
        assumeTrue(OpenSslBinary.isReferenceVersion(OpenSslBinary.version()), "needs OpenSSL 1.1.1/3.0");
        CipherExpansion phone = engine.expand(spec, Dialect.PHONE);
        List<CipherProblem> flagged = phone.problems(CipherProblem.UNSUPPORTED_ON_PHONE);
        assertThat(flagged).as("the case must exercise the phone dialect").isNotEmpty();

        StringBuilder replaced = new StringBuilder(spec);
        flagged.stream().sorted(Comparator.comparingInt(CipherProblem::position).reversed()).forEach(p -> {
            assertThat(spec.substring(p.position())).startsWith(p.word());
            replaced.replace(p.position(), p.position() + p.word().length(), "ucsecUnsupported");
        });
        OpenSslBinary.Listing ref = OpenSslBinary.ciphers(replaced.toString(), OpenSslCatalog.WITH_LEGACY_PROVIDER);

        assertThat(phone.openSslNames()).as("openssl ciphers '%s'", replaced).containsExactlyElementsOf(ref.names());
        assertThat(phone.valid()).isEqualTo(!ref.rejected());
    }
}
