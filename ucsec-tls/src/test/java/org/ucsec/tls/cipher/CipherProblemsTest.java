package org.ucsec.tls.cipher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import org.junit.jupiter.api.Test;
import org.ucsec.tls.cipher.CipherProblem.Severity;

/** Problems are reported by code, name and position. Behaviour of the suites themselves: VsOpenSsl test. */
class CipherProblemsTest {
    private final CipherStringEngine engine = CipherStringEngine.standard();
    private final CipherPreview preview = new CipherPreview();

    @Test
    void preview_unknownWord_isNamedWithPosition() {
        CipherPreview.Result r = preview.preview("HIGH:FOO:!aNULL", false);

        assertThat(r.problems()).extracting(CipherProblem::code, CipherProblem::severity, CipherProblem::word,
                CipherProblem::position).containsExactly(tuple(CipherProblem.UNKNOWN_WORD, Severity.WARNING, "FOO", 5));
        assertThat(r.problems().get(0).message()).contains("'FOO'", "offset 5");
        assertThat(r.valid()).as("OpenSSL ignores an unknown word").isTrue();
        assertThat(r.suites()).isEqualTo(engine.expand("HIGH:!aNULL").suites());
    }

    @Test
    void expand_unknownWordInsideIntersection_dropsTheWholeTerm() {
        CipherExpansion e = engine.expand("AES+FOO:RSA");

        assertThat(e.problems()).extracting(CipherProblem::word, CipherProblem::position).containsExactly(tuple("FOO", 4));
        assertThat(e.suites()).isEqualTo(engine.expand("RSA").suites());
    }

    @Test
    void expand_wrongCase_hintsTheKeyword() {
        CipherProblem p = engine.expand("Medium:HIGH").problems().get(0);

        assertThat(p.code()).isEqualTo(CipherProblem.UNKNOWN_WORD);
        assertThat(p.word()).isEqualTo("Medium");
        assertThat(p.message()).contains("did you mean 'MEDIUM'");
    }

    @Test
    void expand_ianaName_isUnknownWordNamingTheOpenSslSpelling() {
        CipherExpansion e = engine.expand("AES256-SHA:TLS_RSA_WITH_AES_128_CBC_SHA");

        assertThat(e.problems()).extracting(CipherProblem::code, CipherProblem::word, CipherProblem::position)
                .containsExactly(tuple(CipherProblem.UNKNOWN_WORD, "TLS_RSA_WITH_AES_128_CBC_SHA", 11));
        assertThat(e.problems().get(0).message()).contains("'AES128-SHA'");
        assertThat(e.openSslNames()).containsExactly("AES256-SHA");
    }

    @Test
    void expand_strayCharacterAfterKnownWord_isSyntaxErrorAtItsOffset() {
        CipherExpansion e = engine.expand("AES256-SHA#x:AES128-SHA");

        assertThat(e.problems()).extracting(CipherProblem::code, CipherProblem::severity, CipherProblem::word,
                CipherProblem::position).containsExactly(tuple(CipherProblem.SYNTAX, Severity.ERROR, "#", 10));
        assertThat(e.valid()).isFalse();
        assertThat(e.suites()).as("OpenSSL rejects the whole string").isEmpty();
    }

    @Test
    void expand_trailingPlus_isSyntaxErrorAtTheEnd() {
        CipherProblem p = engine.expand("AES+").problems().get(0);

        assertThat(p.code()).isEqualTo(CipherProblem.SYNTAX);
        assertThat(p.position()).isEqualTo(4);
        assertThat(p.word()).isEmpty();
        assertThat(p.message()).contains("'+' must be followed by another word");
    }

    @Test
    void expand_operatorFollowedBySeparator_isSyntaxErrorAtTheSeparator() {
        CipherExpansion e = engine.expand("HIGH:!:MD5");

        assertThat(e.problems()).extracting(CipherProblem::code, CipherProblem::word, CipherProblem::position)
                .containsExactly(tuple(CipherProblem.SYNTAX, ":", 6));
        assertThat(e.problems().get(0).message()).contains("'!' must be followed by a word");
    }

    @Test
    void expand_unknownCommand_isBadCommandNamingIt() {
        CipherExpansion e = engine.expand("AES:@FASTEST");

        assertThat(e.problems()).extracting(CipherProblem::code, CipherProblem::severity, CipherProblem::word,
                CipherProblem::position).containsExactly(tuple(CipherProblem.BAD_COMMAND, Severity.ERROR, "@FASTEST", 4));
        assertThat(e.valid()).isFalse();
    }

    @Test
    void expand_securityLevelOutOfRange_isBadCommand() {
        CipherExpansion e = engine.expand("@SECLEVEL=7:AES");

        assertThat(e.problems()).extracting(CipherProblem::code, CipherProblem::word, CipherProblem::position)
                .containsExactly(tuple(CipherProblem.BAD_COMMAND, "@SECLEVEL=7", 0));
        assertThat(e.valid()).isFalse();
    }

    @Test
    void expand_securityLevel_isToleratedAndDoesNotChangeTheSelection() {
        CipherExpansion e = engine.expand("DEFAULT:@SECLEVEL=2");

        assertThat(e.problems()).extracting(CipherProblem::code, CipherProblem::severity, CipherProblem::position)
                .containsExactly(tuple(CipherProblem.SECLEVEL, Severity.INFO, 8));
        assertThat(e.suites()).isEqualTo(engine.expand("DEFAULT").suites());
    }

    @Test
    void expand_defaultNotFirst_isReportedAndIgnored() {
        CipherExpansion e = engine.expand("AES:DEFAULT");

        assertThat(e.problems()).extracting(CipherProblem::code, CipherProblem::word, CipherProblem::position)
                .containsExactly(tuple(CipherProblem.DEFAULT_NOT_FIRST, "DEFAULT", 4));
        assertThat(e.suites()).isEqualTo(engine.expand("AES").suites());
    }

    @Test
    void expand_leadingSuiteB_replacesTheWholeString() {
        CipherExpansion e = engine.expand("SUITEB128:AES");

        assertThat(e.problems()).extracting(CipherProblem::code, CipherProblem::severity, CipherProblem::word)
                .containsExactly(tuple(CipherProblem.SUITEB_REPLACES_STRING, Severity.WARNING, "SUITEB128"));
        assertThat(e.openSslNames()).containsExactly("ECDHE-ECDSA-AES128-GCM-SHA256", "ECDHE-ECDSA-AES256-GCM-SHA384");
    }

    @Test
    void expand_suiteBNotFirst_isReportedAndIgnored() {
        CipherExpansion e = engine.expand("AES256:SUITEB192");

        assertThat(e.problems()).extracting(CipherProblem::code, CipherProblem::word, CipherProblem::position)
                .containsExactly(tuple(CipherProblem.SUITEB_NOT_FIRST, "SUITEB192", 7));
    }

    @Test
    void expand_suiteNotBuiltIntoTheCatalog_isNoMatchNamingIt() {
        CipherExpansion e = engine.expand("DES-CBC3-SHA:AES128-SHA");

        assertThat(e.problems()).extracting(CipherProblem::code, CipherProblem::word, CipherProblem::position)
                .containsExactly(tuple(CipherProblem.NO_MATCH, "DES-CBC3-SHA", 0));
        assertThat(e.problems().get(0).message()).contains("TLS_RSA_WITH_3DES_EDE_CBC_SHA", "not built");
        assertThat(e.openSslNames()).containsExactly("AES128-SHA");
    }

    @Test
    void expand_wordsThatExcludeEachOther_areNoMatch() {
        CipherExpansion e = engine.expand("AES:kRSA+kDHE");

        assertThat(e.problems()).extracting(CipherProblem::code, CipherProblem::severity, CipherProblem::word,
                CipherProblem::position).containsExactly(tuple(CipherProblem.NO_MATCH, Severity.INFO, "kRSA+kDHE", 4));
    }

    @Test
    void expand_knownWordSelectingNothing_isNoMatch() {
        CipherExpansion e = engine.expand("HIGH:!MEDIUM");

        assertThat(e.problems()).extracting(CipherProblem::code, CipherProblem::word, CipherProblem::position)
                .containsExactly(tuple(CipherProblem.NO_MATCH, "MEDIUM", 6));
        assertThat(e.valid()).isTrue();
    }

    @Test
    void expand_emptyString_isEmptyError() {
        CipherExpansion e = engine.expand("");

        assertThat(e.valid()).isFalse();
        assertThat(e.problems()).extracting(CipherProblem::code, CipherProblem::severity)
                .containsExactly(tuple(CipherProblem.EMPTY, Severity.ERROR));
    }

    @Test
    void expand_stringSelectingNothing_isEmptyError() {
        CipherExpansion e = engine.expand("MEDIUM");

        assertThat(e.valid()).isFalse();
        assertThat(e.problems()).extracting(CipherProblem::code).containsExactly(CipherProblem.NO_MATCH, CipherProblem.EMPTY);
        assertThat(e.problems().get(1).message()).contains("no cipher match");
    }

    @Test
    void expand_severalProblems_areAllReportedInPositionOrder() {
        CipherExpansion e = engine.expand("FOO:AES+:BAR:@X");

        assertThat(e.problems()).extracting(CipherProblem::code, CipherProblem::position).containsExactly(
                tuple(CipherProblem.UNKNOWN_WORD, 0),
                tuple(CipherProblem.SYNTAX, 8),
                tuple(CipherProblem.UNKNOWN_WORD, 9),
                tuple(CipherProblem.BAD_COMMAND, 13));
        assertThat(e.suites()).isEmpty();
    }

    @Test
    void problemCodes_areStable() {
        assertThat(new String[] {CipherProblem.SYNTAX, CipherProblem.BAD_COMMAND, CipherProblem.UNKNOWN_WORD,
                CipherProblem.UNSUPPORTED_ON_PHONE, CipherProblem.NO_MATCH, CipherProblem.DEFAULT_NOT_FIRST,
                CipherProblem.SUITEB_NOT_FIRST, CipherProblem.SUITEB_REPLACES_STRING, CipherProblem.SECLEVEL,
                CipherProblem.EMPTY}).containsExactly("cipher.syntax", "cipher.bad-command", "cipher.unknown-word",
                "cipher.unsupported-on-phone", "cipher.no-match", "cipher.default-not-first", "cipher.suiteb-not-first",
                "cipher.suiteb-replaces-string", "cipher.seclevel", "cipher.empty");
    }
}
