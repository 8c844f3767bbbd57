package org.ucsec.oauth;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import org.junit.jupiter.api.Test;
import org.ucsec.core.SecretAccess;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AccessTokenVerifierTest {
    static final String ISS = "https://cucm1.example.com:8443/ucsec/oauth";
    static final String AUD = "sip:cucm1.example.com";
    static final String DEVICE = "SEP001122334455";
    static final String THUMB_A = CertificateBinding.thumbprint("certificate A".getBytes(StandardCharsets.US_ASCII));
    static final String THUMB_B = CertificateBinding.thumbprint("certificate B".getBytes(StandardCharsets.US_ASCII));

    final MutableClock clock = MutableClock.at("2026-12-01T12:00:00Z");
    final SigningKeys keys = SigningKeys.generate(clock);
    final TokenPolicy policy = TokenPolicy.defaults(ISS, AUD);
    final InMemoryDeviceRevocations revocations = new InMemoryDeviceRevocations();
    final AccessTokenIssuer issuer = new AccessTokenIssuer(keys, policy, clock);
    final AccessTokenVerifier verifier = new AccessTokenVerifier(keys, policy, revocations, clock);

    String issue() { return issuer.issue(DEVICE, Optional.empty()).token().revealString(SecretAccess.granted()); }

    void refused(String token, String code) { refused(token, DEVICE, Optional.empty(), code); }

    void refused(String token, String device, Optional<String> thumb, String code) {
        assertThatThrownBy(() -> verifier.verify(token, device, thumb))
                .isInstanceOfSatisfying(OAuthException.class, e -> {
                    assertThat(e.code()).isEqualTo(code);
                    assertThat(e.error()).isEqualTo(code.equals("oauth.token-scope") ? "insufficient_scope" : "invalid_token");
                    if (token != null && token.length() > 20) assertThat(e.getMessage()).doesNotContain(token);
                });
    }

    /** A token signed with our signing key but with the given header and claims changes (for malformed-claim tests). */
    String signed(Consumer<JWSHeader.Builder> header, Consumer<JWTClaimsSet.Builder> claims) throws Exception {
        ECKey key = keys.signingKey();
        Instant now = clock.instant();
        JWSHeader.Builder h = new JWSHeader.Builder(JWSAlgorithm.ES256).keyID(key.getKeyID()).type(new JOSEObjectType("at+jwt"));
        header.accept(h);
        JWTClaimsSet.Builder c = new JWTClaimsSet.Builder().issuer(ISS).audience(AUD).subject(DEVICE).jwtID("j1")
                .issueTime(Date.from(now)).notBeforeTime(Date.from(now)).expirationTime(Date.from(now.plusSeconds(600))).claim("scope", "sip:register");
        claims.accept(c);
        SignedJWT jwt = new SignedJWT(h.build(), c.build());
        jwt.sign(new ECDSASigner(key));
        return jwt.serialize();
    }

    @Test
    void issuedToken_verifies_andCarriesTheRfc9068Claims() throws Exception {
        IssuedAccessToken t = issuer.issue(DEVICE, Optional.empty());
        String s = t.token().revealString(SecretAccess.granted());
        assertThat(s).matches("[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+").doesNotContain("=");
        SignedJWT jwt = SignedJWT.parse(s);
        assertThat(jwt.getHeader().getAlgorithm()).isEqualTo(JWSAlgorithm.ES256);
        assertThat(jwt.getHeader().getKeyID()).isEqualTo(keys.signingKid());
        assertThat(jwt.getHeader().getType().getType()).isEqualTo("at+jwt");
        JWTClaimsSet c = jwt.getJWTClaimsSet();
        assertThat(c.getIssuer()).isEqualTo(ISS);
        assertThat(c.getAudience()).containsExactly(AUD);
        assertThat(c.getSubject()).isEqualTo(DEVICE);
        assertThat(c.getExpirationTime().toInstant()).isEqualTo(clock.instant().plus(Duration.ofMinutes(10)));
        assertThat(c.getJWTID()).isEqualTo(t.jti()).hasSizeGreaterThanOrEqualTo(22);
        assertThat(c.getClaim("cnf")).isNull();
        assertThat(t.toString()).doesNotContain(s);

        VerifiedAccessToken v = verifier.verify(s, DEVICE, Optional.empty());
        assertThat(v.deviceId()).isEqualTo(DEVICE);
        assertThat(v.jti()).isEqualTo(t.jti());
        assertThat(v.scope()).isEqualTo("sip:register");
        assertThat(v.certThumbprint()).isEmpty();
    }

    @Test
    void twoTokens_haveDistinctJti() {
        assertThat(issuer.issue(DEVICE, Optional.empty()).jti()).isNotEqualTo(issuer.issue(DEVICE, Optional.empty()).jti());
    }

    @Test
    void algNone_craftedByHand_isRefusedAsAlg() {
        String header = Base64URL.encode("{\"alg\":\"none\",\"typ\":\"at+jwt\"}").toString();
        String payload = SignedJWTParts.payloadOf(issue());
        refused(header + "." + payload + ".", "oauth.token-alg");
        // 'None' spelled differently, and a none header with our signature kept
        String sig = issue().substring(issue().lastIndexOf('.') + 1);
        refused(Base64URL.encode("{\"alg\":\"NONE\"}") + "." + payload + "." + sig, "oauth.token-alg");
    }

    @Test
    void hs256_withThePublicKeyAsSecret_isRefusedAsAlg() throws Exception {
        // algorithm confusion (RFC 8725 2.1): an attacker HMACs with the verifier's public key as the secret
        ECKey pub = keys.signingKey().toPublicJWK();
        byte[] secret = pub.toECPublicKey().getEncoded();
        for (byte[] s : new byte[][]{secret, pub.toJSONString().getBytes(StandardCharsets.UTF_8)}) {
            SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.HS256).keyID(pub.getKeyID()).type(new JOSEObjectType("at+jwt")).build(),
                    SignedJWT.parse(issue()).getJWTClaimsSet());
            jwt.sign(new MACSigner(s));
            refused(jwt.serialize(), "oauth.token-alg");
        }
    }

    @Test
    void otherAsymmetricAlgorithms_areRefusedAsAlg() throws Exception {
        RSAKey rsa = new RSAKeyGenerator(2048).keyID(keys.signingKid()).generate();
        SignedJWT rs = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(keys.signingKid()).type(new JOSEObjectType("at+jwt")).build(),
                SignedJWT.parse(issue()).getJWTClaimsSet());
        rs.sign(new RSASSASigner(rsa));
        refused(rs.serialize(), "oauth.token-alg");
        ECKey p384 = new ECKeyGenerator(Curve.P_384).generate();
        SignedJWT es384 = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.ES384).keyID(keys.signingKid()).type(new JOSEObjectType("at+jwt")).build(),
                SignedJWT.parse(issue()).getJWTClaimsSet());
        es384.sign(new ECDSASigner(p384));
        refused(es384.serialize(), "oauth.token-alg");
    }

    @Test
    void tamperedPayload_isRefusedAsSignature() {
        String t = issue();
        String[] p = t.split("\\.");
        String claims = new Base64URL(p[1]).decodeToString().replace(DEVICE, "SEP00AABBCCDDEE");
        String forged = p[0] + "." + Base64URL.encode(claims) + "." + p[2];
        refused(forged, "SEP00AABBCCDDEE", Optional.empty(), "oauth.token-signature");
        // one flipped signature character
        char last = p[2].charAt(5);
        refused(p[0] + "." + p[1] + "." + p[2].substring(0, 5) + (last == 'A' ? 'B' : 'A') + p[2].substring(6), "oauth.token-signature");
        // a signature of the wrong length, and none at all (a JWS with an empty signature part does not parse)
        refused(p[0] + "." + p[1] + "." + p[2].substring(0, 40), "oauth.token-signature");
        refused(p[0] + "." + p[1] + ".", "oauth.token-malformed");
    }

    @Test
    void foreignKey_withOurKid_orInAnEmbeddedJwk_isRefusedAsSignature() throws Exception {
        ECKey attacker = new ECKeyGenerator(Curve.P_256).generate();
        JWTClaimsSet claims = SignedJWT.parse(issue()).getJWTClaimsSet();
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.ES256).keyID(keys.signingKid()).type(new JOSEObjectType("at+jwt"))
                .jwk(attacker.toPublicJWK()).build(), claims);
        jwt.sign(new ECDSASigner(attacker));
        refused(jwt.serialize(), "oauth.token-signature");
    }

    @Test
    void unknownOrMissingKid_isRefused() throws Exception {
        SigningKeys other = SigningKeys.generate(clock);
        String foreign = new AccessTokenIssuer(other, policy, clock).issue(DEVICE, Optional.empty()).token().revealString(SecretAccess.granted());
        refused(foreign, "oauth.token-kid-unknown");
        refused(signed(h -> h.keyID(null), c -> {}), "oauth.token-kid-unknown");
    }

    @Test
    void wrongOrMissingTyp_isRefusedAsType() throws Exception {
        refused(signed(h -> h.type(null), c -> {}), "oauth.token-type");
        refused(signed(h -> h.type(JOSEObjectType.JWT), c -> {}), "oauth.token-type");
        // RFC 7515 4.1.9: the "application/" prefix may be written out; the comparison is case-insensitive
        assertThat(verifier.verify(signed(h -> h.type(new JOSEObjectType("application/AT+JWT")), c -> {}), DEVICE, Optional.empty())).isNotNull();
    }

    @Test
    void missingOrMistypedClaims_areRefusedAsClaims() throws Exception {
        refused(signed(h -> {}, c -> c.expirationTime(null)), "oauth.token-claims");
        refused(signed(h -> {}, c -> c.issueTime(null)), "oauth.token-claims");
        refused(signed(h -> {}, c -> c.jwtID(null)), "oauth.token-claims");
        refused(signed(h -> {}, c -> c.audience((String) null)), "oauth.token-claims");
        refused(signed(h -> {}, c -> c.claim("scope", 7)), "oauth.token-claims");
        refused(signed(h -> {}, c -> c.claim("cnf", Map.of("x5t#S256", "short"))), "oauth.token-claims");
        refused(signed(h -> {}, c -> c.claim("exp", "tomorrow")), "oauth.token-claims");
    }

    @Test
    void wrongIssuerOrAudience_isRefused() throws Exception {
        refused(signed(h -> {}, c -> c.issuer("https://evil.example.com")), "oauth.token-issuer");
        refused(signed(h -> {}, c -> c.audience("sip:other.example.com")), "oauth.token-audience");
        // a token of the same keys for another edge's audience
        String other = new AccessTokenIssuer(keys, TokenPolicy.defaults(ISS, "sip:other"), clock).issue(DEVICE, Optional.empty()).token().revealString(SecretAccess.granted());
        refused(other, "oauth.token-audience");
    }

    @Test
    void expiry_followsTheInjectedClock_withBoundedSkew() {
        String t = issue();
        clock.advance(Duration.ofMinutes(10).plusSeconds(29));       // past exp, inside the 30 s skew
        assertThat(verifier.verify(t, DEVICE, Optional.empty()).deviceId()).isEqualTo(DEVICE);
        clock.advance(Duration.ofSeconds(1));                          // exp + 30 s
        refused(t, "oauth.token-expired");
    }

    @Test
    void tokenFromTheFuture_isRefusedAsNotYetValid_beyondSkew() throws Exception {
        Instant now = clock.instant();
        refused(signed(h -> {}, c -> c.notBeforeTime(Date.from(now.plusSeconds(31)))), "oauth.token-not-yet-valid");
        refused(signed(h -> {}, c -> c.issueTime(Date.from(now.plusSeconds(120))).notBeforeTime(null)), "oauth.token-not-yet-valid");
        assertThat(verifier.verify(signed(h -> {}, c -> c.notBeforeTime(Date.from(now.plusSeconds(29)))), DEVICE, Optional.empty())).isNotNull();
    }

    @Test
    void otherDevice_isRefusedAsDevice() {
        refused(issue(), "SEP00AABBCCDDEE", Optional.empty(), "oauth.token-device");
        refused(issue(), "sep001122334455", Optional.empty(), "oauth.token-device");
        refused(issue(), null, Optional.empty(), "oauth.token-device");
    }

    @Test
    void revokedDevice_refusesTokensIssuedUpToTheRevocation_andAcceptsLaterOnes() {
        String before = issue();
        clock.advance(Duration.ofMillis(400));
        revocations.revoke(DEVICE, clock.instant());
        refused(before, "oauth.token-revoked");
        clock.advance(Duration.ofSeconds(1));
        String after = issue();
        assertThat(verifier.verify(after, DEVICE, Optional.empty()).deviceId()).isEqualTo(DEVICE);
    }

    @Test
    void certificateBoundToken_needsTheSameCertificate() throws Exception {
        String bound = issuer.issue(DEVICE, Optional.of(THUMB_A)).token().revealString(SecretAccess.granted());
        assertThat(((Map<?, ?>) SignedJWT.parse(bound).getJWTClaimsSet().getClaim("cnf")).get("x5t#S256")).isEqualTo(THUMB_A);
        assertThat(verifier.verify(bound, DEVICE, Optional.of(THUMB_A)).certThumbprint()).contains(THUMB_A);
        refused(bound, DEVICE, Optional.empty(), "oauth.token-cnf-mismatch");
        refused(bound, DEVICE, Optional.of(THUMB_B), "oauth.token-cnf-mismatch");
        // an unbound token is accepted with or without a certificate
        assertThat(verifier.verify(issue(), DEVICE, Optional.of(THUMB_B)).certThumbprint()).isEmpty();
    }

    @Test
    void missingRequiredScope_isInsufficientScope() throws Exception {
        refused(signed(h -> {}, c -> c.claim("scope", "openid profile")), "oauth.token-scope");
        refused(signed(h -> {}, c -> c.claim("scope", null)), "oauth.token-scope");
    }

    @Test
    void malformedTokens_areRefusedAsMalformed() {
        for (String bad : new String[]{"", "abc", "a.b", "a.b.c.d", ".b.c", "a b.c.d", "eyJ=.e30.", "!!!.e30.sig",
                Base64URL.encode("not json") + ".e30.", Base64URL.encode("{\"alg\":5}") + ".e30.", "x".repeat(5000) + ".a.b"})
            refused(bad, "oauth.token-malformed");
        assertThatThrownBy(() -> verifier.verify(null, DEVICE, Optional.empty())).isInstanceOfSatisfying(OAuthException.class, e -> assertThat(e.code()).isEqualTo("oauth.token-malformed"));
    }

    @Test
    void issuer_refusesBadDeviceIdsAndThumbprints() {
        for (String d : new String[]{"", "SEP 1", "x".repeat(129), "SEP\u00e9", "a\nb"})
            assertThatThrownBy(() -> issuer.issue(d, Optional.empty())).isInstanceOfSatisfying(OAuthException.class, e -> assertThat(e.code()).isEqualTo("oauth.device-invalid"));
        assertThatThrownBy(() -> issuer.issue(DEVICE, Optional.of("abc"))).isInstanceOfSatisfying(OAuthException.class, e -> assertThat(e.code()).isEqualTo("oauth.thumbprint-invalid"));
    }

    @Test
    void policy_refusesOutOfRangeValues() {
        assertThatThrownBy(() -> TokenPolicy.defaults(ISS, AUD).withMaxClockSkew(Duration.ofMinutes(6)))
                .isInstanceOfSatisfying(OAuthException.class, e -> assertThat(e.code()).isEqualTo("oauth.policy-invalid"));
        assertThatThrownBy(() -> TokenPolicy.defaults(ISS, AUD).withAccessTokenTtl(Duration.ofDays(2)))
                .isInstanceOfSatisfying(OAuthException.class, e -> assertThat(e.code()).isEqualTo("oauth.policy-invalid"));
        assertThatThrownBy(() -> TokenPolicy.defaults(" ", AUD)).isInstanceOfSatisfying(OAuthException.class, e -> assertThat(e.code()).isEqualTo("oauth.policy-invalid"));
    }

    @Test
    void signatureCache_neverChangesADecision() throws Exception {
        String t = issue();
        String bound = issuer.issue(DEVICE, Optional.of(THUMB_A)).token().revealString(SecretAccess.granted());
        verifier.verify(t, DEVICE, Optional.empty());
        verifier.verify(bound, DEVICE, Optional.of(THUMB_A));
        assertThat(verifier.cacheSize()).isEqualTo(2);
        // every per-request check still runs on a cached token
        refused(t, "SEP00AABBCCDDEE", Optional.empty(), "oauth.token-device");
        refused(bound, DEVICE, Optional.of(THUMB_B), "oauth.token-cnf-mismatch");
        clock.advance(Duration.ofMinutes(11));
        refused(t, "oauth.token-expired");
        clock.advance(Duration.ofMinutes(-11));
        revocations.revoke("SEP00AABBCCDDEE", clock.instant());
        assertThat(verifier.verify(t, DEVICE, Optional.empty()).deviceId()).isEqualTo(DEVICE);
        // a one-character change is another cache key: verified again, refused
        String[] p = t.split("\\.");
        refused(p[0] + "." + p[1] + "." + p[2].substring(0, 10) + (p[2].charAt(10) == 'A' ? 'B' : 'A') + p[2].substring(11), "oauth.token-signature");
        // retiring the key stops a cached token at once
        clock.advance(Duration.ofSeconds(1));
        keys.rotate();
        assertThat(verifier.verify(t, DEVICE, Optional.empty())).isNotNull();
        keys.retire(SignedJWT.parse(t).getHeader().getKeyID());
        refused(t, "oauth.token-kid-unknown");
        // and revoking the device stops it too
        String fresh = issue();
        verifier.verify(fresh, DEVICE, Optional.empty());
        clock.advance(Duration.ofSeconds(1));
        revocations.revoke(DEVICE, clock.instant());
        refused(fresh, "oauth.token-revoked");
    }

    @Test
    void signatureCache_isBounded() {
        AccessTokenVerifier small = new AccessTokenVerifier(keys, policy, revocations, clock, 4);
        for (int i = 0; i < 10; i++) {
            small.verify(issuer.issue("SEP" + i, Optional.empty()).token().revealString(SecretAccess.granted()), "SEP" + i, Optional.empty());
            assertThat(small.cacheSize()).isBetween(1, 4);
        }
        AccessTokenVerifier none = new AccessTokenVerifier(keys, policy, revocations, clock, 0);
        none.verify(issue(), DEVICE, Optional.empty());
        assertThat(none.cacheSize()).isZero();
    }

    /** The payload part of a compact JWS. */
    static final class SignedJWTParts {
        static String payloadOf(String compact) { return compact.split("\\.")[1]; }
    }
}
