package org.ucsec.oauth;

import org.ucsec.core.SecretAccess;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** What the token endpoint answers: an access token and, with refresh login (O3) on, a refresh token. */
public record TokenResponse(IssuedAccessToken access, Optional<IssuedRefreshToken> refresh) {
    /**
     * The RFC 6749 5.1 response body ({@code access_token, token_type, expires_in, scope, refresh_token}); the caller
     * serialises it as JSON with {@code Cache-Control: no-store}. Holds the tokens in clear: answer with it, never log it.
     */
    public Map<String, Object> responseBody(SecretAccess access, Instant now) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("access_token", this.access.token().revealString(access));
        m.put("token_type", "Bearer");
        m.put("expires_in", Math.max(0, Duration.between(now, this.access.expiresAt()).toSeconds()));
        m.put("scope", this.access.scope());
        refresh.ifPresent(r -> m.put("refresh_token", r.token().revealString(access)));
        return m;
    }
}
