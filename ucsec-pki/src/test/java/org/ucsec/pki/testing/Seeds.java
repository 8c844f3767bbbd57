package org.ucsec.pki.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The parts of the seed documents that tests check the project against. They live in the project, as test resources
 * under {@code seeds/} (e.g. {@code ucsec-pki/src/test/resources/seeds/001-certificate-tables.txt}), copied verbatim
 * from {@code shared/seeds/}, so every test runs in a clone that has no {@code ../shared} beside it. Each copied block
 * follows a {@code # seed lines A-B: what} line; {@link #original} finds the seed itself when it is there, so a test can
 * check that the copy has not drifted from it.
 */
public final class Seeds {
    private Seeds() {}

    private static final Pattern BLOCK = Pattern.compile("^# seed lines (\\d+)-(\\d+): .*$");

    /** The lines of the extract {@code seeds/RESOURCE} on the test classpath, comments included (parsers skip them). */
    public static List<String> lines(String resource) {
        try (InputStream in = Seeds.class.getResourceAsStream("/seeds/" + resource)) {
            if (in == null) throw new IllegalStateException("test resource seeds/" + resource + " not found");
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** One copied block: the seed's line numbers (1-based, inclusive) and the copied lines. */
    public record Block(int from, int to, List<String> lines) {}

    /** The copied blocks of an extract, in order. */
    public static List<Block> blocks(String resource) {
        List<Block> out = new ArrayList<>();
        List<String> lines = lines(resource);
        for (int i = 0; i < lines.size(); i++) {
            Matcher m = BLOCK.matcher(lines.get(i));
            if (!m.matches()) continue;
            int from = Integer.parseInt(m.group(1)), to = Integer.parseInt(m.group(2));
            out.add(new Block(from, to, lines.subList(i + 1, Math.min(lines.size(), i + 1 + to - from + 1))));
        }
        return out;
    }

    /**
     * The seed document {@code NUMBER_*.txt} in {@code shared/seeds} beside the repository (the module's working
     * directory is {@code REPO/MODULE}), if there is one; empty in a clone without it.
     */
    public static Optional<Path> original(String number) {
        for (Path shared : new Path[]{Path.of("..", "..", "shared"), Path.of("..", "shared")}) {
            Path dir = shared.resolve("seeds");
            if (!Files.isDirectory(dir)) continue;
            try (Stream<Path> s = Files.list(dir)) {
                Optional<Path> f = s.filter(p -> p.getFileName().toString().startsWith(number + "_")).findFirst();
                if (f.isPresent()) return f;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return Optional.empty();
    }
}
