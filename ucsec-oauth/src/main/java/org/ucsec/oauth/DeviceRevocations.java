package org.ucsec.oauth;

import java.time.Instant;
import java.util.Optional;

/**
 * The revocation list by device: every access token of a device issued at or before the device's instant is
 * refused ({@code oauth.token-revoked}). JWT {@code iat} has second precision, so a token issued in the same second
 * as the revocation is refused too (the safe side). The node backs this with its store; {@link InMemoryDeviceRevocations}
 * serves tests and a node that does not persist yet.
 */
public interface DeviceRevocations {
    /** Records that tokens of {@code deviceId} issued at or before {@code issuedBefore} are revoked (the later instant wins). */
    void revoke(String deviceId, Instant issuedBefore);

    Optional<Instant> revokedBefore(String deviceId);
}
