package org.ucsec.tls.cipher;

import org.junit.jupiter.api.Test;
import org.ucsec.pki.testing.Seeds;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** The seed 003 extract the cipher tests read is a verbatim copy of the seed's fallback lists and table 6. */
class Seed003ExtractTest {
    @Test
    void extract_holdsTheFallbacksAndTable6() {
        List<Seeds.Block> blocks = Seeds.blocks(Seed003.EXTRACT);
        assertThat(blocks).hasSize(2);
        assertThat(blocks.get(0).lines().get(0)).contains("웹 서버(HTTPS)");
        assertThat(blocks.get(1).lines().get(0)).startsWith("표 6:");
    }

    @Test
    void extract_isLineForLineTheSeed_whenTheSeedIsBesideTheRepository() throws Exception {
        Optional<Path> seed = Seeds.original("003");
        assumeTrue(seed.isPresent(), "no ../shared/seeds beside the repository: nothing to compare the extract with");
        List<String> original = Files.readAllLines(seed.get(), StandardCharsets.UTF_8);
        for (Seeds.Block b : Seeds.blocks(Seed003.EXTRACT)) {
            assertThat(b.lines()).as("seed 003 lines %d-%d", b.from(), b.to()).isEqualTo(original.subList(b.from() - 1, b.to()));
        }
    }
}
