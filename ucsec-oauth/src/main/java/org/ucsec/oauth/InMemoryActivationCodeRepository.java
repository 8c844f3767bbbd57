package org.ucsec.oauth;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Thread-safe in-memory {@link ActivationCodeRepository} (one lock; codes are few). */
public final class InMemoryActivationCodeRepository implements ActivationCodeRepository {
    private final Map<String, StoredActivationCode> byHash = new LinkedHashMap<>();

    @Override public synchronized void replaceForDevice(StoredActivationCode code) {
        byHash.values().removeIf(c -> c.deviceId().equals(code.deviceId()));
        byHash.put(code.hash(), code);
    }

    @Override public synchronized Optional<StoredActivationCode> findByHash(String hash) { return Optional.ofNullable(byHash.get(hash)); }

    @Override public synchronized boolean markUsed(String hash, Instant at) {
        StoredActivationCode c = byHash.get(hash);
        if (c == null || c.usedAt().isPresent()) return false;
        byHash.put(hash, c.used(at));
        return true;
    }

    @Override public synchronized int deleteForDevice(String deviceId) {
        int before = byHash.size();
        byHash.values().removeIf(c -> c.deviceId().equals(deviceId));
        return before - byHash.size();
    }

    @Override public synchronized int deleteExpired(Instant now) {
        int before = byHash.size();
        byHash.values().removeIf(c -> c.expiresAt().isBefore(now));
        return before - byHash.size();
    }

    @Override public synchronized List<StoredActivationCode> list() { return List.copyOf(new ArrayList<>(byHash.values())); }
}
