package org.ucsec.node;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;
import org.ucsec.node.listeners.PeerAuthListener;
import org.ucsec.node.listeners.TlsMaterial;
import org.ucsec.node.testing.SClient;
import org.ucsec.node.testing.TestNode;
import org.ucsec.pki.testing.OpenSsl;
import org.ucsec.tls.testing.OpenSslServer;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 7 in the node, end to end with real openssl peers: the attacks of the issue (a trust anchor's pathLenConstraint
 * ignored on the SIP peer-auth port and on install; the import tool importing what the peer adds; a wrong import that
 * cannot be undone) and the upload rules (CA as leaf, wrong EKU, a CA entry that is no CA, weak keys under FIPS), plus
 * revocation by an uploaded CRL on the SIP port. Every refusal names the certificate and the rule, and changes nothing.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TrustDecisionsEndToEndTest {
    TestNode n;
    Path dir;
    ListAppender<ILoggingEvent> log;

    @BeforeAll
    void start(@TempDir Path tmp) throws Exception {
        dir = tmp;
        n = TestNode.start(tmp.resolve("n"));
        log = new ListAppender<>();
        log.start();
        ((Logger) LoggerFactory.getLogger(TlsMaterial.class)).addAppender(log);
    }

    @AfterAll
    void stop() {
        ((Logger) LoggerFactory.getLogger(TlsMaterial.class)).detachAppender(log);
        n.close();
    }

    // ------------------------------------------------------------------ openssl helpers

    private static OpenSsl.Result ossl(Path d, String... args) { return OpenSsl.run(d, args); }

    /** A self-signed CA root: {@code bc} its basicConstraints (e.g. "CA:TRUE,pathlen:0"), {@code key} openssl -newkey. */
    private Path root(Path d, String name, String bc, String key) throws Exception {
        Files.createDirectories(d);
        ossl(d, "req", "-x509", "-nodes", "-newkey", key, "-keyout", name + ".key", "-out", name + ".pem", "-days", "3650", "-sha256",
                "-subj", "/O=ucsec test/CN=" + name, "-addext", "basicConstraints=critical," + bc, "-addext", "keyUsage=critical,keyCertSign,cRLSign",
                "-addext", "subjectKeyIdentifier=hash").ok();
        return d.resolve(name + ".pem");
    }

    /** Issues {@code name} under {@code issuer} with the given extensions (openssl x509 -req). */
    private Path issue(Path d, String issuer, String name, String subject, String ext) throws Exception {
        ossl(d, "req", "-nodes", "-newkey", "rsa:2048", "-keyout", name + ".key", "-out", name + ".csr", "-subj", subject).ok();
        return sign(d, issuer, name, ext);
    }

    private Path sign(Path d, String issuer, String name, String ext) throws Exception {
        Files.writeString(d.resolve(name + ".ext"), "[x]\n" + ext + "\nsubjectKeyIdentifier=hash\nauthorityKeyIdentifier=keyid\n");
        ossl(d, "x509", "-req", "-in", name + ".csr", "-CA", issuer + ".pem", "-CAkey", issuer + ".key", "-CAcreateserial", "-out", name + ".pem",
                "-days", "365", "-sha256", "-extfile", name + ".ext", "-extensions", "x").ok();
        return d.resolve(name + ".pem");
    }

    private static final String SUB_CA = "basicConstraints=critical,CA:TRUE\nkeyUsage=critical,keyCertSign,cRLSign";
    private static final String PEER = "basicConstraints=CA:FALSE\nkeyUsage=critical,digitalSignature,keyEncipherment\nextendedKeyUsage=serverAuth,clientAuth";

    private String upload(String store, Path... files) throws Exception {
        StringBuilder b = new StringBuilder();
        for (Path f : files) b.append(Files.readString(f));
        Path bundle = Files.createTempFile(dir, "bundle", ".pem");
        Files.writeString(bundle, b.toString());
        return bundle.toString();
    }

    /** Admits {@code cns} on the SIP port (peer subjects in the default context) and restarts the SIP proxy. */
    private void admit(String... cns) {
        for (String cn : cns) n.cli("set", "tls", "peer-subject", "add", cn);
        n.cli("set", "tls", "context", "Default_Cisco_UPS_SIP_Proxy_Peer_Auth_TLS_Context", "--peer-subjects", String.join(",", cns)).ok();
        n.cli("utils", "service", "restart", "Cisco SIP Proxy").ok();
    }

    private String sip(Path d, String peer, Path chain, String callId) throws Exception {
        List<String> args = new ArrayList<>(List.of("-cert", d.resolve(peer + ".pem").toString(), "-key", d.resolve(peer + ".key").toString()));
        if (chain != null) args.addAll(List.of("-cert_chain", chain.toString()));
        try (SClient c = SClient.connect(d, n.node.sipTlsPort(), args.toArray(String[]::new))) {
            return c.exchange(SClient.options(callId), "SIP/2.0 200 OK", 8);
        }
    }

    private long untrustedRejections() {
        return ((PeerAuthListener) n.node.listeners().get("sip-proxy").orElseThrow()).engine().stats().rejected("handshake.untrusted-client-certificate");
    }

    private String logged() { return String.join("\n", log.list.stream().map(ILoggingEvent::getFormattedMessage).toList()); }

    // ------------------------------------------------------------------ the attacks

    /**
     * RFC 5280 6.1.4 (l) with the anchor's own pathLenConstraint (issue 7 item 1): a root with pathlen:0 in cup-trust, a
     * client that sends leaf + sub-CA is refused on the SIP peer-auth port; the same chain under a root without the
     * constraint is answered (control). openssl verify -x509_strict agrees.
     */
    @Test
    void sipPeerAuth_clientChainUnderPathLen0Root_isRefused_RFC5280_6_1_4_l() throws Exception {
        Path d = dir.resolve("pl0");
        Path pl0 = root(d, "PL0Root", "CA:TRUE,pathlen:0", "rsa:2048");
        Path sub = issue(d, "PL0Root", "PL0Sub", "/O=ucsec test/CN=PL0Sub", SUB_CA);
        issue(d, "PL0Sub", "attacker", "/CN=attacker.example.com", PEER);
        Path okRoot = root(d, "OpenRoot", "CA:TRUE", "rsa:2048");
        Path okSub = issue(d, "OpenRoot", "OpenSub", "/O=ucsec test/CN=OpenSub", SUB_CA);
        issue(d, "OpenSub", "partner", "/CN=partner.example.com", PEER);
        assertThat(ossl(d, "verify", "-x509_strict", "-CAfile", "PL0Root.pem", "-untrusted", "PL0Sub.pem", "attacker.pem").exit()).isNotZero();

        n.cli("set", "cert", "import", "trust", "cup-trust", upload("cup-trust", pl0)).ok();
        n.cli("set", "cert", "import", "trust", "cup-trust", upload("cup-trust", okRoot)).ok();
        admit("attacker.example.com", "partner.example.com");

        assertThat(sip(d, "partner", okSub, "ok1")).contains("SIP/2.0 200 OK");
        long before = untrustedRejections();
        assertThat(sip(d, "attacker", sub, "pl0")).doesNotContain("SIP/2.0 200 OK");
        assertThat(untrustedRejections()).isGreaterThan(before);
        assertThat(logged()).contains("attacker.example.com").contains("path.length-exceeded").contains("PL0Root").contains("pathLenConstraint 0");
    }

    /** The same attack on install (C6): a tomcat certificate issued by a sub-CA under a pathlen:0 root is refused, nothing changes. */
    @Test
    void tomcatCertificateUnderPathLen0Root_isRefusedOnInstall_RFC5280_6_1_4_l() throws Exception {
        Path d = dir.resolve("pl0-tomcat");
        Path pl0 = root(d, "PL0TomcatRoot", "CA:TRUE,pathlen:0", "rsa:2048");
        Path sub = issue(d, "PL0TomcatRoot", "PL0TomcatSub", "/O=ucsec test/CN=PL0TomcatSub", SUB_CA);
        n.cli("set", "cert", "import", "trust", "tomcat-trust", upload("tomcat-trust", pl0)).ok();
        Files.writeString(d.resolve("tomcat.csr"), n.cli("set", "csr", "gen", "tomcat", "--json").ok().value().get("pem").asText());
        Path leaf = sign(d, "PL0TomcatSub", "tomcat", "basicConstraints=CA:FALSE\nkeyUsage=critical,digitalSignature,keyEncipherment,dataEncipherment\nextendedKeyUsage=serverAuth,clientAuth");
        String before = n.snapshot();
        var r = n.cli("set", "cert", "import", "own", "tomcat", upload("x", leaf, sub));
        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.err()).contains("path.length-exceeded").contains("PL0TomcatRoot").contains("pathLenConstraint 0").contains("nothing was installed");
        assertThat(n.snapshot()).isEqualTo(before);
    }

    /**
     * C7 / issue 7 item 6: an openssl s_server that adds an unrelated self-signed root to its chain. The preview (dry run)
     * shows it as ignored and changes nothing; without a terminal and without --yes nothing is imported; with --yes only
     * the server's own chain is imported, the peer subject is added and said, and 127.0.0.1 not being in the certificate
     * is reported (RFC 9525 section 6). The smuggled root is never in cup-trust.
     */
    @Test
    void importTool_peerSendingAnUnrelatedRoot_importsOnlyItsOwnChain_afterAPreview() throws Exception {
        Path d = dir.resolve("smuggle");
        Path own = root(d, "PeerOwnRoot", "CA:TRUE", "rsa:2048");
        Path ownSub = issue(d, "PeerOwnRoot", "PeerOwnSub", "/O=ucsec test/CN=PeerOwnSub", SUB_CA);
        issue(d, "PeerOwnSub", "cucm9", "/CN=cucm9.example.com", PEER + "\nsubjectAltName=DNS:cucm9.example.com");
        Path smuggled = root(d, "SmuggledRoot", "CA:TRUE", "rsa:2048");
        Path sent = d.resolve("sent-chain.pem");
        Files.writeString(sent, Files.readString(ownSub) + Files.readString(smuggled) + Files.readString(own));
        try (OpenSslServer s = OpenSslServer.start(d, "-cert", d.resolve("cucm9.pem").toString(), "-key", d.resolve("cucm9.key").toString(),
                "-cert_chain", sent.toString(), "-www")) {
            String port = String.valueOf(s.port());
            String before = n.snapshot() + n.cli("show", "tls", "peer-subjects", "--json").ok().out();

            // the preview: what would be imported, the smuggled root shown as ignored, nothing changed
            JsonNode preview = n.cli("cert", "import-tool", "--store", "cup-trust", "--host", "127.0.0.1", "--port", port, "--dry-run", "--json").ok().json();
            assertThat(preview.get("value").get("dryRun").asBoolean()).isTrue();
            assertThat(preview.get("value").get("chain").toString()).contains("cucm9.example.com").contains("PeerOwnSub").contains("PeerOwnRoot").doesNotContain("SmuggledRoot");
            assertThat(preview.get("value").get("ignored").toString()).contains("SmuggledRoot");
            assertThat(preview.get("value").get("imported")).hasSize(3);
            assertThat(preview.get("warnings").toString()).contains("ignored").contains("SmuggledRoot").contains("RFC 9525").contains("peer subject cucm9.example.com");
            assertThat(n.snapshot() + n.cli("show", "tls", "peer-subjects", "--json").ok().out()).isEqualTo(before);

            // no terminal, no --yes: refused with a stable code, nothing imported
            var refused = n.cli("cert", "import-tool", "--store", "cup-trust", "--host", "127.0.0.1", "--port", port);
            assertThat(refused.exit()).isEqualTo(1);
            assertThat(refused.err()).contains("importtool.confirmation-required");
            assertThat(refused.out()).contains("SmuggledRoot").contains("ignored");
            assertThat(n.snapshot() + n.cli("show", "tls", "peer-subjects", "--json").ok().out()).isEqualTo(before);

            // --yes: the chain is shown and only the peer's own chain is imported
            var r = n.cli("cert", "import-tool", "--store", "cup-trust", "--host", "127.0.0.1", "--port", port, "--yes").ok();
            assertThat(r.out()).contains("ignored (sent by the peer, not on its chain): CN=SmuggledRoot,O=ucsec test").contains("imported cup-trust/")
                    .contains("TLS peer subject cucm9.example.com");
            String trust = n.cli("show", "cert", "list", "trust", "cup-trust", "--json").ok().out();
            assertThat(trust).contains("CN=cucm9.example.com").contains("CN=PeerOwnSub").contains("CN=PeerOwnRoot").doesNotContain("SmuggledRoot");
            assertThat(n.cli("show", "tls", "peer-subjects").ok().out()).contains("cucm9.example.com");

            // and an imported root can be undone (before issue 7: trust.delete-service-not-ca-signed)
            n.cli("set", "cert", "delete", "trust", "cup-trust", "PeerOwnRoot.pem").ok();
            assertThat(n.cli("show", "cert", "trust", "cup-trust", "PeerOwnRoot.pem").err()).contains("trust.not-found");
        }
    }

    /**
     * Issue 7 item 7: a CA root uploaded by mistake (self-signed, but not one of ucsec's own entries, so C10's "service has
     * a CA-signed certificate" rule does not hold it) is deleted by an administrator with delete rights: audited, restarts marked.
     */
    @Test
    void wronglyImportedCa_isDeleted_auditedAndRestartsMarked() throws Exception {
        Path d = dir.resolve("mistake");
        Path wrong = root(d, "WrongCompanyRoot", "CA:TRUE", "rsa:2048");
        String name = n.cli("set", "cert", "import", "trust", "cup-trust", upload("cup-trust", wrong), "--json").ok().value().get("added").get(0).get("name").asText();
        JsonNode del = n.cli("set", "cert", "delete", "trust", "cup-trust", name, "--json").ok().json();
        assertThat(del.get("value").get("certificate").get("subject").asText()).contains("WrongCompanyRoot");
        assertThat(del.get("restartsMarked").toString()).contains("sip-proxy");
        assertThat(n.cli("show", "cert", "trust", "cup-trust", name).err()).contains("trust.not-found");
        assertThat(n.cli("show", "audit", "--json").ok().out()).contains("trust.delete").contains("WrongCompanyRoot");
    }

    // ------------------------------------------------------------------ upload rules

    /** A CA certificate as an identity (path.ca-as-leaf) and a cup certificate without serverAuth (RFC 5280 4.2.1.12) are refused on install. */
    @Test
    void install_caAsLeaf_andWrongEku_areRefused_namingCertificateAndRule() throws Exception {
        Path d = dir.resolve("leafrules");
        Files.createDirectories(d);
        OpenSsl.Ca ca = OpenSsl.Ca.create(d.resolve("ca"), "LeafRules", "rsa");
        n.cli("set", "cert", "import", "trust", "cup-trust", upload("cup-trust", ca.rootCert, ca.intCert)).ok();
        n.cli("set", "cert", "import", "trust", "tomcat-trust", upload("tomcat-trust", ca.rootCert, ca.intCert)).ok();

        String csr = n.cli("set", "csr", "gen", "tomcat", "--json").ok().value().get("pem").asText();
        Path asCa = d.resolve("tomcat-ca.pem");
        Files.writeString(asCa, ca.sign(csr, "tomcat-ca", 365, "basicConstraints=critical,CA:TRUE\nkeyUsage=critical,digitalSignature,keyEncipherment,dataEncipherment,keyCertSign\nextendedKeyUsage=serverAuth,clientAuth"));
        String before = n.snapshot();
        var r = n.cli("set", "cert", "import", "own", "tomcat", asCa.toString());
        assertThat(r.err()).contains("path.ca-as-leaf").contains("imp1");
        assertThat(n.snapshot()).isEqualTo(before);

        csr = n.cli("set", "csr", "gen", "cup", "--json").ok().value().get("pem").asText();
        Path clientOnly = d.resolve("cup-client.pem");
        Files.writeString(clientOnly, ca.sign(csr, "cup-client", 365, "basicConstraints=CA:FALSE\nkeyUsage=critical,digitalSignature,keyEncipherment,dataEncipherment\nextendedKeyUsage=clientAuth"));
        before = n.snapshot();
        r = n.cli("set", "cert", "import", "own", "cup", clientOnly.toString(), "--allow-key-usage-change");
        assertThat(r.err()).contains("path.eku-mismatch").contains("cup");
        assertThat(n.snapshot()).isEqualTo(before);
    }

    /** A CA entry must be a CA that may sign certificates (RFC 5280 6.1.4 (n)): a "CA" without keyCertSign is refused with its bundle. */
    @Test
    void trustUpload_caEntryWithoutKeyCertSign_isRefused_andNothingIsImported() throws Exception {
        Path d = dir.resolve("nokcs");
        Path r0 = root(d, "KcsRoot", "CA:TRUE", "rsa:2048");
        Path bad = issue(d, "KcsRoot", "NoKcsSub", "/O=ucsec test/CN=NoKcsSub", "basicConstraints=critical,CA:TRUE\nkeyUsage=critical,digitalSignature");
        String before = n.snapshot();
        var r = n.cli("set", "cert", "import", "trust", "CallManager-trust", upload("x", r0, bad));
        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.err()).contains("path.key-cert-sign-missing").contains("NoKcsSub").contains("nothing was imported");
        assertThat(n.snapshot()).isEqualTo(before);
    }

    /**
     * S5 sees trust stores (issue 7 item 8): an RSA-1024 root is never accepted; a P-521 root is accepted outside FIPS
     * and refused while FIPS is on (FIPS: P-256/P-384 only).
     */
    @Test
    void trustUpload_weakKeys_areRefused_P521RootOnlyUnderFips() throws Exception {
        try (TestNode f = TestNode.start(dir.resolve("fips-node"))) {
            Path d = dir.resolve("weak");
            Path rsa1024 = root(d, "Rsa1024Root", "CA:TRUE", "rsa:1024");
            Files.createDirectories(d);
            ossl(d, "req", "-x509", "-nodes", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-521", "-keyout", "p521.key", "-out", "p521.pem", "-days", "365",
                    "-sha384", "-subj", "/CN=P521Root", "-addext", "basicConstraints=critical,CA:TRUE", "-addext", "keyUsage=critical,keyCertSign,cRLSign").ok();
            ossl(d, "req", "-x509", "-nodes", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-521", "-keyout", "p521b.key", "-out", "p521b.pem", "-days", "365",
                    "-sha384", "-subj", "/CN=P521RootB", "-addext", "basicConstraints=critical,CA:TRUE", "-addext", "keyUsage=critical,keyCertSign,cRLSign").ok();
            assertThat(f.cli("set", "cert", "import", "trust", "CallManager-trust", rsa1024.toString()).err()).contains("path.key-too-small").contains("Rsa1024Root");
            f.cli("set", "cert", "import", "trust", "CallManager-trust", d.resolve("p521.pem").toString()).ok();
            // FIPS cannot be enabled while the P-521 root is in a trust store (S5 inventory); remove it, enable, upload again
            assertThat(f.cli("utils", "fips", "enable").err()).contains("mode.violations").contains("CallManager-trust");
            f.cli("set", "cert", "delete", "trust", "CallManager-trust", "P521Root.pem").ok();
            f.cli("utils", "fips", "enable").ok();
            String before = f.snapshot();
            var r = f.cli("set", "cert", "import", "trust", "CallManager-trust", d.resolve("p521b.pem").toString());
            assertThat(r.exit()).isEqualTo(1);
            assertThat(r.err()).contains("path.key-not-allowed").contains("P521RootB");
            assertThat(f.snapshot()).isEqualTo(before);
        }
    }

    // ------------------------------------------------------------------ revocation

    /**
     * RFC 5280 6.1.3 (a)(3) with a CRL uploaded to cup-trust: the revoked client certificate is refused on the SIP port,
     * its sibling is answered; the CRL is listed, and deleted again.
     */
    @Test
    void sipPeerAuth_clientRevokedByUploadedCrl_isRefused_RFC5280_6_1_3_a_3() throws Exception {
        Path d = dir.resolve("crl");
        Path r0 = root(d, "CrlRoot", "CA:TRUE", "rsa:2048");
        Path sub = issue(d, "CrlRoot", "CrlSub", "/O=ucsec test/CN=CrlSub", SUB_CA);
        issue(d, "CrlSub", "revoked", "/CN=revoked.example.com", PEER);
        issue(d, "CrlSub", "good", "/CN=good.example.com", PEER);
        Files.writeString(d.resolve("index.txt"), "");
        Files.writeString(d.resolve("crlnumber"), "01\n");
        Files.writeString(d.resolve("crl.cnf"), "[ca]\ndefault_ca=d\n[d]\ndatabase=index.txt\ncrlnumber=crlnumber\ndefault_md=sha256\ndefault_crl_days=7\ncertificate=CrlSub.pem\nprivate_key=CrlSub.key\n");
        ossl(d, "ca", "-config", "crl.cnf", "-revoke", "revoked.pem", "-crl_reason", "keyCompromise").ok();
        ossl(d, "ca", "-config", "crl.cnf", "-gencrl", "-out", "sub.crl").ok();
        Files.writeString(d.resolve("rootindex.txt"), "");
        Files.writeString(d.resolve("rootcrlnumber"), "01\n");
        Files.writeString(d.resolve("rootcrl.cnf"), "[ca]\ndefault_ca=d\n[d]\ndatabase=rootindex.txt\ncrlnumber=rootcrlnumber\ndefault_md=sha256\ndefault_crl_days=7\ncertificate=CrlRoot.pem\nprivate_key=CrlRoot.key\n");
        ossl(d, "ca", "-config", "rootcrl.cnf", "-gencrl", "-out", "root.crl").ok();
        assertThat(ossl(d, "verify", "-x509_strict", "-crl_check", "-CAfile", "CrlRoot.pem", "-untrusted", "CrlSub.pem", "-CRLfile", "sub.crl", "revoked.pem").exit()).isNotZero();

        n.cli("set", "cert", "import", "trust", "cup-trust", upload("x", r0, sub)).ok();
        JsonNode crl = n.cli("set", "cert", "import", "crl", "cup-trust", d.resolve("sub.crl").toString(), "--json").ok().json();
        assertThat(crl.get("value").get("issuer").asText()).contains("CrlSub");
        assertThat(crl.get("restartsMarked").toString()).contains("sip-proxy");
        n.cli("set", "cert", "import", "crl", "cup-trust", d.resolve("root.crl").toString()).ok();
        assertThat(n.cli("show", "cert", "list", "crl", "cup-trust").ok().out()).contains("CrlSub").contains("1 revoked").contains("CrlRoot");
        admit("revoked.example.com", "good.example.com");

        assertThat(sip(d, "good", sub, "crl-good")).contains("SIP/2.0 200 OK");
        long before = untrustedRejections();
        assertThat(sip(d, "revoked", sub, "crl-revoked")).doesNotContain("SIP/2.0 200 OK");
        assertThat(untrustedRejections()).isGreaterThan(before);
        assertThat(logged()).contains("revoked.example.com").contains("path.revoked");

        // hard-fail: with the sub-CA's CRL deleted, its certificates' status is unknown and they are refused
        String id = crl.get("value").get("id").asText();
        n.cli("set", "cert", "delete", "crl", "cup-trust", id).ok();
        assertThat(n.cli("show", "cert", "list", "crl", "cup-trust").ok().out()).doesNotContain("CrlSub");
        n.cli("set", "cert", "revocation", "hard-fail").ok();
        n.cli("utils", "service", "restart", "Cisco SIP Proxy").ok();
        assertThat(sip(d, "good", sub, "crl-hard")).doesNotContain("SIP/2.0 200 OK");
        assertThat(logged()).contains("good.example.com").contains("path.revocation-unknown");
        n.cli("set", "cert", "revocation", "soft-fail").ok();
        n.cli("utils", "service", "restart", "Cisco SIP Proxy").ok();
        assertThat(sip(d, "good", sub, "crl-soft")).contains("SIP/2.0 200 OK");
    }

    /**
     * RFC 5280 4.2.1.13 / 6.3: no CRL uploaded, the client certificate names an http distribution point; the SIP
     * listener's validator fetches the CRL there and refuses the revoked certificate, answers its sibling.
     */
    @Test
    void sipPeerAuth_clientRevokedByTheCrlAtItsHttpDistributionPoint_isRefused_RFC5280_4_2_1_13() throws Exception {
        Path d = dir.resolve("crldp");
        com.sun.net.httpserver.HttpServer http = com.sun.net.httpserver.HttpServer.create(new java.net.InetSocketAddress("127.0.0.1", 0), 0);
        try {
            String dp = "URI:http://127.0.0.1:" + http.getAddress().getPort() + "/dpsub.crl";
            Path r0 = root(d, "DpRoot", "CA:TRUE", "rsa:2048");
            Path sub = issue(d, "DpRoot", "DpSub", "/O=ucsec test/CN=DpSub", SUB_CA);
            issue(d, "DpSub", "dprevoked", "/CN=dprevoked.example.com", PEER + "\ncrlDistributionPoints=" + dp);
            issue(d, "DpSub", "dpgood", "/CN=dpgood.example.com", PEER + "\ncrlDistributionPoints=" + dp);
            Files.writeString(d.resolve("index.txt"), "");
            Files.writeString(d.resolve("crlnumber"), "01\n");
            Files.writeString(d.resolve("crl.cnf"), "[ca]\ndefault_ca=d\n[d]\ndatabase=index.txt\ncrlnumber=crlnumber\ndefault_md=sha256\ndefault_crl_days=7\ncertificate=DpSub.pem\nprivate_key=DpSub.key\n");
            ossl(d, "ca", "-config", "crl.cnf", "-revoke", "dprevoked.pem").ok();
            ossl(d, "ca", "-config", "crl.cnf", "-gencrl", "-out", "dpsub.pem.crl").ok();
            ossl(d, "crl", "-in", "dpsub.pem.crl", "-outform", "DER", "-out", "dpsub.crl").ok();
            byte[] der = Files.readAllBytes(d.resolve("dpsub.crl"));
            java.util.concurrent.atomic.AtomicInteger fetches = new java.util.concurrent.atomic.AtomicInteger();
            http.createContext("/dpsub.crl", x -> {
                fetches.incrementAndGet();
                x.sendResponseHeaders(200, der.length);
                try (var o = x.getResponseBody()) { o.write(der); }
            });
            http.start();

            n.cli("set", "cert", "import", "trust", "cup-trust", upload("x", r0, sub)).ok();
            admit("dprevoked.example.com", "dpgood.example.com");
            assertThat(sip(d, "dpgood", sub, "dp-good")).contains("SIP/2.0 200 OK");
            assertThat(sip(d, "dprevoked", sub, "dp-revoked")).doesNotContain("SIP/2.0 200 OK");
            assertThat(logged()).contains("dprevoked.example.com").contains("path.revoked");
            assertThat(fetches.get()).isPositive();
        } finally {
            http.stop(0);
        }
    }

    /** A CRL is accepted only from an issuer in the store (RFC 5280 6.3.3 (f)); nothing changes otherwise. */
    @Test
    void crlUpload_fromAnIssuerOutsideTheStore_isRefused() throws Exception {
        Path d = dir.resolve("crl-foreign");
        root(d, "ForeignRoot", "CA:TRUE", "rsa:2048");
        Files.writeString(d.resolve("index.txt"), "");
        Files.writeString(d.resolve("crlnumber"), "01\n");
        Files.writeString(d.resolve("crl.cnf"), "[ca]\ndefault_ca=d\n[d]\ndatabase=index.txt\ncrlnumber=crlnumber\ndefault_md=sha256\ndefault_crl_days=7\ncertificate=ForeignRoot.pem\nprivate_key=ForeignRoot.key\n");
        ossl(d, "ca", "-config", "crl.cnf", "-gencrl", "-out", "f.crl").ok();
        var r = n.cli("set", "cert", "import", "crl", "tomcat-trust", d.resolve("f.crl").toString());
        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.err()).contains("crl.issuer-unknown").contains("ForeignRoot");
        assertThat(n.cli("show", "cert", "list", "crl", "tomcat-trust").ok().out()).doesNotContain("ForeignRoot");
    }
}
