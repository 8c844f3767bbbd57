package org.ucsec.tls.policy;

import org.junit.jupiter.api.Test;
import org.ucsec.core.UcsecException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** SPEC S5; seeds 000/002 section "FIPS mode": enhanced security and common criteria "run on a FIPS-enabled system". */
class SecurityModesTest {

    @Test
    void enhancedSecurityWithoutFips_isRefused() {
        assertThatThrownBy(() -> SecurityModes.builder().enhancedSecurity(true).build())
                .isInstanceOfSatisfying(UcsecException.class, e -> {
                    assertThat(e.code()).isEqualTo("mode.requires-fips");
                    assertThat(e.getMessage()).contains("enhanced security mode requires FIPS mode");
                });
    }

    @Test
    void commonCriteriaWithoutFips_isRefused() {
        assertThatThrownBy(() -> SecurityModes.builder().commonCriteria(true).build())
                .isInstanceOfSatisfying(UcsecException.class, e -> {
                    assertThat(e.code()).isEqualTo("mode.requires-fips");
                    assertThat(e.getMessage()).contains("common criteria mode requires FIPS mode");
                });
    }

    @Test
    void bothWithoutFips_areNamedInOneRefusal() {
        assertThatThrownBy(() -> SecurityModes.builder().enhancedSecurity(true).commonCriteria(true).build())
                .hasMessageContaining("enhanced security mode and common criteria mode require FIPS mode");
    }

    @Test
    void canonicalConstructor_refusesTheSameContradictions() {
        assertThatThrownBy(() -> new SecurityModes(false, true, false, TlsVersion.TLS_1_2))
                .isInstanceOfSatisfying(UcsecException.class, e -> assertThat(e.code()).isEqualTo("mode.requires-fips"));
    }

    @Test
    void commonCriteriaWithMinimumTls11_isRefusedNotAdjusted() {
        assertThatThrownBy(() -> SecurityModes.builder().fips(true).commonCriteria(true).minTlsVersion("1.1").build())
                .isInstanceOfSatisfying(UcsecException.class, e -> {
                    assertThat(e.code()).isEqualTo("mode.cc-requires-tls12");
                    assertThat(e.getMessage()).contains("1.1").contains("set tls min-version 1.2");
                });
    }

    @Test
    void commonCriteriaWithTls12OrTls13_isAccepted() {
        assertThat(SecurityModes.builder().fips(true).commonCriteria(true).minTlsVersion(TlsVersion.TLS_1_2).build().commonCriteria()).isTrue();
        assertThat(SecurityModes.builder().fips(true).commonCriteria(true).minTlsVersion("TLSv1.3").build().minTlsVersion()).isEqualTo(TlsVersion.TLS_1_3);
    }

    @Test
    void fipsAlone_acceptsTls10Minimum() {
        SecurityModes m = SecurityModes.builder().fips(true).minTlsVersion("1.0").build();
        assertThat(m.active()).containsExactly(SecurityMode.FIPS);
    }

    @Test
    void allThreeModes_areListedInOrder() {
        SecurityModes m = SecurityModes.builder().fips(true).enhancedSecurity(true).commonCriteria(true).build();
        assertThat(m.active()).containsExactly(SecurityMode.FIPS, SecurityMode.ENHANCED_SECURITY, SecurityMode.COMMON_CRITERIA);
        assertThat(m.toBuilder().build()).isEqualTo(m);
    }

    @Test
    void defaults_areNoModeAndTls12() {
        assertThat(SecurityModes.builder().build()).isEqualTo(SecurityModes.NONE);
        assertThat(SecurityModes.NONE.minTlsVersion()).isEqualTo(TlsVersion.TLS_1_2);
    }

    @Test
    void tlsVersion_parsesOperatorAndJsseSpellings_andRefusesOthers() {
        assertThat(TlsVersion.parse("1.0")).isEqualTo(TlsVersion.TLS_1_0);
        assertThat(TlsVersion.parse("TLSv1")).isEqualTo(TlsVersion.TLS_1_0);
        assertThat(TlsVersion.parse("tlsv1.1")).isEqualTo(TlsVersion.TLS_1_1);
        assertThat(TlsVersion.parse("TLS1.3")).isEqualTo(TlsVersion.TLS_1_3);
        assertThatThrownBy(() -> TlsVersion.parse("SSLv3"))
                .isInstanceOfSatisfying(UcsecException.class, e -> assertThat(e.code()).isEqualTo("tls.version-unknown"));
        assertThatThrownBy(() -> TlsVersion.parse("1.4")).hasMessageContaining("'1.4'");
    }
}
