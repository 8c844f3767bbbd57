package org.ucsec.oauth;

import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Thread-safe in-memory {@link RefreshTokenRepository} (one lock). */
public final class InMemoryRefreshTokenRepository implements RefreshTokenRepository {
    private final Map<String, StoredRefreshToken> byHash = new LinkedHashMap<>();
    private final Map<String, Instant> revokedFamilies = new HashMap<>();

    @Override public synchronized void save(StoredRefreshToken token) { byHash.put(token.hash(), token); }

    @Override public synchronized Optional<StoredRefreshToken> findByHash(String hash) { return Optional.ofNullable(byHash.get(hash)); }

    @Override public synchronized boolean markUsed(String hash, Instant at) {
        StoredRefreshToken t = byHash.get(hash);
        if (t == null || t.usedAt().isPresent()) return false;
        byHash.put(hash, new StoredRefreshToken(t.hash(), t.familyId(), t.deviceId(), t.familyCreatedAt(), t.issuedAt(), t.expiresAt(), Optional.of(at), t.certThumbprint()));
        return true;
    }

    @Override public synchronized void revokeFamily(String familyId, Instant at) { revokedFamilies.putIfAbsent(familyId, at); }

    @Override public synchronized boolean isFamilyRevoked(String familyId) { return revokedFamilies.containsKey(familyId); }

    @Override public synchronized int revokeDevice(String deviceId, Instant at) {
        Set<String> families = new HashSet<>();
        for (StoredRefreshToken t : byHash.values())
            if (t.deviceId().equals(deviceId) && !revokedFamilies.containsKey(t.familyId())) families.add(t.familyId());
        for (String f : families) revokedFamilies.put(f, at);
        return families.size();
    }

    @Override public synchronized int deleteExpired(Instant now) {
        int before = byHash.size();
        byHash.values().removeIf(t -> t.expiresAt().isBefore(now));
        // a revoked family with no token left cannot be presented any more: its mark can go
        Set<String> families = new HashSet<>();
        for (StoredRefreshToken t : byHash.values()) families.add(t.familyId());
        revokedFamilies.keySet().retainAll(families);
        return before - byHash.size();
    }

    /** Tokens held (used ones included, until they expire), for tests of the sweep. */
    synchronized int size() { return byHash.size() + revokedFamilies.size(); }

    @Override public synchronized List<StoredRefreshToken> live() {
        return byHash.values().stream().filter(t -> t.usedAt().isEmpty() && !revokedFamilies.containsKey(t.familyId())).toList();
    }
}
