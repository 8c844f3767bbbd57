package org.ucsec.tls.transport;

import org.junit.jupiter.api.Test;
import org.ucsec.tls.testing.TestCerts;

import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

/** The cache of accepted client chains is bounded in size and in time, and keyed by trust and policy versions. */
class ChainDecisionCacheTest {
    static final KeyPair KP = TestCerts.ec("secp256r1");
    final AtomicLong now = new AtomicLong(Instant.parse("2026-12-01T10:00:00Z").toEpochMilli());

    static X509Certificate cert(String cn, Instant notAfter) {
        return TestCerts.selfSigned(KP, "SHA256withECDSA", 3, cn, notAfter.minus(Duration.ofDays(30)), notAfter);
    }

    ChainDecisionCache cache(int size, Duration maxAge) { return new ChainDecisionCache(size, maxAge, now::get); }

    @Test
    void anAcceptedChain_isRemembered_underTheSameTrustAndPolicyVersionsOnly() throws Exception {
        ChainDecisionCache c = cache(10, Duration.ofMinutes(5));
        X509Certificate[] chain = {cert("phone1", Instant.parse("2027-01-01T00:00:00Z"))};
        var k = ChainDecisionCache.key(chain, "trust-1", "policy-1");
        assertThat(c.accepted(k)).isFalse();
        c.remember(k, chain, null);
        assertThat(c.accepted(ChainDecisionCache.key(chain, "trust-1", "policy-1"))).isTrue();
        assertThat(c.accepted(ChainDecisionCache.key(chain, "trust-2", "policy-1"))).as("new trust store").isFalse();
        assertThat(c.accepted(ChainDecisionCache.key(chain, "trust-1", "policy-2"))).as("new security mode").isFalse();
        X509Certificate[] other = {cert("phone2", Instant.parse("2027-01-01T00:00:00Z"))};
        assertThat(c.accepted(ChainDecisionCache.key(other, "trust-1", "policy-1"))).isFalse();
        assertThat(c.hits()).isEqualTo(1);
    }

    @Test
    void aDecision_expiresAtTheEarliestOfMaxAge_notAfter_andTheHooksNextUpdate() throws Exception {
        ChainDecisionCache c = cache(10, Duration.ofMinutes(5));
        X509Certificate[] longLived = {cert("a", Instant.parse("2027-01-01T00:00:00Z"))};
        X509Certificate[] expiresSoon = {cert("b", Instant.ofEpochMilli(now.get() + 60_000))};
        X509Certificate[] crlSoon = {cert("c", Instant.parse("2027-01-01T00:00:00Z"))};
        var ka = ChainDecisionCache.key(longLived, "t", "p");
        var kb = ChainDecisionCache.key(expiresSoon, "t", "p");
        var kc = ChainDecisionCache.key(crlSoon, "t", "p");
        c.remember(ka, longLived, null);
        c.remember(kb, expiresSoon, null);
        c.remember(kc, crlSoon, Instant.ofEpochMilli(now.get() + 120_000));
        now.addAndGet(90_000);
        assertThat(c.accepted(kb)).as("past the certificate's notAfter").isFalse();
        assertThat(c.accepted(kc)).isTrue();
        now.addAndGet(60_000);
        assertThat(c.accepted(kc)).as("past the revocation data's next update").isFalse();
        assertThat(c.accepted(ka)).isTrue();
        now.addAndGet(Duration.ofMinutes(5).toMillis());
        assertThat(c.accepted(ka)).as("past the max age").isFalse();
    }

    @Test
    void theCache_holdsAtMostItsSize_leastRecentlyUsedGoFirst() throws Exception {
        ChainDecisionCache c = cache(3, Duration.ofMinutes(5));
        var keys = new java.util.ArrayList<ChainDecisionCache.Key>();
        for (int i = 0; i < 4; i++) {
            X509Certificate[] chain = {cert("p" + i, Instant.parse("2027-01-01T00:00:00Z"))};
            keys.add(ChainDecisionCache.key(chain, "t", "p"));
            c.remember(keys.get(i), chain, null);
            if (i == 2) assertThat(c.accepted(keys.get(0))).isTrue(); // p0 used again: p1 is the eldest
        }
        assertThat(c.size()).isEqualTo(3);
        assertThat(c.accepted(keys.get(1))).isFalse();
        assertThat(c.accepted(keys.get(0))).isTrue();
        assertThat(c.accepted(keys.get(3))).isTrue();
    }

    @Test
    void sizeZero_remembersNothing() throws Exception {
        ChainDecisionCache c = cache(0, Duration.ofMinutes(5));
        X509Certificate[] chain = {cert("a", Instant.parse("2027-01-01T00:00:00Z"))};
        var k = ChainDecisionCache.key(chain, "t", "p");
        c.remember(k, chain, null);
        assertThat(c.accepted(k)).isFalse();
    }
}
