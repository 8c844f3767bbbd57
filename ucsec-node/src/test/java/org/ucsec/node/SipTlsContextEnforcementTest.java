package org.ucsec.node;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.ucsec.node.testing.SClient;
import org.ucsec.node.testing.NodeTest;
import org.ucsec.node.testing.TestCa;
import org.ucsec.node.testing.TestNode;


import static org.assertj.core.api.Assertions.assertThat;

/**
 * The default TLS context is enforced on the SIP peer-auth TLS port (SPEC S3, S4, C12), tested with openssl s_client:
 * an allowed CN is answered; another CN, no certificate, a cipher outside the list fail; a context change applies
 * on restart of the SIP proxy without dropping an established connection. Under common criteria (S5) TLS 1.1 is refused.
 */
@NodeTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SipTlsContextEnforcementTest {
    TestNode n;
    TestCa.Peer peer1, peer2;

    @BeforeAll
    void start(TestNode node) {
        n = node;
        TestCa ca = TestCa.rsa(n, "Peers");
        n.cli("set", "cert", "import", "trust", "cup-trust", n.fileArg("peers-ca.pem", ca.rootPem() + ca.intPem())).ok();
        peer1 = ca.peer("peer1.example.com", "rsa");
        peer2 = ca.peer("peer2.example.com", "rsa");
        n.cli("set", "tls", "peer-subject", "add", "peer1.example.com").ok();
        n.cli("set", "tls", "context", "Default_Cisco_UPS_SIP_Proxy_Peer_Auth_TLS_Context", "--peer-subjects", "peer1.example.com",
                "--cipher-string", "ECDHE-RSA-AES128-GCM-SHA256:ECDHE-RSA-AES256-GCM-SHA384:ECDHE-ECDSA-AES128-GCM-SHA256").ok();
        n.cli("utils", "service", "restart", "Cisco SIP Proxy").ok();
    }

    private SClient client(String peer, String... extra) throws Exception {
        java.util.List<String> args = new java.util.ArrayList<>();
        TestCa.Peer p = peer == null ? null : peer.equals("peer1") ? peer1 : peer2;
        if (p != null) args.addAll(java.util.List.of("-cert", p.chain().toString(), "-key", p.key().toString()));
        args.addAll(java.util.List.of(extra));
        return SClient.connect(n.scratch, n.node.sipTlsPort(), args.toArray(String[]::new));
    }

    @Test
    void allowedPeer_isAnswered() throws Exception {
        try (SClient c = client("peer1")) {
            assertThat(c.exchange(SClient.options("a1"), "SIP/2.0 200 OK", 10)).contains("SIP/2.0 200 OK").contains("Call-ID: a1").contains("peer peer1.example.com");
        }
    }

    @Test
    void peerWithAnotherCn_isRefused() throws Exception {
        try (SClient c = client("peer2")) {
            assertThat(c.exchange(SClient.options("b1"), "SIP/2.0 200 OK", 5)).doesNotContain("SIP/2.0 200 OK");
        }
        assertThat(((org.ucsec.node.listeners.PeerAuthListener) n.node.listeners().get("sip-proxy").orElseThrow()).engine().stats().rejectedTotal()).isPositive();
    }

    @Test
    void peerWithoutCertificate_isRefused() throws Exception {
        try (SClient c = client(null)) {
            assertThat(c.exchange(SClient.options("c1"), "SIP/2.0 200 OK", 5)).doesNotContain("SIP/2.0 200 OK");
        }
    }

    @Test
    void cipherOutsideTheContext_isRefused() throws Exception {
        try (SClient c = client("peer1", "-tls1_2", "-cipher", "ECDHE-RSA-CHACHA20-POLY1305")) {
            String out = c.exchange(SClient.options("d1"), "SIP/2.0 200 OK", 5);
            assertThat(out).doesNotContain("SIP/2.0 200 OK").containsIgnoringCase("handshake failure");
        }
        try (SClient c = client("peer1", "-tls1_2", "-cipher", "ECDHE-RSA-AES256-GCM-SHA384")) {
            assertThat(c.exchange(SClient.options("d2"), "SIP/2.0 200 OK", 10)).contains("SIP/2.0 200 OK");
        }
    }

    @Test
    void contextChange_appliesOnSipProxyRestart_withoutDroppingEstablishedConnections() throws Exception {
        n.cli("set", "tls", "peer-subject", "add", "peer2.example.com").ok();
        try (SClient established = client("peer1")) {
            assertThat(established.exchange(SClient.options("e1"), "Call-ID: e1", 10)).contains("SIP/2.0 200 OK");
            // select peer2 instead of peer1: pending until the SIP proxy restarts
            n.cli("set", "tls", "context", "Default_Cisco_UPS_SIP_Proxy_Peer_Auth_TLS_Context", "--peer-subjects", "peer2.example.com").ok();
            try (SClient peer2Before = client("peer2")) {
                assertThat(peer2Before.exchange(SClient.options("e2"), "SIP/2.0 200 OK", 5)).doesNotContain("SIP/2.0 200 OK");
            }
            n.cli("utils", "service", "restart", "sip-proxy").ok();
            try (SClient peer2After = client("peer2")) {
                assertThat(peer2After.exchange(SClient.options("e3"), "SIP/2.0 200 OK", 10)).contains("SIP/2.0 200 OK");
            }
            try (SClient peer1After = client("peer1")) {
                assertThat(peer1After.exchange(SClient.options("e4"), "SIP/2.0 200 OK", 5)).doesNotContain("SIP/2.0 200 OK");
            }
            // the connection established before the restart still works
            assertThat(established.exchange(SClient.options("e5"), "Call-ID: e5", 10)).contains("Call-ID: e5");
        } finally {
            n.cli("set", "tls", "context", "Default_Cisco_UPS_SIP_Proxy_Peer_Auth_TLS_Context", "--peer-subjects", "peer1.example.com").ok();
            n.cli("utils", "service", "restart", "sip-proxy").ok();
        }
    }

    @Test
    void commonCriteria_listenerRefusesTls11() throws Exception {
        try {
            // allow TLS 1.1 first, so the refusal seen later is the mode's
            n.cli("set", "tls", "min-version", "1.1").ok();
            n.cli("set", "tls", "context", "Default_Cisco_UPS_SIP_Proxy_Peer_Auth_TLS_Context",
                    "--cipher-string", "ECDHE-RSA-AES128-GCM-SHA256:ECDHE-RSA-AES128-SHA").ok();
            n.cli("utils", "service", "restart", "sip-proxy").ok();
            // TLS 1.1 is there only where the engine has it: the JDK engine does (its ban lifted by jdk-tls.security), BoringSSL does not
            boolean tls11 = false;
            for (var l : n.cli("show", "listeners", "--json").ok().json())
                if (l.get("service").asText().equals("sip-proxy")) tls11 = l.get("protocols").toString().contains("TLSv1.1");
            try (SClient c = client("peer1", "-tls1_1", "-cipher", "DEFAULT@SECLEVEL=0")) {
                String got = c.exchange(SClient.options("f1"), "SIP/2.0 200 OK", 10);
                if (tls11) assertThat(got).as("TLS 1.1 allowed at min-version 1.1 (the listener's status lists it)").contains("SIP/2.0 200 OK");
                else assertThat(got).as("TLS 1.1 refused: the listener's engine does not offer it, and its status says so").doesNotContain("SIP/2.0 200 OK");
            }
            // enabling CC without FIPS is refused; with FIPS it lists what violates it (min-version 1.1) and refuses
            assertThat(n.cli("utils", "fips_common_criteria", "enable").err()).contains("mode.requires-fips");
            n.cli("utils", "fips", "enable", "--force").ok();
            var refused = n.cli("utils", "fips_common_criteria", "enable");
            assertThat(refused.exit()).isEqualTo(1);
            assertThat(refused.err()).containsAnyOf("mode.cc-requires-tls12", "mode.violations");
            assertThat(n.cli("utils", "fips_common_criteria", "status", "--json").ok().json().get("commonCriteria").asBoolean()).isFalse();
            // forced: the minimum goes to 1.2, and after the restart the listener refuses TLS 1.1
            n.cli("utils", "fips_common_criteria", "enable", "--force").ok();
            assertThat(n.cli("utils", "fips", "status", "--json").ok().json().get("minTlsVersion").asText()).isEqualTo("1.2");
            n.cli("utils", "service", "restart", "sip-proxy").ok();
            try (SClient c = client("peer1", "-tls1_1", "-cipher", "DEFAULT@SECLEVEL=0")) {
                assertThat(c.exchange(SClient.options("f2"), "SIP/2.0 200 OK", 5)).doesNotContain("SIP/2.0 200 OK");
            }
            try (SClient c = client("peer1", "-tls1_2")) {
                assertThat(c.exchange(SClient.options("f3"), "SIP/2.0 200 OK", 10)).contains("SIP/2.0 200 OK");
            }
        } finally {
            n.cli("utils", "fips_common_criteria", "disable").ok();
            n.cli("utils", "fips", "disable").ok();
            n.cli("set", "tls", "min-version", "1.2").ok();
            n.cli("set", "tls", "context", "Default_Cisco_UPS_SIP_Proxy_Peer_Auth_TLS_Context",
                    "--cipher-string", "ECDHE-RSA-AES128-GCM-SHA256:ECDHE-RSA-AES256-GCM-SHA384:ECDHE-ECDSA-AES128-GCM-SHA256").ok();
            n.cli("utils", "service", "restart", "sip-proxy").ok();
        }
    }
}
