package org.ucsec.node;

import org.ucsec.core.SecretAccess;
import org.ucsec.node.certs.CertificateService;
import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.ucsec.node.testing.FreshNode;
import org.ucsec.node.testing.NodeTest;
import org.ucsec.node.testing.TestCa;
import org.ucsec.node.testing.TestNode;
import org.ucsec.pki.testing.OpenSsl;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The whole certificate lifecycle of one node through the real CLI and REST API, checked with the openssl binary
 * (SPEC C1-C6, C8, C12; issue "A running node with the whole certificate lifecycle").
 */
@NodeTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CertificateLifecycleTest {
    TestNode n;
    Path tmp;
    TestCa ca;

    @BeforeAll
    void start(TestNode node) {
        n = node;
        tmp = n.scratch;
        ca = TestCa.rsa(n, "Lifecycle");
    }

    private static final List<String> IMP_PURPOSES = List.of("tomcat", "tomcat-ECDSA", "ipsec", "cup", "cup-ECDSA", "cup-xmpp",
            "cup-xmpp-ECDSA", "cup-xmpp-s2s", "cup-xmpp-s2s-ECDSA");

    @Test
    void firstStart_createsSelfSignedForEveryImpPurpose_andPutsEachIntoItsTrustStore(@FreshNode(firstStart = true) TestNode n) throws Exception {
        JsonNode own = n.cli("show", "cert", "list", "own", "--json").ok().json();
        List<String> purposes = new ArrayList<>();
        for (JsonNode o : own) purposes.add(o.get("purpose").asText());
        assertThat(purposes).containsAll(IMP_PURPOSES);
        JsonNode trust = n.cli("show", "cert", "list", "trust", "--json").ok().json();
        for (String p : IMP_PURPOSES) {
            JsonNode cert = n.cli("show", "cert", "own", p, "--json").ok().json();
            String fp = cert.get("certificate").get("sha256Fingerprint").asText();
            boolean found = false;
            for (JsonNode t : trust) if (t.get("certificate").get("sha256Fingerprint").asText().equals(fp)
                    && t.get("store").asText().equals(cert.get("trustStore").asText())) found = true;
            assertThat(found).as("self-signed %s is in %s", p, cert.get("trustStore").asText()).isTrue();
            assertThat(cert.get("certificate").get("keyType").asText()).isEqualTo(p.endsWith("-ECDSA") ? "EC" : "RSA");
            assertThat(cert.get("certificate").get("subject").asText()).isEqualTo("CN=imp1.example.com");
        }
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(n.dir.resolve("master.key")))).isEqualTo("rw-------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(n.dir.resolve("admin.token")))).isEqualTo("rw-------");
    }

    @Test
    void privateKeys_areEncryptedAtRest_neverInTheStoreInClear() throws Exception {
        String key = n.node.service(CertificateService.class).keyMaterial("tomcat").key().reveal(SecretAccess.granted()).getEncoded().length > 0 ? "ok" : "";
        assertThat(key).isEqualTo("ok");
        byte[] der = n.node.service(CertificateService.class).keyMaterial("tomcat").key().reveal(SecretAccess.granted()).getEncoded();
        String b64 = java.util.Base64.getEncoder().encodeToString(der).substring(0, 40);
        try (var files = Files.walk(n.dir.resolve("store"))) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                String content = new String(Files.readAllBytes(f), java.nio.charset.StandardCharsets.ISO_8859_1);
                assertThat(content).as("store file %s", f).doesNotContain(b64).doesNotContain("PRIVATE KEY");
            }
        }
        assertThat(n.node.service(CertificateService.class).keyMaterial("tomcat").toString()).doesNotContain(b64).contains("****");
    }

    @Test
    void csr_withSubjectAndSans_verifiesInOpenssl_withTheTomcatProfile() throws Exception {
        var r = n.cli("set", "csr", "gen", "tomcat", "--key-size", "3072", "--hash", "SHA384", "--o", "Example Corp", "--ou", "UC",
                "--l", "Seoul", "--st", "Seoul", "--c", "KR", "--san", "uc.example.com", "--json").ok().value();
        Path csr = n.file("tomcat.csr", r.get("pem").asText());
        var text = OpenSsl.run(tmp, "req", "-in", csr.toString(), "-noout", "-verify", "-text").ok();
        assertThat(text.err() + text.out()).contains("verify OK");
        assertThat(text.out()).contains("Subject: C = KR, ST = Seoul, L = Seoul, O = Example Corp, OU = UC, CN = imp1.example.com")
                .contains("Public-Key: (3072 bit)").contains("sha384WithRSAEncryption")
                .contains("DNS:imp1.example.com, DNS:imp1, DNS:uc.example.com");
        // seed 001 table 3, tomcat row
        assertThat(lineAfter(text.out(), "X509v3 Key Usage")).isEqualTo("Digital Signature, Key Encipherment, Data Encipherment");
        assertThat(lineAfter(text.out(), "X509v3 Extended Key Usage")).isEqualTo("TLS Web Server Authentication, TLS Web Client Authentication");
        // the CLI shows it pending, the PEM is downloadable
        assertThat(n.cli("show", "csr", "tomcat", "--pem").ok().out()).isEqualTo(r.get("pem").asText());
    }

    @Test
    void csr_multiServer_forCup_isRefusedWithTheReason_andChangesNothing() {
        String before = n.snapshot();
        var r = n.cli("set", "csr", "gen", "cup", "--multi-server");
        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.err()).contains("csr.multi-server-not-allowed").contains("cup does not support multi-server");
        assertThat(n.snapshot()).isEqualTo(before);
    }

    @Test
    void csr_badKeySizesAndHash_areRefused() {
        String before = n.snapshot();
        assertThat(n.cli("set", "csr", "gen", "cup", "--key-size", "1024").err()).contains("key.size-unsupported").contains("1024");
        assertThat(n.cli("set", "csr", "gen", "cup", "--key-size", "8192").err()).contains("key.size-unsupported").contains("8192");
        assertThat(n.cli("set", "cert", "regen", "cup", "--hash", "MD4").err()).contains("hash.unknown").contains("MD4");
        assertThat(n.cli("set", "cert", "regen", "tomkat").err()).contains("purpose.unknown").contains("tomkat");
        assertThat(n.cli("set", "cert", "regen", "tomkat").exit()).isEqualTo(1);
        assertThat(n.snapshot()).isEqualTo(before);
    }

    @Test
    void regen_ecdsaWithP384_showsExactlyTheProfileInOpenssl_andMarksRestart() throws Exception {
        var r = n.cli("set", "cert", "regen", "cup-xmpp-ECDSA", "--key-size", "384", "--json").ok().value();
        Path pem = tmp.resolve("cup-xmpp-ECDSA.pem");
        n.cli("show", "cert", "own", "cup-xmpp-ECDSA", "--out", pem.toString()).ok();
        var text = OpenSsl.run(tmp, "x509", "-in", pem.toString(), "-noout", "-text").ok().out();
        assertThat(text).contains("NIST CURVE: P-384");
        // seed 001 table 3 cup-xmpp row minus keyEncipherment/dataEncipherment (RFC 5480)
        assertThat(lineAfter(text, "X509v3 Key Usage")).isEqualTo("Digital Signature");
        assertThat(lineAfter(text, "X509v3 Extended Key Usage")).isEqualTo("TLS Web Server Authentication, TLS Web Client Authentication, IPSec End System");
        assertThat(r.get("caSigned").asBoolean()).isFalse();
        JsonNode services = n.cli("utils", "service", "list", "--json").ok().json();
        boolean pending = false;
        for (JsonNode s : services) if (s.get("id").asText().equals("xcp-router") && s.get("restartPending").asBoolean()) pending = true;
        assertThat(pending).as("cup-xmpp change marks XCP router restart on all nodes (C12)").isTrue();
    }

    @Test
    void fullCaFlow_rootThenIntermediate_thenSignedCup_installs_andRefusalsChangeNothing() throws Exception {
        // CSR for cup, signed by the openssl CA (root > intermediate > leaf)
        String csrPem = n.cli("set", "csr", "gen", "cup", "--json").ok().value().get("pem").asText();
        String leaf = ca.sign(csrPem, 365, null);
        Path leafFile = n.file("cup-signed.pem", leaf);

        // before the CA chain is in cup-trust: refused, nothing changes
        String before = n.snapshot();
        var r = n.cli("set", "cert", "import", "own", "cup", leafFile.toString());
        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.err()).containsAnyOf("chain.no-anchor", "chain.issuer-missing");
        assertThat(n.snapshot()).isEqualTo(before);

        // an intermediate whose issuer is not yet in the store: refused naming the missing issuer
        Path intFile = n.file("int.pem", ca.intPem());
        r = n.cli("set", "cert", "import", "trust", "cup-trust", intFile.toString());
        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.err()).contains("chain.issuer-missing").contains("CN=Lifecycle Root CA");
        assertThat(n.snapshot()).isEqualTo(before);

        // chain anchored in another store (tomcat-trust) does not count for cup
        Path bundle = n.file("bundle.pem", ca.intPem() + ca.rootPem()); // any order
        n.cli("set", "cert", "import", "trust", "tomcat-trust", bundle.toString(), "--description", "Lifecycle CA").ok();
        before = n.snapshot();
        r = n.cli("set", "cert", "import", "own", "cup", leafFile.toString());
        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.err()).contains("cup-trust");
        assertThat(n.snapshot()).isEqualTo(before);

        // root, then intermediate (seed 001 order), into cup-trust; a repeat is a no-op
        Path rootFile = n.file("root.pem", ca.rootPem());
        n.cli("set", "cert", "import", "trust", "cup-trust", rootFile.toString()).ok();
        n.cli("set", "cert", "import", "trust", "cup-trust", intFile.toString()).ok();
        var dup = n.cli("set", "cert", "import", "trust", "cup-trust", bundle.toString(), "--json").ok().value();
        assertThat(dup.get("added")).isEmpty();
        assertThat(dup.get("alreadyPresent")).hasSize(2);

        // a certificate for another key: refused by name
        OpenSsl.run(ca.dir(), "req", "-nodes", "-newkey", "rsa:2048", "-keyout", "other.key", "-out", "other.csr", "-subj", "/CN=other.example.com").ok();
        String other = ca.sign(Files.readString(ca.dir().resolve("other.csr")), 365, null);
        Path otherFile = n.file("other.pem", other);
        before = n.snapshot();
        r = n.cli("set", "cert", "import", "own", "cup", otherFile.toString());
        assertThat(r.err()).contains("cert.key-mismatch").contains("CN=other.example.com");
        assertThat(n.snapshot()).isEqualTo(before);

        // garbage, a private key, an oversized upload: refused, nothing changes
        Path garbage = n.file("garbage.pem", "this is not a certificate");
        assertThat(n.cli("set", "cert", "import", "own", "cup", garbage.toString()).err()).contains("pem.garbage");
        assertThat(n.cli("set", "cert", "import", "own", "cup", ca.dir().resolve("other.key").toString()).err()).contains("pem.private-key");
        assertThat(n.snapshot()).isEqualTo(before);

        // the real one installs; the CSR is consumed; SIP proxy and presence engine need a restart (C12)
        var ok = n.cli("set", "cert", "import", "own", "cup", leafFile.toString(), "--json").ok().value();
        assertThat(ok.get("caSigned").asBoolean()).isTrue();
        assertThat(ok.get("csrPending").asBoolean()).isFalse();
        assertThat(ok.get("chain")).hasSize(3);
        JsonNode services = n.cli("utils", "service", "list", "--json").ok().json();
        List<String> pending = new ArrayList<>();
        for (JsonNode s : services) if (s.get("restartPending").asBoolean()) pending.add(s.get("id").asText());
        assertThat(pending).contains("sip-proxy", "presence-engine");
        n.cli("utils", "service", "restart", "Cisco SIP Proxy").ok();
        services = n.cli("utils", "service", "list", "--json").ok().json();
        for (JsonNode s : services) if (s.get("id").asText().equals("sip-proxy")) assertThat(s.get("restartPending").asBoolean()).isFalse();

        // export as cup.pem verifies with openssl against the CA
        Path export = tmp.resolve("cup.pem");
        n.cli("show", "cert", "own", "cup", "--out", export.toString()).ok();
        OpenSsl.run(tmp, "verify", "-CAfile", ca.openssl.rootCert.toString(), "-untrusted", ca.openssl.intCert.toString(), export.toString()).ok();
    }

    @Test
    void signedCert_withDroppedKeyUsage_isRefusedNamingTheBits_unlessOverridden() throws Exception {
        // a CA that drops dataEncipherment and the ipsecEndSystem EKU (the seed warns CAs drop dataEncipherment)
        String leaf = ca.forPurpose(n, "cup-xmpp").viaCli().extensions("keyUsage=critical,digitalSignature,keyEncipherment\nextendedKeyUsage=serverAuth,clientAuth").signed();
        Path f = n.file("xmpp.pem", leaf);
        String before = n.snapshot();
        var r = n.cli("set", "cert", "import", "own", "cup-xmpp", f.toString());
        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.err()).contains("cert.key-usage-dropped").contains("dataEncipherment").contains("ipsecEndSystem");
        assertThat(n.snapshot()).isEqualTo(before);
        var ok = n.cli("set", "cert", "import", "own", "cup-xmpp", f.toString(), "--allow-key-usage-change", "--json").ok().value();
        assertThat(ok.get("caSigned").asBoolean()).isTrue();
    }

    @Test
    void signedCert_expiredOrNotYetValid_isRefusedSayingTheDates() throws Exception {
        Path f = n.file("ipsec.pem", ca.forPurpose(n, "ipsec").viaCli().days(30).signed());
        String before = n.snapshot();
        n.clock.advance(Duration.ofDays(60));
        assertThat(n.cli("set", "cert", "import", "own", "ipsec", f.toString()).refused("chain.expired").err()).contains("expired on");
        n.clock.advance(Duration.ofDays(-60 - 10));
        assertThat(n.cli("set", "cert", "import", "own", "ipsec", f.toString()).refused("chain.not-yet-valid").err()).contains("not valid before");
        assertThat(n.snapshot()).isEqualTo(before);
    }

    @Test
    void multiServerCsr_forTomcat_installsOnEveryClusterNode_withEveryNodeInTheSans() throws Exception {
        Path bundle = n.file("ms-bundle.pem", ca.rootPem() + ca.intPem());
        n.cli("set", "cert", "import", "trust", "tomcat-trust", bundle.toString()).ok();
        var csr = n.cli("set", "csr", "gen", "tomcat-ECDSA", "--multi-server", "--json").ok().value();
        assertThat(csr.get("multiServer").asBoolean()).isTrue();
        assertThat(csr.get("keyType").asText()).isEqualTo("EC");
        assertThat(csr.get("subjectAltNames").toString()).contains("DNS:imp1.example.com");
        Path f = n.file("ms.pem", ca.sign(csr.get("pem").asText(), 365, null));
        var ok = n.cli("set", "cert", "import", "own", "tomcat-ECDSA", f.toString(), "--json").ok().value();
        assertThat(ok.get("multiServer").asBoolean()).isTrue();
        assertThat(ok.get("caSigned").asBoolean()).isTrue();
        // the audit log says who did it
        assertThat(n.cli("show", "audit", "--limit", "5").ok().out()).contains("local-admin").contains("cert.import-own").contains("tomcat-ECDSA");
    }

    @Test
    void trustUpload_ofAnExpiredCa_isRefusedSayingTheDates() throws Exception {
        Path rootFile = n.file("old-root.pem", ca.rootPem());
        String before = n.snapshot();
        n.clock.advance(Duration.ofDays(3651)); // the openssl root is valid for 3650 days; the extension resets the clock
        assertThat(n.cli("set", "cert", "import", "trust", "ipsec-trust", rootFile.toString()).refused("chain.expired").err())
                .contains("Lifecycle Root CA").contains("expired on");
        assertThat(n.snapshot()).isEqualTo(before);
    }

    @Test
    void bundle_whereANonCaCertificateIssuesAnother_isRefused() throws Exception {
        // a leaf (CA:FALSE) whose key openssl is told to sign with anyway: an issuer that is not a CA
        OpenSsl.run(ca.dir(), "req", "-nodes", "-newkey", "rsa:2048", "-keyout", "notca.key", "-out", "notca.csr", "-subj", "/CN=not-a-ca.example.com").ok();
        ca.openssl.sign(Files.readString(ca.dir().resolve("notca.csr")), "notca", 365, "basicConstraints=critical,CA:FALSE\nkeyUsage=critical,digitalSignature");
        OpenSsl.run(ca.dir(), "req", "-nodes", "-newkey", "rsa:2048", "-keyout", "child.key", "-out", "child.csr", "-subj", "/CN=child.example.com").ok();
        OpenSsl.run(ca.dir(), "x509", "-req", "-in", "child.csr", "-CA", "notca.pem", "-CAkey", "notca.key", "-CAcreateserial", "-out", "child.pem", "-days", "30").ok();
        Path bundle = n.file("notca-bundle.pem", ca.rootPem() + ca.intPem() + Files.readString(ca.dir().resolve("notca.pem")) + Files.readString(ca.dir().resolve("child.pem")));
        String before = n.snapshot();
        var r = n.cli("set", "cert", "import", "trust", "ipsec-trust", bundle.toString());
        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.err()).contains("trust.not-ca").contains("not-a-ca.example.com");
        assertThat(n.snapshot()).isEqualTo(before);
    }

    @Test
    void derUpload_isAccepted() throws Exception {
        TestCa other = TestCa.ec(n, "Der");
        OpenSsl.run(other.dir(), "x509", "-in", "root.pem", "-outform", "DER", "-out", "root.der").ok();
        var r = n.cli("set", "cert", "import", "trust", "tomcat-trust", other.dir().resolve("root.der").toString(), "--json").ok().value();
        assertThat(r.get("added").get(0).get("certificate").get("subject").asText()).contains("Der Root CA");
    }

    @Test
    void unknownStore_isRefused() throws Exception {
        Path rootFile = n.file("r.pem", ca.rootPem());
        var r = n.cli("set", "cert", "import", "trust", "nope-trust", rootFile.toString());
        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.err()).contains("store.unknown").contains("nope-trust");
    }

    @Test
    void restartingTheNode_keepsEverything() throws Exception {
        String before = n.cli("show", "cert", "list", "own", "--json").ok().out() + n.cli("show", "cert", "list", "trust", "--json").ok().out();
        n.restart();
        String after = n.cli("show", "cert", "list", "own", "--json").ok().out() + n.cli("show", "cert", "list", "trust", "--json").ok().out();
        assertThat(after).isEqualTo(before);
    }

    static String lineAfter(String text, String header) {
        List<String> lines = text.lines().toList();
        for (int i = 0; i < lines.size() - 1; i++) if (lines.get(i).contains(header)) return lines.get(i + 1).trim();
        return null;
    }
}
