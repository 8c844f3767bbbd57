package org.ucsec.oauth;

import java.time.Instant;
import java.util.Optional;

/** An activation code as stored: only its hash (base64url SHA-256 of the normalised code), never the code. */
public record StoredActivationCode(String hash, String deviceId, Instant createdAt, Instant expiresAt, Optional<Instant> usedAt) {
    public StoredActivationCode used(Instant at) { return new StoredActivationCode(hash, deviceId, createdAt, expiresAt, Optional.of(at)); }
}
