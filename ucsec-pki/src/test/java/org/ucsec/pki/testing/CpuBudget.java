package org.ucsec.pki.testing;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * CPU budgets for parsers that see outside input (issue 8): adversarial input must cost at most {@code factor} times
 * what valid input of the same size costs, both measured as CPU time of the calling thread ({@link ThreadMXBean}),
 * never as wall-clock time. Each side runs a few times after a warm-up and the cheapest run counts, which removes
 * JIT, GC and scheduling noise from the comparison without hiding a quadratic parser (whose every run is slow).
 */
public final class CpuBudget {
    /** Generous: a linear parser is within 2-5x of the baseline; a quadratic one on these sizes is 1000x and more. */
    public static final double DEFAULT_FACTOR = 20;
    /** Below this a baseline is noise (timer granularity, safepoints); ratios are taken against at least this. */
    public static final long BASELINE_FLOOR_NANOS = 2_000_000;
    private static final int RUNS = 5;

    private CpuBudget() {}

    /** Thread CPU nanoseconds of the cheapest of {@code runs} runs (after one warm-up run). */
    public static long cpuNanos(Runnable r, int runs) {
        ThreadMXBean t = ManagementFactory.getThreadMXBean();
        if (!t.isCurrentThreadCpuTimeSupported()) throw new IllegalStateException("thread CPU time is not supported by this JVM");
        if (!t.isThreadCpuTimeEnabled()) t.setThreadCpuTimeEnabled(true);
        r.run();
        long best = Long.MAX_VALUE;
        for (int i = 0; i < runs; i++) {
            long c0 = t.getCurrentThreadCpuTime();
            r.run();
            best = Math.min(best, t.getCurrentThreadCpuTime() - c0);
        }
        return best;
    }

    /** Asserts that {@code adversarial} costs at most {@code factor} times {@code baseline} (both run {@value #RUNS} times). */
    public static void assertWithinRatio(String what, Runnable baseline, Runnable adversarial, double factor) {
        long base = cpuNanos(baseline, RUNS);
        long adv = cpuNanos(adversarial, RUNS);
        long budget = (long) (Math.max(base, BASELINE_FLOOR_NANOS) * factor);
        assertThat(adv).as("%s: %.2f ms CPU against a budget of %.0fx the %.2f ms of valid input of the same size", what,
                adv / 1e6, factor, base / 1e6).isLessThanOrEqualTo(budget);
    }

    /** Runs {@code r}, swallowing the refusal it is expected to end with (the caller asserts the refusal separately). */
    public static Runnable ignoringRefusal(Runnable r) {
        return () -> {
            try {
                r.run();
            } catch (RuntimeException expected) {
                // the refusal itself is asserted by the test; here only its cost is measured
            }
        };
    }
}
