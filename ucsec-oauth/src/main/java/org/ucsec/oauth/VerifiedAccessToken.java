package org.ucsec.oauth;

import java.time.Instant;
import java.util.Optional;

/** The claims of an access token that passed every check of {@link AccessTokenVerifier}. */
public record VerifiedAccessToken(String deviceId, String jti, String kid, String scope, Instant issuedAt,
                                  Instant expiresAt, Optional<String> certThumbprint) {}
