package org.ucsec.pki.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** Finds the seed documents in ../shared/seeds (surefire passes -Ducsec.shared). */
public final class Seeds {
    private Seeds() {}

    public static Path shared() {
        String prop = System.getProperty("ucsec.shared");
        for (Path p : new Path[]{prop == null ? null : Path.of(prop), Path.of("../../shared"), Path.of("../shared")}) {
            if (p != null && Files.isDirectory(p.resolve("seeds"))) return p.toAbsolutePath().normalize();
        }
        throw new IllegalStateException("shared/ with seeds/ not found (set -Ducsec.shared)");
    }

    public static List<String> lines(String number) {
        try (Stream<Path> s = Files.list(shared().resolve("seeds"))) {
            Path f = s.filter(p -> p.getFileName().toString().startsWith(number + "_")).findFirst()
                    .orElseThrow(() -> new IllegalStateException("seed " + number + " not found"));
            return Files.readAllLines(f, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
