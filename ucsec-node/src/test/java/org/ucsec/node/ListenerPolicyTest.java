package org.ucsec.node;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.ucsec.node.testing.NodeTest;
import org.ucsec.node.testing.TestCa;
import org.ucsec.node.testing.TestNode;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * One place computes every hosted listener's protocols and suites from the security policy and its context (issue 8,
 * items 3-5): for each mode and minimum TLS version, the real `openssl s_client` connects to every listener, and what
 * it can negotiate must be exactly what the listener's status (GET /api/v1/listeners) and `show tls ciphers` say.
 * Observed before: FIPS mode still negotiated ChaCha20 on the admin port; the SIP port never spoke TLS 1.3.
 */
@NodeTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ListenerPolicyTest {
    TestNode n;
    Path dir;
    TestCa.Peer peer1, phone;

    @BeforeAll
    void start(TestNode node) {
        n = node;
        dir = n.scratch;
        TestCa ca = TestCa.rsa(n, "Peers");
        n.cli("set", "cert", "import", "trust", "cup-trust", n.fileArg("peers-ca.pem", ca.rootPem() + ca.intPem())).ok();
        peer1 = ca.peer("peer1.example.com", "rsa");
        n.cli("set", "tls", "peer-subject", "add", "peer1.example.com").ok();
        // the default cipher string (its ECDHE-RSA and ECDHE-ECDSA AES suites), and ChaCha20 to see FIPS take it away
        n.cli("set", "tls", "context", "Default_Cisco_UPS_SIP_Proxy_Peer_Auth_TLS_Context", "--peer-subjects", "peer1.example.com",
                "--cipher-string", "ECDHE+AESGCM:ECDHE+CHACHA20:!aNULL").ok();
        // the provisioning listener (P6): a phone certificate of a CA in phone-provisioning-trust
        TestCa phones = TestCa.rsa(n, "Phones");
        n.cli("set", "cert", "import", "trust", "phone-provisioning-trust", n.fileArg("phones-ca.pem", phones.chainPem())).ok();
        phone = phones.phone("CP-8841-3PCC", "88012BA01234", "000e08abcdef", 365);
    }

    /** What one s_client attempt negotiated: protocol and suite, or null when the handshake failed. */
    record Negotiated(String protocol, String suite) {}

    /**
     * What one s_client attempt got: the admin listener's answer is the handshake itself; on the SIP listener (a client
     * certificate, an application after it) "got through" means the peer's OPTIONS was answered 200 — the BoringSSL
     * engine cannot switch TLS 1.3 suites off (ChaCha20 under FIPS), so it completes such a handshake and ucsec then
     * refuses the connection before any application byte (peer.suite-not-allowed). The provisioning listener likewise
     * with a phone certificate and an HTTP GET (any HTTP answer: no phone profile exists here).
     */
    Negotiated probe(int port, String service, String... opts) throws Exception {
        boolean sip = !service.equals("admin");
        boolean http = service.equals("provisioning");
        List<String> cmd = new ArrayList<>(List.of("openssl", "s_client", "-connect", "127.0.0.1:" + port, "-brief"));
        TestCa.Peer client = http ? phone : peer1;
        if (sip) cmd.addAll(List.of("-cert", client.chain().toString(), "-key", client.key().toString(), "-ign_eof"));
        cmd.addAll(List.of(opts));
        Process p = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true).start();
        if (sip) {
            try {
                p.getOutputStream().write((http ? "GET /cfg.xml HTTP/1.1\r\nHost: imp1.example.com\r\n\r\n" : org.ucsec.node.testing.SClient.options("probe")).getBytes(StandardCharsets.UTF_8));
                p.getOutputStream().flush();
            } catch (java.io.IOException closed) { /* refused already */ }
            StringBuilder got = new StringBuilder();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
            var in = p.getInputStream();
            String answered = http ? "HTTP/1.1 " : "SIP/2.0 200 OK";
            while (System.nanoTime() < deadline && !got.toString().contains(answered) && (p.isAlive() || in.available() > 0)) {
                if (in.available() > 0) got.append(new String(in.readNBytes(in.available()), StandardCharsets.UTF_8));
                else Thread.sleep(20);
            }
            p.destroyForcibly();
            String out = got.toString();
            if (!out.contains(answered)) return null;
            return new Negotiated(line(out, "Protocol version: "), line(out, "Ciphersuite: "));
        }
        p.getOutputStream().close();
        if (!p.waitFor(15, TimeUnit.SECONDS)) p.destroyForcibly();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!out.contains("CONNECTION ESTABLISHED")) return null;
        String proto = line(out, "Protocol version: "), suite = line(out, "Ciphersuite: ");
        return new Negotiated(proto, suite);
    }

    private static String line(String out, String prefix) {
        for (String l : out.split("\n")) if (l.startsWith(prefix)) return l.substring(prefix.length()).trim();
        return null;
    }

    @ParameterizedTest(name = "mode {0}, minimum TLS {1}")
    @CsvSource({"none,1.2", "none,1.3", "none,1.0", "fips,1.2", "fips,1.3", "cc,1.2"})
    void everyListener_negotiatesExactlyWhatItsStatusShows(String mode, String min) throws Exception {
        try {
            if (!mode.equals("none")) n.cli("utils", "fips", "enable", "--force").ok();
            if (mode.equals("cc")) n.cli("utils", "fips_common_criteria", "enable", "--force").ok();
            n.cli("set", "tls", "min-version", min, "--force").ok();
            n.cli("utils", "service", "restart", "admin").ok();
            n.cli("utils", "service", "restart", "sip-proxy").ok();
            n.cli("utils", "service", "restart", "provisioning").ok();
            JsonNode listeners = n.cli("show", "listeners", "--json").ok().json();
            assertThat(listeners).hasSize(3);
            List<String> available = new ArrayList<>();
            for (JsonNode s : n.cli("show", "tls", "ciphers", "--json").ok().json()) available.add(s.get("ianaName").asText());
            for (JsonNode l : listeners) {
                String service = l.get("service").asText();
                boolean sip = service.equals("sip-proxy");
                boolean admin = service.equals("admin");
                List<String> protocols = strings(l.get("protocols"));
                List<String> suites = strings(l.get("cipherSuites"));
                int port = l.get("port").asInt();
                String where = service + " in mode " + mode + " min " + min;
                if (!sip) assertThat(available).as("the admin listener serves what show tls ciphers lists").containsAll(suites);
                // TLS 1.3 with ChaCha20: FIPS never; otherwise where TLS 1.3 is on
                Negotiated chacha13 = probe(port, service, "-tls1_3", "-ciphersuites", "TLS_CHACHA20_POLY1305_SHA256");
                assertThat(chacha13 != null).as(where + ": TLS 1.3 ChaCha20").isEqualTo(protocols.contains("TLSv1.3") && suites.contains("TLS_CHACHA20_POLY1305_SHA256"));
                assertThat(suites.contains("TLS_CHACHA20_POLY1305_SHA256")).as(where + ": ChaCha20 in the status").isEqualTo(mode.equals("none") && protocols.contains("TLSv1.3"));
                // TLS 1.3 with AES-GCM: wherever TLS 1.3 is on, and always when the minimum is 1.2 or 1.3 (never "no usable suite")
                Negotiated aes13 = probe(port, service, "-tls1_3", "-ciphersuites", "TLS_AES_128_GCM_SHA256");
                assertThat(aes13 != null).as(where + ": TLS 1.3 AES-GCM").isEqualTo(protocols.contains("TLSv1.3"));
                if (aes13 != null) assertThat(aes13.protocol()).isEqualTo("TLSv1.3");
                // TLS 1.2 ECDHE-RSA-CHACHA20: only outside FIPS and below a 1.3 minimum
                Negotiated chacha12 = probe(port, service, "-tls1_2", "-cipher", "ECDHE-RSA-CHACHA20-POLY1305");
                assertThat(chacha12 != null).as(where + ": TLS 1.2 ChaCha20").isEqualTo(protocols.contains("TLSv1.2") && suites.contains("TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256"));
                if (mode.equals("fips")) assertThat(chacha12).as(where + ": FIPS refuses ChaCha20 on TLS 1.2").isNull();
                // TLS 1.2 AES-GCM: wherever TLS 1.2 is on
                Negotiated gcm12 = probe(port, service, "-tls1_2", "-cipher", "ECDHE-RSA-AES128-GCM-SHA256");
                assertThat(gcm12 != null).as(where + ": TLS 1.2 AES-GCM").isEqualTo(protocols.contains("TLSv1.2"));
                assertThat(protocols.contains("TLSv1.2")).as(where + ": TLS 1.2 in the status").isEqualTo(!min.equals("1.3"));
                // TLS 1.1 only at a minimum of 1.0 (the node lifts the JDK's ban only as far as the minimum allows)
                Negotiated tls11 = probe(port, service, "-tls1_1", "-cipher", "DEFAULT@SECLEVEL=0");
                assertThat(tls11 != null).as(where + ": TLS 1.1").isEqualTo(protocols.contains("TLSv1.1"));
                // in the status only where a suite can use it: the admin listener (CBC suites) at 1.0; never the SIP context of AEAD
                // suites; not the provisioning listener on BoringSSL (TLS 1.2/1.3 only), which the JDK engine serves under FIPS / CC
                boolean jdkEngine = l.get("engine").asText().startsWith("jdk");
                assertThat(protocols.contains("TLSv1.1")).as(where + ": TLS 1.1 in the status").isEqualTo(min.equals("1.0") && (admin || (!sip && jdkEngine)));
            }
        } finally {
            if (mode.equals("cc")) n.cli("utils", "fips_common_criteria", "disable").ok();
            n.cli("utils", "fips", "disable").ok();
            n.cli("set", "tls", "min-version", "1.2").ok();
        }
    }

    private static List<String> strings(JsonNode a) {
        List<String> out = new ArrayList<>();
        for (JsonNode x : a) out.add(x.asText());
        return out;
    }
}
