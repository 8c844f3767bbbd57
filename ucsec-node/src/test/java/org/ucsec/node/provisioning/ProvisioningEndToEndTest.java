package org.ucsec.node.provisioning;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;
import org.ucsec.node.listeners.PeerAuthListener;
import org.ucsec.node.listeners.TlsMaterial;
import org.ucsec.node.platform.Capability;
import org.ucsec.node.platform.Wiring;
import org.ucsec.node.provisioning.PhoneDirectory.ProvisionedPhone;
import org.ucsec.node.testing.MutableClock;
import org.ucsec.node.testing.SClient;
import org.ucsec.node.testing.TestCa;
import org.ucsec.node.testing.TestNode;
import org.ucsec.pki.testing.OpenSsl;

import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * SPEC P6 end to end (issue 9 item 6), with real clients ({@code curl --cert/--key --cacert}, {@code openssl s_client})
 * and phone certificates of the seed's subject layout (seed 003: {@code OU=CP-8841-3PCC, L=88012BA01234,
 * S=000e08abcdef}) from a test phone CA uploaded to phone-provisioning-trust. Most tests put the listener's rules to
 * work on hand-made files: a test directory takes the phone capability's place, so a file can hold any macro. {@link
 * #realPhoneProfile_isServedToItsPhone_withMacrosExpanded_andThePasswordInClearOnlyThere} runs the whole path with
 * the real phone capability: profile set by the CLI, rendered, served to the phone's certificate.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ProvisioningEndToEndTest {
    static final String MAC = "000e08abcdef", MODEL = "CP-8841-3PCC", SERIAL = "88012BA01234";
    static final String OTHER_MAC = "000e08123456";

    /** The test seam: a phone directory from test code, in the phone capability's place (it provides the real one). */
    static final class TestPhones implements Capability, PhoneDirectory {
        final Map<String, ProvisionedPhone> phones = new ConcurrentHashMap<>();
        @Override public String name() { return "testphones"; }
        @Override public String openApi() { return null; }
        @Override public Running start(Wiring w) { w.provide(PhoneDirectory.class, this); return Running.NONE; }
        @Override public Optional<ProvisionedPhone> find(String mac) { return Optional.ofNullable(phones.get(mac)); }
    }

    static List<Capability> withPhones(List<Capability> all, TestPhones phones) {
        List<Capability> out = new ArrayList<>(all);
        out.removeIf(c -> c instanceof org.ucsec.node.phone.PhoneCapability);
        int at = 0;
        while (at < out.size() && !(out.get(at) instanceof ProvisioningCapability)) at++;
        out.add(at, phones);
        return out;
    }

    Path dir;
    TestNode n;
    final TestPhones phones = new TestPhones();
    TestCa phoneCa;
    TestCa.Peer phone, otherPhone, unknownPhone, wrongModel, generic;
    ListAppender<ILoggingEvent> log;

    static final String CFG = """
            <?xml version="1.0" encoding="UTF-8"?>
            <flat-profile>
              <Profile_Rule ua="na">https://prov.example.com:6973/$MA.xml</Profile_Rule>
              <Station_Name ua="na">SEP$MAU</Station_Name>
              <Station_Display_Name ua="na">$PN $MAC</Station_Display_Name>
              <Text_Logo ua="na">$SN $CCERT</Text_Logo>
              <GPP_A ua="na">$(MAU:6) $(MA:0:6) $$MAU $UNKNOWN $</GPP_A>
              <Proxy_Password ua="na">pa$$word</Proxy_Password>
            </flat-profile>
            """;

    @BeforeAll
    void start(@TempDir Path tmp) throws Exception {
        dir = tmp;
        n = new TestNode(tmp.resolve("n"), MutableClock.now(), all -> withPhones(all, phones));
        phoneCa = TestCa.rsa(n, "Phone");
        phone = phoneCa.phone(MODEL, SERIAL, MAC, 365);
        otherPhone = phoneCa.phone(MODEL, "88012BA09999", OTHER_MAC, 365);
        unknownPhone = phoneCa.phone(MODEL, "88012BA00000", "000e08ffffff", 365);
        wrongModel = phoneCa.phone("CP-7841-3PCC", SERIAL, "000e08777777", 365);
        generic = phoneCa.phone(MODEL, SERIAL, null, 365);
        phones.phones.put(MAC, new ProvisionedPhone(MAC, MODEL, SERIAL, CFG.getBytes(StandardCharsets.UTF_8)));
        phones.phones.put(OTHER_MAC, new ProvisionedPhone(OTHER_MAC, MODEL, "", "<flat-profile><Station_Name>other</Station_Name></flat-profile>".getBytes(StandardCharsets.UTF_8)));
        phones.phones.put("000e08777777", new ProvisionedPhone("000e08777777", MODEL, "", "<flat-profile/>".getBytes(StandardCharsets.UTF_8)));
        log = new ListAppender<>();
        log.start();
        ((Logger) LoggerFactory.getLogger(ProvisioningHandler.class)).addAppender(log);
        ((Logger) LoggerFactory.getLogger(TlsMaterial.class)).addAppender(log);
        n.cli("set", "cert", "import", "trust", "phone-provisioning-trust", n.fileArg("phone-ca.pem", phoneCa.chainPem()), "--description", "phone CA").ok();
        n.cli("utils", "service", "restart", "provisioning").ok();
    }

    @AfterAll
    void stop() {
        ((Logger) LoggerFactory.getLogger(ProvisioningHandler.class)).detachAppender(log);
        ((Logger) LoggerFactory.getLogger(TlsMaterial.class)).detachAppender(log);
        n.close();
    }

    // ------------------------------------------------------------------ clients

    record Http(int exit, int status, String body, String err) {}

    int port() { return n.node.provisioningPort(); }

    /** curl against the provisioning listener as imp1.example.com (the tomcat certificate's name), trusting the node's tomcat chain. */
    Http curl(TestCa.Peer client, String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of("curl", "-sS", "--max-time", "15", "--cacert", n.dir.resolve("admin-listener.pem").toString(),
                "--resolve", "imp1.example.com:" + port() + ":127.0.0.1", "-w", "\n%{http_code}"));
        if (client != null) cmd.addAll(List.of("--cert", client.cert().toString(), "--key", client.key().toString()));
        for (String a : args) cmd.add(a.startsWith("/") ? "https://imp1.example.com:" + port() + a : a);
        Process p = new ProcessBuilder(cmd).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        p.waitFor(20, TimeUnit.SECONDS);
        int nl = out.lastIndexOf('\n');
        int status = nl < 0 ? 0 : Integer.parseInt(out.substring(nl + 1).trim());
        return new Http(p.exitValue(), status, nl < 0 ? "" : out.substring(0, nl), err);
    }

    String sclient(TestCa.Peer client, String request, String expect) throws Exception {
        List<String> a = new ArrayList<>();
        if (client != null) a.addAll(List.of("-cert", client.cert().toString(), "-key", client.key().toString()));
        try (SClient c = SClient.connect(dir, port(), a.toArray(String[]::new))) {
            return c.exchange(request, expect, 8);
        }
    }

    String logged() { return String.join("\n", log.list.stream().map(ILoggingEvent::getFormattedMessage).toList()); }

    long rejected(String code) { return ((PeerAuthListener) n.node.listeners().get("provisioning").orElseThrow()).engine().stats().rejected(code); }

    // ------------------------------------------------------------------ the phone gets its own file

    @Test
    void rightPhone_getsItsCfgXml_withMacrosExpanded_curl() throws Exception {
        Http r = curl(phone, "/" + MAC + ".xml");
        assertThat(r.status()).as(r.err()).isEqualTo(200);
        // Cisco MPP macro table: $MA lowercase, $MAU uppercase, $MAC lowercase with colons, $PN product, $SN serial,
        // $CCERT Installed (a unique client certificate, seed 003), $(NAME:p[:q]) substrings, $$ one $, unknown names kept
        assertThat(r.body()).contains("<Profile_Rule ua=\"na\">https://prov.example.com:6973/000e08abcdef.xml</Profile_Rule>")
                .contains("<Station_Name ua=\"na\">SEP000E08ABCDEF</Station_Name>")
                .contains("<Station_Display_Name ua=\"na\">CP-8841-3PCC 00:0e:08:ab:cd:ef</Station_Display_Name>")
                .contains("<Text_Logo ua=\"na\">88012BA01234 Installed</Text_Logo>")
                .contains("<GPP_A ua=\"na\">ABCDEF 000e08 $MAU $UNKNOWN $</GPP_A>")
                .contains("<Proxy_Password ua=\"na\">pa$word</Proxy_Password>")
                .doesNotContain("other");
    }

    @Test
    void cfgXmlPath_andUppercaseMac_serveTheSameFile_andHeadHasNoBody() throws Exception {
        assertThat(curl(phone, "/cfg.xml").body()).contains("SEP000E08ABCDEF");
        assertThat(curl(phone, "/000E08ABCDEF.xml").body()).contains("SEP000E08ABCDEF");
        assertThat(curl(phone, "/cfg.xml?mac=000e08123456").body()).as("the query names nothing").contains("SEP000E08ABCDEF").doesNotContain("other");
        assertThat(sclient(phone, "GET https://imp1.example.com/cfg.xml HTTP/1.1\r\nHost: imp1.example.com\r\n\r\n", "</flat-profile>"))
                .as("absolute-form, RFC 9112 3.2.2").contains("HTTP/1.1 200 OK").contains("SEP000E08ABCDEF");
        Http head = curl(phone, "-I", "/cfg.xml");
        assertThat(head.status()).isEqualTo(200);
        assertThat(head.body()).contains("Content-Type: text/xml").contains("Cache-Control: no-store").doesNotContain("flat-profile");
    }

    @Test
    void keepAlive_twoRequestsOnOneConnection_andPipelinedRequestsAnsweredInOrder_sclient() throws Exception {
        Http r = curl(phone, "-v", "/cfg.xml", "/" + MAC + ".xml");
        assertThat(r.body().split("SEP000E08ABCDEF", -1)).hasSize(3);
        assertThat(r.err()).contains("Re-using existing connection");
        String req = "GET /cfg.xml HTTP/1.1\r\nHost: imp1.example.com\r\n\r\n";
        String out = sclient(phone, req + "GET /nothing.xml HTTP/1.1\r\nHost: imp1.example.com\r\n\r\n" + req.replace("\r\n\r\n", "\r\nConnection: close\r\n\r\n"), "Connection: close");
        int first = out.indexOf("HTTP/1.1 200 OK"), second = out.indexOf("HTTP/1.1 404 Not Found"), third = out.indexOf("HTTP/1.1 200 OK", first + 1);
        assertThat(first).isGreaterThanOrEqualTo(0);
        assertThat(second).isGreaterThan(first);
        assertThat(third).isGreaterThan(second);
    }

    // ------------------------------------------------------------------ refusals

    @Test
    void macInUrl_notTheCertificates_is403_withTheSubjectLogged() throws Exception {
        Http r = curl(phone, "/" + OTHER_MAC + ".xml");
        assertThat(r.status()).isEqualTo(403);
        assertThat(r.body()).doesNotContain("other").doesNotContain("flat-profile");
        assertThat(logged()).contains("provisioning.mac-mismatch").contains("000e08123456").contains("ST=000e08abcdef").contains("OU=CP-8841-3PCC");
    }

    @Test
    void unknownMac_is403_namingTheCertificate() throws Exception {
        assertThat(curl(unknownPhone, "/cfg.xml").status()).isEqualTo(403);
        assertThat(curl(unknownPhone, "/000e08ffffff.xml").status()).isEqualTo(403);
        assertThat(logged()).contains("provisioning.unknown-phone").contains("000e08ffffff").contains("L=88012BA00000");
    }

    @Test
    void modelOrSerialNotTheProfiles_is403() throws Exception {
        assertThat(curl(wrongModel, "/cfg.xml").status()).isEqualTo(403);
        assertThat(logged()).contains("provisioning.model-mismatch").contains("CP-7841-3PCC");
        TestCa.Peer wrongSerial = phoneCa.phone(MODEL, "88012BAXXXXX", MAC, 365);
        assertThat(curl(wrongSerial, "/cfg.xml").status()).isEqualTo(403);
        assertThat(logged()).contains("provisioning.serial-mismatch").contains("88012BAXXXXX");
    }

    @Test
    void genericCertificate_withoutMac_is403() throws Exception {
        assertThat(curl(generic, "/cfg.xml").status()).isEqualTo(403);
        assertThat(logged()).contains("provisioning.generic-certificate").contains("OU=CP-8841-3PCC");
    }

    @Test
    void controlCharactersInTheSubject_neverReachTheLogRaw() throws Exception {
        // a CA may sign a name with a line break in it (openssl does): the refusal's log line must stay one line
        TestCa.Peer forged = phoneCa.withSubject("/OU=CP-8841-3PCC\nFAKE ucsec log line/L=1/ST=000e08aaaaaa", 365,
                "basicConstraints=CA:FALSE\nextendedKeyUsage=clientAuth\nkeyUsage=critical,digitalSignature,keyEncipherment");
        assertThat(curl(forged, "/cfg.xml").status()).isEqualTo(403);
        String line = log.list.stream().map(ILoggingEvent::getFormattedMessage).filter(m -> m.contains("000e08aaaaaa")).findFirst().orElseThrow();
        assertThat(line).doesNotContain("\n").doesNotContain("\r").contains("FAKE ucsec log line");
    }

    @Test
    void noClientCertificate_isRefusedInTheHandshake() throws Exception {
        long before = rejected("handshake.no-client-certificate");
        Http r = curl(null, "/cfg.xml");
        assertThat(r.exit()).isNotZero();
        assertThat(r.status()).isNotEqualTo(200);
        assertThat(r.body()).doesNotContain("flat-profile");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (rejected("handshake.no-client-certificate") == before && System.nanoTime() < deadline) Thread.sleep(20);
        assertThat(rejected("handshake.no-client-certificate")).isGreaterThan(before);
    }

    @Test
    void certificateFromAnUntrustedCa_isRefused_withTheReasonLogged() throws Exception {
        TestCa rogue = TestCa.rsa(n, "Rogue");
        TestCa.Peer fake = rogue.phone(MODEL, SERIAL, MAC, 365);
        Http r = curl(fake, "/cfg.xml");
        assertThat(r.exit()).isNotZero();
        assertThat(r.body()).doesNotContain("flat-profile");
        assertThat(logged()).contains("provisioning: client certificate 'ST=000e08abcdef,L=88012BA01234,OU=CP-8841-3PCC' refused");
    }

    @Test
    void oddPaths_are404_or400_andNeverAnotherPhonesFile() throws Exception {
        for (String p : List.of("/../" + OTHER_MAC + ".xml", "/%2e%2e/" + OTHER_MAC + ".xml", "/" + MAC + ".xml/../" + OTHER_MAC + ".xml", "/cfg.xml/",
                "/Cisco/" + MAC + ".cfg", "/" + MAC + ".cfg", "/", "/etc/passwd", "/00:0e:08:ab:cd:ef.xml", "/000e08abcdeg.xml")) {
            Http r = curl(phone, "--path-as-is", p);
            assertThat(r.status()).as(p).isEqualTo(404);
            assertThat(r.body()).as(p).doesNotContain("flat-profile");
        }
        String star = sclient(phone, "OPTIONS * HTTP/1.1\r\nHost: x\r\n\r\n", "HTTP/1.1");
        assertThat(star).contains("HTTP/1.1 405");
        String notPath = sclient(phone, "GET cfg.xml HTTP/1.1\r\nHost: x\r\n\r\n", "HTTP/1.1");
        assertThat(notPath).contains("HTTP/1.1 400");
        assertThat(sclient(phone, "POST /cfg.xml HTTP/1.1\r\nHost: x\r\nContent-Length: 0\r\n\r\n", "HTTP/1.1")).contains("HTTP/1.1 405").contains("Allow: GET, HEAD");
        assertThat(sclient(phone, "POST /cfg.xml HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\n\r\nhello", "HTTP/1.1")).contains("HTTP/1.1 413");
    }

    @Test
    void oversizedHead_is431_andTheConnectionCloses_sclient() throws Exception {
        long before = rejected("request.headers-too-large");
        String big = "GET /cfg.xml HTTP/1.1\r\nHost: x\r\nX-Pad: " + "a".repeat(9000) + "\r\n\r\nGET /cfg.xml HTTP/1.1\r\nHost: x\r\n\r\n";
        String out = sclient(phone, big, "HTTP/1.1 431");
        assertThat(out).contains("HTTP/1.1 431 Request Header Fields Too Large").contains("Connection: close").doesNotContain("HTTP/1.1 200");
        assertThat(rejected("request.headers-too-large")).isGreaterThan(before);
        String longLine = "GET /" + "a".repeat(9000) + " HTTP/1.1\r\nHost: x\r\n\r\n";
        assertThat(sclient(phone, longLine, "HTTP/1.1 414")).contains("HTTP/1.1 414 URI Too Long");
        assertThat(sclient(phone, "GET /cfg.xml HTTP/1.1\r\n\r\n", "HTTP/1.1 400")).contains("HTTP/1.1 400 Bad Request").contains("Host");
    }

    // ------------------------------------------------------------------ syslog

    /** An RFC 5424 message: PRI, VERSION, TIMESTAMP, HOSTNAME, APP-NAME, PROCID, MSGID, STRUCTURED-DATA, MSG (RFC 5424 6). */
    static final Pattern RFC5424 = Pattern.compile("<(\\d{1,3})>1 (\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d(?:\\.\\d{1,6})?(?:Z|[+-]\\d\\d:\\d\\d)) (\\S{1,255}) (\\S{1,48}) (\\S{1,128}) (\\S{1,32}) (-|\\[.*?\\]) (.*)", Pattern.DOTALL);

    @Test
    void requestSuccessAndFailure_areSentAsRfc5424_toARealUdpReceiver() throws Exception {
        try (DatagramSocket rx = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            rx.setSoTimeout(5000);
            n.cli("set", "provisioning", "syslog", "--enabled", "on", "--receiver", "127.0.0.1:" + rx.getLocalPort()).ok();
            try {
                assertThat(curl(phone, "/" + MAC + ".xml").status()).isEqualTo(200);
                List<Matcher> ok = List.of(receive(rx), receive(rx));
                assertThat(ok.get(0).group(1)).isEqualTo("134"); // local0 (16) * 8 + informational (6)
                assertThat(ok.get(0).group(3)).isEqualTo("imp1.example.com");
                assertThat(ok.get(0).group(4)).isEqualTo("ucsec-provisioning");
                assertThat(ok.get(0).group(6)).isEqualTo("request");
                // Log_Request_Msg default: $PN $MAC -- Requesting resync $SCHEME://$SERVIP:$PORT$PATH
                assertThat(ok.get(0).group(8)).isEqualTo("CP-8841-3PCC 00:0e:08:ab:cd:ef -- Requesting resync https://127.0.0.1:" + port() + "/000e08abcdef.xml");
                assertThat(ok.get(1).group(6)).isEqualTo("success");
                assertThat(ok.get(1).group(8)).isEqualTo("CP-8841-3PCC 00:0e:08:ab:cd:ef -- Successful resync https://127.0.0.1:" + port() + "/000e08abcdef.xml");

                assertThat(curl(phone, "/" + OTHER_MAC + ".xml").status()).isEqualTo(403);
                assertThat(receive(rx).group(6)).isEqualTo("request");
                Matcher fail = receive(rx);
                assertThat(fail.group(1)).isEqualTo("132"); // local0 * 8 + warning (4)
                assertThat(fail.group(6)).isEqualTo("failure");
                assertThat(fail.group(8)).startsWith("CP-8841-3PCC 00:0e:08:ab:cd:ef -- Resync failed: provisioning.mac-mismatch: the URL names MAC 000e08123456");

                n.cli("set", "provisioning", "syslog", "--failure-msg", "$CCERT $PN $ERR", "--request-msg", "").ok();
                assertThat(curl(generic, "/cfg.xml").status()).isEqualTo(403);
                assertThat(receive(rx).group(8)).startsWith("Not Installed $PN provisioning.generic-certificate: ");
            } finally {
                n.cli("set", "provisioning", "syslog", "--enabled", "off", "--request-msg", ProvisioningService.Event.REQUEST.template().defaultText(),
                        "--failure-msg", ProvisioningService.Event.FAILURE.template().defaultText()).ok();
            }
            assertThat(n.cli("show", "provisioning").ok().out()).contains("Syslog:          off").contains("provisioning.mac-mismatch=");
        }
    }

    @Test
    void syslogSettingsChangedByAnotherNode_areReadAtServiceRestart() throws Exception {
        try (DatagramSocket rx = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            rx.setSoTimeout(5000);
            // another node of the cluster wrote the cluster-wide setting: this node keeps its settings until the restart
            var other = new ProvisioningService.SyslogSettings(true, "127.0.0.1:" + rx.getLocalPort(), "", "ok $MA", "");
            n.node.context().store().tx(h -> { org.ucsec.node.platform.SettingsRepo.put(h, ProvisioningService.SCOPE, ProvisioningService.SETTING,
                    org.ucsec.node.platform.rest.Json.write(other)); return null; });
            assertThat(n.cli("show", "provisioning").ok().out()).contains("Syslog:          off");
            try {
                assertThat(n.cli("utils", "service", "restart", "provisioning").ok().out()).contains("syslog on -> 127.0.0.1:" + rx.getLocalPort());
                assertThat(curl(phone, "/cfg.xml").status()).isEqualTo(200);
                assertThat(receive(rx).group(8)).isEqualTo("ok 000e08abcdef");
            } finally {
                n.cli("set", "provisioning", "syslog", "--enabled", "off", "--success-msg", ProvisioningService.Event.SUCCESS.template().defaultText(),
                        "--request-msg", ProvisioningService.Event.REQUEST.template().defaultText(), "--failure-msg", ProvisioningService.Event.FAILURE.template().defaultText()).ok();
            }
        }
    }

    static Matcher receive(DatagramSocket rx) throws Exception {
        byte[] buf = new byte[4096];
        DatagramPacket p = new DatagramPacket(buf, buf.length);
        try {
            rx.receive(p);
        } catch (SocketTimeoutException e) {
            throw new AssertionError("no syslog message within 5 s");
        }
        String m = new String(p.getData(), 0, p.getLength(), StandardCharsets.UTF_8);
        Matcher x = RFC5424.matcher(m);
        assertThat(x.matches()).as(m).isTrue();
        return x;
    }

    @Test
    void syslogSettings_badValues_areRefusedNamingTheField_andChangeNothing() {
        String before = n.cli("show", "provisioning", "--json").ok().out();
        assertThat(n.cli("set", "provisioning", "syslog", "--receiver", "syslog.example.com:99999").refused("provisioning.syslog-invalid").err()).contains("99999");
        assertThat(n.cli("set", "provisioning", "syslog", "--receiver", "bad host:514").refused("provisioning.syslog-invalid").err()).contains("bad host");
        assertThat(n.cli("set", "provisioning", "syslog", "--receiver", "::1:514").refused("provisioning.syslog-invalid").err()).contains("brackets");
        assertThat(n.cli("set", "provisioning", "syslog", "--enabled", "on", "--receiver", "").refused("provisioning.syslog-invalid").err()).contains("receiver");
        assertThat(n.cli("set", "provisioning", "syslog", "--failure-msg", "x".repeat(513)).refused("provisioning.syslog-invalid").err()).contains("Log_Failure_Msg");
        assertThat(n.cli("set", "provisioning", "syslog", "--enabled", "maybe").exit()).isNotZero();
        assertThat(n.cli("show", "provisioning", "--json").ok().out()).isEqualTo(before);
    }

    // ------------------------------------------------------------------ trust: hot reload, revocation, expiry (own nodes)

    @Test
    void trustUpload_takesEffectAtServiceRestart_andRevokedOrExpiredPhoneCerts_areRefused(@TempDir Path tmp) throws Exception {
        TestPhones dirPhones = new TestPhones();
        dirPhones.phones.put(MAC, new ProvisionedPhone(MAC, MODEL, SERIAL, "<flat-profile><Station_Name>SEP$MAU</Station_Name></flat-profile>".getBytes(StandardCharsets.UTF_8)));
        try (TestNode m = new TestNode(tmp.resolve("m"), MutableClock.now(), all -> withPhones(all, dirPhones))) {
            TestNode saved = n;
            n = m;
            try {
                TestCa ca = TestCa.rsa(m, "Fleet");
                TestCa.Peer good = ca.phone(MODEL, SERIAL, MAC, 365);
                TestCa.Peer revoked = ca.phone(MODEL, SERIAL, MAC, 365);
                TestCa.Peer shortLived = ca.phone(MODEL, SERIAL, MAC, 1);
                // not yet trusted: refused in the handshake
                assertThat(curl(good, "/cfg.xml").exit()).isNotZero();
                assertThat(m.cli("set", "cert", "import", "trust", "phone-provisioning-trust", m.fileArg("fleet.pem", ca.chainPem()), "--json").ok()
                        .json().get("restartsMarked").toString()).contains("provisioning");
                // uploaded, not yet reloaded: still refused (new connections use the material of the last restart)
                assertThat(curl(good, "/cfg.xml").exit()).isNotZero();
                assertThat(m.cli("utils", "service", "restart", "provisioning").ok().out()).contains("provisioning");
                assertThat(curl(good, "/cfg.xml").body()).contains("SEP000E08ABCDEF");

                // revocation (RFC 5280 6.3) by a CRL of the issuing CA uploaded to the store
                Path d = ca.dir();
                Files.writeString(d.resolve("index.txt"), "");
                Files.writeString(d.resolve("crlnumber"), "01\n");
                Files.writeString(d.resolve("crl.cnf"), "[ca]\ndefault_ca=d\n[d]\ndatabase=index.txt\ncrlnumber=crlnumber\ndefault_md=sha256\ndefault_crl_days=7\ncertificate=int.pem\nprivate_key=int.key\n");
                OpenSsl.run(d, "ca", "-config", "crl.cnf", "-revoke", revoked.cert().toString(), "-crl_reason", "keyCompromise").ok();
                OpenSsl.run(d, "ca", "-config", "crl.cnf", "-gencrl", "-out", "int.crl").ok();
                Files.writeString(d.resolve("rootindex.txt"), "");
                Files.writeString(d.resolve("rootcrlnumber"), "01\n");
                Files.writeString(d.resolve("rootcrl.cnf"), "[ca]\ndefault_ca=d\n[d]\ndatabase=rootindex.txt\ncrlnumber=rootcrlnumber\ndefault_md=sha256\ndefault_crl_days=7\ncertificate=root.pem\nprivate_key=root.key\n");
                OpenSsl.run(d, "ca", "-config", "rootcrl.cnf", "-gencrl", "-out", "root.crl").ok();
                m.cli("set", "cert", "import", "crl", "phone-provisioning-trust", d.resolve("int.crl").toString()).ok();
                m.cli("set", "cert", "import", "crl", "phone-provisioning-trust", d.resolve("root.crl").toString()).ok();
                m.cli("utils", "service", "restart", "provisioning").ok();
                assertThat(curl(good, "/cfg.xml").body()).contains("SEP000E08ABCDEF");
                Http r = curl(revoked, "/cfg.xml");
                assertThat(r.exit()).isNotZero();
                assertThat(r.body()).doesNotContain("flat-profile");
                assertThat(logged()).contains("path.revoked");

                // expiry (RFC 5280 6.1.3 (a)(2)) on the node's clock: a 1-day certificate served today (its acceptance
                // now in the transport's chain cache) is refused two days on, a 365-day one still served: the cache's
                // decisions end at notAfter on the node's clock too, not on the wall clock
                assertThat(curl(shortLived, "/cfg.xml").body()).contains("SEP000E08ABCDEF");
                m.clock.advance(java.time.Duration.ofDays(2));
                assertThat(curl(good, "/cfg.xml").body()).contains("SEP000E08ABCDEF");
                Http expired = curl(shortLived, "/cfg.xml");
                assertThat(expired.exit()).isNotZero();
                assertThat(expired.body()).doesNotContain("flat-profile");
                assertThat(logged()).contains("path.expired");
            } finally {
                n = saved;
            }
        }
    }

    @Test
    void realPhoneProfile_isServedToItsPhone_withMacrosExpanded_andThePasswordInClearOnlyThere(@TempDir Path tmp) throws Exception {
        try (TestNode m = new TestNode(tmp.resolve("real"), MutableClock.now())) {
            TestCa ca = TestCa.rsa(m, "RealPhone");
            TestCa.Peer mine = ca.phone(MODEL, SERIAL, MAC, 365);
            TestCa.Peer other = ca.phone(MODEL, "88012BA09999", OTHER_MAC, 365);
            m.cli("set", "cert", "import", "trust", "phone-provisioning-trust", m.fileArg("real-ca.pem", ca.chainPem()), "--description", "phone CA").ok();
            m.cli("utils", "service", "restart", "provisioning").ok();
            m.cli("set", "phone", "cluster", "Profile_Rule=https://prov.example.com:6973/$MA.xml", "Proxy_Mode=Manual",
                    "Proxy_Host=proxy.example.com", "Proxy_Port=3128").ok();
            m.cli("set", "phone", "device", "00:0E:08:AB:CD:EF", "--model", MODEL, "--serial", SERIAL, "SIP_Transport_1_=TLS",
                    "--value-file", "Proxy_Password=" + m.fileArg("pw.txt", "s3cret-Proxy")).ok();
            m.cli("set", "phone", "device", OTHER_MAC, "--model", MODEL).ok();
            // the admin's view masks the secret
            assertThat(m.cli("phone", "render", MAC).ok().out()).doesNotContain("s3cret-Proxy");

            int port = m.node.provisioningPort();
            List<String> cmd = List.of("curl", "-sS", "--max-time", "15", "--cacert", m.dir.resolve("admin-listener.pem").toString(),
                    "--resolve", "imp1.example.com:" + port + ":127.0.0.1", "-w", "\n%{http_code}",
                    "--cert", mine.cert().toString(), "--key", mine.key().toString(), "https://imp1.example.com:" + port + "/" + MAC + ".xml");
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            p.waitFor(20, TimeUnit.SECONDS);
            assertThat(out).endsWith("\n200");
            assertThat(out).contains("<flat-profile").contains("https://prov.example.com:6973/000e08abcdef.xml")
                    .contains("proxy.example.com").contains("s3cret-Proxy").contains("TLS");
            // the other phone's certificate gets its own file only, never this one's password
            List<String> cmd2 = new ArrayList<>(cmd);
            cmd2.set(cmd2.indexOf(mine.cert().toString()), other.cert().toString());
            cmd2.set(cmd2.indexOf(mine.key().toString()), other.key().toString());
            Process q = new ProcessBuilder(cmd2).redirectErrorStream(true).start();
            String out2 = new String(q.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            q.waitFor(20, TimeUnit.SECONDS);
            assertThat(out2).endsWith("\n403").doesNotContain("s3cret-Proxy");
        }
    }
}
