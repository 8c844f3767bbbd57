package org.ucsec.node;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.ucsec.node.testing.NodeTest;
import org.ucsec.node.testing.TestNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code utils fips|EnhancedSecurityMode|fips_common_criteria}, {@code set tls min-version}, {@code set exchange-auth}
 * end to end (SPEC S5, S6; seeds 000/002 FIPS section): one refusal and one happy path per command group. The rules are
 * tested on the service in {@code modes.SecurityModeServiceTest}.
 */
@NodeTest(NodeTest.Scope.PER_TEST)
class SecurityModesTest {
    @Test
    void fipsEnable_listsWhatViolatesIt_andRefuses_thenEnablesOnceFixed_andMarksTheListenersRestart(TestNode n) {
        n.cli("set", "tls", "context", "Legacy", "--cipher-string", "ECDHE-RSA-CHACHA20-POLY1305:ECDHE-RSA-AES128-GCM-SHA256").ok();
        String before = n.cli("utils", "fips", "status", "--json").ok().out();
        assertThat(n.cli("utils", "fips", "enable").refused("mode.violations").err()).contains("TLS context Legacy").contains("CHACHA20");
        assertThat(n.cli("utils", "fips", "status", "--json").ok().out()).isEqualTo(before);

        n.cli("set", "tls", "context", "Legacy", "--cipher-string", "ECDHE-RSA-AES128-GCM-SHA256").ok();
        JsonNode ok = n.cli("utils", "fips", "enable", "--json").ok().json();
        assertThat(ok.get("value").get("fips").asBoolean()).isTrue();
        assertThat(ok.get("restartsMarked").toString()).contains("admin").contains("sip-proxy");
        assertThat(n.cli("show", "tls", "ciphers", "--json").ok().json().toString()).doesNotContain("CHACHA20").contains("TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256");
    }

    @Test
    void enhancedSecurity_withoutFips_isRefused_andWithFipsEnables(TestNode n) {
        n.cli("utils", "EnhancedSecurityMode", "enable").refused("mode.requires-fips");
        n.cli("utils", "fips", "enable").ok();
        assertThat(n.cli("utils", "EnhancedSecurityMode", "enable", "--json").ok().value().get("enhancedSecurity").asBoolean()).isTrue();
        n.cli("utils", "fips", "disable").refused("mode.fips-required-by-others");
    }

    @Test
    void minTlsVersion_10_warnsOnStderr_andAnUnknownVersionIsRefused(TestNode n) {
        assertThat(n.cli("set", "tls", "min-version", "1.0").ok().err()).contains("policy.tls-weak-minimum");
        assertThat(n.cli("utils", "fips", "status", "--json").ok().json().get("minTlsVersion").asText()).isEqualTo("1.0");
        n.cli("set", "tls", "min-version", "1.4").refused("tls.version-unknown");
    }

    @Test
    void exchangeAuthentication_showsTheEffectiveMechanisms_neverNtlmV1UnderFips(TestNode n) {
        assertThat(n.cli("utils", "fips", "status", "--json").ok().json().get("exchangeMechanisms").toString()).contains("NTLM_V1");
        n.cli("utils", "fips", "enable").ok();
        JsonNode s = n.cli("utils", "fips", "status", "--json").ok().json();
        assertThat(s.get("exchangeMechanisms").toString()).doesNotContain("NTLM_V1").contains("NTLM_V2").contains("BASIC");
        s = n.cli("set", "exchange-auth", "Basic", "--json").ok().value();
        assertThat(s.get("exchangeMechanisms").toString()).isEqualTo("[\"BASIC\"]");
        assertThat(n.cli("utils", "service", "list").ok().out()).contains("[presence-engine]").contains("Exchange server authentication");
        assertThat(n.cli("set", "exchange-auth", "Kerberos").exit()).isEqualTo(1);
    }
}
