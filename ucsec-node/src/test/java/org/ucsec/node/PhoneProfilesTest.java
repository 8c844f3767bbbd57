package org.ucsec.node;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.ucsec.node.phone.PhoneService;
import org.ucsec.node.platform.rest.Json;
import org.ucsec.node.provisioning.PhoneDirectory;
import org.ucsec.node.testing.NodeTest;
import org.ucsec.node.testing.TestNode;

import java.io.InputStream;
import java.io.PrintWriter;
import java.io.RandomAccessFile;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Phone profiles on a real node (issue 9 items 1-5, 7): CLI + REST, inheritance, refusals that store nothing, P15 secrets. */
@NodeTest(NodeTest.Scope.PER_TEST)
class PhoneProfilesTest {
    static final String MAC = "000e08abcdef";

    /** Everything a refusal must leave unchanged: the service's view and the stored rows themselves. */
    static String phoneState(TestNode n) {
        PhoneService s = n.service(PhoneService.class);
        List<Map<String, Object>> rows = n.node.context().store().read(h -> h.createQuery("SELECT * FROM phone_profile_value ORDER BY scope, owner, param").mapToMap().list());
        List<Map<String, Object>> devices = n.node.context().store().read(h -> h.createQuery("SELECT * FROM phone_device ORDER BY mac").mapToMap().list());
        List<Map<String, Object>> groups = n.node.context().store().read(h -> h.createQuery("SELECT * FROM phone_group ORDER BY name").mapToMap().list());
        return Json.write(List.of(s.cluster(), s.groups(), s.phones(), rows.toString(), devices.toString(), groups.toString()));
    }

    static String resource(String name) throws Exception {
        try (InputStream in = PhoneProfilesTest.class.getResourceAsStream("/org/ucsec/node/phone/" + name)) { return new String(in.readAllBytes(), StandardCharsets.UTF_8); }
    }

    @Test
    void inheritance_clusterGroupPhone_effectiveShowsOrigins_firewallAndRender(TestNode n) {
        n.cli("set", "phone", "cluster", "SIP_Transport_1_=TCP", "Firewall_Config=NO_ICMP_PING,TCP:12000").ok();
        n.cli("set", "phone", "group", "sales", "SIP_Transport_1_=TLS", "MediaSec_Over_TLS_Only_1_=Yes", "--description", "Sales floor").ok();
        n.cli("set", "phone", "device", "00:0E:08:AB:CD:EF", "--model", "cp-8841-3pcc", "--serial", "88012BA01234", "--group", "sales", "Proxy_Port=3130").ok();

        JsonNode e = n.cli("show", "phone", "effective", "000E.08AB.CDEF", "--json").ok().json();
        assertThat(e.get("mac").asText()).isEqualTo(MAC);
        assertThat(e.get("model").asText()).isEqualTo("CP-8841-3PCC");
        Map<String, String> origin = new java.util.HashMap<>(), value = new java.util.HashMap<>();
        for (JsonNode v : e.get("values")) { origin.put(v.get("name").asText(), v.get("origin").asText()); value.put(v.get("name").asText(), v.get("value").asText()); }
        assertThat(origin).containsEntry("SIP_Transport_1_", "group:sales").containsEntry("Firewall_Config", "cluster").containsEntry("Proxy_Port", "phone").containsEntry("SIP_Transport_2_", "default");
        assertThat(value).containsEntry("SIP_Transport_1_", "TLS").containsEntry("SIP_Transport_2_", "UDP").containsEntry("Proxy_Port", "3130");
        assertThat(n.cli("show", "phone", "effective", MAC).ok().out()).contains("group:sales").contains("cluster");
        // P9: no TLS_Cipher_List, so each application's fallback from the seed is named
        assertThat(e.get("notes").toString()).contains("TLS_Cipher_List is empty", "HIGH:MEDIUM:AES:@STRENGTH", "ECDHE-RSA-AES256-GCM-SHA384");

        JsonNode fw = n.cli("show", "phone", "firewall", MAC, "--json").ok().json();
        assertThat(fw.get("firewallEnabled").asBoolean()).isTrue();
        assertThat(fw.get("tcp").toString()).contains("12000");
        assertThat(fw.get("udp").toString()).contains("53240").contains("16384");
        assertThat(n.cli("show", "phone", "firewall", MAC).ok().out()).contains("tcp 12000").contains("udp 53240-53245");

        String xml = n.cli("phone", "render", MAC).ok().out();
        assertThat(xml).contains("<flat-profile>", "<SIP_Transport_1_ ua=\"na\">TLS</SIP_Transport_1_>", "<Proxy_Port ua=\"rw\">3130</Proxy_Port>");
        // the provisioning path sees the same profile, from memory, refreshed by the change
        var p = n.service(PhoneDirectory.class).find(MAC).orElseThrow();
        assertThat(p.model()).isEqualTo("CP-8841-3PCC");
        assertThat(p.serial()).isEqualTo("88012BA01234");
        assertThat(new String(p.cfgXml(), StandardCharsets.UTF_8)).isEqualTo(xml.replace(System.lineSeparator(), "\n"));
        n.cli("set", "phone", "device", "222222222222", "--model", "CP-7811-3PCC").ok();
        byte[] other = n.service(PhoneDirectory.class).find("222222222222").orElseThrow().cfgXml();
        n.cli("set", "phone", "group", "sales", "--unset", "MediaSec_Over_TLS_Only_1_", "--unset", "SIP_Transport_1_").ok();
        assertThat(n.service(PhoneDirectory.class).find("222222222222").orElseThrow().cfgXml()).as("a phone outside the group is untouched").isSameAs(other);
        assertThat(new String(other, StandardCharsets.UTF_8)).contains("<SIP_Transport_1_ ua=\"na\">TCP</SIP_Transport_1_>").doesNotContain("SIP_Transport_2_");
        assertThat(new String(n.service(PhoneDirectory.class).find(MAC).orElseThrow().cfgXml(), StandardCharsets.UTF_8)).contains("<SIP_Transport_1_ ua=\"na\">TCP</SIP_Transport_1_>");
        assertThat(n.service(PhoneDirectory.class).find("ffffffffffff")).isEmpty();
        // a cluster change reaches every phone
        n.cli("set", "phone", "cluster", "SIP_Transport_1_=UDP").ok();
        assertThat(new String(n.service(PhoneDirectory.class).find("222222222222").orElseThrow().cfgXml(), StandardCharsets.UTF_8)).contains("<SIP_Transport_1_ ua=\"na\">UDP</SIP_Transport_1_>");
        assertThat(new String(n.service(PhoneDirectory.class).find(MAC).orElseThrow().cfgXml(), StandardCharsets.UTF_8)).contains("<SIP_Transport_1_ ua=\"na\">UDP</SIP_Transport_1_>");
        n.cli("set", "phone", "device-delete", "222222222222").ok();
        assertThat(n.service(PhoneDirectory.class).find("222222222222")).isEmpty();
        assertThat(n.cli("show", "audit", "--limit", "5").ok().out()).contains("phone.group.set").contains("sales");
    }

    @Test
    void everyValidationRule_isRefusedByTheNode_andNothingIsStored(TestNode n) {
        n.cli("set", "phone", "group", "g", "Restricted_Access_Domains=voiceip.com").ok();
        n.cli("set", "phone", "device", MAC, "--model", "CP-7821-3PCC", "--group", "g").ok();
        String before = phoneState(n);
        String[][] cases = {
                {"phone.restricted-domain", "Profile_Rule=https://evil.example/cfg.xml"},
                {"phone.restricted-domain", "Proxy_1_=sip.other.net"},
                {"phone.dhcp-option", "DHCP_Option_To_Use=66,44"},
                {"phone.mediasec-needs-tls", "MediaSec_Over_TLS_Only_1_=Yes"},
                {"phone.ldap-url", "LDAP_Server=http://dir.example.com"},
                {"phone.firewall-config", "Firewall_Config=UDP:1,UDP:2,UDP:3,UDP:4,UDP:5,UDP:6"},
                {"phone.firewall-config", "Firewall_Config=TCP:9:8"},
                {"phone.cipher-list", "TLS_Cipher_List=HIGH:PSK"},
                {"phone.cipher-list-too-long", "TLS_Cipher_List=" + "HIGH:".repeat(105)},
                {"phone.proxy", "Proxy_Mode=Manual"},
                {"phone.proxy", "Proxy_Mode=Auto", "Use_Auto_Discovery__WPAD_=No"},
                {"phone.vpn", "Connect_on_Bootup=Yes"},
                {"phone.localized-value", "Connect_on_Bootup=예"},
                {"phone.invalid-value", "SIP_Transport_1_=SCTP"},
                {"phone.unknown-parameter", "Auth_INVITE_1=Yes"},
        };
        for (String[] c : cases) {
            String[] args = new String[4 + c.length - 1];
            args[0] = "set"; args[1] = "phone"; args[2] = "device"; args[3] = MAC;
            System.arraycopy(c, 1, args, 4, c.length - 1);
            n.cli(args).refused(c[0]);
            // at every level: the group refuses it too (its phones inherit it)
            String[] gargs = new String[4 + c.length - 1];
            gargs[0] = "set"; gargs[1] = "phone"; gargs[2] = "group"; gargs[3] = "g";
            System.arraycopy(c, 1, gargs, 4, c.length - 1);
            n.cli(gargs).refused(c[0]);
            assertThat(phoneState(n)).as(c[0] + " " + c[1]).isEqualTo(before);
        }
        // the error names the field and the token
        assertThat(n.cli("set", "phone", "device", MAC, "Firewall_Config=NO_ICMP_PING,FOO").err()).contains("Firewall_Config", "'FOO'", "item 2", "column 14");
        // a cluster default that breaks an existing phone is refused, naming the phone
        assertThat(n.cli("set", "phone", "cluster", "Profile_Rule=https://evil.example/x").refused("phone.restricted-domain").err()).contains("group g");
        n.cli("set", "phone", "device", "111111111111", "--model", "CP-8841-3PCC").ok();
        String before2 = phoneState(n);
        assertThat(n.cli("set", "phone", "cluster", "MediaSec_Over_TLS_Only_2_=Yes").refused("phone.mediasec-needs-tls").err()).contains("cluster defaults: MediaSec_Over_TLS_Only_2_");
        assertThat(phoneState(n)).isEqualTo(before2);
    }

    @Test
    void readOnlyOperator_mayLookButNotChange_andNothingIsStored(TestNode n) {
        n.cli("set", "phone", "group", "g", "Firewall=Disabled").ok();
        n.cli("set", "phone", "device", MAC, "--model", "CP-8841-3PCC", "--group", "g").ok();
        String before = phoneState(n);
        PhoneService s = n.service(PhoneService.class);
        var viewer = new org.ucsec.node.platform.Actor("viewer", org.ucsec.node.platform.Actor.Role.READ_ONLY, false);
        List<Runnable> changes = List.of(
                () -> s.setCluster(viewer, new PhoneService.ProfileChange(null, Map.of("Firewall", "Enabled"), null)),
                () -> s.setGroup(viewer, "g", new PhoneService.ProfileChange(null, Map.of("Firewall", "Enabled"), null)),
                () -> s.deleteGroup(viewer, "g"),
                () -> s.setPhone(viewer, MAC, new PhoneService.PhoneChange(null, null, "", null, null)),
                () -> s.deletePhone(viewer, MAC),
                () -> s.importCfg(viewer, "<flat-profile/>".getBytes(StandardCharsets.UTF_8), "g", null, null));
        for (Runnable r : changes) {
            try { r.run(); throw new AssertionError("read-only change accepted"); }
            catch (org.ucsec.core.UcsecException e) { assertThat(e.code()).isEqualTo("auth.read-only"); }
        }
        assertThat(s.effective(MAC).values()).anyMatch(v -> v.name().equals("Firewall") && v.value().equals("Disabled") && v.origin().equals("group:g"));
        assertThat(phoneState(n)).isEqualTo(before);
        assertThat(n.cli("show", "phone", "phones").ok().out()).contains(MAC, "CP-8841-3PCC", "g");
        assertThat(n.cli("show", "phone", "groups").ok().out()).contains("g", "1 phones");
        assertThat(n.cli("show", "phone", "cluster").ok().out()).contains("no values");
    }

    @Test
    void unknownModel_wrongMac_badGroupAndSerial_areRefused(TestNode n) {
        String before = phoneState(n);
        n.cli("set", "phone", "device", MAC, "--model", "CP-9999-3PCC").refused("phone.unknown-model");
        n.cli("set", "phone", "device", MAC).refused("phone.unknown-model");
        for (String bad : List.of("000e08abcde", "00:0e:08:ab:cd:eg", "000e08abcdef00", "../etc")) n.cli("set", "phone", "device", bad, "--model", "CP-8841-3PCC").refused("phone.invalid-mac");
        n.cli("show", "phone", "effective", "zz").refused("phone.invalid-mac");
        n.cli("show", "phone", "effective", MAC).refused("phone.not-found");
        n.cli("set", "phone", "device", MAC, "--model", "CP-8841-3PCC", "--group", "nosuch").refused("phone.group-not-found");
        n.cli("set", "phone", "device", MAC, "--model", "CP-8841-3PCC", "--serial", "88 01").refused("phone.invalid-serial");
        n.cli("set", "phone", "group", "bad name").refused("phone.invalid-group-name");
        n.cli("set", "phone", "group", "x".repeat(65)).refused("phone.invalid-group-name");
        assertThat(phoneState(n)).isEqualTo(before);
        n.cli("set", "phone", "group", "g").ok();
        n.cli("set", "phone", "device", MAC, "--model", "CP-8841-3PCC", "--group", "g").ok();
        n.cli("set", "phone", "group-delete", "g").refused("phone.group-in-use");
        n.cli("set", "phone", "device", MAC, "--group", "").ok();
        n.cli("set", "phone", "group-delete", "g").ok();
        n.cli("set", "phone", "device-delete", MAC).ok();
        assertThat(n.service(PhoneDirectory.class).find(MAC)).isEmpty();
    }

    @Test
    void p15_passwords_sealedAtRest_maskedInCliRestAuditAndLogs_clearOnlyForThePhone(TestNode n) throws Exception {
        Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        ListAppender<ILoggingEvent> logs = new ListAppender<>();
        logs.start();
        root.addAppender(logs);
        try {
            Path pw = n.scratch.resolve("vpn.txt");
            Files.writeString(pw, "Vpn-S3cret!\n");
            n.cli("set", "phone", "group", "remote", "Proxy_Mode=Manual", "Proxy_Host=proxy.example.com", "Proxy_Server_Requires_Authentication=Yes",
                    "Proxy_Username=phoneproxy", "Proxy_Password=Pr0xy&<Secret>", "VPN_Server=vpn.example.com", "VPN_User_Name=vpnuser",
                    "--value-file", "VPN_Password=" + pw, "Connect_on_Bootup=Yes").ok();
            n.cli("set", "phone", "device", MAC, "--model", "CP-8841-3PCC", "--group", "remote").ok();
            List<String> secrets = List.of("Pr0xy", "Vpn-S3cret");

            // at rest: sealed, not in the value column
            List<Map<String, Object>> rows = n.node.context().store().read(h -> h.createQuery("SELECT * FROM phone_profile_value WHERE param IN ('Proxy_Password', 'VPN_Password')").mapToMap().list());
            assertThat(rows).hasSize(2).allSatisfy(r -> {
                assertThat(r.get("val")).isNull();
                assertThat((String) r.get("val_enc")).startsWith("v1:");
            });
            assertThat(rows.toString()).doesNotContain(secrets.get(0)).doesNotContain(secrets.get(1));

            // CLI and REST (JSON) answers
            for (String out : List.of(n.cli("show", "phone", "group", "remote").ok().out(), n.cli("show", "phone", "group", "remote", "--json").ok().out(),
                    n.cli("show", "phone", "effective", MAC, "--json").ok().out(), n.cli("phone", "render", MAC).ok().out(), n.cli("show", "audit", "--limit", "10").ok().out(),
                    n.cli("set", "phone", "group", "remote", "Proxy_Password=Pr0xy&<Secret>", "--json").ok().out(), Json.write(n.service(PhoneService.class).effective(MAC)))) {
                for (String s : secrets) assertThat(out).doesNotContain(s);
                assertThat(out).contains("********");
            }
            // logs
            for (ILoggingEvent ev : logs.list) for (String s : secrets) assertThat(ev.getFormattedMessage()).doesNotContain(s);
            // the provisioning path has them in clear, escaped as XML
            String served = new String(n.service(PhoneDirectory.class).find(MAC).orElseThrow().cfgXml(), StandardCharsets.UTF_8);
            assertThat(served).contains("<Proxy_Password ua=\"rw\">Pr0xy&amp;&lt;Secret&gt;</Proxy_Password>", "<VPN_Password ua=\"rw\">Vpn-S3cret!</VPN_Password>");
            assertThat(n.service(PhoneDirectory.class).find(MAC).orElseThrow().toString()).doesNotContain("Pr0xy");

            // survives a restart (opened with the master key, not kept in clear anywhere)
            n.restart();
            assertThat(new String(n.service(PhoneDirectory.class).find(MAC).orElseThrow().cfgXml(), StandardCharsets.UTF_8)).contains("Vpn-S3cret!");
        } finally {
            root.detachAppender(logs);
        }
    }

    @Test
    void import_validCfgXml_becomesAGroupProfile_invalidIsRefusedWithLines_andStoresNothing(TestNode n) throws Exception {
        Path good = n.file("good.xml", resource("import-good.xml"));
        var r = n.cli("phone", "import", good.toString(), "--group", "imported").ok();
        assertThat(r.out()).contains("imported 4 values into group imported");
        assertThat(r.out() + r.err()).contains("2 parameters outside ucsec's catalogue were not imported");
        JsonNode g = n.cli("show", "phone", "group", "imported", "--json").ok().json();
        assertThat(g.get("values").get("SIP_Transport_1_").asText()).isEqualTo("TLS");
        assertThat(g.get("values").get("Firewall_Config").asText()).isEqualTo("NO_ICMP_PING");
        assertThat(g.get("values").get("Auth_INVITE_1_").asText()).isEqualTo("Yes");
        assertThat(g.get("values").has("Dial_Plan_1_")).isFalse();
        // into a new phone
        n.cli("phone", "import", good.toString(), "--phone", "00-0e-08-ab-cd-ef", "--model", "CP-8841-3PCC").ok();
        assertThat(n.cli("show", "phone", "device", MAC, "--json").ok().json().get("values").get("SIP_Transport_1_").asText()).isEqualTo("TLS");

        String before = phoneState(n);
        Path typos = n.file("typos.xml", "<flat-profile>\n<Auth_INVITE_1>Yes</Auth_INVITE_1_>\n<TLS_Name_Validate_1_ua=\"na\">Yes</TLS_Name_Validate_1_>\n</flat-profile>\n");
        var bad = n.cli("phone", "import", typos.toString(), "--group", "imported").refused("phone.cfg-invalid");
        assertThat(bad.err()).contains(typos + ":2:", "phone.lint.mismatched-close-tag", ":3:", "phone.lint.ua-glued");
        Path template = n.file("t.xml", "<flat-profile>\n<Proxy_{{ n }}_>x</Proxy_{{ n }}_>\n</flat-profile>");
        n.cli("phone", "import", template.toString(), "--group", "imported").refused("phone.cfg-template");
        Path p1 = n.file("p1.xml", "<flat-profile><Restricted_Access_Domains>voiceip.com</Restricted_Access_Domains><Upgrade_Rule>http://fw.other.net/x</Upgrade_Rule></flat-profile>");
        n.cli("phone", "import", p1.toString(), "--group", "imported").refused("phone.cfg-invalid");
        Path big = n.scratch.resolve("big.xml");
        try (RandomAccessFile f = new RandomAccessFile(big.toFile(), "rw")) { f.setLength(10L * 1024 * 1024); }
        n.cli("phone", "import", big.toString(), "--group", "imported").refused("phone.cfg-too-large");
        assertThat(n.cli("phone", "import", good.toString()).exit()).isEqualTo(2);
        assertThat(phoneState(n)).isEqualTo(before);
    }

    @Test
    void restImport_refusesDoctypeAndXxe_neverResolving_and10MbBySize(TestNode n) throws Exception {
        HttpClient http = HttpClient.newBuilder().sslContext(TlsTrustAll.context()).build();
        String token = Files.readString(n.node.tokenFile()).trim();
        String before = phoneState(n);
        Path secretFile = n.scratch.resolve("secret.txt");
        Files.writeString(secretFile, "TOP-SECRET-FILE-CONTENT");
        String xxe = "<?xml version=\"1.0\"?>\n<!DOCTYPE flat-profile [<!ENTITY x SYSTEM \"file://" + secretFile + "\">]>\n<flat-profile><Station_Name>&x;</Station_Name></flat-profile>";
        var r = http.send(HttpRequest.newBuilder(URI.create("https://127.0.0.1:" + n.node.adminPort() + "/api/v1/phone/import?group=x"))
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/xml").POST(HttpRequest.BodyPublishers.ofString(xxe)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(r.headers().firstValue("Content-Type").orElse("")).startsWith("application/problem+json");
        assertThat(r.body()).contains("phone.cfg-invalid", "phone.lint.doctype", "\"line\" : 2").doesNotContain("TOP-SECRET");
        byte[] big = new byte[10 * 1024 * 1024];
        java.util.Arrays.fill(big, (byte) ' ');
        var b = http.send(HttpRequest.newBuilder(URI.create("https://127.0.0.1:" + n.node.adminPort() + "/api/v1/phone/import?group=x")).expectContinue(true)
                .header("Authorization", "Bearer " + token).POST(HttpRequest.BodyPublishers.ofByteArray(big)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(b.statusCode()).isEqualTo(413);
        assertThat(b.body()).contains("upload.too-large");
        // REST answers of the phone routes
        var cat = http.send(HttpRequest.newBuilder(URI.create("https://127.0.0.1:" + n.node.adminPort() + "/api/v1/phone/catalogue")).header("Authorization", "Bearer " + token).GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(cat.statusCode()).isEqualTo(200);
        assertThat(cat.body().replace(" ", "")).contains("\"name\":\"TLS_Cipher_List\"", "\"ua\":\"na\"");
        var nf = http.send(HttpRequest.newBuilder(URI.create("https://127.0.0.1:" + n.node.adminPort() + "/api/v1/phone/phones/zz/effective")).header("Authorization", "Bearer " + token).GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(nf.statusCode()).isEqualTo(400);
        assertThat(nf.body()).contains("phone.invalid-mac");
        assertThat(phoneState(n)).isEqualTo(before);
    }

    @Test
    void lintCli_worksWithTheNodeDown(TestNode n) throws Exception {
        Path good = n.file("lint-good.xml", resource("import-good.xml"));
        Path bad = n.file("lint-bad.xml", "<flat-profile>\n<Auth_INVITE_1>Yes</Auth_INVITE_1_>\n</flat-profile>\n");
        n.node.close();
        n.node = null;
        StringWriter out = new StringWriter(), err = new StringWriter();
        var cl = Main.commandLine();
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        assertThat(cl.execute("phone", "lint", good.toString())).isZero();
        assertThat(out.toString()).contains("0 errors", "2 not checked");
        out.getBuffer().setLength(0);
        cl = Main.commandLine();
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        assertThat(cl.execute("phone", "lint", bad.toString(), "--json")).isEqualTo(1);
        JsonNode j = Json.MAPPER.readTree(out.toString());
        assertThat(j.get("ok").asBoolean()).isFalse();
        assertThat(j.get("findings").toString()).contains("phone.lint.mismatched-close-tag", "\"line\":2", "Auth_INVITE_1_");
        cl = Main.commandLine();
        cl.setOut(new PrintWriter(out, true));
        assertThat(cl.execute("phone", "catalogue")).isZero();
        assertThat(out.toString()).contains("Use_Auto_Discovery__WPAD_");
        n.start();
    }
}
