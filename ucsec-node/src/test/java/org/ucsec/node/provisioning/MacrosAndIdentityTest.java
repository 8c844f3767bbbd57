package org.ucsec.node.provisioning;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Macro expansion (Cisco MPP provisioning guide, "Macro Expansion" and its table of variables; seed 003 names
 * {@code $CCERT}), the seed's syslog templates, and the MAC forms of a phone's certificate.
 */
class MacrosAndIdentityTest {
    // the guide's example values: MAC 000e08aabbcc, product CP-8841-3PCC, serial 88012BA01234
    static final Map<String, String> VARS = Macros.phoneVars("000e08aabbcc", "CP-8841-3PCC", "88012BA01234", true);

    @Test
    void eachPhoneVariable_expandsAsTheGuideSays() {
        assertThat(Macros.expand("$MA", VARS)).isEqualTo("000e08aabbcc");           // lowercase hex
        assertThat(Macros.expand("$MAU", VARS)).isEqualTo("000E08AABBCC");          // uppercase hex
        assertThat(Macros.expand("$MAC", VARS)).isEqualTo("00:0e:08:aa:bb:cc");     // lowercase, colons
        assertThat(Macros.expand("$PN", VARS)).isEqualTo("CP-8841-3PCC");
        assertThat(Macros.expand("$SN", VARS)).isEqualTo("88012BA01234");
        assertThat(Macros.expand("$CCERT", VARS)).isEqualTo("Installed");
        assertThat(Macros.expand("$CCERT", Macros.phoneVars("000e08aabbcc", "x", "", false))).isEqualTo("Not Installed");
        assertThat(Macros.expand("$$", VARS)).isEqualTo("$");
    }

    @Test
    void parenthesisedForms_substrings_andTheGuidesExamples() {
        assertThat(Macros.expand("spa$(MAU)config.cfg", VARS)).isEqualTo("spa000E08AABBCCconfig.cfg");
        assertThat(Macros.expand("spa$STRANGE$MAU.cfg", VARS)).isEqualTo("spa$STRANGE000E08AABBCC.cfg"); // unknown stays
        assertThat(Macros.expand("$$MAU", VARS)).isEqualTo("$MAU");                                     // not recursive
        assertThat(Macros.expand("$(MAU:2)", VARS)).isEqualTo("0E08AABBCC");
        assertThat(Macros.expand("$(MAU:2:3)", VARS)).isEqualTo("0E0");
        assertThat(Macros.expand("$(MA:20)", VARS)).isEqualTo("");
        assertThat(Macros.expand("$(MA:1:99)", VARS)).isEqualTo("00e08aabbcc");
        assertThat(Macros.expand("$(MA:x)", VARS)).isEqualTo("$(MA:x)");
        assertThat(Macros.expand("$(MA", VARS)).isEqualTo("$(MA");
        assertThat(Macros.expand("$(MA)U", VARS)).isEqualTo("000e08aabbccU");
        assertThat(Macros.expand("$MAx", VARS)).isEqualTo("000e08aabbccx"); // the bare name ends at a lowercase letter
        assertThat(Macros.expand("100$ and $", VARS)).isEqualTo("100$ and $");
    }

    @Test
    void valuesInACfgXml_areXmlEscaped_andAFileWithoutDollar_isServedAsIs() {
        var vars = Macros.phoneVars("000e08aabbcc", "CP-<x>&\"'", "SN", true);
        assertThat(new String(Macros.expandXml("<a>$PN</a>".getBytes(), vars))).isEqualTo("<a>CP-&lt;x&gt;&amp;&quot;&apos;</a>");
        byte[] plain = "<flat-profile/>".getBytes();
        assertThat(Macros.expandXml(plain, vars)).isSameAs(plain);
    }

    @Test
    void syslogTemplates_areTheGuidesDefaults_forTheSeedsThreeParameters() {
        assertThat(ProvisioningService.TEMPLATES.keySet()).containsExactlyInAnyOrder("Log_Request_Msg", "Log_Success_Msg", "Log_Failure_Msg");
        assertThat(ProvisioningService.Event.REQUEST.template().defaultText()).isEqualTo("$PN $MAC -- Requesting resync $SCHEME://$SERVIP:$PORT$PATH");
        assertThat(ProvisioningService.Event.SUCCESS.template().defaultText()).isEqualTo("$PN $MAC -- Successful resync $SCHEME://$SERVIP:$PORT$PATH");
        assertThat(ProvisioningService.Event.FAILURE.template().defaultText()).isEqualTo("$PN $MAC -- Resync failed: $ERR");
    }

    @Test
    void syslogMessage_isOneRfc5424Line_controlsReplaced_andBounded() {
        String m = new String(SyslogSender.format(134, "2026-12-01T12:00:00.000Z", "imp1.example.com", "request", "a\r\nb"));
        assertThat(m).isEqualTo("<134>1 2026-12-01T12:00:00.000Z imp1.example.com ucsec-provisioning - request - a  b");
        assertThat(SyslogSender.format(134, "t", "h", "m", "x".repeat(5000))).hasSize(SyslogSender.MAX_DATAGRAM);
    }

    @Test
    void macForms_ofACertificate() {
        assertThat(PhoneIdentity.normalizeMac("000e08abcdef")).isEqualTo("000e08abcdef");
        assertThat(PhoneIdentity.normalizeMac("000E08ABCDEF")).isEqualTo("000e08abcdef");
        assertThat(PhoneIdentity.normalizeMac("00:0e:08:ab:cd:ef")).isEqualTo("000e08abcdef");
        assertThat(PhoneIdentity.normalizeMac("00-0E-08-AB-CD-EF")).isEqualTo("000e08abcdef");
        assertThat(PhoneIdentity.normalizeMac("00:0e-08:ab:cd:ef")).isNull();
        assertThat(PhoneIdentity.normalizeMac("000e08abcdeg")).isNull();
        assertThat(PhoneIdentity.normalizeMac("000e08abcde")).isNull();
        assertThat(PhoneIdentity.normalizeMac("０００e08abcdef")).isNull(); // full-width digits are not hex
    }
}
