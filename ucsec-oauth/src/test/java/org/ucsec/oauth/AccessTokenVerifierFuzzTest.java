package org.ucsec.oauth;

import com.nimbusds.jose.util.Base64URL;
import org.junit.jupiter.api.Test;
import org.ucsec.core.SecretAccess;
import org.ucsec.pki.testing.SeededFuzz;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Seeded fuzzing of the verifier (decision 0007): a mutated token is refused with an OAuthException (never another
 * exception), and a mutation that is still accepted decodes to exactly the signed bytes (base64url's spare low bits
 * in a last character are the only slack).
 */
class AccessTokenVerifierFuzzTest {
    static final String ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_.=+/ {}\":,";
    final MutableClock clock = MutableClock.at("2026-12-01T12:00:00Z");
    final SigningKeys keys = SigningKeys.generate(clock);
    final TokenPolicy policy = TokenPolicy.defaults("https://cucm1/oauth", "sip:cucm1");
    final AccessTokenVerifier verifier = new AccessTokenVerifier(keys, policy, new InMemoryDeviceRevocations(), clock);
    final String token = new AccessTokenIssuer(keys, policy, clock).issue("SEP001122334455", Optional.of(AccessTokenVerifierTest.THUMB_A))
            .token().revealString(SecretAccess.granted());

    static byte[][] decoded(String t) {
        String[] p = t.split("\\.", -1);
        byte[][] out = new byte[p.length][];
        for (int i = 0; i < p.length; i++) out[i] = new Base64URL(p[i]).decode();
        return out;
    }

    @Test
    void mutatedTokens_areRefusedWithAnOAuthException_orDecodeToTheSignedBytes() {
        byte[][] original = decoded(token);
        SeededFuzz.run("oauth.verify", 3000, g -> {
            String t = new String(g.mutate(token.getBytes(StandardCharsets.US_ASCII), ALPHABET), StandardCharsets.ISO_8859_1);
            try {
                verifier.verify(t, "SEP001122334455", Optional.of(AccessTokenVerifierTest.THUMB_A));
                assertThat(Arrays.deepEquals(decoded(t), original)).as("an accepted mutation %s", t).isTrue();
            } catch (OAuthException e) {
                assertThat(e.code()).startsWith("oauth.token-");
                assertThat(e.error()).isIn("invalid_token", "insufficient_scope");
            }
        });
    }

    @Test
    void hostileStrings_areRefusedWithAnOAuthException() {
        SeededFuzz.run("oauth.verify.hostile", 2000, g -> {
            String t = g.nextInt(2) == 0 ? g.hostileString(300, ALPHABET) : "eyJhbGciOiJFUzI1NiIsInR5cCI6ImF0K2p3dCJ9." + g.hostileString(300, ALPHABET);
            try {
                verifier.verify(t, "SEP001122334455", Optional.empty());
                throw new AssertionError("a hostile string was accepted: " + t);
            } catch (OAuthException e) {
                assertThat(e.code()).startsWith("oauth.token-");
            }
        });
    }
}
