package org.ucsec.store;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A serializable transaction that loses to a concurrent one is run again (issue 8, item 8: lost transactions answered
 * 503). The interleaving is forced: T2 reads a row, T1 changes and commits it, then T2 writes it.
 */
class ConflictRetryTest {
    @TempDir Path dir;

    @Test
    void aTransactionThatLosesToAConcurrentOne_isRetried_andBothChangesLand() throws Exception {
        try (Store s = Store.embedded(dir)) {
            s.tx(h -> h.createUpdate("INSERT INTO setting(scope, name, val) VALUES ('cluster', 'counter', '0')").execute());
            CountDownLatch t2Read = new CountDownLatch(1), t1Committed = new CountDownLatch(1);
            AtomicInteger t2Attempts = new AtomicInteger();
            Thread t2 = Thread.ofPlatform().start(() -> s.tx(h -> {
                int attempt = t2Attempts.incrementAndGet();
                int v = Integer.parseInt(h.createQuery("SELECT val FROM setting WHERE name = 'counter'").mapTo(String.class).one());
                if (attempt == 1) {
                    t2Read.countDown();
                    try { t1Committed.await(10, TimeUnit.SECONDS); } catch (InterruptedException e) { throw new IllegalStateException(e); }
                }
                return h.createUpdate("UPDATE setting SET val = :v WHERE name = 'counter'").bind("v", String.valueOf(v + 1)).execute();
            }));
            assertThat(t2Read.await(10, TimeUnit.SECONDS)).isTrue();
            s.tx(h -> h.createUpdate("UPDATE setting SET val = '100' WHERE name = 'counter'").execute());
            t1Committed.countDown();
            t2.join(30_000);
            assertThat(t2Attempts.get()).as("T2 lost once and ran again").isEqualTo(2);
            assertThat(s.<String>read(h -> h.createQuery("SELECT val FROM setting WHERE name = 'counter'").mapTo(String.class).one()))
                    .as("T2's second run saw T1's value: no update was lost").isEqualTo("101");
        }
    }
}
