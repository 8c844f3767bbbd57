package org.ucsec.node.sipoauth;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.ucsec.node.phonesecurity.PhoneSecurityService;
import org.ucsec.node.platform.ClusterRepo;
import org.ucsec.node.platform.rest.Json;
import org.ucsec.node.testing.TestCa;
import org.ucsec.node.testing.TestNode;
import org.ucsec.pki.catalogue.Product;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * SIP OAuth configuration on a call-control publisher (SPEC O1-O7, seed 004), through the real CLI and REST: the seed's
 * parameter names, values and defaults; the O4 port range and clashes; Expressway-C entries and the tomcat-trust
 * warning; the SIP OAuth mode and the restarts it marks. Every refusal leaves the configuration as it was.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SipOAuthConfigTest {
    TestNode n;

    @BeforeAll
    void start(@TempDir Path tmp) throws Exception { n = TestNode.start(tmp.resolve("cucm"), Product.CUCM, true); }

    @AfterAll
    void stop() { if (n != null) n.close(); }

    /** Everything a refusal must leave unchanged: the node's snapshot plus the SIP OAuth and phone security state. */
    String snapshot() {
        SipOAuthService s = n.service(SipOAuthService.class);
        PhoneSecurityService p = n.service(PhoneSecurityService.class);
        return n.snapshot() + Json.write(List.of(s.parameters(), s.ports(), s.expressways(), s.mode(), p.profiles(), p.devices()));
    }

    @Test
    void parameters_haveTheSeedsNamesAndDefaults() {
        JsonNode ps = n.cli("show", "sipoauth", "parameters", "--json").ok().json();
        assertThat(ps).hasSize(3);
        assertThat(ps.get(0).get("name").asText()).isEqualTo("OAuth Access Token for Devices");
        assertThat(ps.get(0).get("seedName").asText()).isEqualTo("디바이스에 대한 OAuth 액세스 토큰");
        // seed 004: "릴리스 14 이후부터는 ... 기본값은 암시적: 이미 등록된 디바이스입니다"
        assertThat(ps.get(0).get("valueName").asText()).isEqualTo("Implicit: already registered devices");
        assertThat(ps.get(1).get("name").asText()).isEqualTo("OAuth with Refresh Login");
        assertThat(ps.get(2).get("name").asText()).isEqualTo("Cluster SIPOAuth mode");
        assertThat(ps.get(2).get("valueName").asText()).isEqualTo("Disabled");
        assertThat(ps.get(2).get("writable").asBoolean()).isFalse();
    }

    @Test
    void accessTokenParameter_setByNameOrSeedText_andBack() {
        JsonNode v = n.cli("set", "sipoauth", "parameter", "OAuth Access Token for Devices", "Explicit: activation code device onboarding required", "--json").ok().value();
        assertThat(v.get("value").asText()).isEqualTo("explicit");
        // the seed's own wording selects the same value
        v = n.cli("set", "sipoauth", "parameter", "oauth-access-token-for-devices", "암시적: 이미 등록된 디바이스", "--json").ok().value();
        assertThat(v.get("value").asText()).isEqualTo("implicit");
        v = n.cli("set", "sipoauth", "parameter", "oauth-with-refresh-login", "Enabled", "--json").ok().value();
        assertThat(v.get("valueName").asText()).isEqualTo("Enabled");
        n.cli("set", "sipoauth", "parameter", "oauth-with-refresh-login", "disabled").ok();
    }

    @Test
    void parameter_badValueOrReadOnlyOrUnknown_isRefused_andChangesNothing() {
        String before = snapshot();
        n.cli("set", "sipoauth", "parameter", "OAuth Access Token for Devices", "sometimes").refused("sipoauth.parameter-value-invalid");
        n.cli("set", "sipoauth", "parameter", "Cluster SIPOAuth mode", "Enabled").refused("sipoauth.parameter-read-only");
        n.cli("set", "sipoauth", "parameter", "OAuth Token Lifetime", "1").refused("sipoauth.parameter-unknown");
        assertThat(snapshot()).isEqualTo(before);
    }

    @Test
    void ports_defaultToTheSeeds_andCanBeSet() {
        JsonNode p = n.cli("show", "sipoauth", "ports", "--json").ok().json();
        assertThat(p).hasSize(1);
        assertThat(p.get(0).get("phoneOAuthPort").asInt()).isEqualTo(5090);
        assertThat(p.get(0).get("mraPort").asInt()).isEqualTo(5091);
        JsonNode v = n.cli("set", "sipoauth", "ports", "--phone-oauth-port", "15090", "--mra-port", "15091", "--json").ok().value();
        assertThat(v.get("phoneOAuthPort").asInt()).isEqualTo(15090);
        assertThat(n.cli("show", "sipoauth", "ports").ok().out()).contains("cucm1: SIP Phone OAuth Port 15090, SIP Mobile and Remote Access Port 15091");
        n.cli("set", "sipoauth", "ports", "cucm1", "--phone-oauth-port", "5090", "--mra-port", "5091").ok();
    }

    @Test
    void ports_outOfRangeOrClashing_areRefusedNamingThePort_andChangeNothing() {
        String before = snapshot();
        assertThat(n.cli("set", "sipoauth", "ports", "--phone-oauth-port", "1023").refused("sipoauth.port-out-of-range").err()).contains("1023").contains("1024-49151");
        assertThat(n.cli("set", "sipoauth", "ports", "--mra-port", "49152").refused("sipoauth.port-out-of-range").err()).contains("49152");
        n.cli("set", "sipoauth", "ports", "--mra-port", "0").refused("sipoauth.port-out-of-range");
        assertThat(n.cli("set", "sipoauth", "ports", "--phone-oauth-port", "5091").refused("sipoauth.port-clash").err()).contains("5091").contains("SIP Mobile and Remote Access Port");
        // the admin listener's bound port on this node, whatever it is
        int admin = n.node.adminPort();
        if (admin >= 1024 && admin <= 49151)
            assertThat(n.cli("set", "sipoauth", "ports", "--phone-oauth-port", "" + admin).refused("sipoauth.port-clash").err()).contains("" + admin).contains("admin listener");
        assertThat(n.cli("set", "sipoauth", "ports", "--mra-port", "5060").refused("sipoauth.port-clash").err()).contains("SIP Phone Port");
        assertThat(n.cli("set", "sipoauth", "ports", "--phone-oauth-port", "6971").refused("sipoauth.port-clash").err()).contains("6971");
        // the sip-proxy listener's default port (it runs on a free port in tests, so its default is not taken here)... its bound port is
        int sip = n.node.sipTlsPort();
        if (sip >= 1024 && sip <= 49151) n.cli("set", "sipoauth", "ports", "--mra-port", "" + sip).refused("sipoauth.port-clash");
        assertThat(n.cli("set", "sipoauth", "ports", "--phone-oauth-port", "abc").exit()).as("usage error").isEqualTo(2);
        n.cli("set", "sipoauth", "ports", "nosuchnode", "--phone-oauth-port", "15000").refused("sipoauth.node-unknown");
        n.cli("set", "sipoauth", "ports").refused("sipoauth.port-missing");
        assertThat(snapshot()).isEqualTo(before);
    }

    @Test
    void phoneEdgeTrust_acceptsTheTomcatCaRoot_andListsIt() {
        TestCa ca = TestCa.ec(n, "TomcatSigning");
        JsonNode r = n.cli("set", "cert", "import", "trust", "phone-edge-trust", n.fileArg("root.pem", ca.rootPem()), "--description", "tomcat signing CA", "--json").ok().json();
        assertThat(r.get("restartsMarked").toString()).contains("sip-oauth@cucm1");
        JsonNode list = n.cli("show", "cert", "list", "trust", "--json").ok().json();
        assertThat(list.toString()).contains("phone-edge-trust").contains("TomcatSigning Root CA");
        // a leaf (not a CA) and garbage are refused there as in every trust store
        String before = snapshot();
        n.cli("set", "cert", "import", "trust", "phone-edge-trust", n.fileArg("garbage.pem", "not a certificate")).refused("pem.");
        assertThat(snapshot()).isEqualTo(before);
    }

    @Test
    void expresswayC_withCertificateTomcatTrustCannotVerify_isStoredWithAWarning_thenVerifiesOnceItsCaIsTrusted() throws Exception {
        TestCa ca = TestCa.rsa(n, "Expressway");
        TestCa.Peer exp = ca.peer("expc1.example.com", "rsa");
        Path pem = exp.chain();
        JsonNode r = n.cli("set", "sipoauth", "expressway-c", "add", "expc1.example.com", "--description", "MRA edge", "--certificate", pem.toString(), "--json").ok().json();
        assertThat(r.get("value").get("subjects").toString()).contains("expc1.example.com");
        assertThat(r.get("value").get("tomcatTrustVerifies").asBoolean()).isFalse();
        assertThat(r.get("warnings").toString()).contains("tomcat-trust cannot verify the certificate of Expressway-C expc1.example.com");
        n.cli("set", "cert", "import", "trust", "tomcat-trust", n.fileArg("exp-ca.pem", ca.chainPem())).ok();
        JsonNode shown = n.cli("show", "sipoauth", "expressway-c", "--json").ok().json();
        assertThat(shown.get(0).get("tomcatTrustVerifies").asBoolean()).isTrue();
        assertThat(n.cli("show", "sipoauth", "expressway-c").ok().out()).contains("tomcat-trust verifies it");
        // subjects given by hand that the certificate does not carry: stored, with a warning
        r = n.cli("set", "sipoauth", "expressway-c", "add", "10.0.0.7", "--subjects", "expc2.example.com", "--certificate", pem.toString(), "--json").ok().json();
        assertThat(r.get("warnings").toString()).contains("expc2.example.com").contains("not in the certificate");
        // without a certificate: nothing to check, said so
        r = n.cli("set", "sipoauth", "expressway-c", "add", "expc3.example.com", "--json").ok().json();
        assertThat(r.get("warnings").toString()).contains("cannot check");
        n.cli("set", "sipoauth", "expressway-c", "delete", "10.0.0.7").ok();
        n.cli("set", "sipoauth", "expressway-c", "delete", "expc3.example.com").ok();
    }

    @Test
    void expresswayC_badInput_isRefused_andChangesNothing() {
        String before = snapshot();
        n.cli("set", "sipoauth", "expressway-c", "add", "exp c.example.com").refused("sipoauth.expressway-host-invalid");
        n.cli("set", "sipoauth", "expressway-c", "add", "bad!host.example.com").refused("sipoauth.expressway-host-invalid");
        n.cli("set", "sipoauth", "expressway-c", "add", "expd.example.com", "--subjects", "not a name").refused("sipoauth.expressway-subject-invalid");
        n.cli("set", "sipoauth", "expressway-c", "add", "10.1.1.1").refused("sipoauth.expressway-subject-missing");
        n.cli("set", "sipoauth", "expressway-c", "add", "expd.example.com", "--description", "evil\u001b[31m").refused("text.control-character");
        n.cli("set", "sipoauth", "expressway-c", "add", "expd.example.com", "--certificate", n.fileArg("x.pem", "-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----\n")).refused("pem.");
        n.cli("set", "sipoauth", "expressway-c", "delete", "nosuch.example.com").refused("sipoauth.expressway-unknown");
        assertThat(snapshot()).isEqualTo(before);
    }

    @Test
    void sipOAuthMode_enableOnThePublisher_isClusterWide_marksCallManagerAndTheEdge_andDisableReverts() {
        assertThat(n.cli("utils", "sipOAuth-mode", "status").ok().out()).contains("SIP OAuth mode is disabled");
        try {
            JsonNode r = n.cli("utils", "sipOAuth-mode", "enable", "--json").ok().json();
            assertThat(r.get("value").get("enabled").asBoolean()).isTrue();
            assertThat(r.get("restartsMarked").toString()).contains("callmanager@cucm1").contains("sip-oauth@cucm1").contains("sip-oauth-mra@cucm1");
            // the read-only enterprise parameter follows
            JsonNode p = n.cli("show", "sipoauth", "parameters", "--json").ok().json();
            assertThat(p.get(2).get("valueName").asText()).isEqualTo("Enabled");
            JsonNode services = n.cli("utils", "service", "list", "--json").ok().json();
            boolean cmPending = false;
            for (JsonNode s : services) if (s.get("id").asText().equals("callmanager") && s.get("node").asText().equals("cucm1")) cmPending = s.get("restartPending").asBoolean();
            assertThat(cmPending).as("Cisco CallManager restart pending on cucm1 (C12)").isTrue();
            assertThat(n.cli("utils", "sipOAuth-mode", "enable", "--json").ok().json().get("warnings").toString()).contains("already enabled");
        } finally {
            n.cli("utils", "sipOAuth-mode", "disable").ok();
        }
        assertThat(n.cli("utils", "sipOAuth-mode", "status").ok().out()).contains("disabled");
        assertThat(n.cli("utils", "sipOAuth-mode", "sometimes").exit()).as("usage error").isEqualTo(2);
    }

    @Test
    void enablingMode_marksCallManagerOnEveryCallControlNodeOfTheCluster_notOnImAndPresence() {
        var store = n.node.context().store();
        store.tx(h -> {
            ClusterRepo.insertNode(h, new ClusterRepo.NodeRow("cucm2", "cucm2.example.com", "cucm2", "cucm", "subscriber", false, n.clock.instant()));
            ClusterRepo.insertNode(h, new ClusterRepo.NodeRow("imp9", "imp9.example.com", "imp9", "imp", "subscriber", false, n.clock.instant()));
            return null;
        });
        try {
            JsonNode r = n.cli("utils", "sipOAuth-mode", "enable", "--json").ok().json();
            assertThat(r.get("restartsMarked").toString()).contains("callmanager@cucm1").contains("callmanager@cucm2").contains("sip-oauth@cucm2")
                    .doesNotContain("@imp9");
            assertThat(n.cli("show", "sipoauth", "ports", "--json").ok().json()).hasSize(2);
        } finally {
            n.cli("utils", "sipOAuth-mode", "disable").ok();
            store.tx(h -> {
                h.createUpdate("DELETE FROM restart_pending WHERE node IN ('cucm2', 'imp9')").execute();
                h.createUpdate("DELETE FROM node WHERE name IN ('cucm2', 'imp9')").execute();
                return null;
            });
        }
    }

    @Test
    void readOnlyActor_mayLookButNotChange() {
        var ro = new org.ucsec.node.platform.Actor("auditor", org.ucsec.node.platform.Actor.Role.READ_ONLY, false);
        SipOAuthService s = n.service(SipOAuthService.class);
        String before = snapshot();
        org.ucsec.node.testing.Refusals.refused("auth.read-only", () -> s.setMode(ro, true));
        org.ucsec.node.testing.Refusals.refused("auth.read-only", () -> s.setPorts(ro, "cucm1", new SipOAuthService.PortsChange(15000, null, null)));
        org.ucsec.node.testing.Refusals.refused("auth.read-only", () -> s.setParameter(ro, "oauth-with-refresh-login", new SipOAuthService.ParameterChange("enabled")));
        org.ucsec.node.testing.Refusals.refused("auth.read-only", () -> n.service(SipOAuthTokens.class).createActivationCode(ro, "SEP001122334455"));
        assertThat(s.parameters()).hasSize(3);
        assertThat(snapshot()).isEqualTo(before);
    }

    @Test
    void subscriberNode_refusesModeChanges_andImpNode_hasNoOAuthPorts(@TempDir Path other) throws Exception {
        try (TestNode sub = TestNode.start(other.resolve("imp-sub"), Product.IMP, false)) {
            assertThat(sub.cli("utils", "sipOAuth-mode", "enable").refused("sipoauth.not-publisher").err()).contains("publisher");
            assertThat(sub.cli("utils", "sipOAuth-mode", "status").ok().out()).contains("disabled");
            sub.cli("set", "sipoauth", "ports", "--phone-oauth-port", "15090").refused("sipoauth.not-call-control");
            assertThat(sub.cli("show", "sipoauth", "ports", "--json").ok().json()).isEmpty();
        }
    }
}
