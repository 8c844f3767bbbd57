package org.ucsec.phone.cfg;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ucsec.phone.Seed;

import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/** ucsec phone lint: every case of issue 9 item 5 paragraph 2, the seed's typo forms, broken XML and hostile XML. */
class CfgLintTest {
    private static CfgLint.Report lint(String xml) { return CfgLint.lint(xml.getBytes(StandardCharsets.UTF_8), "t.xml"); }

    private static CfgLint.Report corpus(String name) { return CfgLint.lint(Seed.corpus(name), name); }

    private static String fp(String body) { return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<flat-profile>\n" + body + "\n</flat-profile>\n"; }

    private static Finding only(CfgLint.Report r, String code) {
        List<Finding> f = r.findings().stream().filter(x -> x.code().equals(code)).toList();
        assertThat(f).as(r.text()).hasSize(1);
        return f.get(0);
    }

    // ------------------------------------------------------------------ real files lint without false errors
    @Test
    void realExport_withHundredsOfUnknownParameters_hasNoErrors_andReportsThemNotChecked() {
        CfgLint.Report r = corpus("mpp-8841-export.xml");
        assertThat(r.errors()).as(r.text()).isEmpty();
        assertThat(r.params()).hasSizeGreaterThan(800);
        assertThat(r.notChecked()).hasSizeGreaterThan(500).contains("Dial_Plan_1_", "Preferred_Codec_10_", "Time_Zone", "Password_1_");
        assertThat(r.findings()).filteredOn(f -> f.code().equals("phone.lint.not-checked")).allMatch(f -> f.severity() == Finding.Severity.INFO);
        assertThat(r.text()).contains("not checked (outside ucsec's catalogue)", "0 errors");
        // the catalogue parameters were read with their values (entities decoded)
        assertThat(r.catalogueValues()).containsEntry("Proxy_Password", "S3cr&t<pw>").containsEntry("SIP_Transport_1_", "TLS").containsEntry("Firewall_Config", "NO_ICMP_PING,TCP:12000,UDP:8000:8010");
    }

    @Test
    void deviceWrapper_withLowercaseUtf8AndStandalone_hasNoErrors() {
        CfgLint.Report r = corpus("device-wrapper.xml");
        assertThat(r.errors()).as(r.text()).isEmpty();
        assertThat(r.catalogueValues()).containsKey("Firewall");
        assertThat(r.notChecked()).doesNotContain("deviceProtocol");
    }

    @Test
    void spaExport_withDefaultNamespace_groupAndUmAttributes_oldSuffixes_whitespace_hasNoErrors() {
        CfgLint.Report r = corpus("spa-namespace.xml");
        assertThat(r.errors()).as(r.text()).isEmpty();
        assertThat(r.warnings()).as(r.text()).isEmpty();
        assertThat(r.notChecked()).contains("Station_Name_1", "Short_Name__1__", "Extension__2__", "Ring1", "Text_Logo");
        assertThat(r.catalogueValues()).containsEntry("SIP_Transport_1_", "UDP").containsEntry("TLS_Name_Validate_1_", "Yes");
    }

    @Test
    void declarationVariants_allRead() {
        String body = "<flat-profile><Firewall ua=\"na\">Enabled</Firewall></flat-profile>";
        for (String decl : List.of("", "<?xml version=\"1.0\"?>\n", "<?xml version=\"1.0\" encoding=\"UTF-8\"?>", "<?xml version='1.0' encoding='utf-8' standalone='yes'?>\n",
                "<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?>", "\uFEFF<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n")) {
            CfgLint.Report r = lint(decl + body);
            assertThat(r.findings()).as(decl).isEmpty();
            assertThat(r.catalogueValues()).as(decl).containsEntry("Firewall", "Enabled");
        }
        assertThat(only(lint("<?xml encoding=\"UTF-8\"?>" + body), "phone.lint.declaration").severity()).isEqualTo(Finding.Severity.WARNING);
        assertThat(only(lint("<?xml version=\"1.0\" encoding=\"EBCDIC\"?>" + body), "phone.lint.encoding").message()).contains("EBCDIC");
        Finding late = only(lint("\n\n<?xml version=\"1.0\"?>" + body), "phone.lint.declaration");
        assertThat(late.line()).isEqualTo(3);
    }

    @Test
    void optionsComments_selfClosing_emptyElements_areFine() {
        CfgLint.Report r = lint(fp("<Firewall ua=\"na\">Enabled</Firewall> <!-- options: Disabled/Enabled -->\n<Proxy_Host ua=\"rw\"/>\n<PAC_URL ua=\"rw\"></PAC_URL>\n<Firewall_Config ua=\"na\" />"));
        assertThat(r.findings()).as(r.text()).isEmpty();
        assertThat(r.params()).extracting(CfgParam::name).containsExactly("Firewall", "Proxy_Host", "PAC_URL", "Firewall_Config");
        assertThat(r.params().get(1).selfClosing()).isTrue();
    }

    @Test
    void emptyEnumValue_isAWarning_notAnError() {
        Finding f = only(lint(fp("<Auth_INVITE_1_ ua=\"na\"/>")), "phone.lint.empty-value");
        assertThat(f.severity()).isEqualTo(Finding.Severity.WARNING);
    }

    @Test
    void uaValues_naRwRoAreFine_othersWarn() {
        assertThat(lint(fp("<Firewall ua=\"na\">Enabled</Firewall><Proxy_Mode ua=\"rw\">Off</Proxy_Mode><Proxy_Port ua=\"ro\">3128</Proxy_Port>")).findings()).isEmpty();
        Finding f = only(lint(fp("<Firewall ua=\"NA\">Enabled</Firewall>")), "phone.lint.ua-value");
        assertThat(f.severity()).isEqualTo(Finding.Severity.WARNING);
        assertThat(f.suggestion()).isEqualTo("ua=\"na\"");
        assertThat(only(lint(fp("<Firewall ua=\"admin\">Enabled</Firewall>")), "phone.lint.ua-value").line()).isEqualTo(3);
    }

    @Test
    void duplicate_isAWarning_sayingWhichOneThePhoneUses() {
        CfgLint.Report r = lint(fp("<Firewall ua=\"na\">Disabled</Firewall>\n<Station_Name>x</Station_Name>\n<Firewall ua=\"na\">Enabled</Firewall>"));
        Finding f = only(r, "phone.lint.duplicate");
        assertThat(f.line()).isEqualTo(5);
        assertThat(f.message()).contains("also on line 3", "the last one (line 5)");
        assertThat(r.catalogueValues()).containsEntry("Firewall", "Enabled");
        assertThat(r.errors()).isEmpty();
    }

    @Test
    void seedParameterInAWrongForm_isAnErrorWithTheRightName() {
        Finding f = only(lint(fp("<Auth_INVITE_1 ua=\"na\">Yes</Auth_INVITE_1>")), "phone.lint.wrong-name");
        assertThat(f.isError()).isTrue();
        assertThat(f.suggestion()).isEqualTo("Auth_INVITE_1_");
        assertThat(only(lint(fp("<sip_transport_1_ ua=\"na\">TLS</sip_transport_1_>")), "phone.lint.wrong-name").suggestion()).isEqualTo("SIP_Transport_1_");
        assertThat(only(lint(fp("<SIP_Transport__2__ ua=\"na\">TLS</SIP_Transport__2__>")), "phone.lint.wrong-name").suggestion()).isEqualTo("SIP_Transport_2_");
        assertThat(only(lint(fp("<FIREWALL ua=\"na\">Enabled</FIREWALL>")), "phone.lint.wrong-name").suggestion()).isEqualTo("Firewall");
        assertThat(only(lint(fp("<Use_Auto_Discovery_WPAD ua=\"rw\">Yes</Use_Auto_Discovery_WPAD>")), "phone.lint.wrong-name").suggestion()).isEqualTo("Use_Auto_Discovery__WPAD_");
    }

    @Test
    void exportedMaskedPassword_isAWarning() {
        Finding f = only(lint(fp("<Proxy_Password ua=\"rw\">*************</Proxy_Password>")), "phone.lint.masked-secret");
        assertThat(f.severity()).isEqualTo(Finding.Severity.WARNING);
        assertThat(lint(fp("<Proxy_Password ua=\"rw\">a*b</Proxy_Password>")).findings()).isEmpty();
    }

    @Test
    void lowercaseYesNo_isAWarning_localizedIsAnError() {
        Finding w = only(lint(fp("<Auth_INVITE_1_ ua=\"na\">yes</Auth_INVITE_1_>")), "phone.invalid-value");
        assertThat(w.severity()).isEqualTo(Finding.Severity.WARNING);
        assertThat(w.suggestion()).isEqualTo("Yes");
        Finding e = only(lint(fp("<Connect_on_Bootup ua=\"rw\">아니요</Connect_on_Bootup>")), "phone.localized-value");
        assertThat(e.isError()).isTrue();
        assertThat(e.message()).contains("write No");
        assertThat(only(lint(fp("<Firewall ua=\"na\">有効</Firewall>")), "phone.localized-value").message()).contains("Enabled");
    }

    @Test
    void valuesOutsideTheAllowedSet_areErrorsWithTheLine() {
        CfgLint.Report r = lint(fp("<Firewall ua=\"na\">Enabled</Firewall>\n<SIP_Transport_1_ ua=\"na\">SCTP</SIP_Transport_1_>\n<Firewall_Config ua=\"na\">UDP:1:0</Firewall_Config>"));
        assertThat(only(r, "phone.invalid-value").line()).isEqualTo(4);
        assertThat(only(r, "phone.firewall-config").message()).contains("UDP:1:0");
        assertThat(only(r, "phone.firewall-config").line()).isEqualTo(5);
    }

    @Test
    void crossFieldRules_applyToTheFile() {
        Finding f = only(lint(fp("<SIP_Transport_1_ ua=\"na\">UDP</SIP_Transport_1_>\n<MediaSec_Over_TLS_Only_1_ ua=\"na\">Yes</MediaSec_Over_TLS_Only_1_>")), "phone.mediasec-needs-tls");
        assertThat(f.line()).isEqualTo(4);
        Finding p1 = only(lint(fp("<Restricted_Access_Domains ua=\"na\">voiceip.com</Restricted_Access_Domains>\n<Profile_Rule ua=\"na\">https://other.example/x.xml</Profile_Rule>")), "phone.restricted-domain");
        assertThat(p1.line()).isEqualTo(4);
        assertThat(p1.element()).isEqualTo("Profile_Rule");
    }

    // ------------------------------------------------------------------ the seed's own typo forms
    @Test
    void seedExamples_asPrinted_reportMismatchedCloseTag_gluedUa_andLocalizedValue() {
        CfgLint.Report r = corpus("seed-typos.xml");
        Finding mm = only(r, "phone.lint.mismatched-close-tag");
        assertThat(mm.line()).isEqualTo(5);
        assertThat(mm.message()).contains("<Auth_INVITE_1> (line 5) is closed by </Auth_INVITE_1_>");
        assertThat(mm.suggestion()).isEqualTo("<Auth_INVITE_1_>...</Auth_INVITE_1_>");
        List<Finding> glued = r.findings().stream().filter(f -> f.code().equals("phone.lint.ua-glued")).toList();
        assertThat(glued).extracting(Finding::line).containsExactly(12, 14);
        assertThat(glued.get(0).suggestion()).isEqualTo("<TLS_Name_Validate_1_ ua=\"na\">");
        assertThat(only(r, "phone.localized-value").line()).isEqualTo(8);
        // the rest of the seed's examples are fine
        assertThat(r.errors()).extracting(Finding::code).containsExactlyInAnyOrder("phone.lint.mismatched-close-tag", "phone.lint.wrong-name", "phone.localized-value", "phone.lint.ua-glued", "phone.lint.ua-glued");
        assertThat(r.catalogueValues()).containsEntry("TLS_Name_Validate_1_", "Yes").containsEntry("MediaSec_Over_TLS_Only_1_", "No");
    }

    @Test
    void mismatchedCloseTag_isErrorWithLine_evenForUnknownParameters() {
        Finding f = only(lint(fp("<Station_Name>a</Station_Name>\n<Dial_Plan_1_>x</Dial_Plan_1>")), "phone.lint.mismatched-close-tag");
        assertThat(f.line()).isEqualTo(4);
        assertThat(f.column()).isEqualTo(16);
    }

    // ------------------------------------------------------------------ templates
    @Test
    void templateValues_areNotChecked_notErrors() {
        for (String name : List.of("template-jinja.xml", "template-smarty.xml")) {
            CfgLint.Report r = corpus(name);
            assertThat(r.errors()).as(name + "\n" + r.text()).isEmpty();
            assertThat(r.template()).isFalse();
            assertThat(r.findings()).filteredOn(f -> f.code().equals("phone.lint.template-value")).as(name).hasSizeGreaterThanOrEqualTo(2)
                    .allSatisfy(f -> assertThat(f.message()).isEqualTo("template value, not checked"));
        }
        assertThat(corpus("template-smarty.xml").findings()).anyMatch(f -> f.code().equals("phone.lint.template-value") && f.element().equals("Proxy_1_"));
    }

    @Test
    void templateMarkupInAnElementName_makesTheFileATemplate_withTheLine() {
        CfgLint.Report r = corpus("template-name.xml");
        assertThat(r.template()).isTrue();
        Finding f = only(r, "phone.lint.template-file");
        assertThat(f.line()).isEqualTo(5);
        assertThat(f.message()).contains("template", "render it");
        assertThat(only(lint(fp("{% for l in lines %}\n<Proxy_{{ l }}_ ua=\"na\">x</Proxy_{{ l }}_>\n{% endfor %}")), "phone.lint.template-file").line()).isEqualTo(3);
        assertThat(only(lint(fp("<Proxy_@LINE@_>x</Proxy_@LINE@_>")), "phone.lint.template-file").line()).isEqualTo(3);
        assertThat(only(lint(fp("<Display_Name_{$n}_>x</Display_Name_{$n}_>")), "phone.lint.template-file").line()).isEqualTo(3);
    }

    // ------------------------------------------------------------------ broken XML: errors with lines, never a stack trace
    @Test
    void brokenXml_isReportedWithLineNumbers() {
        assertThat(only(lint(fp("<Firewall ua=\"na\">Enabled</Firewall>\n<Proxy_Port ua=\"rw\">3128")), "phone.lint.unclosed").line()).isEqualTo(4);
        assertThat(only(lint(fp("<Firewall ua=na>Enabled</Firewall>")), "phone.lint.xml").message()).contains("not quoted");
        assertThat(only(lint(fp("\n<!-- never closed\n<Firewall>Enabled</Firewall>")), "phone.lint.xml").line()).isEqualTo(4);
        assertThat(only(lint(fp("<Firewall ua=\"na\" ua=\"rw\">Enabled</Firewall>")), "phone.lint.xml").message()).contains("twice");
        assertThat(only(lint(fp("<Station_Name>a < b</Station_Name>")), "phone.lint.xml").line()).isEqualTo(3);
        assertThat(only(lint(fp("<Station_Name>a & b</Station_Name>")), "phone.lint.xml").message()).contains("&amp;");
        assertThat(only(lint("<flat-profile></flat-profile>\n<flat-profile></flat-profile>"), "phone.lint.xml").line()).isEqualTo(2);
        assertThat(only(lint("<profile><Firewall>Enabled</Firewall></profile>"), "phone.lint.not-flat-profile").isError()).isTrue();
        assertThat(only(lint("just text"), "phone.lint.xml").isError()).isTrue();
        assertThat(only(lint(""), "phone.lint.not-flat-profile").isError()).isTrue();
        Finding unclosedAtEnd = only(lint("<flat-profile>\n<Firewall>Enabled</Firewall>\n"), "phone.lint.unclosed");
        assertThat(unclosedAtEnd.line()).isEqualTo(1);
        assertThat(only(lint(fp("<Proxy_Mode>Off</Proxy_Mode>\n<Station_Name>x</Proxy_Mode>")), "phone.lint.mismatched-close-tag").line()).isEqualTo(4);
        assertThat(only(CfgLint.lint(new byte[] {'<', 'f', (byte) 0xC3, (byte) 0x28, '>'}, "bad"), "phone.lint.encoding").isError()).isTrue();
    }

    @Test
    void randomDamage_toARealFile_neverThrows_andNeverHitsTheInternalError() {
        byte[] base = Seed.corpus("seed-typos.xml");
        Random rnd = new Random(9); // seeded: reproducible
        for (int i = 0; i < 3000; i++) {
            byte[] b = base.clone();
            int edits = 1 + rnd.nextInt(6);
            for (int k = 0; k < edits; k++) {
                int at = rnd.nextInt(b.length);
                b[at] = switch (rnd.nextInt(6)) {
                    case 0 -> '<'; case 1 -> '>'; case 2 -> '"'; case 3 -> '&'; case 4 -> '/';
                    default -> (byte) rnd.nextInt(256);
                };
            }
            int cut = rnd.nextInt(4) == 0 ? rnd.nextInt(b.length) : b.length;
            CfgLint.Report r = CfgLint.lint(java.util.Arrays.copyOf(b, cut), "fuzz");
            assertThat(r.findings()).noneMatch(f -> f.code().equals("phone.lint.internal"));
            assertThat(r.text()).isNotEmpty();
        }
    }

    // ------------------------------------------------------------------ hostile XML
    @Test
    void doctypeWithExternalEntity_isRefused_andNeverResolved() {
        String xxe = "<?xml version=\"1.0\"?>\n<!DOCTYPE flat-profile [<!ENTITY xxe SYSTEM \"file:///etc/passwd\">]>\n<flat-profile><Station_Name>&xxe;</Station_Name></flat-profile>";
        CfgLint.Report r = lint(xxe);
        Finding f = only(r, "phone.lint.doctype");
        assertThat(f.line()).isEqualTo(2);
        assertThat(r.params()).isEmpty();
        assertThat(r.text()).doesNotContain("root:");
        // an entity without a DOCTYPE is an error, left as written
        CfgLint.Report e = lint(fp("<Station_Name>&xxe;</Station_Name>"));
        assertThat(only(e, "phone.lint.entity").message()).contains("&xxe;", "never resolves");
        assertThat(e.params().get(0).value()).isEqualTo("&xxe;");
        assertThat(only(lint("<!doctype html><flat-profile/>"), "phone.lint.doctype").isError()).isTrue();
        assertThat(only(lint(fp("<!ENTITY x \"y\">")), "phone.lint.xml").isError()).isTrue();
    }

    @Test
    void tenMegabyteFile_isRefusedBySize_beforeItIsRead(@TempDir Path dir) throws Exception {
        Path big = dir.resolve("big.xml");
        try (RandomAccessFile f = new RandomAccessFile(big.toFile(), "rw")) { f.setLength(10L * 1024 * 1024); } // sparse: zeros, never valid XML
        CfgLint.Report r = CfgLint.lint(big);
        assertThat(r.findings()).singleElement().satisfies(f -> {
            assertThat(f.code()).isEqualTo("phone.lint.too-large");
            assertThat(f.message()).contains("10485760 bytes");
        });
        assertThat(CfgLint.lint(new byte[(int) CfgLint.MAX_BYTES + 1], "x").findings()).singleElement().satisfies(f -> assertThat(f.code()).isEqualTo("phone.lint.too-large"));
        assertThat(CfgLint.lint(dir.resolve("missing.xml")).findings()).singleElement().satisfies(f -> assertThat(f.code()).isEqualTo("phone.lint.unreadable"));
        Files.deleteIfExists(big);
    }

    /**
     * An element name is the file author's: a 400,000-digit name (within the 2 MiB bound) is read in linear work. The
     * wrong-form suggestion once used {@code (.*?)([0-9]+)$}, which backtracks quadratically on such a name (18 s at
     * 100,000 digits, 72 s at 200,000); the bound below only catches a hang, it measures nothing.
     */
    @Test
    @org.junit.jupiter.api.Timeout(value = 60, unit = java.util.concurrent.TimeUnit.SECONDS)
    void lint_elementNameOfManyDigits_isNotChecked_inLinearWork() {
        String name = "A" + "1".repeat(400_000) + "x";
        CfgLint.Report r = lint(fp("<" + name + ">v</" + name + ">\n<Auth_INVITE_1>Yes</Auth_INVITE_1>"));
        assertThat(r.notChecked()).hasSize(1);
        // the suggestion itself still works: Auth_INVITE_1 is the wrong form of Auth_INVITE_1_
        assertThat(r.findings().stream().map(f -> f.message() + " " + f.suggestion()).toList()).anySatisfy(m -> assertThat(m).contains("Auth_INVITE_1_"));
    }
}
