package org.ucsec.oauth;

import org.junit.jupiter.api.Test;
import org.ucsec.core.SecretAccess;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ActivationCodesTest {
    final MutableClock clock = MutableClock.at("2026-12-01T12:00:00Z");
    final InMemoryActivationCodeRepository repo = new InMemoryActivationCodeRepository();
    final ActivationCodes codes = new ActivationCodes(repo, Duration.ofHours(168), clock);

    static void refusedWith(String code, org.assertj.core.api.ThrowableAssert.ThrowingCallable call) {
        assertThatThrownBy(call).isInstanceOfSatisfying(OAuthException.class, e -> {
            assertThat(e.code()).isEqualTo(code);
            assertThat(e.error()).isEqualTo(code.equals("oauth.device-invalid") ? "invalid_request" : "invalid_grant");
        });
    }

    @Test
    void code_isReturnedOnceInClear_andStoredOnlyAsItsHash() {
        IssuedActivationCode c = codes.create("SEP001122334455");
        String clear = c.code().revealString(SecretAccess.granted());
        assertThat(clear).matches("([A-Z2-7]{4}-){6}[A-Z2-7]{2}");
        assertThat(c.toString()).doesNotContain(clear);
        assertThat(c.expiresAt()).isEqualTo(clock.instant().plus(Duration.ofHours(168)));
        List<StoredActivationCode> stored = repo.list();
        assertThat(stored).hasSize(1);
        String normalised = clear.replace("-", "");
        assertThat(stored.get(0).hash()).isEqualTo(Opaque.hash(normalised)).doesNotContain(normalised);
        assertThat(stored.toString()).doesNotContain(normalised).doesNotContain(clear);
    }

    @Test
    void code_redeemsOnce_inAnyCaseAndGrouping_thenIsRefusedAsUsed() {
        String clear = codes.create("SEP001122334455").code().revealString(SecretAccess.granted());
        assertThat(codes.redeem(clear.toLowerCase().replace("-", " "), "SEP001122334455").usedAt()).contains(clock.instant());
        refusedWith("oauth.activation-used", () -> codes.redeem(clear, "SEP001122334455"));
    }

    @Test
    void code_expiresByTheInjectedClock() {
        String clear = codes.create("SEP001122334455").code().revealString(SecretAccess.granted());
        clock.advance(Duration.ofHours(168));
        refusedWith("oauth.activation-expired", () -> codes.redeem(clear, "SEP001122334455"));
    }

    @Test
    void code_forAnotherDevice_isRefused_andStaysUsableByItsDevice() {
        String clear = codes.create("SEP001122334455").code().revealString(SecretAccess.granted());
        refusedWith("oauth.activation-device", () -> codes.redeem(clear, "SEPAABBCCDDEEFF"));
        codes.redeem(clear, "SEP001122334455");
    }

    @Test
    void newCode_replacesTheDevicesEarlierCode() {
        String first = codes.create("SEP001122334455").code().revealString(SecretAccess.granted());
        String second = codes.create("SEP001122334455").code().revealString(SecretAccess.granted());
        assertThat(second).isNotEqualTo(first);
        refusedWith("oauth.activation-unknown", () -> codes.redeem(first, "SEP001122334455"));
        codes.redeem(second, "SEP001122334455");
    }

    @Test
    void malformedOrUnknownCodes_areRefused() {
        for (String bad : new String[]{"", "ABCD", "A".repeat(27), "A".repeat(25) + "1", "A".repeat(25) + "\u00c5", "x".repeat(65)})
            refusedWith("oauth.activation-malformed", () -> codes.redeem(bad, "SEP001122334455"));
        refusedWith("oauth.activation-malformed", () -> codes.redeem(null, "SEP001122334455"));
        refusedWith("oauth.activation-unknown", () -> codes.redeem("A".repeat(26), "SEP001122334455"));
        refusedWith("oauth.device-invalid", () -> codes.create("bad device"));
    }

    @Test
    void concurrentRedemptions_ofOneCode_letExactlyOneThrough() throws Exception {
        String clear = codes.create("SEP001122334455").code().revealString(SecretAccess.granted());
        int n = 16;
        ExecutorService pool = Executors.newFixedThreadPool(8);
        CountDownLatch go = new CountDownLatch(1);
        AtomicInteger ok = new AtomicInteger(), used = new AtomicInteger();
        List<Future<?>> fs = new ArrayList<>();
        for (int i = 0; i < n; i++)
            fs.add(pool.submit(() -> {
                go.await();
                try { codes.redeem(clear, "SEP001122334455"); ok.incrementAndGet(); }
                catch (OAuthException e) { if (e.code().equals("oauth.activation-used")) used.incrementAndGet(); }
                return null;
            }));
        go.countDown();
        for (Future<?> f : fs) f.get();
        pool.shutdown();
        assertThat(ok.get()).isEqualTo(1);
        assertThat(used.get()).isEqualTo(n - 1);
    }

    @Test
    void sweep_removesExpiredCodes() {
        codes.create("SEP001122334455");
        clock.advance(Duration.ofHours(169));
        codes.create("SEPAABBCCDDEEFF");
        assertThat(repo.deleteExpired(clock.instant())).isEqualTo(1);
        assertThat(repo.list()).extracting(StoredActivationCode::deviceId).containsExactly("SEPAABBCCDDEEFF");
    }
}
