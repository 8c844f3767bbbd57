package org.ucsec.node.modes;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.ucsec.core.UcsecException;
import org.ucsec.node.NodeConfig;
import org.ucsec.node.certs.CertificateService;
import org.ucsec.node.platform.Actor;
import org.ucsec.node.platform.Change;
import org.ucsec.node.platform.NodeContext;
import org.ucsec.node.restarts.RestartService;
import org.ucsec.node.testing.MutableClock;
import org.ucsec.node.testing.NodeTest;
import org.ucsec.node.testing.TestNode;
import org.ucsec.node.tlscontext.TlsContextService.ContextChange;
import org.ucsec.pki.catalogue.Catalogue;
import org.ucsec.pki.catalogue.Product;
import org.ucsec.pki.testing.OpenSsl;
import org.ucsec.store.MasterKey;
import org.ucsec.store.Store;
import org.ucsec.tls.policy.SecurityMode;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.ucsec.node.testing.Refusals.refused;

/**
 * SPEC S5 on {@link SecurityModeService} over a real store (seeds 000/002, section "FIPS mode"; the rules are
 * {@code ModeChange}'s): enabling lists every violation and refuses until fixed or forced; enhanced security and common
 * criteria need FIPS; common criteria raises the minimum TLS version only when forced; a minimum of 1.0/1.1 warns
 * (RFC 8996) and moving it up is never refused because of its own old value; trust-store entries count as violations.
 */
@NodeTest(NodeTest.Scope.PER_TEST)
class SecurityModeServiceTest {
    private static final Actor ADMIN = TestNode.admin();

    private static CertificateService.Options hash(String h) {
        return new CertificateService.Options(null, h, null, null, null, null, null, null, List.of(), false);
    }

    @SuppressWarnings("unchecked")
    private static List<String> violationCodes(UcsecException e) {
        List<String> out = new ArrayList<>();
        for (Object v : (List<Object>) e.details().get("violations")) out.add(((Map<String, Object>) v).get("code") + " " + ((Map<String, Object>) v).get("objectName"));
        return out;
    }

    // ------------------------------------------------------------------ violations: listed, refused until fixed or forced
    @Test
    void enablingFips_listsEveryViolation_refuses_andChangesNothing_untilFixed(TestNode n) {
        n.certs().regenerate(ADMIN, "ipsec", hash("SHA1"));   // allowed outside FIPS
        n.tls().update(ADMIN, "Legacy", new ContextChange(null, null, null, "ECDHE-RSA-CHACHA20-POLY1305:ECDHE-RSA-AES128-GCM-SHA256"));
        String before = n.snapshot();
        UcsecException e = refused("mode.violations", () -> n.modes().set(ADMIN, SecurityMode.FIPS, true, false));
        assertThat(violationCodes(e)).containsExactlyInAnyOrder("policy.hash-not-approved ipsec on imp1", "policy.hash-not-approved trust ipsec-trust/imp1.example.com.pem",
                "policy.suite-not-approved TLS context Legacy");
        assertThat(n.snapshot()).isEqualTo(before);
        assertThat(n.modes().status().fips()).isFalse();

        n.certs().regenerate(ADMIN, "ipsec", hash("SHA256"));
        n.tls().update(ADMIN, "Legacy", new ContextChange(null, null, null, "ECDHE-RSA-AES128-GCM-SHA256"));
        Change<SecurityModeService.Status> ok = n.modes().set(ADMIN, SecurityMode.FIPS, true, false);
        assertThat(ok.value().fips()).isTrue();
        assertThat(ok.value().currentViolations()).isEmpty();
        // settings.tsv: security.mode restarts every hosted listener
        assertThat(ok.restartsMarked()).contains("admin@imp1", "sip-proxy@imp1");
    }

    @Test
    void enablingFips_withForce_appliesOverTheViolations_andSaysWhichItWasForcedOver(TestNode n) {
        n.certs().regenerate(ADMIN, "cup", hash("SHA1"));
        Change<SecurityModeService.Status> forced = n.modes().set(ADMIN, SecurityMode.FIPS, true, true);
        assertThat(forced.value().fips()).isTrue();
        assertThat(forced.warnings()).anySatisfy(w -> assertThat(w).startsWith("forced over: policy.hash-not-approved").contains("cup on imp1"));
        assertThat(n.modes().violations()).extracting(SecurityModeService.ViolationView::objectName).contains("cup on imp1");
        // now the mode is consulted by every operation
        refused("policy.hash-not-approved", () -> n.certs().regenerate(ADMIN, "cup", hash("SHA1")));
        refused("tls.cipher-unavailable", () -> n.tls().update(ADMIN, "X", new ContextChange(null, null, List.of("TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256"), null)));
        // switching off is never refused by the inventory
        assertThat(n.modes().set(ADMIN, SecurityMode.FIPS, false, false).value().fips()).isFalse();
    }

    /** A self-signed CA made by openssl with {@code keyArgs} and digest, as an operator might still have one in a trust store. */
    private static String weakRoot(TestNode n, String cn, String digest, String... keyArgs) throws Exception {
        List<String> a = new ArrayList<>(List.of("req", "-x509", "-nodes"));
        a.addAll(List.of(keyArgs));
        a.addAll(List.of("-" + digest, "-keyout", cn + ".key", "-out", cn + ".pem", "-days", "365", "-subj", "/CN=" + cn,
                "-addext", "basicConstraints=critical,CA:TRUE", "-addext", "keyUsage=critical,keyCertSign,cRLSign"));
        OpenSsl.run(n.scratch, a.toArray(String[]::new)).ok();
        return Files.readString(n.scratch.resolve(cn + ".pem"));
    }

    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource({
            "rsa1024, policy.key-too-small, sha256, -newkey rsa:1024",
            "md5, policy.hash-not-approved, md5, -newkey rsa:2048",
            "p521, policy.curve-not-approved, sha512, -newkey ec -pkeyopt ec_paramgen_curve:P-521"})
    void aWeakCaInATrustStore_isAFipsViolation(String cn, String code, String digest, String keyArgs, TestNode n) throws Exception {
        String pem = weakRoot(n, cn, digest, keyArgs.split(" "));
        // RSA < 2048 and MD5 are refused on upload whatever the mode since issue 7 ("never for anything new"): such an entry
        // is one from before, put in the store as it is; P-521 is still uploadable outside FIPS
        java.security.cert.X509Certificate cert = org.ucsec.pki.Pem.certificates(pem.getBytes(StandardCharsets.US_ASCII)).get(0);
        String name = cn.equals("p521")
                ? n.trust().importCertificates(ADMIN, "CallManager-trust", pem.getBytes(StandardCharsets.US_ASCII), null).value().added().get(0).name()
                : n.node.context().store().tx(h -> n.trust().insert(h, "CallManager-trust", cert, "from before issue 7", null, null)).name();
        UcsecException e = refused("mode.violations", () -> n.modes().set(ADMIN, SecurityMode.FIPS, true, false));
        assertThat(violationCodes(e)).containsExactly(code + " trust CallManager-trust/" + name);
    }

    // ------------------------------------------------------------------ enhanced security and common criteria need FIPS
    @Test
    void enhancedSecurityAndCommonCriteria_withoutFips_areRefused_andFipsCannotGoWhileTheyNeedIt(TestNode n) {
        refused("mode.requires-fips", () -> n.modes().set(ADMIN, SecurityMode.ENHANCED_SECURITY, true, true));
        refused("mode.requires-fips", () -> n.modes().set(ADMIN, SecurityMode.COMMON_CRITERIA, true, true));
        n.modes().set(ADMIN, SecurityMode.FIPS, true, false);
        var enhanced = n.modes().set(ADMIN, SecurityMode.ENHANCED_SECURITY, true, false).value();
        assertThat(enhanced.enhancedSecurity()).isTrue();
        assertThat(enhanced.auditLogging()).as("enhanced security makes audit logging mandatory").isTrue();
        refused("mode.fips-required-by-others", () -> n.modes().set(ADMIN, SecurityMode.FIPS, false, true));
        n.modes().set(ADMIN, SecurityMode.ENHANCED_SECURITY, false, false);
        assertThat(n.modes().set(ADMIN, SecurityMode.FIPS, false, false).value().fips()).isFalse();
    }

    // ------------------------------------------------------------------ common criteria and the minimum TLS version
    @Test
    void commonCriteria_overAMinimumBelow12_isRefused_unlessForced_thenRaisesItTo12AndSaysSo(TestNode n) {
        n.modes().setMinTls(ADMIN, "1.1", false);
        n.modes().set(ADMIN, SecurityMode.FIPS, true, false);
        String before = n.snapshot();
        refused("mode.cc-requires-tls12", () -> n.modes().set(ADMIN, SecurityMode.COMMON_CRITERIA, true, false));
        assertThat(n.snapshot()).isEqualTo(before);
        assertThat(n.modes().status().minTlsVersion()).isEqualTo("1.1");

        var forced = n.modes().set(ADMIN, SecurityMode.COMMON_CRITERIA, true, true);
        assertThat(forced.value().commonCriteria()).isTrue();
        assertThat(forced.value().minTlsVersion()).isEqualTo("1.2");
        assertThat(forced.value().protocols()).containsExactly("TLSv1.2", "TLSv1.3");
        assertThat(forced.warnings()).anySatisfy(w -> assertThat(w).startsWith("policy.tls-minimum-raised").contains("from 1.1 to 1.2"));
        // and with common criteria on, the minimum cannot go below 1.2, forced or not
        refused("mode.cc-requires-tls12", () -> n.modes().setMinTls(ADMIN, "1.1", true));
    }

    @Test
    void commonCriteria_overAMinimumOf12_leavesTheMinimumAlone(TestNode n) {
        n.modes().setMinTls(ADMIN, "1.3", false);
        n.modes().set(ADMIN, SecurityMode.FIPS, true, false);
        var cc = n.modes().set(ADMIN, SecurityMode.COMMON_CRITERIA, true, false);
        assertThat(cc.value().minTlsVersion()).isEqualTo("1.3");
        assertThat(cc.warnings()).noneSatisfy(w -> assertThat(w).contains("policy.tls-minimum-raised"));
    }

    @ParameterizedTest(name = "min-version {0}")
    @CsvSource({"1.0, TLS 1.0 and 1.1", "1.1, TLS 1.1"})
    void minimumBelow12_isAllowed_withAnRfc8996Warning(String version, String named, TestNode n) {
        var c = n.modes().setMinTls(ADMIN, version, false);
        assertThat(c.value().minTlsVersion()).isEqualTo(version);
        assertThat(c.warnings()).singleElement().satisfies(w -> assertThat(w).startsWith("policy.tls-weak-minimum").contains(named).contains("RFC 8996"));
        assertThat(c.restartsMarked()).contains("admin@imp1", "sip-proxy@imp1");
    }

    @Test
    void raisingTheMinimumFrom10To12_isNotRefusedBecauseOfItsOwnOldValue(TestNode n) {
        n.modes().setMinTls(ADMIN, "1.0", false);
        n.modes().set(ADMIN, SecurityMode.FIPS, true, false);
        var up = n.modes().setMinTls(ADMIN, "1.2", false);
        assertThat(up.value().minTlsVersion()).isEqualTo("1.2");
        assertThat(up.warnings()).isEmpty();
        assertThat(up.value().currentViolations()).isEmpty();
        // the same value again changes nothing and marks nothing
        assertThat(n.modes().setMinTls(ADMIN, "1.2", false).restartsMarked()).isEmpty();
    }

    @Test
    void unknownTlsVersion_isRefused(TestNode n) {
        refused("tls.version-unknown", () -> n.modes().setMinTls(ADMIN, "1.4", false));
        refused("tls.version-unknown", () -> n.modes().setMinTls(ADMIN, "SSLv3", false));
    }

    @Test
    void readOnlyOperator_cannotChangeModes(TestNode n) {
        Actor viewer = new Actor("viewer", Actor.Role.READ_ONLY, false);
        refused("auth.read-only", () -> n.modes().set(viewer, SecurityMode.FIPS, true, true));
        refused("auth.read-only", () -> n.modes().setMinTls(viewer, "1.3", false));
        refused("auth.read-only", () -> n.modes().setExchangeAuthentication(viewer, "Basic"));
    }

    // ------------------------------------------------------------------ common criteria and an external database (seed: MSSQL note)
    @ParameterizedTest(name = "{0}")
    @CsvSource({"jdbc:postgresql://db.example.com:5432/ucsec, false", "jdbc:postgresql://db.example.com:5432/ucsec?sslmode=require, true"})
    void commonCriteria_requiresSslToTheExternalDatabase(String url, boolean allowed, @TempDir Path dir) throws Exception {
        // the services over an embedded store, configured as if the cluster store were that PostgreSQL
        var cfg = new NodeConfig(dir, "127.0.0.1", 0, "imp1", "imp1.example.com", Product.IMP, true, url, "ucsec", null, MutableClock.now(), -1);
        try (Store store = Store.embedded(dir)) {
            var ctx = new NodeContext(store, MasterKey.loadOrCreate(dir.resolve("master.key")), cfg.clock(), Catalogue.get(), cfg);
            var modes = new SecurityModeService(ctx, new RestartService(ctx), List.of());
            modes.set(ADMIN, SecurityMode.FIPS, true, false);
            if (allowed) {
                assertThat(modes.set(ADMIN, SecurityMode.COMMON_CRITERIA, true, false).value().commonCriteria()).isTrue();
            } else {
                UcsecException e = refused("mode.violations", () -> modes.set(ADMIN, SecurityMode.COMMON_CRITERIA, true, false));
                assertThat(violationCodes(e)).singleElement().satisfies(v -> assertThat(v).startsWith("policy.external-db-without-tls").contains("db.example.com"));
                assertThat(modes.status().commonCriteria()).isFalse();
            }
        }
    }
}
