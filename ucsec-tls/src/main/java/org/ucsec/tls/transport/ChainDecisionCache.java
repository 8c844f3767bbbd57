package org.ucsec.tls.transport;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.LongSupplier;

/**
 * Client chains the trust hook accepted recently, keyed by (SHA-256 of every certificate of the chain, trust version,
 * policy version), so that a phone that reconnects costs only the signatures the handshake itself needs. Bounded in
 * size (least recently used go first) and in time: a decision is used until the earliest of its max age, the chain's
 * earliest notAfter, and what the hook says when it implements {@link DecisionLifetime} (e.g. a CRL's nextUpdate).
 * Only acceptances are remembered; a refusal is decided again every time.
 */
public final class ChainDecisionCache {
    /** Implemented by a trust hook that knows how long its decision on a chain holds (revocation data's next update). */
    public interface DecisionLifetime {
        Instant decisionValidUntil(X509Certificate[] chain);
    }

    record Key(byte[] fingerprints, String trustVersion, String policyVersion) {
        @Override public boolean equals(Object o) {
            return o instanceof Key k && Arrays.equals(fingerprints, k.fingerprints) && trustVersion.equals(k.trustVersion) && policyVersion.equals(k.policyVersion);
        }

        @Override public int hashCode() { return Arrays.hashCode(fingerprints) * 31 + trustVersion.hashCode() * 17 + policyVersion.hashCode(); }
    }

    private final int maxEntries;
    private final long maxAgeMillis;
    private final LongSupplier clock;
    private final LinkedHashMap<Key, Long> entries;
    private final LongAdder hits = new LongAdder();
    private final LongAdder misses = new LongAdder();

    public ChainDecisionCache(int maxEntries, Duration maxAge) { this(maxEntries, maxAge, System::currentTimeMillis); }

    ChainDecisionCache(int maxEntries, Duration maxAge, LongSupplier clockMillis) {
        this.maxEntries = maxEntries;
        this.maxAgeMillis = maxAge.toMillis();
        this.clock = clockMillis;
        this.entries = new LinkedHashMap<>(16, 0.75f, true) {
            @Override protected boolean removeEldestEntry(Map.Entry<Key, Long> e) { return size() > ChainDecisionCache.this.maxEntries; }
        };
    }

    static Key key(X509Certificate[] chain, String trustVersion, String policyVersion) throws CertificateEncodingException {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            byte[] out = new byte[32 * chain.length];
            for (int i = 0; i < chain.length; i++) {
                md.update(chain[i].getEncoded());
                System.arraycopy(md.digest(), 0, out, 32 * i, 32);
            }
            return new Key(out, trustVersion, policyVersion);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** True if this chain was accepted under these versions and the decision still holds. */
    boolean accepted(Key k) {
        if (maxEntries == 0) return false;
        Long until;
        synchronized (entries) {
            until = entries.get(k);
            if (until != null && until <= clock.getAsLong()) {
                entries.remove(k);
                until = null;
            }
        }
        if (until == null) misses.increment(); else hits.increment();
        return until != null;
    }

    void remember(Key k, X509Certificate[] chain, Instant hookUntil) {
        if (maxEntries == 0 || maxAgeMillis == 0) return;
        long until = clock.getAsLong() + maxAgeMillis;
        for (X509Certificate c : chain) until = Math.min(until, c.getNotAfter().getTime());
        if (hookUntil != null) until = Math.min(until, hookUntil.toEpochMilli());
        if (until <= clock.getAsLong()) return;
        synchronized (entries) { entries.put(k, until); }
    }

    public int size() { synchronized (entries) { return entries.size(); } }

    public long hits() { return hits.sum(); }

    public long misses() { return misses.sum(); }

    /** Forgets every decision (e.g. when revocation data arrived out of band). */
    public void clear() { synchronized (entries) { entries.clear(); } }
}
