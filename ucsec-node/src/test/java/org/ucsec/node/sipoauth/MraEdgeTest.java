package org.ucsec.node.sipoauth;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.ucsec.core.SecretAccess;
import org.ucsec.node.testing.SClient;
import org.ucsec.node.testing.TestCa;
import org.ucsec.node.testing.TestNode;
import org.ucsec.pki.catalogue.Product;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The MRA port (SPEC O5, O11; seed 004: mutual TLS with tomcat-trust towards Expressway-C) with the real
 * {@code openssl s_client}: an Expressway-C whose certificate's CN or SAN is an O5 entry gets its REGISTER answered;
 * a certificate from a trusted CA that is not an O5 entry, no certificate, or a certificate tomcat-trust does not
 * verify get no answer. Deleting the entry takes effect at once for new connections.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MraEdgeTest {
    static final String DEV = "SEP0011223344MR";
    TestNode n;
    int mra;
    TestCa.Peer expc, bySan, stranger, untrusted;

    @BeforeAll
    void start(@TempDir Path tmp) throws Exception {
        n = TestNode.start(tmp.resolve("cucm"), Product.CUCM, true);
        n.cli("set", "phone-security", "profile", "oauth", "--security-mode", "Encrypted", "--transport", "TLS", "--oauth", "true").ok();
        n.cli("set", "phone-security", "device", DEV, "--profile", "oauth", "--mra-activation-code", "true", "--mra-service-domain", "mra.example.com").ok();
        TestCa edge = TestCa.rsa(n, "Edge");
        n.cli("set", "cert", "import", "trust", "tomcat-trust", n.fileArg("edge.pem", edge.chainPem())).ok();
        expc = edge.peer("expc1.example.com", "rsa");
        bySan = edge.peer("expressway-node-7", "rsa", "extendedKeyUsage=serverAuth,clientAuth\nkeyUsage=critical,digitalSignature,keyEncipherment\nsubjectAltName=DNS:expc2.example.com");
        stranger = edge.peer("intruder.example.com", "rsa");
        untrusted = TestCa.rsa(n, "Elsewhere").peer("expc1.example.com", "rsa");
        n.cli("set", "sipoauth", "expressway-c", "add", "expc1.example.com", "--certificate", expc.chain().toString()).ok();
        n.cli("set", "sipoauth", "expressway-c", "add", "10.0.0.2", "--subjects", "expc2.example.com").ok();
        mra = SipOAuthTestSupport.enable(n)[1];
    }

    @AfterAll
    void stop() { if (n != null) n.close(); }

    String register(String callId) {
        String t = n.service(SipOAuthTokens.class).tokens().issueImplicit(DEV, Optional.empty(), false).access().token().revealString(SecretAccess.granted());
        return SipTlsClient.register(DEV, callId, 1, t, "600");
    }

    SClient client(TestCa.Peer p) throws Exception {
        // -nocommands: a line starting with R (REGISTER) would otherwise make s_client renegotiate
        List<String> a = new ArrayList<>(List.of("-nocommands", "-CAfile", n.dir.resolve("admin-listener.pem").toString()));
        if (p != null) a.addAll(List.of("-cert", p.chain().toString(), "-key", p.key().toString()));
        return SClient.connect(n.scratch, mra, a.toArray(String[]::new));
    }

    @Test
    void expresswayC_byCnOrSan_isAnswered() throws Exception {
        try (SClient c = client(expc)) {
            assertThat(c.exchange(register("m1"), "SIP/2.0 200", 10)).contains("SIP/2.0 200 OK").contains("Call-ID: m1");
        }
        try (SClient c = client(bySan)) {
            assertThat(c.exchange(register("m2"), "SIP/2.0 200", 10)).contains("SIP/2.0 200 OK");
        }
    }

    @Test
    void trustedPeerNotInO5_noCertificate_orUntrustedCertificate_getNoAnswer() throws Exception {
        try (SClient c = client(stranger)) {
            assertThat(c.exchange(register("x1"), "SIP/2.0", 5)).doesNotContain("SIP/2.0 200").doesNotContain("SIP/2.0 401");
        }
        try (SClient c = client(null)) {
            assertThat(c.exchange(register("x2"), "SIP/2.0", 5)).doesNotContain("SIP/2.0");
        }
        try (SClient c = client(untrusted)) {
            assertThat(c.exchange(register("x3"), "SIP/2.0", 5)).doesNotContain("SIP/2.0");
        }
    }

    @Test
    void deletedExpresswayC_isRefusedOnTheNextConnection() throws Exception {
        n.cli("set", "sipoauth", "expressway-c", "delete", "10.0.0.2").ok();
        try (SClient c = client(bySan)) {
            assertThat(c.exchange(register("d1"), "SIP/2.0", 5)).doesNotContain("SIP/2.0 200");
        } finally {
            n.cli("set", "sipoauth", "expressway-c", "add", "10.0.0.2", "--subjects", "expc2.example.com").ok();
        }
    }
}
