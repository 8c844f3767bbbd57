package org.ucsec.oauth;

import org.junit.jupiter.api.Test;
import org.ucsec.core.Secret;
import org.ucsec.core.SecretAccess;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SigningKeysTest {
    final MutableClock clock = MutableClock.at("2026-12-01T12:00:00Z");
    final TokenPolicy policy = TokenPolicy.defaults("https://cucm1/oauth", "sip:cucm1");
    final SigningKeys keys = SigningKeys.generate(clock);
    final AccessTokenIssuer issuer = new AccessTokenIssuer(keys, policy, clock);
    final AccessTokenVerifier verifier = new AccessTokenVerifier(keys, policy, new InMemoryDeviceRevocations(), clock);

    String issue() { return issuer.issue("SEP001122334455", Optional.empty()).token().revealString(SecretAccess.granted()); }

    void ok(String token) { assertThat(verifier.verify(token, "SEP001122334455", Optional.empty()).deviceId()).isEqualTo("SEP001122334455"); }

    static void refusedWith(String code, org.assertj.core.api.ThrowableAssert.ThrowingCallable call) {
        assertThatThrownBy(call).isInstanceOfSatisfying(OAuthException.class, e -> assertThat(e.code()).isEqualTo(code));
    }

    @Test
    void rotation_signsWithTheNewKey_andOldTokensStayValidUntilTheOldKeyIsRetired() {
        String first = keys.signingKid();
        String old = issue();
        clock.advance(Duration.ofSeconds(5));
        String second = keys.rotate();
        assertThat(second).isNotEqualTo(first).isEqualTo(keys.signingKid());
        String fresh = issue();
        assertThat(verifier.verify(fresh, "SEP001122334455", Optional.empty()).kid()).isEqualTo(second);
        ok(old);
        assertThat(keys.keys()).extracting(SigningKeys.KeyInfo::kid, SigningKeys.KeyInfo::signing)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(first, false), org.assertj.core.groups.Tuple.tuple(second, true));
        keys.retire(first);
        refusedWith("oauth.token-kid-unknown", () -> verifier.verify(old, "SEP001122334455", Optional.empty()));
        ok(fresh);
    }

    @Test
    void signingKey_cannotBeRetired_andUnknownKidsAreRefused() {
        refusedWith("oauth.key-retire-signing", () -> keys.retire(keys.signingKid()));
        refusedWith("oauth.key-unknown", () -> keys.retire("nope"));
        refusedWith("oauth.key-unknown", () -> keys.retire(null));
    }

    @Test
    void keySet_isBounded() {
        for (int i = 1; i < SigningKeys.MAX_KEYS; i++) keys.rotate();
        refusedWith("oauth.key-too-many", keys::rotate);
        assertThat(keys.keys()).hasSize(SigningKeys.MAX_KEYS);
    }

    @Test
    void exportThenRestore_keepsVerifyingAndSigning_andNeverPrintsMaterial() {
        String old = issue();
        clock.advance(Duration.ofSeconds(1));
        keys.rotate();
        String newer = issue();
        List<SigningKeys.StoredKey> exported = keys.export();
        assertThat(exported).hasSize(2);
        assertThat(exported.get(1).signing()).isTrue();
        String material = exported.get(0).material().revealString(SecretAccess.granted());
        assertThat(material).contains("\"d\":").contains("\"crv\":\"P-256\"");
        String d = material.replaceAll(".*\"d\":\"([^\"]+)\".*", "$1");
        assertThat(exported.toString()).doesNotContain(d).contains("****");
        assertThat(keys.toString()).doesNotContain(d);
        assertThat(keys.publicJwkSetJson()).doesNotContain(d).doesNotContain("\"d\"").contains(keys.signingKid());

        SigningKeys restored = SigningKeys.restore(clock, exported);
        assertThat(restored.signingKid()).isEqualTo(keys.signingKid());
        AccessTokenVerifier v2 = new AccessTokenVerifier(restored, policy, new InMemoryDeviceRevocations(), clock);
        assertThat(v2.verify(old, "SEP001122334455", Optional.empty())).isNotNull();
        assertThat(v2.verify(newer, "SEP001122334455", Optional.empty())).isNotNull();
        String byRestored = new AccessTokenIssuer(restored, policy, clock).issue("SEP001122334455", Optional.empty()).token().revealString(SecretAccess.granted());
        ok(byRestored);
    }

    @Test
    void restore_refusesBadMaterial() {
        List<SigningKeys.StoredKey> good = keys.export();
        SigningKeys.StoredKey k = good.get(0);
        String json = k.material().revealString(SecretAccess.granted());
        refusedWith("oauth.key-invalid", () -> SigningKeys.restore(clock, List.of()));
        refusedWith("oauth.key-invalid", () -> SigningKeys.restore(clock, List.of(new SigningKeys.StoredKey(k.kid(), k.created(), false, k.material()))));
        refusedWith("oauth.key-invalid", () -> SigningKeys.restore(clock, List.of(new SigningKeys.StoredKey("other", k.created(), true, k.material()))));
        refusedWith("oauth.key-invalid", () -> SigningKeys.restore(clock, List.of(new SigningKeys.StoredKey(k.kid(), k.created(), true, Secret.of("{not json")))));
        String publicOnly = json.replaceAll(",?\"d\":\"[^\"]+\"", "");
        refusedWith("oauth.key-invalid", () -> SigningKeys.restore(clock, List.of(new SigningKeys.StoredKey(k.kid(), k.created(), true, Secret.of(publicOnly)))));
        List<SigningKeys.StoredKey> twice = new ArrayList<>(good);
        twice.add(k);
        refusedWith("oauth.key-invalid", () -> SigningKeys.restore(clock, twice));
        keys.rotate();
        List<SigningKeys.StoredKey> two = keys.export();
        refusedWith("oauth.key-invalid", () -> SigningKeys.restore(clock, List.of(
                new SigningKeys.StoredKey(two.get(0).kid(), two.get(0).created(), true, two.get(0).material()),
                new SigningKeys.StoredKey(two.get(1).kid(), two.get(1).created(), true, two.get(1).material()))));
        // an RSA JWK is not accepted
        refusedWith("oauth.key-invalid", () -> SigningKeys.restore(clock, List.of(new SigningKeys.StoredKey("r", k.created(), true,
                Secret.of("{\"kty\":\"oct\",\"k\":\"AAAA\",\"kid\":\"r\"}")))));
    }
}
