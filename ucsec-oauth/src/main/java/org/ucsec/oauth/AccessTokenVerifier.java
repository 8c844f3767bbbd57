package org.ucsec.oauth;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.jose.util.JSONObjectUtils;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.text.ParseException;
import java.time.Clock;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Verifies a presented access token. Every refusal is an {@link OAuthException} with its own code and the RFC 6750
 * error {@code invalid_token} ({@code insufficient_scope} for a missing scope):
 * <ul>
 * <li>{@code oauth.token-malformed}: not three base64url parts of JSON, or longer than {@link #MAX_TOKEN_CHARS};</li>
 * <li>{@code oauth.token-alg}: the header's {@code alg} is anything but {@code ES256} ({@code none}, {@code HS256}
 * with the public key as secret, RS256, ...): checked on the header text before any key is looked at;</li>
 * <li>{@code oauth.token-type}: {@code typ} is not {@code at+jwt} (RFC 9068 2.1);</li>
 * <li>{@code oauth.token-kid-unknown}: no {@code kid}, or a kid the key set does not hold (retired or foreign;
 * embedded {@code jwk}/{@code jku}/{@code x5u} headers are never used);</li>
 * <li>{@code oauth.token-signature}: the ES256 signature does not verify (tampered header or payload);</li>
 * <li>{@code oauth.token-claims}: a required claim (iss, aud, sub, iat, exp, jti) is missing or of the wrong type;</li>
 * <li>{@code oauth.token-issuer}, {@code oauth.token-audience};</li>
 * <li>{@code oauth.token-expired}, {@code oauth.token-not-yet-valid} (nbf or iat in the future), both with the
 * policy's bounded clock skew against the injected clock;</li>
 * <li>{@code oauth.token-device}: {@code sub} is not the device the caller expects;</li>
 * <li>{@code oauth.token-revoked}: the device was revoked after the token was issued;</li>
 * <li>{@code oauth.token-cnf-mismatch}: the token is bound to a certificate ({@code cnf.x5t#S256}) and the
 * connection presented none or another one (RFC 8705 3);</li>
 * <li>{@code oauth.token-scope}: the policy's required scope is not in {@code scope}.</li>
 * </ul>
 */
public final class AccessTokenVerifier {
    public static final int MAX_TOKEN_CHARS = 4096;
    /** Default bound of the verified-signature cache (entries; about 300 bytes each). */
    public static final int DEFAULT_CACHE_ENTRIES = 32_768;

    private final SigningKeys keys;
    private final TokenPolicy policy;
    private final DeviceRevocations revocations;
    private final Clock clock;
    private final int cacheEntries;
    /**
     * SHA-256 of a token string -> its claims, for tokens whose ES256 signature verified (the expensive step; a device
     * re-registering on a persistent connection presents the same token again and again). Only the signature check and
     * the JSON parsing are skipped on a hit: the kid must still be held, and every claim check below runs each time.
     */
    private final ConcurrentHashMap<String, Claims> verified = new ConcurrentHashMap<>();

    /** The claims of a token whose signature verified. */
    private record Claims(String kid, String iss, String sub, String jti, List<String> aud, Instant iat, Instant exp,
                          Instant nbf, String scope, Optional<String> cnf) {}

    public AccessTokenVerifier(SigningKeys keys, TokenPolicy policy, DeviceRevocations revocations, Clock clock) {
        this(keys, policy, revocations, clock, DEFAULT_CACHE_ENTRIES);
    }

    /** @param cacheEntries bound of the verified-signature cache (0: no cache) */
    public AccessTokenVerifier(SigningKeys keys, TokenPolicy policy, DeviceRevocations revocations, Clock clock, int cacheEntries) {
        this.keys = Objects.requireNonNull(keys, "keys");
        this.policy = Objects.requireNonNull(policy, "policy");
        this.revocations = Objects.requireNonNull(revocations, "revocations");
        this.clock = Objects.requireNonNull(clock, "clock");
        if (cacheEntries < 0) throw new OAuthException("oauth.policy-invalid", OAuthException.INVALID_REQUEST, "cacheEntries must not be negative");
        this.cacheEntries = cacheEntries;
    }

    /**
     * @param expectedDevice            the device the request speaks for (e.g. the SIP AOR's user)
     * @param presentedCertThumbprint   {@code x5t#S256} of the client certificate on this connection, if any
     */
    public VerifiedAccessToken verify(String token, String expectedDevice, Optional<String> presentedCertThumbprint) {
        Objects.requireNonNull(presentedCertThumbprint, "presentedCertThumbprint");
        checkShape(token);
        String key = cacheEntries > 0 ? Opaque.hash(token) : null;
        Claims c = key == null ? null : verified.get(key);
        if (c == null) {
            c = signatureAndClaims(token);
            if (key != null) remember(key, c);
        } else if (keys.verificationKey(c.kid).isEmpty()) {
            verified.remove(key);
            throw refuse("oauth.token-kid-unknown", "token kid " + c.kid + " is not a current signing key");
        }
        return check(c, expectedDevice, presentedCertThumbprint);
    }

    int cacheSize() { return verified.size(); }

    private void remember(String key, Claims c) {
        if (verified.size() >= cacheEntries) {
            Instant now = clock.instant();
            verified.values().removeIf(e -> !now.isBefore(e.exp.plus(policy.maxClockSkew())));
            if (verified.size() >= cacheEntries) verified.clear();
        }
        verified.put(key, c);
    }

    /** The expensive part: header, kid, ES256 signature, claim types. */
    private Claims signatureAndClaims(String token) {
        int dot = token.indexOf('.');
        String alg = headerAlg(token.substring(0, dot));
        if (!JWSAlgorithm.ES256.getName().equals(alg))
            throw refuse("oauth.token-alg", "token algorithm " + SigningKeys.safe(alg) + " is not accepted (only ES256)");
        SignedJWT jwt;
        try {
            jwt = SignedJWT.parse(token);
        } catch (ParseException | RuntimeException e) {
            throw refuse("oauth.token-malformed", "token is not a JWS: " + SigningKeys.safe(e.getMessage()));
        }
        JWSHeader header = jwt.getHeader();
        if (!JWSAlgorithm.ES256.equals(header.getAlgorithm())) throw refuse("oauth.token-alg", "token algorithm is not ES256");
        String typ = header.getType() == null ? null : header.getType().getType();
        if (typ == null || !(typ.equalsIgnoreCase("at+jwt") || typ.equalsIgnoreCase("application/at+jwt")))
            throw refuse("oauth.token-type", "token typ is not at+jwt");
        Optional<ECKey> key = keys.verificationKey(header.getKeyID());
        if (key.isEmpty()) throw refuse("oauth.token-kid-unknown", "token kid " + SigningKeys.safe(header.getKeyID()) + " is not a current signing key");
        boolean ok;
        try {
            ok = jwt.verify(new ECDSAVerifier(key.get()));
        } catch (JOSEException | RuntimeException e) {
            ok = false;
        }
        if (!ok) throw refuse("oauth.token-signature", "token signature does not verify with key " + header.getKeyID());

        try {
            JWTClaimsSet c = jwt.getJWTClaimsSet();
            Date iat = c.getIssueTime(), exp = c.getExpirationTime(), nbf = c.getNotBeforeTime();
            List<String> aud = c.getAudience();
            Map<String, Object> cnf = c.getJSONObjectClaim("cnf");
            Optional<String> bound = Optional.empty();
            if (cnf != null) {
                Object t = cnf.get("x5t#S256");
                if (!(t instanceof String ts) || !Opaque.isBase64Url(ts, 43, 43))
                    throw refuse("oauth.token-claims", "token cnf has no valid x5t#S256 member");
                bound = Optional.of(ts);
            }
            Claims out = new Claims(header.getKeyID(), c.getIssuer(), c.getSubject(), c.getJWTID(), aud == null ? List.of() : List.copyOf(aud),
                    iat == null ? null : iat.toInstant(), exp == null ? null : exp.toInstant(), nbf == null ? null : nbf.toInstant(),
                    c.getStringClaim("scope"), bound);
            for (var req : new Object[][]{{"iss", out.iss}, {"sub", out.sub}, {"jti", out.jti}, {"iat", out.iat}, {"exp", out.exp}})
                if (req[1] == null) throw refuse("oauth.token-claims", "token has no " + req[0] + " claim");
            if (out.aud.isEmpty()) throw refuse("oauth.token-claims", "token has no aud claim");
            return out;
        } catch (ParseException | RuntimeException e) {
            if (e instanceof OAuthException o) throw o;
            throw refuse("oauth.token-claims", "token claims have the wrong type: " + SigningKeys.safe(e.getMessage()));
        }
    }

    /** The cheap part, on every presentation: issuer, audience, time, device, revocation, binding, scope. */
    private VerifiedAccessToken check(Claims c, String expectedDevice, Optional<String> presentedCertThumbprint) {
        if (!policy.issuer().equals(c.iss)) throw refuse("oauth.token-issuer", "token issuer " + SigningKeys.safe(c.iss) + " is not " + policy.issuer());
        if (!c.aud.contains(policy.audience())) throw refuse("oauth.token-audience", "token audience does not include " + policy.audience());

        Instant now = clock.instant();
        if (!now.isBefore(c.exp.plus(policy.maxClockSkew())))
            throw refuse("oauth.token-expired", "token expired at " + c.exp);
        if (c.nbf != null && now.plus(policy.maxClockSkew()).isBefore(c.nbf))
            throw refuse("oauth.token-not-yet-valid", "token is not valid before " + c.nbf);
        if (now.plus(policy.maxClockSkew()).isBefore(c.iat))
            throw refuse("oauth.token-not-yet-valid", "token is issued in the future (" + c.iat + ")");

        if (!c.sub.equals(expectedDevice))
            throw refuse("oauth.token-device", "token is for device " + SigningKeys.safe(c.sub) + ", not " + SigningKeys.safe(expectedDevice));
        Optional<Instant> revoked = revocations.revokedBefore(c.sub);
        if (revoked.isPresent() && !c.iat.isAfter(revoked.get()))
            throw refuse("oauth.token-revoked", "device " + c.sub + " was revoked at " + revoked.get() + ", after this token was issued");

        if (c.cnf.isPresent()) {
            boolean match = presentedCertThumbprint.isPresent()
                    && MessageDigest.isEqual(c.cnf.get().getBytes(StandardCharsets.US_ASCII), presentedCertThumbprint.get().getBytes(StandardCharsets.US_ASCII));
            if (!match) throw refuse("oauth.token-cnf-mismatch", presentedCertThumbprint.isPresent()
                    ? "token is bound to another client certificate" : "token is bound to a client certificate and the connection presented none");
        }
        if (!policy.requiredScope().isEmpty() && (c.scope == null || !(" " + c.scope + " ").contains(" " + policy.requiredScope() + " ")))
            throw new OAuthException("oauth.token-scope", OAuthException.INSUFFICIENT_SCOPE, "token scope lacks " + policy.requiredScope());
        return new VerifiedAccessToken(c.sub, c.jti, c.kid, c.scope == null ? "" : c.scope, c.iat, c.exp, c.cnf);
    }

    private static void checkShape(String token) {
        if (token == null || token.isEmpty()) throw refuse("oauth.token-malformed", "no token");
        if (token.length() > MAX_TOKEN_CHARS) throw refuse("oauth.token-malformed", "token is longer than " + MAX_TOKEN_CHARS + " characters");
        int dots = 0;
        for (int i = 0; i < token.length(); i++) {
            char ch = token.charAt(i);
            if (ch == '.') { dots++; continue; }
            boolean ok = (ch >= 'A' && ch <= 'Z') || (ch >= 'a' && ch <= 'z') || (ch >= '0' && ch <= '9') || ch == '-' || ch == '_';
            if (!ok) throw refuse("oauth.token-malformed", "token has a character outside base64url at position " + i);
        }
        if (dots != 2) throw refuse("oauth.token-malformed", "token has " + (dots + 1) + " parts, not 3 (JWS compact)");
        if (token.startsWith(".")) throw refuse("oauth.token-malformed", "token has an empty header");
    }

    private static String headerAlg(String part) {
        try {
            Map<String, Object> h = JSONObjectUtils.parse(new Base64URL(part).decodeToString());
            Object alg = h.get("alg");
            if (!(alg instanceof String s)) throw refuse("oauth.token-malformed", "token header has no alg");
            return s;
        } catch (ParseException | RuntimeException e) {
            if (e instanceof OAuthException o) throw o;
            throw refuse("oauth.token-malformed", "token header is not base64url JSON");
        }
    }

    private static OAuthException refuse(String code, String message) {
        return new OAuthException(code, OAuthException.INVALID_TOKEN, message);
    }
}
