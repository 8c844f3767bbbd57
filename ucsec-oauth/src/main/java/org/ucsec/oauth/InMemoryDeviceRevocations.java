package org.ucsec.oauth;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** Thread-safe in-memory {@link DeviceRevocations}. */
public final class InMemoryDeviceRevocations implements DeviceRevocations {
    private final Map<String, Instant> revoked = new ConcurrentHashMap<>();

    @Override public void revoke(String deviceId, Instant issuedBefore) {
        revoked.merge(deviceId, issuedBefore, (a, b) -> a.isAfter(b) ? a : b);
    }

    @Override public Optional<Instant> revokedBefore(String deviceId) { return Optional.ofNullable(revoked.get(deviceId)); }

    /** Every entry (device -> instant), for listing. */
    public Map<String, Instant> all() { return Map.copyOf(revoked); }
}
