package org.ucsec.phone.cfg;

import org.junit.jupiter.api.Test;
import org.ucsec.core.SecretAccess;
import org.ucsec.phone.CfgXmlWriter;
import org.ucsec.phone.Effective;
import org.ucsec.phone.Layer;
import org.ucsec.phone.Value;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** cfg.xml render: flat-profile, exact names and ua, escaping, secrets clear only for the phone; the lint reads it back clean. */
class CfgXmlWriterTest {
    private static Effective effective() {
        Layer l = Layer.EMPTY.with(Map.of("Proxy_Mode", "Manual", "Proxy_Host", "proxy.example.com", "Proxy_Server_Requires_Authentication", "Yes",
                "Proxy_Username", "a<b>&\"c'", "Proxy_Password", "p&w<d>", "SIP_Transport_1_", "TLS", "MediaSec_Over_TLS_Only_1_", "Yes"), List.of()).layer();
        return Effective.of(2, List.of(new Effective.Level("phone", l)));
    }

    @Test
    void render_isAFlatProfile_withSeedNamesUaAndEscapedValues() {
        String xml = CfgXmlWriter.renderMasked(effective());
        assertThat(xml).startsWith("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<flat-profile>\n").endsWith("</flat-profile>\n");
        assertThat(xml).contains("<SIP_Transport_1_ ua=\"na\">TLS</SIP_Transport_1_>", "<SIP_Transport_2_ ua=\"na\">UDP</SIP_Transport_2_>",
                "<Proxy_Username ua=\"rw\">a&lt;b&gt;&amp;&quot;c&apos;</Proxy_Username>",
                "<DHCP_Option_To_Use ua=\"na\">66,160,159,150,60,43,125</DHCP_Option_To_Use>", "<Use_Auto_Discovery__WPAD_ ua=\"rw\">Yes</Use_Auto_Discovery__WPAD_>",
                "<Auth_INVITE_1_ ua=\"na\">No</Auth_INVITE_1_>", "<PAC_URL ua=\"rw\"/>");
        assertThat(xml).doesNotContain("Profile_Rule", "RTP_Port_Min", "Enable_802.1X_Authentication"); // phone factory values not from the seed are left to the phone
        assertThat(xml).contains("<Proxy_Password ua=\"rw\">" + Value.MASK + "</Proxy_Password>").doesNotContain("p&amp;w");
    }

    @Test
    void renderForPhone_hasTheSecretInClear_andLintsClean() {
        byte[] b = CfgXmlWriter.renderForPhone(effective(), SecretAccess.granted());
        String xml = new String(b, StandardCharsets.UTF_8);
        assertThat(xml).contains("<Proxy_Password ua=\"rw\">p&amp;w&lt;d&gt;</Proxy_Password>");
        CfgLint.Report r = CfgLint.lint(b, "rendered");
        assertThat(r.findings()).as(r.text()).isEmpty();
        assertThat(r.catalogueValues()).containsEntry("Proxy_Password", "p&w<d>").containsEntry("Proxy_Username", "a<b>&\"c'");
    }
}
