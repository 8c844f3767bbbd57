package org.ucsec.phone;

import org.junit.jupiter.api.Test;
import org.ucsec.core.UcsecException;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Every validation rule of issue 9 item 3 with a failing value, and the value that passes. */
class ValidationTest {
    private static Map<String, String> map(String... kv) {
        Map<String, String> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) m.put(kv[i], kv[i + 1]);
        return m;
    }

    /** The problems of a phone whose only layer sets these values (field checks first, then cross-field). */
    private static List<Problem> problems(String... kv) {
        Layer l;
        try {
            l = Layer.EMPTY.with(map(kv), List.of()).layer();
        } catch (UcsecException e) {
            @SuppressWarnings("unchecked") var list = (List<Map<String, Object>>) e.details().get("problems");
            List<Problem> out = new ArrayList<>();
            for (var d : list) out.add(new Problem("error".equals(d.get("severity")) ? Problem.Severity.ERROR : Problem.Severity.WARNING, (String) d.get("code"),
                    (String) d.get("field"), (String) d.get("message"), (String) d.get("token"), d.get("index") == null ? -1 : (Integer) d.get("index"), d.get("column") == null ? -1 : (Integer) d.get("column")));
            return out;
        }
        return ProfileRules.validate(Effective.of(10, List.of(new Effective.Level("phone", l))));
    }

    private static List<Problem> errors(String... kv) { return problems(kv).stream().filter(Problem::isError).toList(); }

    private static Problem error(String... kv) {
        var e = errors(kv);
        assertThat(e).as(String.join(" ", kv)).hasSize(1);
        return e.get(0);
    }

    @Test
    void unknownParameter_isRefused_withTheRightNameSuggested() {
        Problem x = error("Auth_INVITE_1", "Yes");
        assertThat(x.code()).isEqualTo("phone.unknown-parameter");
        assertThat(x.message()).contains("did you mean Auth_INVITE_1_?");
        assertThat(error("sip_transport_1_", "TLS").message()).contains("SIP_Transport_1_");
        assertThat(error("SIP_Transport__2__", "TLS").message()).contains("SIP_Transport_2_");
        assertThat(error("Dial_Plan_1_", "x").message()).doesNotContain("did you mean");
        assertThat(error("SIP_Transport_17_", "TLS").code()).isEqualTo("phone.unknown-parameter");
    }

    @Test
    void layerRefusal_carriesEveryProblem_andTheFirstCode() {
        assertThatThrownBy(() -> Layer.EMPTY.with(map("Firewall", "On", "SIP_Transport_1_", "SCTP"), List.of()))
                .isInstanceOfSatisfying(UcsecException.class, e -> {
                    assertThat(e.code()).isEqualTo("phone.invalid-value");
                    assertThat(e.getMessage()).contains("Firewall: 'On' is not one of Enabled, Disabled", "and 1 more problem");
                    assertThat((List<?>) e.details().get("problems")).hasSize(2);
                });
    }

    @Test
    void enumValues_lowerCaseIsWrittenAsThePhoneExpects_localizedIsRefused() {
        var changed = Layer.EMPTY.with(map("Auth_INVITE_1_", "yes", "Firewall", "enabled"), List.of());
        assertThat(changed.layer().values().get("Auth_INVITE_1_").shown()).isEqualTo("Yes");
        assertThat(changed.layer().values().get("Firewall").shown()).isEqualTo("Enabled");
        assertThat(changed.warnings()).hasSize(2);
        Problem x = error("LDAP_StartTLS_Enable", "예"); // seed 003 prints exactly this example
        assertThat(x.code()).isEqualTo("phone.localized-value");
        assertThat(x.message()).contains("write Yes");
        assertThat(error("Firewall", "활성화").message()).contains("write Enabled");
        assertThat(error("SIP_Transport_1_", "自動").message()).contains("write AUTO");
        assertThat(error("Proxy_Mode", "자동").message()).contains("write Auto");
    }

    @Test
    void p1_everyRuleAndProxyField_outsideRestrictedDomains_isRefusedNamingTheField() {
        for (String f : List.of("Profile_Rule", "Profile_Rule_B", "Profile_Rule_C", "Profile_Rule_D", "Upgrade_Rule", "Cisco_Headset_Upgrade_Rule", "Report_Rule", "Custom_CA_Rule")) {
            Problem x = error("Restricted_Access_Domains", "voiceip.com, voiceipl.com", f, "https://evil.example/cfg.xml");
            assertThat(x.code()).isEqualTo("phone.restricted-domain");
            assertThat(x.field()).isEqualTo(f);
            assertThat(x.message()).contains("evil.example", "voiceip.com");
            assertThat(errors("Restricted_Access_Domains", "voiceip.com, voiceipl.com", f, "https://prov.voiceip.com/$MA.xml")).as(f).isEmpty();
        }
        assertThat(error("Restricted_Access_Domains", "voiceip.com", "Proxy_3_", "sip.other.net:5060").field()).isEqualTo("Proxy_3_");
        assertThat(error("Restricted_Access_Domains", "voiceip.com", "Outbound_Proxy_1_", "10.0.0.1").field()).isEqualTo("Outbound_Proxy_1_");
        assertThat(errors("Restricted_Access_Domains", "voiceip.com", "Proxy_1_", "VoiceIP.com")).isEmpty();
        // rule forms: options block, tftp host without scheme, relative path (no server)
        assertThat(error("Restricted_Access_Domains", "voiceip.com", "Profile_Rule", "[--key $B] tftp.other.com/$MA.cfg").message()).contains("tftp.other.com");
        assertThat(errors("Restricted_Access_Domains", "voiceip.com", "Profile_Rule", "/$PSN.xml")).isEmpty();
        // the list itself
        Problem bad = error("Restricted_Access_Domains", "voiceip.com,,voiceipl.com");
        assertThat(bad.index()).isEqualTo(1);
        assertThat(error("Restricted_Access_Domains", "voiceip.com, 10.1.1.1").token()).isEqualTo("10.1.1.1");
        assertThat(error("Restricted_Access_Domains", "voiceip.com, bad_domain.com").column()).isEqualTo(14);
    }

    @Test
    void p2_dhcpOptionsOutsideTheSupportedTable_areRefusedAtTheToken() {
        Problem x = error("DHCP_Option_To_Use", "66,160,44,150");
        assertThat(x.code()).isEqualTo("phone.dhcp-option");
        assertThat(x.token()).isEqualTo("44");
        assertThat(x.index()).isEqualTo(2);
        assertThat(x.column()).isEqualTo(8);
        assertThat(error("DHCPv6_Option_To_Use", "17,160,23").token()).isEqualTo("23");
        assertThat(error("DHCP_Option_To_Use", "66,abc").token()).isEqualTo("abc");
        assertThat(errors("DHCP_Option_To_Use", "1,2,3,6,15,41,42,43,56,60,66,125,150,159,160")).isEmpty();
    }

    @Test
    void p3p4_transportAndInviteAuth_takeOnlyTheirValues() {
        assertThat(error("SIP_Transport_1_", "SCTP").message()).contains("UDP, TCP, TLS, AUTO");
        assertThat(error("Auth_INVITE_2_", "Maybe").code()).isEqualTo("phone.invalid-value");
    }

    @Test
    void p4p11_mediaSecOverTlsOnly_withANonTlsTransport_isRefused() {
        Problem x = error("MediaSec_Over_TLS_Only_1_", "Yes");
        assertThat(x.code()).isEqualTo("phone.mediasec-needs-tls");
        assertThat(x.message()).contains("SIP_Transport_1_ is UDP (default)");
        assertThat(error("MediaSec_Over_TLS_Only_2_", "Yes", "SIP_Transport_2_", "AUTO").message()).contains("AUTO");
        assertThat(error("MediaSec_Over_TLS_Only_3_", "Yes", "SIP_Transport_3_", "TCP").field()).isEqualTo("MediaSec_Over_TLS_Only_3_");
        assertThat(errors("MediaSec_Over_TLS_Only_1_", "Yes", "SIP_Transport_1_", "TLS", "MediaSec_Request_1_", "Yes")).isEmpty();
        assertThat(errors("MediaSec_Request_1_", "Yes")).isEmpty();
    }

    @Test
    void p5_ldapUrlForms_andDefaultPorts() {
        assertThat(FieldRules.parseLdap("ldaps://10.45.76.79").orElseThrow().port()).isEqualTo(636); // seed 003 example
        assertThat(FieldRules.parseLdap("ldap://dir.example.com").orElseThrow().port()).isEqualTo(389);
        assertThat(FieldRules.parseLdap("ldaps://dir.example.com:3269").orElseThrow().port()).isEqualTo(3269);
        assertThat(FieldRules.parseLdap("ldap://[2001:db8::1]:389/").orElseThrow().host()).isEqualTo("2001:db8::1");
        for (String bad : List.of("http://dir.example.com", "ldaps://", "ldaps://dir.example.com:0", "ldaps://dir.example.com:70000", "dir.example.com", "ldaps://bad host", "ldaps://<ldaps_server>[:port]")) {
            assertThat(error("LDAP_Server", bad).code()).as(bad).isEqualTo("phone.ldap-url");
        }
        assertThat(error("LDAP_Authentication_Method", "TLS").message()).contains("None, Simple, DIGEST-MD5");
        // cleartext ldap:// without StartTLS, and StartTLS on ldaps://, are warnings
        assertThat(problems("LDAP_Server", "ldap://dir.example.com")).singleElement().satisfies(p -> assertThat(p.message()).contains("clear text"));
        assertThat(problems("LDAP_Server", "ldap://dir.example.com", "LDAP_StartTLS_Enable", "Yes")).isEmpty();
        assertThat(problems("LDAP_Server", "ldaps://dir.example.com", "LDAP_StartTLS_Enable", "Yes")).singleElement().satisfies(p -> assertThat(p.isError()).isFalse());
    }

    @Test
    void p7_firewallAndPorts_takeOnlyTheirValues() {
        assertThat(error("Firewall", "On").message()).contains("Enabled, Disabled");
        assertThat(error("SIP_Port_1_", "0").code()).isEqualTo("phone.invalid-value");
        assertThat(error("RTP_Port_Min", "20000", "RTP_Port_Max", "10000").field()).isEqualTo("RTP_Port_Max");
    }

    @Test
    void p8_firewallConfig_errorsPointAtTheToken() {
        Problem x = error("Firewall_Config", "NO_ICMP_PING,UDP:8010:8000");
        assertThat(x.code()).isEqualTo("phone.firewall-config");
        assertThat(x.token()).isEqualTo("UDP:8010:8000");
        assertThat(x.column()).isEqualTo(14);
    }

    @Test
    void p9_cipherList_wordsOutsideTheSeedsTable_areErrors_andMax521() {
        assertThat(errors("TLS_Cipher_List", "RSA:!aNULL:!eNULL")).isEmpty(); // seed 003 example
        Problem x = error("TLS_Cipher_List", "HIGH:PSK");
        assertThat(x.code()).isEqualTo("phone.cipher-list");
        assertThat(x.token()).isEqualTo("PSK");
        assertThat(x.column()).isEqualTo(6);
        assertThat(error("TLS_Cipher_List", "HIGH:NOSUCHWORD").token()).isEqualTo("NOSUCHWORD");
        assertThat(error("TLS_Cipher_List", "!ALL").message()).contains("selects no suite");
        String tooLong = "HIGH:".repeat(103) + "MEDIUM:";
        assertThat(tooLong).hasSize(522);
        assertThat(error("TLS_Cipher_List", tooLong).code()).isEqualTo("phone.cipher-list-too-long");
        String max = "HIGH:".repeat(103) + "MEDIUM";
        assertThat(max).hasSize(521);
        assertThat(errors("TLS_Cipher_List", max)).isEmpty();
    }

    @Test
    void p10p12_yesNoFields() {
        assertThat(error("TLS_Name_Validate_1_", "true").code()).isEqualTo("phone.invalid-value");
        assertThat(error("Enable_802.1X_Authentication", "1").code()).isEqualTo("phone.invalid-value");
    }

    @Test
    void p13_proxyDependencies() {
        Problem pac = error("Proxy_Mode", "Auto", "Use_Auto_Discovery__WPAD_", "No");
        assertThat(pac.code()).isEqualTo("phone.proxy");
        assertThat(pac.field()).isEqualTo("PAC_URL");
        assertThat(errors("Proxy_Mode", "Auto")).isEmpty(); // WPAD default Yes
        assertThat(errors("Proxy_Mode", "Auto", "Use_Auto_Discovery__WPAD_", "No", "PAC_URL", "http://proxy.department.branch.example.com/pac")).isEmpty();
        assertThat(error("PAC_URL", "ftp://x.example.com/pac").message()).contains("tftp, http, https");
        Problem host = error("Proxy_Mode", "Manual");
        assertThat(host.field()).isEqualTo("Proxy_Host");
        assertThat(error("Proxy_Mode", "Manual", "Proxy_Host", "http://proxy.example.com").message()).contains("has a scheme");
        assertThat(error("Proxy_Mode", "Manual", "Proxy_Host", "proxy.example.com:3128").message()).contains("port has its own field");
        assertThat(error("Proxy_Port", "0").code()).isEqualTo("phone.proxy");
        List<Problem> creds = errors("Proxy_Mode", "Manual", "Proxy_Host", "proxy.example.com", "Proxy_Server_Requires_Authentication", "Yes");
        assertThat(creds).extracting(Problem::field).containsExactly("Proxy_Username", "Proxy_Password");
        assertThat(errors("Proxy_Mode", "Manual", "Proxy_Host", "proxy.example.com", "Proxy_Server_Requires_Authentication", "Yes",
                "Proxy_Username", "Example", "Proxy_Password", "Example")).isEmpty();
    }

    @Test
    void p14_vpnFields() {
        List<Problem> boot = errors("Connect_on_Bootup", "Yes");
        assertThat(boot).extracting(Problem::field).containsExactly("VPN_Server", "VPN_User_Name", "VPN_Password");
        assertThat(boot).allMatch(p -> p.code().equals("phone.vpn"));
        assertThat(error("VPN_User_Name", "u", "VPN_Password", "p").field()).isEqualTo("VPN_Server");
        assertThat(error("VPN_Server", "https://vpn.example.com").code()).isEqualTo("phone.vpn");
        assertThat(error("VPN_Server", "vpn server").code()).isEqualTo("phone.vpn");
        assertThat(errors("VPN_Server", "100.101.1.218", "VPN_User_Name", "Example", "VPN_Password", "Example", "Connect_on_Bootup", "Yes")).isEmpty();
        assertThat(errors("VPN_Server", "vpn_server.example.com".replace("_", "-"))).isEmpty();
        assertThat(error("VPN_Tunnel_Group", "x".repeat(128)).message()).contains("at most 127");
    }

    @Test
    void controlCharacters_areRefusedInAnyValue() {
        assertThat(error("Proxy_Username", "a\nb").message()).contains("U+000A");
        assertThat(error("Profile_Rule", "http://a.example.com/\u0000").message()).contains("U+0000");
        Problem secret = error("Proxy_Password", "pa\nss");
        assertThat(secret.message()).contains("U+000A").doesNotContain("pa");
        assertThat(errors("Proxy_Password", "  p&<>\"' x  ")).isEmpty();
    }
}
