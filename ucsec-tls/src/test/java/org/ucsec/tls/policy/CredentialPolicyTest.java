package org.ucsec.tls.policy;

import org.ucsec.core.SecretAccess;

import org.junit.jupiter.api.Test;
import org.ucsec.core.Secret;
import org.ucsec.core.UcsecException;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Enhanced security mode credential policy. Seeds 000/002 ("FIPS mode": "stricter credential policy") give no numbers;
 * these are the CUCM Security Guide's "Credential Policy Updates": 14-127 chars, 1 of each class, 24 history,
 * 1 day minimum age, 60 days maximum age, 4 characters difference.
 */
class CredentialPolicyTest {
    private static final CredentialPolicy P = CredentialPolicy.ENHANCED_SECURITY;
    private static final String GOOD = "Correct-Horse7battery";

    private static UcsecException refusal(Runnable r) {
        try { r.run(); } catch (UcsecException e) { return e; }
        throw new AssertionError("expected a refusal");
    }

    @Test
    void enhanced_numbersAreThoseOfTheCucmSecurityGuide() {
        assertThat(P.minLength()).isEqualTo(14);
        assertThat(P.maxLength()).isEqualTo(127);
        assertThat(List.of(P.minLowercase(), P.minUppercase(), P.minDigits(), P.minSpecial())).containsOnly(1);
        assertThat(P.historyDepth()).isEqualTo(24);
        assertThat(P.minCharacterDifference()).isEqualTo(4);
        assertThat(P.minAge()).isEqualTo(Duration.ofDays(1));
        assertThat(P.maxAge()).isEqualTo(Duration.ofDays(60));
    }

    @Test
    void enhanced_acceptsAFourteenCharacterPasswordWithAllFourClasses() {
        assertThatCode(() -> P.check(Secret.of("Abcdefghijk1!x"))).doesNotThrowAnyException();
        assertThatCode(() -> P.check(Secret.of(GOOD))).doesNotThrowAnyException();
    }

    @Test
    void enhanced_refusesThirteenCharacters_withoutRevealingThePassword() {
        UcsecException e = refusal(() -> P.check(Secret.of("Abcdefghij1!x")));
        assertThat(e.code()).isEqualTo("credential.too-short");
        assertThat(e.getMessage()).contains("13 characters", "at least 14").doesNotContain("Abcdefghij1!x");
    }

    @Test
    void enhanced_refusesMoreThan127Characters() {
        assertThat(refusal(() -> P.check(Secret.of("Aa1!" + "x".repeat(124)))).code()).isEqualTo("credential.too-long");
    }

    @Test
    void enhanced_refusesEachMissingCharacterClass_andListsAllOfThem() {
        assertThat(refusal(() -> P.check(Secret.of("ABCDEFGHIJK1!X"))).code()).isEqualTo("credential.needs-lowercase");
        assertThat(refusal(() -> P.check(Secret.of("abcdefghijk1!x"))).code()).isEqualTo("credential.needs-uppercase");
        assertThat(refusal(() -> P.check(Secret.of("Abcdefghijkl!x"))).code()).isEqualTo("credential.needs-digit");
        assertThat(refusal(() -> P.check(Secret.of("Abcdefghijk12x"))).code()).isEqualTo("credential.needs-special");
        UcsecException all = refusal(() -> P.check(Secret.of("short")));
        assertThat(all.details().get("violations")).isEqualTo(List.of("credential.too-short", "credential.needs-uppercase",
                "credential.needs-digit", "credential.needs-special"));
    }

    @Test
    void enhanced_refusesReuseOfOneOfTheLast24Passwords() {
        int[] askedDepth = new int[1];
        CredentialPolicy.PasswordHistory history = (candidate, depth) -> { askedDepth[0] = depth; return candidate.revealString(SecretAccess.granted()).equals(GOOD); };
        UcsecException e = refusal(() -> P.checkChange(Secret.of(GOOD), Secret.of("Something-Else99"), history));
        assertThat(e.code()).isEqualTo("credential.reused");
        assertThat(askedDepth[0]).isEqualTo(24);
    }

    @Test
    void enhanced_refusesANewPasswordThatDiffersByFewerThanFourCharacters() {
        UcsecException e = refusal(() -> P.checkChange(Secret.of("Correct-Horse7battery!"), Secret.of(GOOD), CredentialPolicy.PasswordHistory.NONE));
        assertThat(e.code()).isEqualTo("credential.too-similar");
        assertThat(e.getMessage()).contains("by 1 character").doesNotContain(GOOD);
        assertThatCode(() -> P.checkChange(Secret.of("Correct-Horse7battery!?%$"), Secret.of(GOOD), CredentialPolicy.PasswordHistory.NONE))
                .doesNotThrowAnyException();
    }

    @Test
    void enhanced_refusesAChangeWithinOneDay_andExpiresAfter60Days() {
        Instant changed = Instant.parse("2026-01-01T00:00:00Z");
        Clock hoursLater = Clock.fixed(changed.plus(Duration.ofHours(23)), ZoneOffset.UTC);
        Clock dayLater = Clock.fixed(changed.plus(Duration.ofDays(1)), ZoneOffset.UTC);
        assertThatThrownBy(() -> P.checkMayChange(changed, hoursLater))
                .isInstanceOfSatisfying(UcsecException.class, e -> assertThat(e.code()).isEqualTo("credential.too-soon"));
        assertThatCode(() -> P.checkMayChange(changed, dayLater)).doesNotThrowAnyException();
        assertThat(P.isExpired(changed, Clock.fixed(changed.plus(Duration.ofDays(59)), ZoneOffset.UTC))).isFalse();
        assertThat(P.isExpired(changed, Clock.fixed(changed.plus(Duration.ofDays(60)), ZoneOffset.UTC))).isTrue();
    }

    @Test
    void baseline_onlyRefusesEmptyPasswords_andNeverExpires() {
        CredentialPolicy b = CredentialPolicy.BASELINE;
        assertThatCode(() -> b.check(Secret.of("x"))).doesNotThrowAnyException();
        assertThat(refusal(() -> b.check(Secret.of(""))).code()).isEqualTo("credential.too-short");
        assertThat(b.isExpired(Instant.EPOCH, Clock.systemUTC())).isFalse();
    }

    @Test
    void contradictoryPolicy_cannotBeBuilt() {
        assertThatThrownBy(() -> new CredentialPolicy(20, 10, 0, 0, 0, 0, 0, 0, Duration.ZERO, null))
                .isInstanceOfSatisfying(UcsecException.class, e -> assertThat(e.code()).isEqualTo("credential.policy-invalid"));
        assertThatThrownBy(() -> new CredentialPolicy(8, 127, 0, 0, 0, 0, 0, 0, Duration.ofDays(2), Duration.ofDays(1)))
                .hasMessageContaining("maximum age");
    }

    @Test
    void editDistance_isLevenshtein() {
        assertThat(CredentialPolicy.editDistance("kitten", "sitting")).isEqualTo(3);
        assertThat(CredentialPolicy.editDistance("", "abcd")).isEqualTo(4);
    }
}
