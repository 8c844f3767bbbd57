package org.ucsec.node;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.ucsec.node.testing.NodeTest;
import org.ucsec.node.testing.TestCa;
import org.ucsec.node.testing.TestNode;
import org.ucsec.tls.testing.OpenSslServer;

import java.net.ServerSocket;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** The certificate import tool against real `openssl s_server` peers (SPEC C7, S3). */
@NodeTest
class ImportToolTest {
    /** A peer certificate issued by a fresh openssl CA (root > intermediate > leaf): leaf, key, intermediate. */
    private static Path[] peer(TestNode n, String name, String alg) {
        TestCa ca = alg.equals("ec") ? TestCa.ec(n, name) : TestCa.rsa(n, name);
        TestCa.Peer p = ca.peer(name + ".example.com", alg);
        return new Path[]{p.cert(), p.key(), ca.openssl.intCert};
    }

    @Test
    void importFromRsaPeer_intoCupTrust_importsChain_andAddsPeerSubjectToDefaultContext(TestNode n) throws Exception {
        Path[] p = peer(n, "cucm-rsa", "rsa");
        try (OpenSslServer s = OpenSslServer.start(n.scratch, "-cert", p[0].toString(), "-key", p[1].toString(), "-cert_chain", p[2].toString(), "-www")) {
            var r = n.cli("cert", "import-tool", "--store", "cup-trust", "--host", "127.0.0.1", "--port", String.valueOf(s.port()), "--yes");
            r.ok();
            assertThat(r.out()).contains("DNS").contains("TCP").contains("TLS").contains("CERTIFICATE").contains("server key RSA 2048")
                    .contains("CN=cucm-rsa.example.com").contains("TLS peer subject cucm-rsa.example.com added");
            JsonNode ctx = n.cli("show", "tls", "context", "Default_Cisco_UPS_SIP_Proxy_Peer_Auth_TLS_Context", "--json").ok().json();
            assertThat(ctx.get("peerSubjects").toString()).contains("cucm-rsa.example.com");
            assertThat(n.cli("show", "tls", "peer-subjects").ok().out()).contains("cucm-rsa.example.com");
            JsonNode trust = n.cli("show", "cert", "list", "trust", "cup-trust", "--json").ok().json();
            assertThat(trust.toString()).contains("CN=cucm-rsa.example.com").contains("cucm-rsa Issuing CA");
            // a second run imports nothing new
            JsonNode again = n.cli("cert", "import-tool", "--store", "cup-trust", "--host", "127.0.0.1", "--port", String.valueOf(s.port()), "--yes", "--json").ok().value();
            assertThat(again.get("imported")).isEmpty();
            assertThat(again.get("alreadyPresent")).hasSize(2);
        }
    }

    @Test
    void importFromEcdsaPeer_intoCallManagerTrust_showsEcdsa_andAddsNoPeerSubject(TestNode n) throws Exception {
        Path[] p = peer(n, "cucm-ec", "ec");
        try (OpenSslServer s = OpenSslServer.start(n.scratch, "-cert", p[0].toString(), "-key", p[1].toString(), "-cert_chain", p[2].toString(), "-www")) {
            JsonNode r = n.cli("cert", "import-tool", "--store", "CallManager-trust", "--host", "localhost", "--port", String.valueOf(s.port()), "--yes", "--json").ok().value();
            assertThat(r.get("keyType").asText()).isEqualTo("EC");
            assertThat(r.get("chain")).hasSize(2);
            assertThat(r.get("imported")).hasSize(2);
            assertThat(r.get("peerSubjectAdded").isNull()).isTrue();
        }
    }

    @Test
    void eachFailure_saysWhatFailed_andChangesNothing(TestNode n) throws Exception {
        String before = n.snapshot() + n.cli("show", "tls", "peer-subjects", "--json").ok().out();
        // refused: a port nobody listens on
        int closed;
        try (ServerSocket ss = new ServerSocket(0)) { closed = ss.getLocalPort(); }
        var r = n.cli("cert", "import-tool", "--store", "cup-trust", "--host", "127.0.0.1", "--port", String.valueOf(closed));
        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.err()).contains("probe.refused").contains("TCP");
        // unresolvable name
        r = n.cli("cert", "import-tool", "--store", "cup-trust", "--host", "nonexistent.invalid", "--port", "5061");
        assertThat(r.err()).contains("probe.dns").contains("nonexistent.invalid");
        // a port that speaks plain TCP
        try (ServerSocket plain = new ServerSocket(0)) {
            Thread t = Thread.ofVirtual().start(() -> {
                try (var sock = plain.accept()) {
                    sock.getOutputStream().write("SSH-2.0-OpenSSH_9.2\r\n".getBytes());
                    sock.getOutputStream().flush();
                    Thread.sleep(2000);
                } catch (Exception ignored) { /* test peer */ }
            });
            r = n.cli("cert", "import-tool", "--store", "cup-trust", "--host", "127.0.0.1", "--port", String.valueOf(plain.getLocalPort()));
            assertThat(r.err()).contains("probe.not-tls");
            t.interrupt();
        }
        // unknown store: refused before connecting
        assertThat(n.cli("cert", "import-tool", "--store", "nope-trust", "--host", "127.0.0.1", "--port", "1").err()).contains("store.unknown");
        assertThat(n.snapshot() + n.cli("show", "tls", "peer-subjects", "--json").ok().out()).isEqualTo(before);
    }
}
