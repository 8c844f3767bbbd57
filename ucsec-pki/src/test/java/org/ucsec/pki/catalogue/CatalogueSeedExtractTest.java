package org.ucsec.pki.catalogue;

import org.junit.jupiter.api.Test;
import org.ucsec.pki.testing.Seeds;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** The seed 001 extract that {@link CatalogueSeedTest} reads is a verbatim copy of tables 1, 2 and 3 of the seed. */
class CatalogueSeedExtractTest {
    @Test
    void extract_holdsTables1To3WithTheirCaptions() {
        List<Seeds.Block> blocks = Seeds.blocks(CatalogueSeedTest.EXTRACT);
        assertThat(blocks).hasSize(3);
        assertThat(blocks.get(0).lines().get(0)).startsWith("표 1:");
        assertThat(blocks.get(1).lines().get(0)).startsWith("표 2:");
        assertThat(blocks.get(2).lines().get(0)).startsWith("표 3:");
    }

    @Test
    void extract_isLineForLineTheSeed_whenTheSeedIsBesideTheRepository() throws Exception {
        Optional<Path> seed = Seeds.original("001");
        assumeTrue(seed.isPresent(), "no ../shared/seeds beside the repository: nothing to compare the extract with");
        List<String> original = Files.readAllLines(seed.get(), StandardCharsets.UTF_8);
        for (Seeds.Block b : Seeds.blocks(CatalogueSeedTest.EXTRACT)) {
            assertThat(b.lines()).as("seed 001 lines %d-%d", b.from(), b.to()).isEqualTo(original.subList(b.from() - 1, b.to()));
        }
    }
}
