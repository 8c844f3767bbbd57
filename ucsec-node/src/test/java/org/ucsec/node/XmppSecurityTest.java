package org.ucsec.node;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.ucsec.node.testing.NodeTest;
import org.ucsec.node.testing.TestCa;
import org.ucsec.node.testing.TestNode;
import org.ucsec.pki.testing.OpenSsl;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** Secure XMPP settings (SPEC S2; seed 000 table 1) and the federation wildcard (C9). */
@NodeTest(NodeTest.Scope.PER_TEST)
class XmppSecurityTest {
    @Test
    void defaults_clientSecureOn_othersOff(TestNode n) throws Exception {
        JsonNode s = n.cli("show", "xmpp", "--json").ok().json();
        assertThat(s.get("xmppClientSecureMode").asBoolean()).isTrue();
        assertThat(s.get("routerToRouterSecureMode").asBoolean()).isFalse();
        assertThat(s.get("webClientSecureMode").asBoolean()).isFalse();
        assertThat(s.get("federationWildcard").asBoolean()).isFalse();
    }

    @Test
    void clientSecureOff_warns_andMarksConnectionManagerRestart(TestNode n) throws Exception {
        var r = n.cli("set", "xmpp", "--client-secure", "off").ok();
        assertThat(r.err()).contains("xmpp.client-secure-mode-off");
        assertThat(n.cli("utils", "service", "list").ok().out()).contains("[xcp-connection-manager]").contains("XMPP client secure mode changed");
        assertThat(n.cli("set", "xmpp", "--client-secure", "maybe").exit()).isEqualTo(2);
    }

    @Test
    void webClientSecureOn_withoutWebClientCert_warns_thenNotOnceUploaded(TestNode n) throws Exception {
        assertThat(n.cli("set", "xmpp", "--web-client-secure", "on").ok().err()).contains("xmpp.web-client-no-certificate");
        n.cli("set", "cert", "import", "trust", "cup-xmpp-trust", n.fileArg("root.pem", TestCa.ec(n, "Web").rootPem())).ok();
        assertThat(n.cli("set", "xmpp", "--router-secure", "on").ok().err()).doesNotContain("xmpp.web-client-no-certificate");
    }

    @Test
    void wildcard_putsStarDomainIntoS2sCertificates_andMarksRegeneration(TestNode n) throws Exception {
        n.cli("set", "xmpp", "--hosted-domains", "example.com,example.org").ok();
        JsonNode own = n.cli("show", "cert", "own", "cup-xmpp-s2s", "--json").ok().json();
        assertThat(own.get("regenerateRequired").asBoolean()).isTrue();
        var regen = n.cli("set", "cert", "regen", "cup-xmpp-s2s", "--json").ok().value();
        assertThat(regen.get("certificate").get("subjectAltNames").toString()).contains("DNS:example.com").contains("DNS:example.org").doesNotContain("*.");
        assertThat(regen.get("regenerateRequired").asBoolean()).isFalse();

        n.cli("set", "xmpp", "--wildcard", "on").ok();
        assertThat(n.cli("show", "cert", "own", "cup-xmpp-s2s-ECDSA", "--json").ok().json().get("regenerateRequired").asBoolean()).isTrue();
        var csr = n.cli("set", "csr", "gen", "cup-xmpp-s2s-ECDSA", "--json").ok().value();
        Path f = n.file("s2s.csr", csr.get("pem").asText());
        String text = OpenSsl.run(n.scratch, "req", "-in", f.toString(), "-noout", "-text").ok().out();
        assertThat(text).contains("DNS:*.example.com").contains("DNS:*.example.org");
        // other purposes never carry the hosted domains
        assertThat(n.cli("set", "cert", "regen", "cup-xmpp", "--json").ok().value().get("certificate").get("subjectAltNames").toString()).doesNotContain("example.org");
    }

    @Test
    void hostedDomain_withWildcardOrInvalid_isRefused(TestNode n) throws Exception {
        assertThat(n.cli("set", "xmpp", "--hosted-domains", "*.example.com").err()).contains("xmpp.domain-invalid");
        assertThat(n.cli("set", "xmpp", "--hosted-domains", "bad domain").err()).contains("san.invalid");
        assertThat(n.cli("show", "xmpp", "--json").ok().json().get("hostedDomains")).isEmpty();
    }
}
