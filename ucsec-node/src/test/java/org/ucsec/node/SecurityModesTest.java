package org.ucsec.node;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ucsec.node.testing.TestNode;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** Security modes as one policy every operation consults (SPEC S5, S6; seeds 000/002 FIPS section). */
class SecurityModesTest {
    @TempDir Path tmp;

    @Test
    void enablingFips_listsWhatViolatesIt_refuses_untilFixed() throws Exception {
        try (TestNode n = TestNode.start(tmp.resolve("a"))) {
            n.cli("set", "cert", "regen", "ipsec", "--hash", "SHA1").ok();           // allowed outside FIPS
            n.cli("set", "tls", "context", "Legacy", "--cipher-string", "ECDHE-RSA-CHACHA20-POLY1305:ECDHE-RSA-AES128-GCM-SHA256").ok();
            String before = n.cli("utils", "fips", "status", "--json").ok().out();
            var r = n.cli("utils", "fips", "enable");
            assertThat(r.exit()).isEqualTo(1);
            assertThat(r.err()).contains("mode.violations").contains("ipsec on imp1").contains("TLS context Legacy").contains("CHACHA20");
            assertThat(n.cli("utils", "fips", "status", "--json").ok().out()).isEqualTo(before);

            // fix both, then it enables
            n.cli("set", "cert", "regen", "ipsec", "--hash", "SHA256").ok();
            n.cli("set", "tls", "context", "Legacy", "--cipher-string", "ECDHE-RSA-AES128-GCM-SHA256").ok();
            JsonNode ok = n.cli("utils", "fips", "enable", "--json").ok().json();
            assertThat(ok.get("value").get("fips").asBoolean()).isTrue();
            assertThat(ok.get("restartsMarked").toString()).contains("admin").contains("sip-proxy");

            // now every operation obeys it: SHA-1, and suites FIPS does not approve, are refused
            assertThat(n.cli("set", "cert", "regen", "cup", "--hash", "SHA1").err()).contains("policy.hash-not-approved").contains("SHA-1").containsIgnoringCase("fips");
            assertThat(n.cli("set", "csr", "gen", "cup", "--hash", "SHA1").exit()).isEqualTo(1);
            assertThat(n.cli("set", "tls", "context", "Legacy", "--ciphers", "TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256").err()).contains("tls.cipher-unavailable");
            JsonNode ciphers = n.cli("show", "tls", "ciphers", "--json").ok().json();
            assertThat(ciphers.toString()).doesNotContain("CHACHA20").contains("TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256");
        }
    }

    @Test
    void enhancedSecurityOrCommonCriteria_withoutFips_areRefused() throws Exception {
        try (TestNode n = TestNode.start(tmp.resolve("b"))) {
            var r = n.cli("utils", "EnhancedSecurityMode", "enable");
            assertThat(r.exit()).isEqualTo(1);
            assertThat(r.err()).contains("mode.requires-fips");
            assertThat(n.cli("utils", "fips_common_criteria", "enable").err()).contains("mode.requires-fips");
            n.cli("utils", "fips", "enable").ok();
            JsonNode s = n.cli("utils", "EnhancedSecurityMode", "enable", "--json").ok().value();
            assertThat(s.get("enhancedSecurity").asBoolean()).isTrue();
            assertThat(s.get("auditLogging").asBoolean()).isTrue();
            // FIPS cannot go while enhanced security needs it
            assertThat(n.cli("utils", "fips", "disable").err()).contains("mode.fips-required-by-others");
        }
    }

    @Test
    void exchangeAuthentication_showsTheEffectiveMechanisms_neverNtlmV1UnderFips() throws Exception {
        try (TestNode n = TestNode.start(tmp.resolve("c"))) {
            JsonNode s = n.cli("utils", "fips", "status", "--json").ok().json();
            assertThat(s.get("exchangeMechanisms").toString()).contains("NTLM_V1");
            n.cli("utils", "fips", "enable").ok();
            s = n.cli("utils", "fips", "status", "--json").ok().json();
            assertThat(s.get("exchangeMechanisms").toString()).doesNotContain("NTLM_V1").contains("NTLM_V2").contains("BASIC");
            s = n.cli("set", "exchange-auth", "Basic", "--json").ok().value();
            assertThat(s.get("exchangeMechanisms").toString()).isEqualTo("[\"BASIC\"]");
            assertThat(n.cli("utils", "service", "list").ok().out()).contains("[presence-engine]").contains("Exchange server authentication");
            assertThat(n.cli("set", "exchange-auth", "Kerberos").exit()).isEqualTo(1);
        }
    }

    @Test
    void commonCriteria_isRefusedWhileTheExternalDatabaseLacksSsl_andAllowedWithSsl() throws Exception {
        for (String url : new String[]{"jdbc:postgresql://db.example.com:5432/ucsec", "jdbc:postgresql://db.example.com:5432/ucsec?sslmode=require"}) {
            Path dir = tmp.resolve("db-" + url.hashCode());
            var clock = org.ucsec.node.testing.MutableClock.now();
            var cfg = new org.ucsec.node.NodeConfig(dir, "127.0.0.1", 0, "imp1", "imp1.example.com", org.ucsec.pki.catalogue.Product.IMP, true,
                    url, "ucsec", null, clock, -1);
            // the services over an embedded store, configured as if the cluster store were that PostgreSQL
            try (var store = org.ucsec.store.Store.embedded(dir)) {
                var ctx = new org.ucsec.node.platform.NodeContext(store, org.ucsec.store.MasterKey.loadOrCreate(dir.resolve("master.key")), clock,
                        org.ucsec.pki.catalogue.Catalogue.get(), cfg);
                var modes = new org.ucsec.node.modes.SecurityModeService(ctx, new org.ucsec.node.restarts.RestartService(ctx), java.util.List.of());
                var admin = org.ucsec.node.platform.Actor.system();
                modes.set(admin, org.ucsec.tls.policy.SecurityMode.FIPS, true, false);
                if (url.contains("sslmode=require")) {
                    assertThat(modes.set(admin, org.ucsec.tls.policy.SecurityMode.COMMON_CRITERIA, true, false).value().commonCriteria()).isTrue();
                } else {
                    org.assertj.core.api.Assertions.assertThatThrownBy(() -> modes.set(admin, org.ucsec.tls.policy.SecurityMode.COMMON_CRITERIA, true, false))
                            .hasMessageContaining("db.example.com").hasMessageContaining("policy.external-db-without-tls")
                            .extracting("code").isEqualTo("mode.violations");
                    assertThat(modes.status().commonCriteria()).isFalse();
                }
            }
        }
    }

    @Test
    void minTlsVersion_unknown_isRefused() throws Exception {
        try (TestNode n = TestNode.start(tmp.resolve("d"))) {
            var r = n.cli("set", "tls", "min-version", "1.4");
            assertThat(r.exit()).isEqualTo(1);
            assertThat(r.err()).contains("tls.version-unknown");
        }
    }
}
