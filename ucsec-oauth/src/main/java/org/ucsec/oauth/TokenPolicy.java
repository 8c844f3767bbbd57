package org.ucsec.oauth;

import java.time.Duration;

/**
 * The token service's parameters. Seed 004 names no lifetimes; the defaults of {@link #defaults} are ucsec's: access
 * tokens 10 minutes (short-lived: a stolen one is useful briefly; devices re-register with a fresh one), refresh tokens
 * 60 days and a family at most 90 days from its first issue, activation codes 168 hours, clock skew 30 s.
 *
 * @param issuer        {@code iss} of every access token and the only one the verifier accepts (e.g. https://cucm1.example.com:8443/ucsec/oauth)
 * @param audience      {@code aud}: the SIP edge's identifier; the verifier requires it
 * @param scope         {@code scope} written into access tokens (space-separated, RFC 6749 3.3)
 * @param requiredScope a scope the verifier requires in the token ({@code ""} for none)
 */
public record TokenPolicy(String issuer, String audience, String scope, String requiredScope,
                          Duration accessTokenTtl, Duration refreshTokenTtl, Duration refreshFamilyMaxAge,
                          Duration activationCodeTtl, Duration maxClockSkew) {
    public static final Duration MAX_SKEW = Duration.ofMinutes(5);
    public static final Duration MAX_ACCESS_TTL = Duration.ofHours(24);

    public TokenPolicy {
        require(issuer != null && !issuer.isBlank() && issuer.length() <= 512, "issuer must be 1 to 512 characters");
        require(audience != null && !audience.isBlank() && audience.length() <= 512, "audience must be 1 to 512 characters");
        require(scope != null && scope.length() <= 512 && scope.chars().allMatch(c -> c >= 0x20 && c < 0x7f && c != '"' && c != '\\'), "scope must be up to 512 characters of RFC 6749 3.3 scope-token text");
        require(requiredScope != null && !requiredScope.contains(" ") && (requiredScope.isEmpty() || (" " + scope + " ").contains(" " + requiredScope + " ")),
                "requiredScope must be one scope token that the issued scope contains");
        require(positive(accessTokenTtl) && accessTokenTtl.compareTo(MAX_ACCESS_TTL) <= 0, "accessTokenTtl must be between 1 s and 24 h");
        require(positive(refreshTokenTtl), "refreshTokenTtl must be positive");
        require(positive(refreshFamilyMaxAge) && refreshFamilyMaxAge.compareTo(refreshTokenTtl) >= 0, "refreshFamilyMaxAge must be at least refreshTokenTtl");
        require(positive(activationCodeTtl), "activationCodeTtl must be positive");
        require(maxClockSkew != null && !maxClockSkew.isNegative() && maxClockSkew.compareTo(MAX_SKEW) <= 0, "maxClockSkew must be between 0 and 5 minutes");
    }

    public static TokenPolicy defaults(String issuer, String audience) {
        return new TokenPolicy(issuer, audience, "sip:register", "sip:register", Duration.ofMinutes(10), Duration.ofDays(60),
                Duration.ofDays(90), Duration.ofHours(168), Duration.ofSeconds(30));
    }

    public TokenPolicy withAccessTokenTtl(Duration d) { return new TokenPolicy(issuer, audience, scope, requiredScope, d, refreshTokenTtl, refreshFamilyMaxAge, activationCodeTtl, maxClockSkew); }
    public TokenPolicy withRefreshTokenTtl(Duration d, Duration familyMaxAge) { return new TokenPolicy(issuer, audience, scope, requiredScope, accessTokenTtl, d, familyMaxAge, activationCodeTtl, maxClockSkew); }
    public TokenPolicy withActivationCodeTtl(Duration d) { return new TokenPolicy(issuer, audience, scope, requiredScope, accessTokenTtl, refreshTokenTtl, refreshFamilyMaxAge, d, maxClockSkew); }
    public TokenPolicy withMaxClockSkew(Duration d) { return new TokenPolicy(issuer, audience, scope, requiredScope, accessTokenTtl, refreshTokenTtl, refreshFamilyMaxAge, activationCodeTtl, d); }

    private static boolean positive(Duration d) { return d != null && d.compareTo(Duration.ofSeconds(1)) >= 0; }

    private static void require(boolean ok, String message) {
        if (!ok) throw new OAuthException("oauth.policy-invalid", OAuthException.INVALID_REQUEST, message);
    }
}
