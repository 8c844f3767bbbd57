package org.ucsec.oauth;

import java.time.Clock;
import java.util.Objects;
import java.util.Optional;

/**
 * The token service of O10 in one place: what the node's token endpoint and SIP edge call. Storage is behind the
 * repository interfaces; the signing keys are the caller's (restored from its encrypted store). Every time check uses
 * the injected clock.
 *
 * <ul>
 * <li>explicit onboarding: {@link #createActivationCode} (administrator), {@link #redeemActivationCode} (device);</li>
 * <li>implicit: {@link #issueImplicit} for a device the caller has already authenticated (registered, client certificate);</li>
 * <li>{@link #refresh}: only when refresh login (O3) is on ({@code oauth.refresh-disabled} otherwise);</li>
 * <li>{@link #revokeDevice}: every refresh family, the live activation code and every access token issued until now;</li>
 * <li>{@link #verify}: the edge's check of a presented access token.</li>
 * </ul>
 */
public final class TokenService {
    private final TokenPolicy policy;
    private final Clock clock;
    private final AccessTokenIssuer issuer;
    private final AccessTokenVerifier verifier;
    private final ActivationCodes activationCodes;
    private final ActivationCodeRepository activationRepo;
    private final RefreshTokens refreshTokens;
    private final RefreshTokenRepository refreshRepo;
    private final DeviceRevocations revocations;

    /** What {@link #revokeDevice} did. */
    public record Revocation(String deviceId, java.time.Instant revokedBefore, int refreshFamilies, int activationCodes) {}

    public TokenService(TokenPolicy policy, SigningKeys keys, ActivationCodeRepository activationRepo,
                        RefreshTokenRepository refreshRepo, DeviceRevocations revocations, Clock clock) {
        this.policy = Objects.requireNonNull(policy, "policy");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.activationRepo = Objects.requireNonNull(activationRepo, "activationRepo");
        this.revocations = Objects.requireNonNull(revocations, "revocations");
        this.refreshRepo = Objects.requireNonNull(refreshRepo, "refreshRepo");
        this.issuer = new AccessTokenIssuer(keys, policy, clock);
        this.verifier = new AccessTokenVerifier(keys, policy, revocations, clock);
        this.activationCodes = new ActivationCodes(activationRepo, policy.activationCodeTtl(), clock);
        this.refreshTokens = new RefreshTokens(refreshRepo, policy.refreshTokenTtl(), policy.refreshFamilyMaxAge(), clock);
    }

    /** A thread-safe in-memory service (tests; a node that does not persist tokens yet). */
    public static TokenService inMemory(TokenPolicy policy, SigningKeys keys, Clock clock) {
        return new TokenService(policy, keys, new InMemoryActivationCodeRepository(), new InMemoryRefreshTokenRepository(), new InMemoryDeviceRevocations(), clock);
    }

    public TokenPolicy policy() { return policy; }

    public IssuedActivationCode createActivationCode(String deviceId) { return activationCodes.create(deviceId); }

    /**
     * Explicit onboarding: the one-time code for {@code deviceId} buys an access token (and a refresh token with O3 on).
     * A code presented a second time for its device means two parties hold it: as RFC 6749 4.1.2 advises for a reused
     * authorization code, everything issued to the device is revoked ({@link #revokeDevice}) before the refusal
     * {@code oauth.activation-used}; the device needs a new code.
     */
    public TokenResponse redeemActivationCode(String code, String deviceId, Optional<String> certThumbprint, boolean refreshLogin) {
        Opaque.checkThumbprint(certThumbprint);
        try {
            activationCodes.redeem(code, deviceId);
        } catch (OAuthException e) {
            if (e.code().equals("oauth.activation-used")) revokeDevice(deviceId);
            throw e;
        }
        return grant(deviceId, certThumbprint, refreshLogin);
    }

    /** Implicit (O2 default): the caller has authenticated {@code deviceId} (already registered, by its client certificate). */
    public TokenResponse issueImplicit(String deviceId, Optional<String> certThumbprint, boolean refreshLogin) {
        return grant(deviceId, certThumbprint, refreshLogin);
    }

    /** Refresh grant: rotates the refresh token and issues a new access token for the family's device. */
    public TokenResponse refresh(String refreshToken, Optional<String> certThumbprint, boolean refreshLogin) {
        return refresh(refreshToken, certThumbprint, refreshLogin, device -> {});
    }

    /** Refresh grant with the caller's check of the token's device, run before the token is used (see {@link RefreshTokens#rotate(String, Optional, java.util.function.Consumer)}). */
    public TokenResponse refresh(String refreshToken, Optional<String> certThumbprint, boolean refreshLogin, java.util.function.Consumer<String> ownerCheck) {
        if (!refreshLogin) throw new OAuthException("oauth.refresh-disabled", OAuthException.UNSUPPORTED_GRANT_TYPE, "refresh login (OAuth with refresh login) is disabled");
        Opaque.checkThumbprint(certThumbprint);
        RefreshTokens.Rotation r = refreshTokens.rotate(refreshToken, certThumbprint, ownerCheck);
        IssuedAccessToken at = issuer.issue(r.deviceId(), r.certThumbprint().isPresent() ? r.certThumbprint() : certThumbprint);
        return new TokenResponse(at, Optional.of(r.next()));
    }

    public Revocation revokeDevice(String deviceId) {
        Opaque.checkDevice(deviceId);
        var now = clock.instant();
        revocations.revoke(deviceId, now);
        int families = refreshTokens.revokeDevice(deviceId);
        int codes = activationRepo.deleteForDevice(deviceId);
        return new Revocation(deviceId, now, families, codes);
    }

    /** What {@link #sweep} removed. */
    public record Sweep(int activationCodes, int refreshTokens) {}

    /**
     * Removes expired activation codes and refresh tokens (used ones are kept until they expire, so a reuse is still
     * recognised as one). The node calls it periodically; the repositories otherwise only grow.
     */
    public Sweep sweep() {
        var now = clock.instant();
        return new Sweep(activationRepo.deleteExpired(now), refreshRepo.deleteExpired(now));
    }

    public VerifiedAccessToken verify(String accessToken, String expectedDevice, Optional<String> presentedCertThumbprint) {
        return verifier.verify(accessToken, expectedDevice, presentedCertThumbprint);
    }

    public AccessTokenIssuer issuer() { return issuer; }

    public AccessTokenVerifier verifier() { return verifier; }

    private TokenResponse grant(String deviceId, Optional<String> certThumbprint, boolean refreshLogin) {
        IssuedAccessToken at = issuer.issue(deviceId, certThumbprint);
        Optional<IssuedRefreshToken> rt = refreshLogin ? Optional.of(refreshTokens.issue(deviceId, certThumbprint)) : Optional.empty();
        return new TokenResponse(at, rt);
    }
}
