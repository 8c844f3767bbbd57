package org.ucsec.tls.cipher;

import org.junit.jupiter.api.Test;
import org.ucsec.core.UcsecException;
import org.ucsec.tls.policy.SecurityModes;
import org.ucsec.tls.policy.SecurityPolicy;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Issue 8 items 5 and 6: what a context can use of a cipher string and a TLS 1.3 list, and what it drops, with reasons. */
class SuiteSelectionTest {
    private static final SuiteSelection.Jdk JDK = SuiteSelection.Jdk.running();
    private static final SecurityPolicy NONE = SecurityPolicy.baseline();
    private static final SecurityPolicy FIPS = SecurityPolicy.of(SecurityModes.builder().fips(true).build());

    @Test
    void commonCipherStrings_keepTheAvailableSuites_andNameTheDroppedOnes() {
        for (String s : List.of("HIGH:!aNULL", "DEFAULT", "ECDHE:!aNULL")) {
            SuiteSelection sel = SuiteSelection.of(s, null, JDK, NONE.suitePolicy()).requireUsable(SuiteSelection.NO_USABLE_SUITE, "cipher string '" + s + "'");
            assertThat(sel.tls12()).as(s).isNotEmpty().allSatisfy(n -> assertThat(JDK.enabled()).contains(n));
            assertThat(sel.dropped()).as(s).isNotEmpty().allSatisfy(d -> assertThat(JDK.enabled()).doesNotContain(d.suite()));
            if (s.equals("DEFAULT")) continue; // OpenSSL's DEFAULT has no CCM suites
            assertThat(sel.dropped()).as(s).extracting(SuiteSelection.Dropped::suite).contains("TLS_ECDHE_ECDSA_WITH_AES_256_CCM_8");
            assertThat(sel.dropped()).filteredOn(d -> d.suite().equals("TLS_ECDHE_ECDSA_WITH_AES_256_CCM_8"))
                    .singleElement().satisfies(d -> {
                        assertThat(d.reason()).isEqualTo(SuiteSelection.Reason.JDK_UNSUPPORTED);
                        assertThat(d.message()).contains("TLS_ECDHE_ECDSA_WITH_AES_256_CCM_8", "not offered by this JDK");
                    });
        }
    }

    @Test
    void selection_keepsTheCipherStringOrder_andPutsTls13First() {
        SuiteSelection sel = SuiteSelection.of("ECDHE-RSA-AES256-GCM-SHA384:ECDHE-RSA-AES128-GCM-SHA256", null, JDK, NONE.suitePolicy());
        assertThat(sel.tls12()).containsExactly("TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384", "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256");
        assertThat(sel.tls13()).containsExactly("TLS_AES_256_GCM_SHA384", "TLS_CHACHA20_POLY1305_SHA256", "TLS_AES_128_GCM_SHA256");
        assertThat(sel.usable()).startsWith("TLS_AES_256_GCM_SHA384").endsWith("TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256");
    }

    @Test
    void fips_dropsChaCha20_fromBothLists_withThePolicysReason() {
        SuiteSelection sel = SuiteSelection.of("ECDHE+CHACHA20:ECDHE+AESGCM", null, JDK, FIPS.suitePolicy());
        assertThat(sel.usable()).noneMatch(n -> n.contains("CHACHA20")).contains("TLS_AES_256_GCM_SHA384", "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256");
        assertThat(sel.dropped()).filteredOn(d -> d.reason() == SuiteSelection.Reason.POLICY).extracting(SuiteSelection.Dropped::suite)
                .contains("TLS_CHACHA20_POLY1305_SHA256", "TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256");
        assertThat(sel.dropped()).filteredOn(d -> d.suite().equals("TLS_CHACHA20_POLY1305_SHA256")).singleElement()
                .extracting(SuiteSelection.Dropped::message).asString().contains("not allowed by the security mode", "ChaCha20");
    }

    @Test
    void jdkDisabledSuites_areDroppedAsDisabled_notAsUnsupported() {
        // the JDK implements TLS_RSA_WITH_AES_128_CBC_SHA but this test pretends its disabledAlgorithms removed it
        var jdk = new SuiteSelection.Jdk(JDK.supported(), JDK.enabled().stream().filter(n -> !n.equals("TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256")).toList());
        SuiteSelection sel = SuiteSelection.of("ECDHE-RSA-AES128-GCM-SHA256:ECDHE-RSA-AES256-GCM-SHA384", "", jdk, NONE.suitePolicy());
        assertThat(sel.tls12()).containsExactly("TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384");
        assertThat(sel.dropped()).singleElement().extracting(SuiteSelection.Dropped::reason).isEqualTo(SuiteSelection.Reason.JDK_DISABLED);
    }

    @Test
    void cipherString_withNothingUsable_isRefusedNamingEveryDroppedSuite() {
        SuiteSelection sel = SuiteSelection.of("ECDHE-ECDSA-AES256-CCM8:ECDHE+CHACHA20", "", JDK, FIPS.suitePolicy());
        assertThatThrownBy(() -> sel.requireUsable(SuiteSelection.NO_USABLE_SUITE, "TLS context 'X'"))
                .isInstanceOfSatisfying(UcsecException.class, e -> {
                    assertThat(e.code()).isEqualTo("tls.no-usable-suite");
                    assertThat(e.getMessage()).contains("TLS context 'X'", "TLS_ECDHE_ECDSA_WITH_AES_256_CCM_8 is not offered by this JDK",
                            "TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256 is not allowed by the security mode");
                });
    }

    @Test
    void explicitList_acceptsTls13Names_inAnySpelling_andRefusesUnknownNames() {
        SuiteSelection sel = SuiteSelection.ofNames(List.of("TLS_AES_128_GCM_SHA256", "ECDHE-RSA-AES128-GCM-SHA256", " tls_aes_256_gcm_sha384 ", ""), JDK, NONE.suitePolicy());
        assertThat(sel.tls13()).containsExactly("TLS_AES_128_GCM_SHA256", "TLS_AES_256_GCM_SHA384");
        assertThat(sel.tls12()).containsExactly("TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256");
        assertThatThrownBy(() -> SuiteSelection.ofNames(List.of("TLS_AES_128_GCM_SHA256", "TLS_NO_SUCH_SUITE"), JDK, NONE.suitePolicy()))
                .hasMessageContaining("'TLS_NO_SUCH_SUITE'").extracting("code").isEqualTo("tls.cipher-unknown");
    }

    @Test
    void explicitList_ofOnlyForbiddenSuites_isRefusedWithTheExistingCode() {
        SuiteSelection sel = SuiteSelection.ofNames(List.of("TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256"), JDK, FIPS.suitePolicy());
        assertThatThrownBy(() -> sel.requireUsable(SuiteSelection.CIPHER_UNAVAILABLE, "TLS context 'Legacy'"))
                .hasMessageContaining("ChaCha20").extracting("code").isEqualTo("tls.cipher-unavailable");
    }

    @Test
    void tls13List_isSeparate_skipsUnknownNames_andCanBeEmpty() {
        Tls13Ciphersuites t = Tls13Ciphersuites.parse("TLS_AES_128_GCM_SHA256:ECDHE-RSA-AES128-GCM-SHA256:TLS_AES_128_GCM_SHA256:TLS_FOO");
        assertThat(t.ianaNames()).containsExactly("TLS_AES_128_GCM_SHA256");
        assertThat(t.problems()).extracting(CipherProblem::word).containsExactly("ECDHE-RSA-AES128-GCM-SHA256", "TLS_FOO");
        assertThat(t.problems().get(0).message()).contains("TLS 1.2 suite");
        assertThat(Tls13Ciphersuites.parse("").suites()).isEmpty();
        assertThat(Tls13Ciphersuites.defaults().toOpenSsl()).isEqualTo("TLS_AES_256_GCM_SHA384:TLS_CHACHA20_POLY1305_SHA256:TLS_AES_128_GCM_SHA256");
    }

    @Test
    void available_listsTls13Suites_andFipsRemovesChaCha20() {
        assertThat(SuiteSelection.available(JDK, NONE.suitePolicy()).tls13()).contains("TLS_AES_128_GCM_SHA256", "TLS_CHACHA20_POLY1305_SHA256");
        SuiteSelection fips = SuiteSelection.available(JDK, FIPS.suitePolicy());
        assertThat(fips.tls13()).containsExactly("TLS_AES_128_GCM_SHA256", "TLS_AES_256_GCM_SHA384");
        assertThat(fips.usable()).noneMatch(n -> n.contains("CHACHA20")).contains("TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384");
    }

    @Test
    void policy_computesTheTls13SuitesPerMode() {
        assertThat(NONE.allowedTls13Suites()).containsExactly(Tls13Suite.values());
        assertThat(FIPS.allowedTls13Suites()).containsExactly(Tls13Suite.TLS_AES_128_GCM_SHA256, Tls13Suite.TLS_AES_256_GCM_SHA384);
        assertThat(NONE.defaultTls13Ciphersuites()).isEqualTo(Tls13Ciphersuites.DEFAULT);
        assertThat(FIPS.defaultTls13Ciphersuites()).isEqualTo("TLS_AES_256_GCM_SHA384:TLS_AES_128_GCM_SHA256");
        SecurityPolicy cc = SecurityPolicy.of(SecurityModes.builder().fips(true).commonCriteria(true).build());
        assertThat(cc.defaultTls13Ciphersuites()).doesNotContain("CHACHA20");
    }

    @Test
    void policy_withMinimumTls13_negotiatesOnlyTls13Suites() {
        SecurityPolicy tls13 = SecurityPolicy.of(SecurityModes.builder().minTlsVersion("1.3").build());
        List<String> mixed = List.of("TLS_AES_128_GCM_SHA256", "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256");
        assertThat(tls13.negotiableSuites(mixed)).containsExactly("TLS_AES_128_GCM_SHA256");
        assertThat(NONE.negotiableSuites(mixed)).containsExactlyElementsOf(mixed);
        assertThat(FIPS.negotiableSuites(List.of("TLS_CHACHA20_POLY1305_SHA256", "TLS_AES_256_GCM_SHA384"))).containsExactly("TLS_AES_256_GCM_SHA384");
    }

    @Test
    void policy_enabledProtocols_areTheAllowedOnesTheJdkEnables() {
        SecurityPolicy tls10 = SecurityPolicy.of(SecurityModes.builder().minTlsVersion("1.0").build());
        assertThat(tls10.enabledProtocols(List.of("TLSv1.3", "TLSv1.2"))).containsExactly("TLSv1.2", "TLSv1.3");
        assertThat(tls10.allowedProtocols()).containsExactly("TLSv1", "TLSv1.1", "TLSv1.2", "TLSv1.3");
    }
}
