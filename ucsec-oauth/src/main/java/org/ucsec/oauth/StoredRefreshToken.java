package org.ucsec.oauth;

import java.time.Instant;
import java.util.Optional;

/**
 * A refresh token as stored: its hash only. All tokens rotated from one grant share {@code familyId}; the family
 * lives at most until {@code familyCreatedAt + refreshFamilyMaxAge}.
 */
public record StoredRefreshToken(String hash, String familyId, String deviceId, Instant familyCreatedAt, Instant issuedAt,
                                 Instant expiresAt, Optional<Instant> usedAt, Optional<String> certThumbprint) {}
