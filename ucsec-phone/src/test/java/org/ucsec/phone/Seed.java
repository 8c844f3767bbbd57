package org.ucsec.phone;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** Seed 003 ("Cisco IP 전화기 보안", Korean), copied into the test resources so the tests run without {@code ../shared} beside the repository. */
public final class Seed {
    private Seed() {}

    /**
     * The seed itself in {@code ../shared/seeds} beside the repository (the tests run in the module's directory, so
     * two levels up; one level when run from the repository root), or empty in a clone without it.
     */
    public static java.util.Optional<java.nio.file.Path> shared() {
        for (String up : new String[]{"../../shared", "../shared"}) {
            java.nio.file.Path f = java.nio.file.Path.of(up, "seeds", "003_e99a521ae99f1e1c.txt");
            if (java.nio.file.Files.isRegularFile(f)) return java.util.Optional.of(f);
        }
        return java.util.Optional.empty();
    }

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
