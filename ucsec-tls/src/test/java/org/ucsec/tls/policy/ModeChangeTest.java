package org.ucsec.tls.policy;

import org.junit.jupiter.api.Test;
import org.ucsec.core.UcsecException;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Issue 8 item 4: minimum TLS version rules, and the one common-criteria rule, decided by ModeChange. */
class ModeChangeTest {
    private static final SecurityModes TLS10 = SecurityModes.builder().minTlsVersion("1.0").build();
    private static final SecurityModes FIPS_TLS11 = SecurityModes.builder().fips(true).minTlsVersion("1.1").build();
    private static final SecurityModes CC = SecurityModes.builder().fips(true).commonCriteria(true).build();

    private static Inventory inventory(SecurityModes current, List<String> contextSuites) {
        return Inventory.builder().minTlsVersion(current.minTlsVersion()).cipherList("TLS context Default", contextSuites).build();
    }

    @Test
    void minVersion_from10To12_isNeverRefusedBecauseOfTheCurrentSetting() {
        Inventory inv = inventory(TLS10, List.of("TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256"));
        // what the node did before: the inventory's own minimum (1.0) counted as a violation of the new policy
        assertThat(SecurityPolicy.of(TLS10.toBuilder().minTlsVersion("1.2").build()).violations(inv))
                .extracting(Violation::code).containsExactly("policy.tls-below-minimum");
        ModeChange c = ModeChange.setMinTls(TLS10, TlsVersion.TLS_1_2, false, inv).requireAccepted("minimum TLS version 1.2");
        assertThat(c.violations()).isEmpty();
        assertThat(c.to().minTlsVersion()).isEqualTo(TlsVersion.TLS_1_2);
        assertThat(c.warnings()).isEmpty();
    }

    @Test
    void minVersion10_isAcceptedWithAWeakProtocolWarning() {
        ModeChange c = ModeChange.setMinTls(SecurityModes.NONE, TlsVersion.TLS_1_0, false, inventory(SecurityModes.NONE, List.of()));
        assertThat(c.violations()).isEmpty();
        assertThat(c.warnings()).singleElement().satisfies(w -> {
            assertThat(w.code()).isEqualTo("policy.tls-weak-minimum");
            assertThat(w.message()).contains("TLS 1.0 and 1.1", "RFC 8996");
        });
        assertThat(ModeChange.setMinTls(SecurityModes.NONE, TlsVersion.TLS_1_1, false, inventory(SecurityModes.NONE, List.of())).warnings())
                .singleElement().extracting(PolicyWarning::message).asString().contains("allows TLS 1.1,");
        assertThat(ModeChange.setMinTls(SecurityModes.NONE, TlsVersion.TLS_1_3, false, inventory(SecurityModes.NONE, List.of())).warnings()).isEmpty();
    }

    @Test
    void raisingTheMinimum_stillListsWhatElseBreaks() {
        // FIPS with a ChaCha20 context: raising the minimum is a tightening, so the inventory is checked (with the new minimum)
        Inventory inv = inventory(FIPS_TLS11, List.of("TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256"));
        ModeChange c = ModeChange.setMinTls(FIPS_TLS11, TlsVersion.TLS_1_2, false, inv);
        assertThat(c.violations()).extracting(Violation::code).containsExactly("policy.suite-not-approved");
        assertThatThrownBy(() -> c.requireAccepted("minimum TLS version 1.2")).isInstanceOfSatisfying(UcsecException.class, e -> {
            assertThat(e.code()).isEqualTo("mode.violations");
            assertThat(e.getMessage()).contains("TLS context Default", "CHACHA20");
        });
        assertThat(ModeChange.setMinTls(FIPS_TLS11, TlsVersion.TLS_1_2, true, inv).requireAccepted("forced").to().minTlsVersion()).isEqualTo(TlsVersion.TLS_1_2);
    }

    @Test
    void commonCriteria_overALowMinimum_isRefusedUnlessForced_andForcedRaisesItVisibly() {
        Inventory inv = inventory(FIPS_TLS11, List.of());
        assertThatThrownBy(() -> ModeChange.setMode(FIPS_TLS11, SecurityMode.COMMON_CRITERIA, true, false, inv))
                .hasMessageContaining("minimum TLS version is 1.1").extracting("code").isEqualTo("mode.cc-requires-tls12");
        ModeChange forced = ModeChange.setMode(FIPS_TLS11, SecurityMode.COMMON_CRITERIA, true, true, inv);
        assertThat(forced.to().commonCriteria()).isTrue();
        assertThat(forced.to().minTlsVersion()).isEqualTo(TlsVersion.TLS_1_2);
        assertThat(forced.violations()).as("the raised minimum is not a violation of itself").isEmpty();
        assertThat(forced.warnings()).extracting(PolicyWarning::code).containsExactly("policy.tls-minimum-raised");
    }

    @Test
    void commonCriteriaRule_isOneFunction_usedByBothPaths() {
        assertThat(SecurityModes.commonCriteriaMinTls(TlsVersion.TLS_1_3, false)).isEqualTo(TlsVersion.TLS_1_3);
        assertThat(SecurityModes.commonCriteriaMinTls(TlsVersion.TLS_1_0, true)).isEqualTo(SecurityModes.COMMON_CRITERIA_MIN_TLS);
        assertThatThrownBy(() -> SecurityModes.commonCriteriaMinTls(TlsVersion.TLS_1_1, false)).extracting("code").isEqualTo("mode.cc-requires-tls12");
        // lowering below it with common criteria on: refused, force or not
        for (boolean force : new boolean[]{false, true}) {
            assertThatThrownBy(() -> ModeChange.setMinTls(CC, TlsVersion.TLS_1_1, force, inventory(CC, List.of())))
                    .hasMessageContaining("disable common criteria mode first").extracting("code").isEqualTo("mode.cc-requires-tls12");
        }
        assertThat(ModeChange.setMinTls(CC, TlsVersion.TLS_1_3, false, inventory(CC, List.of())).to().minTlsVersion()).isEqualTo(TlsVersion.TLS_1_3);
    }

    @Test
    void fips_cannotBeSwitchedOffUnderTheModesThatNeedIt_andSwitchingOffChecksNothing() {
        assertThatThrownBy(() -> ModeChange.setMode(CC, SecurityMode.FIPS, false, false, inventory(CC, List.of())))
                .extracting("code").isEqualTo("mode.fips-required-by-others");
        ModeChange off = ModeChange.setMode(CC, SecurityMode.COMMON_CRITERIA, false, false, inventory(CC, List.of("TLS_CHACHA20_POLY1305_SHA256")));
        assertThat(off.violations()).isEmpty();
        assertThat(off.changes()).isTrue();
        assertThat(ModeChange.setMode(CC, SecurityMode.COMMON_CRITERIA, true, false, inventory(CC, List.of())).changes()).isFalse();
    }
}
