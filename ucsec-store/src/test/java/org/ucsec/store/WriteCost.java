package org.ucsec.store;

import org.jdbi.v3.core.transaction.TransactionIsolationLevel;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Measures the cost of one store write (a setting and its audit line, one transaction) on the embedded H2 store:
 * before (H2's defaults: WRITE_DELAY=500, the commit left to the background writer, space reuse), step by step,
 * and as {@link Store#tx} does it now (WRITE_DELAY=0, REUSE_SPACE=FALSE and CHECKPOINT SYNC). Not a test: it prints numbers and asserts nothing.
 * Run: {@code java -cp ucsec-store/target/test-classes:ucsec-store/target/classes:DEPS org.ucsec.store.WriteCost [N]}.
 */
public final class WriteCost {
    private WriteCost() {}

    public static void main(String[] args) throws Exception {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 500;
        Path tmp = Files.createTempDirectory("ucsec-writecost");
        for (int round = 0; round < 2; round++) { // round 0 warms the JIT
            report(round, "before: H2 defaults (WRITE_DELAY 500 ms, space reuse), no fsync", n, tmp.resolve("a" + round), "", false);
            report(round, "WRITE_DELAY=0 only", n, tmp.resolve("b" + round), ";WRITE_DELAY=0", false);
            report(round, "WRITE_DELAY=0;REUSE_SPACE=FALSE, no fsync", n, tmp.resolve("c" + round), Store.H2_DURABLE, false);
            report(round, "now: the same + CHECKPOINT SYNC (Store.tx)", n, tmp.resolve("d" + round), Store.H2_DURABLE, true);
        }
    }

    private static void report(int round, String label, int n, Path dir, String options, boolean viaTx) {
        String url = "jdbc:h2:file:" + dir.toAbsolutePath().resolve("store/ucsec") + ";DB_CLOSE_ON_EXIT=FALSE" + options;
        try (Store s = Store.jdbc(url, "ucsec", org.ucsec.core.Secret.of(""))) {
            long[] nanos = new long[n];
            for (int i = 0; i < n; i++) {
                int k = i;
                long t0 = System.nanoTime();
                if (viaTx) {
                    s.tx(h -> { write(h, k); return null; });
                } else {
                    s.jdbi().inTransaction(TransactionIsolationLevel.SERIALIZABLE, h -> { write(h, k); return null; });
                }
                nanos[i] = System.nanoTime() - t0;
            }
            if (round == 0) return;
            java.util.Arrays.sort(nanos);
            long sum = 0;
            for (long x : nanos) sum += x;
            System.out.printf("%-64s n=%d  mean %.3f ms  p50 %.3f ms  p99 %.3f ms%n", label, n, sum / 1e6 / n,
                    nanos[n / 2] / 1e6, nanos[(int) (n * 0.99)] / 1e6);
        }
    }

    private static void write(org.jdbi.v3.core.Handle h, int i) {
        Rows.putSetting(h, "cluster", "bench-" + (i % 50), "value-" + i);
        Rows.audit(h, "settings.put", "cluster/bench-" + (i % 50), "value-" + i);
    }
}
