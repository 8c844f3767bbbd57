package org.ucsec.tls.cipher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.ucsec.tls.cipher.CipherSuite.Availability;

class CipherSuiteTableTest {
    private final CipherSuiteTable table = CipherSuiteTable.standard();

    @BeforeAll
    static void referenceBinary() {
        assumeTrue(OpenSslBinary.isReferenceVersion(OpenSslBinary.version()), "needs OpenSSL 1.1.1/3.0");
    }

    @ParameterizedTest
    @EnumSource(OpenSslCatalog.class)
    void catalog_isExactlyWhatOpenSslLists_rowByRow(OpenSslCatalog catalog) {
        OpenSslBinary.Listing all = OpenSslBinary.ciphers("ALL:COMPLEMENTOFALL", catalog);
        Map<String, CipherSuite> mine = table.catalog(catalog).stream()
                .collect(Collectors.toMap(CipherSuite::openSslName, Function.identity()));

        assertThat(mine.keySet()).containsExactlyInAnyOrderElementsOf(all.names());
        for (String line : all.verboseLines()) {
            // 0xC0,0x2C - TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384 - ECDHE-ECDSA-AES256-GCM-SHA384 TLSv1.2 Kx=ECDH Au=ECDSA Enc=AESGCM(256) Mac=AEAD
            String[] f = line.trim().split("\\s+");
            CipherSuite s = mine.get(f[4]);
            assertThat(List.of(s.hexId(), s.ianaName(), s.protocol(), "Kx=" + s.kx(), "Au=" + s.au(), "Enc=" + s.enc(),
                    "Mac=" + s.mac()))
                    .as(f[4])
                    .containsExactly(f[0], f[2], f[5], f[6], f[7], f[8], f[9]);
        }
    }

    @Test
    void catalogs_haveTheReferenceBuildsSizes() {
        assertThat(table.catalog(OpenSslCatalog.DEFAULT_PROVIDER)).hasSize(155);
        assertThat(table.catalog(OpenSslCatalog.WITH_LEGACY_PROVIDER)).hasSize(159)
                .filteredOn(s -> s.availability() == Availability.LEGACY_PROVIDER)
                .extracting(CipherSuite::openSslName)
                .containsExactlyInAnyOrder("SEED-SHA", "DHE-DSS-SEED-SHA", "DHE-RSA-SEED-SHA", "ADH-SEED-SHA");
    }

    @Test
    void catalog_isInOpenSslCollectionOrder_descendingId() {
        List<Integer> ids = table.catalog(OpenSslCatalog.WITH_LEGACY_PROVIDER).stream().map(CipherSuite::id).toList();
        assertThat(ids).isSortedAccordingTo((a, b) -> Integer.compare(b, a));
    }

    @ParameterizedTest
    @ValueSource(strings = {"3DES", "RC4", "IDEA", "DES-CBC3-SHA", "RC4-SHA", "IDEA-CBC-SHA", "ALL:COMPLEMENTOFALL"})
    void notBuiltSuites_areNeverSelected(String spec) {
        for (OpenSslCatalog c : OpenSslCatalog.values()) {
            assertThat(CipherStringEngine.standard().expand(spec, Dialect.OPENSSL, c).suites())
                    .extracting(CipherSuite::availability)
                    .doesNotContain(Availability.NOT_BUILT);
        }
    }

    @Test
    void lookups_findTheSameSuiteByEveryName() {
        CipherSuite s = table.byOpenSslName("ECDHE-RSA-AES128-GCM-SHA256").orElseThrow();
        assertThat(s.ianaName()).isEqualTo("TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256");
        assertThat(s.hexId()).isEqualTo("0xC0,0x2F");
        assertThat(table.byIanaName("TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256")).contains(s);
        assertThat(table.byId(0xC02F)).contains(s);
        assertThat(List.of(s.protocol(), s.kx(), s.au(), s.enc(), s.mac())).containsExactly("TLSv1.2", "ECDH", "RSA",
                "AESGCM(128)", "AEAD");
        assertThat(s.strengthBits()).isEqualTo(128);
        assertThat(table.byOpenSslName("NO-SUCH-SUITE")).isEmpty();
    }
}
