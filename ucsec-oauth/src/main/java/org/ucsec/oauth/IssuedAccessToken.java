package org.ucsec.oauth;

import org.ucsec.core.Secret;

import java.time.Instant;
import java.util.Optional;

/** An access token just issued: {@code token} is the JWS compact serialization (base64url, no padding). */
public record IssuedAccessToken(Secret token, String deviceId, String jti, String kid, String scope,
                                Instant issuedAt, Instant expiresAt, Optional<String> certThumbprint) {}
