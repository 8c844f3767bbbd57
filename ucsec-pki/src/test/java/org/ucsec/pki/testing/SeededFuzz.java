package org.ucsec.pki.testing;

import java.util.SplittableRandom;
import java.util.function.Consumer;

/**
 * Property-based fuzzing with a seeded generator (docs/decisions/0007-seeded-fuzzing-instead-of-jqwik.md): each property
 * runs a fixed number of tries from a fixed seed, so CI is fast and every failure is reproducible. The seed is
 * {@code -Ducsec.fuzz.seed=N} (default fixed); {@code -Ducsec.fuzz.tries=N} overrides the tries for a longer local run.
 * A failing try reports the seed and try number, which reproduce it exactly.
 */
public final class SeededFuzz {
    public static final long DEFAULT_SEED = 0x5eed_0008L;

    private SeededFuzz() {}

    /** The generator handed to a property: hostile strings and mutations of valid input. */
    public static final class Gen {
        private final SplittableRandom r;

        Gen(SplittableRandom r) { this.r = r; }

        public int nextInt(int bound) { return r.nextInt(bound); }

        /** A string of up to {@code maxLength} characters, mostly from {@code alphabet}, sometimes any char (including surrogates and controls). */
        public String hostileString(int maxLength, String alphabet) {
            int n = r.nextInt(maxLength + 1);
            StringBuilder sb = new StringBuilder(n);
            for (int i = 0; i < n; i++) {
                int k = r.nextInt(20);
                if (k == 0) sb.append((char) r.nextInt(0x10000));
                else if (k == 1 && sb.length() > 0) sb.append(sb, r.nextInt(sb.length()), sb.length()); // repeat a tail
                else sb.append(alphabet.charAt(r.nextInt(alphabet.length())));
                if (sb.length() >= maxLength) { sb.setLength(maxLength); break; }
            }
            return sb.toString();
        }

        /** {@code valid} with a few random edits: byte flips, insertions from {@code alphabet}, deletions, duplicated or cut ranges. */
        public byte[] mutate(byte[] valid, String alphabet) {
            byte[] b = valid.clone();
            int edits = 1 + r.nextInt(8);
            for (int e = 0; e < edits && b.length > 0; e++) {
                int at = r.nextInt(b.length);
                switch (r.nextInt(5)) {
                    case 0 -> b[at] = (byte) r.nextInt(256);
                    case 1 -> b[at] = (byte) alphabet.charAt(r.nextInt(alphabet.length()));
                    case 2 -> b = splice(b, at, Math.min(b.length, at + 1 + r.nextInt(64)), new byte[0]);
                    case 3 -> {
                        int end = Math.min(b.length, at + 1 + r.nextInt(200));
                        b = splice(b, at, at, java.util.Arrays.copyOfRange(b, at, end));
                    }
                    default -> b = java.util.Arrays.copyOf(b, at);
                }
            }
            return b;
        }

        private static byte[] splice(byte[] b, int from, int to, byte[] insert) {
            byte[] out = new byte[b.length - (to - from) + insert.length];
            System.arraycopy(b, 0, out, 0, from);
            System.arraycopy(insert, 0, out, from, insert.length);
            System.arraycopy(b, to, out, from + insert.length, b.length - to);
            return out;
        }
    }

    /** Runs {@code property} {@code tries} times; a failure names the property, the seed and the try. */
    public static void run(String name, int tries, Consumer<Gen> property) {
        long seed = Long.getLong("ucsec.fuzz.seed", DEFAULT_SEED);
        int n = Integer.getInteger("ucsec.fuzz.tries", tries);
        SplittableRandom root = new SplittableRandom(seed ^ name.hashCode());
        for (int i = 0; i < n; i++) {
            SplittableRandom tryRandom = root.split();
            try {
                property.accept(new Gen(tryRandom));
            } catch (AssertionError | RuntimeException e) {
                throw new AssertionError(name + ": try " + i + " of seed " + seed + " failed (rerun with -Ducsec.fuzz.seed=" + seed + "): " + e.getMessage(), e);
            }
        }
    }
}
