package org.ucsec.oauth;

import java.security.MessageDigest;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * Explicit onboarding (O2 "Explicit: activation code device onboarding required", O9): a one-time code created for
 * one device, returned once in clear, stored as its SHA-256 hash, expiring. A code is 128 random bits written as 26
 * base32 letters (RFC 4648, upper case, no padding), shown in groups of four; redeeming accepts any case and ignores
 * dashes and spaces. Creating a code for a device replaces the device's earlier code.
 *
 * <p>Refusals (RFC 6749 {@code invalid_grant}): {@code oauth.activation-malformed}, {@code oauth.activation-unknown},
 * {@code oauth.activation-device} (the code is another device's; it stays usable by that device),
 * {@code oauth.activation-used}, {@code oauth.activation-expired}.
 */
public final class ActivationCodes {
    static final int CODE_CHARS = 26;
    private static final char[] BASE32 = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567".toCharArray();

    private final ActivationCodeRepository repo;
    private final Duration ttl;
    private final Clock clock;

    public ActivationCodes(ActivationCodeRepository repo, Duration ttl, Clock clock) {
        this.repo = Objects.requireNonNull(repo, "repo");
        this.ttl = Objects.requireNonNull(ttl, "ttl");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    public IssuedActivationCode create(String deviceId) {
        Opaque.checkDevice(deviceId);
        String code = base32(Opaque.randomBytes(16));
        Instant now = clock.instant();
        Instant exp = now.plus(ttl);
        repo.replaceForDevice(new StoredActivationCode(Opaque.hash(code), deviceId, now, exp, Optional.empty()));
        return new IssuedActivationCode(deviceId, org.ucsec.core.Secret.of(group(code)), exp);
    }

    /** Consumes the code for {@code deviceId}, or throws with the reason. */
    public StoredActivationCode redeem(String presented, String deviceId) {
        Opaque.checkDevice(deviceId);
        String code = normalise(presented);
        String hash = Opaque.hash(code);
        StoredActivationCode stored = repo.findByHash(hash)
                .filter(s -> Opaque.sameHash(s.hash(), hash))
                .orElseThrow(() -> refuse("oauth.activation-unknown", "no such activation code"));
        if (!MessageDigest.isEqual(stored.deviceId().getBytes(StandardCharsets.UTF_8), deviceId.getBytes(StandardCharsets.UTF_8)))
            throw refuse("oauth.activation-device", "the activation code was created for another device, not " + deviceId);
        if (stored.usedAt().isPresent()) throw refuse("oauth.activation-used", "the activation code of " + deviceId + " was already used at " + stored.usedAt().get());
        Instant now = clock.instant();
        if (!now.isBefore(stored.expiresAt())) throw refuse("oauth.activation-expired", "the activation code of " + deviceId + " expired at " + stored.expiresAt());
        if (!repo.markUsed(hash, now)) throw refuse("oauth.activation-used", "the activation code of " + deviceId + " was already used");
        return stored.used(now);
    }

    static String normalise(String presented) {
        if (presented == null) throw refuse("oauth.activation-malformed", "no activation code");
        if (presented.length() > 64) throw refuse("oauth.activation-malformed", "activation code is too long");
        StringBuilder b = new StringBuilder(CODE_CHARS);
        for (int i = 0; i < presented.length(); i++) {
            char c = presented.charAt(i);
            if (c == '-' || c == ' ') continue;
            char u = Character.toUpperCase(c);
            if (!((u >= 'A' && u <= 'Z') || (u >= '2' && u <= '7')) || c > 0x7f)
                throw refuse("oauth.activation-malformed", "activation code has a character outside base32 at position " + i);
            b.append(u);
        }
        if (b.length() != CODE_CHARS) throw refuse("oauth.activation-malformed", "activation code must have " + CODE_CHARS + " base32 letters, not " + b.length());
        return b.toString().toUpperCase(Locale.ROOT);
    }

    private static String base32(byte[] bytes) {
        StringBuilder out = new StringBuilder();
        int buffer = 0, bits = 0;
        for (byte value : bytes) {
            buffer = (buffer << 8) | (value & 0xff);
            bits += 8;
            while (bits >= 5) { out.append(BASE32[(buffer >> (bits - 5)) & 31]); bits -= 5; }
        }
        if (bits > 0) out.append(BASE32[(buffer << (5 - bits)) & 31]);
        return out.toString();
    }

    private static String group(String code) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < code.length(); i++) {
            if (i > 0 && i % 4 == 0) b.append('-');
            b.append(code.charAt(i));
        }
        return b.toString();
    }

    private static OAuthException refuse(String code, String message) { return new OAuthException(code, OAuthException.INVALID_GRANT, message); }
}
