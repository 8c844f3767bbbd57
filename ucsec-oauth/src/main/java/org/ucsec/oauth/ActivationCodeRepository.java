package org.ucsec.oauth;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Where activation codes live (hashed). The node backs it with its store; {@link InMemoryActivationCodeRepository}
 * is the thread-safe in-memory one. Implementations must make {@link #markUsed} atomic (a conditional update).
 */
public interface ActivationCodeRepository {
    /** Stores {@code code}, removing any earlier code of the same device (one live code per device). */
    void replaceForDevice(StoredActivationCode code);

    Optional<StoredActivationCode> findByHash(String hash);

    /** Marks the code used if it is not yet: true for exactly one caller. */
    boolean markUsed(String hash, Instant at);

    /** Removes the device's codes; returns how many. */
    int deleteForDevice(String deviceId);

    /** Removes codes that expired before {@code now}; returns how many. */
    int deleteExpired(Instant now);

    /** Every stored code (hashes only), for listing. */
    List<StoredActivationCode> list();
}
