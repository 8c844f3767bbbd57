package org.ucsec.oauth;

import org.junit.jupiter.api.Test;
import org.ucsec.core.SecretAccess;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TokenServiceTest {
    static final String DEV = "CSFjdoe";
    static final SecretAccess A = SecretAccess.granted();

    final MutableClock clock = MutableClock.at("2026-12-01T12:00:00Z");
    final SigningKeys keys = SigningKeys.generate(clock);
    final InMemoryRefreshTokenRepository refreshRepo = new InMemoryRefreshTokenRepository();
    final InMemoryActivationCodeRepository codeRepo = new InMemoryActivationCodeRepository();
    final TokenService svc = new TokenService(TokenPolicy.defaults("https://cucm1/oauth", "sip:cucm1"), keys, codeRepo, refreshRepo,
            new InMemoryDeviceRevocations(), clock);

    static void refusedWith(String code, String error, org.assertj.core.api.ThrowableAssert.ThrowingCallable call) {
        assertThatThrownBy(call).isInstanceOfSatisfying(OAuthException.class, e -> {
            assertThat(e.code()).isEqualTo(code);
            assertThat(e.error()).isEqualTo(error);
        });
    }

    String access(TokenResponse r) { return r.access().token().revealString(A); }

    String refresh(TokenResponse r) { return r.refresh().orElseThrow().token().revealString(A); }

    @Test
    void explicitOnboarding_givesAVerifiableAccessToken_andARefreshTokenOnlyWithRefreshLogin() {
        String code = svc.createActivationCode(DEV).code().revealString(A);
        TokenResponse r = svc.redeemActivationCode(code, DEV, Optional.empty(), true);
        assertThat(svc.verify(access(r), DEV, Optional.empty()).deviceId()).isEqualTo(DEV);
        assertThat(refresh(r)).matches("[A-Za-z0-9_-]{43}");
        Map<String, Object> body = r.responseBody(A, clock.instant());
        assertThat(body).containsEntry("token_type", "Bearer").containsEntry("expires_in", 600L).containsEntry("scope", "sip:register")
                .containsEntry("access_token", access(r)).containsEntry("refresh_token", refresh(r));

        String code2 = svc.createActivationCode("CSFasmith").code().revealString(A);
        TokenResponse noRefresh = svc.redeemActivationCode(code2, "CSFasmith", Optional.empty(), false);
        assertThat(noRefresh.refresh()).isEmpty();
        assertThat(noRefresh.responseBody(A, clock.instant())).doesNotContainKey("refresh_token");
        refusedWith("oauth.activation-used", "invalid_grant", () -> svc.redeemActivationCode(code2, "CSFasmith", Optional.empty(), false));
    }

    @Test
    void reusedActivationCode_revokesWhatTheFirstRedemptionGot() {
        String code = svc.createActivationCode(DEV).code().revealString(A);
        TokenResponse first = svc.redeemActivationCode(code, DEV, Optional.empty(), true);
        clock.advance(Duration.ofSeconds(2));
        refusedWith("oauth.activation-used", "invalid_grant", () -> svc.redeemActivationCode(code, DEV, Optional.empty(), true));
        refusedWith("oauth.token-revoked", "invalid_token", () -> svc.verify(access(first), DEV, Optional.empty()));
        refusedWith("oauth.refresh-revoked", "invalid_grant", () -> svc.refresh(refresh(first), Optional.empty(), true));
    }

    @Test
    void refresh_rotatesOnEveryUse() {
        TokenResponse r0 = svc.issueImplicit(DEV, Optional.empty(), true);
        clock.advance(Duration.ofMinutes(11));
        refusedWith("oauth.token-expired", "invalid_token", () -> svc.verify(access(r0), DEV, Optional.empty()));
        TokenResponse r1 = svc.refresh(refresh(r0), Optional.empty(), true);
        assertThat(refresh(r1)).isNotEqualTo(refresh(r0));
        assertThat(r1.refresh().get().familyId()).isEqualTo(r0.refresh().get().familyId());
        assertThat(svc.verify(access(r1), DEV, Optional.empty()).deviceId()).isEqualTo(DEV);
        TokenResponse r2 = svc.refresh(refresh(r1), Optional.empty(), true);
        assertThat(svc.verify(access(r2), DEV, Optional.empty())).isNotNull();
        assertThat(refreshRepo.live()).hasSize(1);
    }

    @Test
    void reusedRefreshToken_revokesTheWholeFamily() {
        TokenResponse r0 = svc.issueImplicit(DEV, Optional.empty(), true);
        TokenResponse r1 = svc.refresh(refresh(r0), Optional.empty(), true);
        // the attacker (or the device) presents the already-used r0
        refusedWith("oauth.refresh-reused", "invalid_grant", () -> svc.refresh(refresh(r0), Optional.empty(), true));
        // the family is gone: the successor the legitimate holder has is refused too
        refusedWith("oauth.refresh-revoked", "invalid_grant", () -> svc.refresh(refresh(r1), Optional.empty(), true));
        // another family of the same device is untouched
        TokenResponse other = svc.issueImplicit(DEV, Optional.empty(), true);
        assertThat(svc.refresh(refresh(other), Optional.empty(), true)).isNotNull();
    }

    @Test
    void refresh_expiresByClock_andTheFamilyHasAMaximumAge() {
        TokenResponse r0 = svc.issueImplicit(DEV, Optional.empty(), true);
        clock.advance(Duration.ofDays(60));
        refusedWith("oauth.refresh-expired", "invalid_grant", () -> svc.refresh(refresh(r0), Optional.empty(), true));

        TokenResponse f = svc.issueImplicit(DEV, Optional.empty(), true);
        String rt = refresh(f);
        for (int i = 0; i < 3; i++) { clock.advance(Duration.ofDays(29)); rt = refresh(svc.refresh(rt, Optional.empty(), true)); }
        // 87 days into the family: its successor lives only to day 90, not 60 days more
        TokenResponse last = svc.refresh(rt, Optional.empty(), true);
        assertThat(last.refresh().get().expiresAt()).isEqualTo(f.refresh().get().expiresAt().minus(Duration.ofDays(60)).plus(Duration.ofDays(90)));
        clock.advance(Duration.ofDays(3));
        String lastRt = refresh(last);
        refusedWith("oauth.refresh-expired", "invalid_grant", () -> svc.refresh(lastRt, Optional.empty(), true));
    }

    @Test
    void sweep_dropsExpiredCodesAndTokens_butKeepsUsedOnesUntilTheyExpire() {
        svc.createActivationCode(DEV);
        TokenResponse r0 = svc.issueImplicit(DEV, Optional.empty(), true);
        TokenResponse r1 = svc.refresh(refresh(r0), Optional.empty(), true);
        assertThat(svc.sweep()).isEqualTo(new TokenService.Sweep(0, 0));
        // the used r0 is still known: presenting it is a reuse, not an unknown token
        refusedWith("oauth.refresh-reused", "invalid_grant", () -> svc.refresh(refresh(r0), Optional.empty(), true));
        assertThat(refreshRepo.size()).isEqualTo(3);     // r0, r1 and the revoked family's mark
        clock.advance(Duration.ofDays(61));
        assertThat(svc.sweep()).isEqualTo(new TokenService.Sweep(1, 2));
        assertThat(refreshRepo.size()).isZero();
        refusedWith("oauth.refresh-unknown", "invalid_grant", () -> svc.refresh(refresh(r1), Optional.empty(), true));
    }

    @Test
    void refresh_isRefusedWhenRefreshLoginIsDisabled() {
        TokenResponse r0 = svc.issueImplicit(DEV, Optional.empty(), true);
        refusedWith("oauth.refresh-disabled", "unsupported_grant_type", () -> svc.refresh(refresh(r0), Optional.empty(), false));
        assertThat(svc.issueImplicit(DEV, Optional.empty(), false).refresh()).isEmpty();
        // refusing did not consume it
        assertThat(svc.refresh(refresh(r0), Optional.empty(), true)).isNotNull();
    }

    @Test
    void malformedOrUnknownRefreshTokens_areRefused() {
        for (String bad : new String[]{"", "short", "A".repeat(44), "A".repeat(42) + "=", "A".repeat(42) + "+"})
            refusedWith("oauth.refresh-malformed", "invalid_grant", () -> svc.refresh(bad, Optional.empty(), true));
        refusedWith("oauth.refresh-malformed", "invalid_grant", () -> svc.refresh(null, Optional.empty(), true));
        refusedWith("oauth.refresh-unknown", "invalid_grant", () -> svc.refresh("A".repeat(43), Optional.empty(), true));
    }

    @Test
    void certificateBoundFamily_rotatesOnlyWithThatCertificate_andItsAccessTokensStayBound() {
        String a = AccessTokenVerifierTest.THUMB_A, b = AccessTokenVerifierTest.THUMB_B;
        TokenResponse r0 = svc.issueImplicit(DEV, Optional.of(a), true);
        refusedWith("oauth.token-cnf-mismatch", "invalid_token", () -> svc.verify(access(r0), DEV, Optional.of(b)));
        refusedWith("oauth.refresh-cnf-mismatch", "invalid_grant", () -> svc.refresh(refresh(r0), Optional.of(b), true));
        refusedWith("oauth.refresh-cnf-mismatch", "invalid_grant", () -> svc.refresh(refresh(r0), Optional.empty(), true));
        TokenResponse r1 = svc.refresh(refresh(r0), Optional.of(a), true);
        assertThat(svc.verify(access(r1), DEV, Optional.of(a)).certThumbprint()).contains(a);
    }

    @Test
    void adminRevokeOfADevice_killsItsRefreshFamilies_accessTokens_andActivationCode() {
        TokenResponse f1 = svc.issueImplicit(DEV, Optional.empty(), true);
        TokenResponse f2 = svc.issueImplicit(DEV, Optional.empty(), true);
        TokenResponse otherDevice = svc.issueImplicit("CSFasmith", Optional.empty(), true);
        String code = svc.createActivationCode(DEV).code().revealString(A);
        clock.advance(Duration.ofMillis(10));
        TokenService.Revocation rev = svc.revokeDevice(DEV);
        assertThat(rev.refreshFamilies()).isEqualTo(2);
        assertThat(rev.activationCodes()).isEqualTo(1);
        refusedWith("oauth.token-revoked", "invalid_token", () -> svc.verify(access(f1), DEV, Optional.empty()));
        refusedWith("oauth.token-revoked", "invalid_token", () -> svc.verify(access(f2), DEV, Optional.empty()));
        refusedWith("oauth.refresh-revoked", "invalid_grant", () -> svc.refresh(refresh(f1), Optional.empty(), true));
        refusedWith("oauth.refresh-revoked", "invalid_grant", () -> svc.refresh(refresh(f2), Optional.empty(), true));
        refusedWith("oauth.activation-unknown", "invalid_grant", () -> svc.redeemActivationCode(code, DEV, Optional.empty(), true));
        assertThat(svc.verify(access(otherDevice), "CSFasmith", Optional.empty())).isNotNull();
        assertThat(svc.refresh(refresh(otherDevice), Optional.empty(), true)).isNotNull();
        // the device can onboard again afterwards (tokens issued after the revocation second)
        clock.advance(Duration.ofSeconds(1));
        TokenResponse again = svc.redeemActivationCode(svc.createActivationCode(DEV).code().revealString(A), DEV, Optional.empty(), true);
        assertThat(svc.verify(access(again), DEV, Optional.empty())).isNotNull();
    }

    @Test
    void concurrentRotations_ofOneRefreshToken_letOneThrough_andRevokeTheFamily() throws Exception {
        String rt = refresh(svc.issueImplicit(DEV, Optional.empty(), true));
        int n = 12;
        ExecutorService pool = Executors.newFixedThreadPool(6);
        CountDownLatch go = new CountDownLatch(1);
        AtomicInteger ok = new AtomicInteger();
        List<String> codes = java.util.Collections.synchronizedList(new ArrayList<>());
        List<Future<?>> fs = new ArrayList<>();
        List<String> winners = java.util.Collections.synchronizedList(new ArrayList<>());
        for (int i = 0; i < n; i++)
            fs.add(pool.submit(() -> {
                go.await();
                try { winners.add(refresh(svc.refresh(rt, Optional.empty(), true))); ok.incrementAndGet(); }
                catch (OAuthException e) { codes.add(e.code()); }
                return null;
            }));
        go.countDown();
        for (Future<?> f : fs) f.get();
        pool.shutdown();
        assertThat(ok.get()).isEqualTo(1);
        assertThat(codes).hasSize(n - 1).allMatch(c -> c.equals("oauth.refresh-reused") || c.equals("oauth.refresh-revoked"));
        // reuse was detected, so even the winner's successor is dead
        refusedWith("oauth.refresh-revoked", "invalid_grant", () -> svc.refresh(winners.get(0), Optional.empty(), true));
    }
}
