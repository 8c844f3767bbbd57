package org.ucsec.tls.cipher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The key test of the engine: for every string of openssl-cipher-strings.txt, the ordered suite list equals what
 * the real {@code openssl ciphers -v -ciphersuites "" STRING} prints, for both catalogs, and a string OpenSSL
 * rejects is rejected (empty, not valid) by the engine too.
 */
class CipherStringEngineVsOpenSslTest {
    static final String CORPUS = "openssl-cipher-strings.txt";

    private final CipherStringEngine engine = CipherStringEngine.standard();

    @BeforeAll
    static void referenceBinaryIsPresent() {
        String version = OpenSslBinary.version();
        assertThat(version).as("the openssl binary (set -Ducsec.openssl=PATH) must be runnable").isNotEmpty();
        assumeTrue(OpenSslBinary.isReferenceVersion(version),
                "the suite table models OpenSSL 1.1.1/3.0; this binary is " + version);
    }

    static List<String> corpus() throws IOException {
        List<String> strings = new ArrayList<>();
        try (InputStream in = CipherStringEngineVsOpenSslTest.class.getResourceAsStream(CORPUS)) {
            BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            String line;
            while ((line = r.readLine()) != null) {
                if (!line.isEmpty() && !line.startsWith("#")) {
                    strings.add(line);
                }
            }
        }
        return strings;
    }

    static Stream<Arguments> cases() throws IOException {
        List<Arguments> args = new ArrayList<>();
        for (String s : corpus()) {
            for (OpenSslCatalog c : OpenSslCatalog.values()) {
                args.add(Arguments.of(s, c));
            }
        }
        return args.stream();
    }

    @ParameterizedTest(name = "[{1}] \"{0}\"")
    @MethodSource("cases")
    void expansion_matchesOpenSslBinary(String spec, OpenSslCatalog catalog) {
        OpenSslBinary.Listing reference = OpenSslBinary.ciphers(spec, catalog);
        CipherExpansion mine = engine.expand(spec, Dialect.OPENSSL, catalog);

        if (reference.rejected()) {
            assertThat(mine.valid()).as("openssl rejects it: %s", reference.stderr().strip()).isFalse();
            assertThat(mine.suites()).isEmpty();
            assertThat(mine.problems()).extracting(CipherProblem::severity).contains(CipherProblem.Severity.ERROR);
        } else {
            assertThat(mine.openSslNames()).containsExactlyElementsOf(reference.names());
            assertThat(mine.valid()).isTrue();
        }
    }

    @Test
    void corpus_hasAtLeastAHundredStrings() throws IOException {
        assertThat(corpus()).hasSizeGreaterThanOrEqualTo(100).doesNotHaveDuplicates();
    }
}
