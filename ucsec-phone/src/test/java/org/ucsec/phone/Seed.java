package org.ucsec.phone;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** Seed 003 ("Cisco IP 전화기 보안", Korean), copied into the test resources so the tests run without /work/shared. */
public final class Seed {
    private Seed() {}

    public static final String SHARED = "/work/shared/seeds/003_e99a521ae99f1e1c.txt";

    public static String text() {
        try (InputStream in = Seed.class.getResourceAsStream("seed-003.txt")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static byte[] corpus(String name) {
        try (InputStream in = Seed.class.getResourceAsStream("corpus/" + name)) {
            if (in == null) throw new IllegalStateException("no corpus file " + name);
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
