package org.ucsec.oauth;

import org.ucsec.core.Secret;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * Rotating refresh tokens (RFC 6819 5.2.2.3, OAuth 2.0 Security BCP (RFC 9700) 4.14.2): opaque, stored hashed, each
 * usable once; using one issues its successor in the same family. Presenting a token that was already used means two
 * parties hold it, so the whole family is revoked ({@code oauth.refresh-reused}) and the legitimate device must
 * onboard again. A family bound to a certificate (RFC 8705 4) rotates only on a connection with that certificate.
 *
 * <p>Refusals (RFC 6749 {@code invalid_grant}): {@code oauth.refresh-malformed}, {@code oauth.refresh-unknown},
 * {@code oauth.refresh-revoked}, {@code oauth.refresh-reused}, {@code oauth.refresh-expired},
 * {@code oauth.refresh-cnf-mismatch}.
 */
public final class RefreshTokens {
    private final RefreshTokenRepository repo;
    private final Duration ttl;
    private final Duration familyMaxAge;
    private final Clock clock;

    /** The result of a rotation: the device the family belongs to and the successor token. */
    public record Rotation(String deviceId, String familyId, IssuedRefreshToken next, Optional<String> certThumbprint) {}

    public RefreshTokens(RefreshTokenRepository repo, Duration ttl, Duration familyMaxAge, Clock clock) {
        this.repo = Objects.requireNonNull(repo, "repo");
        this.ttl = Objects.requireNonNull(ttl, "ttl");
        this.familyMaxAge = Objects.requireNonNull(familyMaxAge, "familyMaxAge");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** Starts a new family for the device. */
    public IssuedRefreshToken issue(String deviceId, Optional<String> certThumbprint) {
        Opaque.checkDevice(deviceId);
        Optional<String> cnf = Opaque.checkThumbprint(certThumbprint);
        Instant now = clock.instant();
        return store(deviceId, Opaque.b64url(Opaque.randomBytes(16)), now, now, cnf);
    }

    /** Uses {@code presented} once and returns its successor, or throws (revoking the family on reuse). */
    public Rotation rotate(String presented, Optional<String> presentedCertThumbprint) { return rotate(presented, presentedCertThumbprint, device -> {}); }

    /**
     * As {@link #rotate(String, Optional)}, with the caller's own check of the token's device ({@code ownerCheck}
     * throws to refuse) run after every check of the token and before it is used: a refusal leaves the token unused.
     */
    public Rotation rotate(String presented, Optional<String> presentedCertThumbprint, java.util.function.Consumer<String> ownerCheck) {
        Objects.requireNonNull(presentedCertThumbprint, "presentedCertThumbprint");
        if (!Opaque.isBase64Url(presented, 43, 43)) throw refuse("oauth.refresh-malformed", "refresh token is not 43 base64url characters");
        String hash = Opaque.hash(presented);
        StoredRefreshToken t = repo.findByHash(hash).filter(s -> Opaque.sameHash(s.hash(), hash))
                .orElseThrow(() -> refuse("oauth.refresh-unknown", "no such refresh token"));
        Instant now = clock.instant();
        if (repo.isFamilyRevoked(t.familyId())) throw refuse("oauth.refresh-revoked", "the refresh token's family of device " + t.deviceId() + " is revoked");
        if (t.usedAt().isPresent()) {
            repo.revokeFamily(t.familyId(), now);
            throw refuse("oauth.refresh-reused", "refresh token of device " + t.deviceId() + " was already used at " + t.usedAt().get() + ": its family is revoked");
        }
        if (!now.isBefore(t.expiresAt())) throw refuse("oauth.refresh-expired", "refresh token of device " + t.deviceId() + " expired at " + t.expiresAt());
        if (t.certThumbprint().isPresent()) {
            boolean match = presentedCertThumbprint.isPresent() && MessageDigest.isEqual(
                    t.certThumbprint().get().getBytes(StandardCharsets.US_ASCII), presentedCertThumbprint.get().getBytes(StandardCharsets.US_ASCII));
            if (!match) throw refuse("oauth.refresh-cnf-mismatch", "refresh token of device " + t.deviceId() + " is bound to another client certificate");
        }
        ownerCheck.accept(t.deviceId());
        if (!repo.markUsed(hash, now)) {
            repo.revokeFamily(t.familyId(), now);
            throw refuse("oauth.refresh-reused", "refresh token of device " + t.deviceId() + " was used concurrently: its family is revoked");
        }
        IssuedRefreshToken next = store(t.deviceId(), t.familyId(), t.familyCreatedAt(), now, t.certThumbprint());
        return new Rotation(t.deviceId(), t.familyId(), next, t.certThumbprint());
    }

    /** Revokes every family of the device. */
    public int revokeDevice(String deviceId) { return repo.revokeDevice(deviceId, clock.instant()); }

    private IssuedRefreshToken store(String deviceId, String familyId, Instant familyCreated, Instant now, Optional<String> cnf) {
        String clear = Opaque.b64url(Opaque.randomBytes(32));
        Instant exp = now.plus(ttl);
        Instant familyEnd = familyCreated.plus(familyMaxAge);
        if (exp.isAfter(familyEnd)) exp = familyEnd;
        repo.save(new StoredRefreshToken(Opaque.hash(clear), familyId, deviceId, familyCreated, now, exp, Optional.empty(), cnf));
        return new IssuedRefreshToken(Secret.of(clear), deviceId, familyId, exp);
    }

    private static OAuthException refuse(String code, String message) { return new OAuthException(code, OAuthException.INVALID_GRANT, message); }
}
