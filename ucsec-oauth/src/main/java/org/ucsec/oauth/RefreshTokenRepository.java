package org.ucsec.oauth;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Where refresh tokens live (hashed), with their families' revocation. The node backs it with its store;
 * {@link InMemoryRefreshTokenRepository} is the thread-safe in-memory one. {@link #markUsed} must be atomic.
 */
public interface RefreshTokenRepository {
    void save(StoredRefreshToken token);

    Optional<StoredRefreshToken> findByHash(String hash);

    /** Marks the token used if it is not yet: true for exactly one caller (a conditional update). */
    boolean markUsed(String hash, Instant at);

    void revokeFamily(String familyId, Instant at);

    boolean isFamilyRevoked(String familyId);

    /** Revokes every family of the device; returns how many families were live. */
    int revokeDevice(String deviceId, Instant at);

    /** Removes tokens that expired before {@code now} (families stay revoked); returns how many. */
    int deleteExpired(Instant now);

    /** Live (unused, unrevoked) tokens, for listing. */
    List<StoredRefreshToken> live();
}
