package org.ucsec.phone;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The rules between fields of an effective profile (seed 003): P1 restricted access domains, P4/P11 MediaSec over
 * TLS only, P5 LDAP StartTLS, P7 RTP range, P13 HTTP proxy dependencies, P14 VPN. Plus every field's own check, so
 * {@link #validate} is the one verdict on a profile.
 */
public final class ProfileRules {
    private ProfileRules() {}

    /** Every problem of the profile: field checks of the values set (not the defaults), then the cross-field rules. */
    public static List<Problem> validate(Effective e) {
        List<Problem> out = new ArrayList<>();
        for (Effective.Entry x : e.entries()) {
            if (!x.isDefault()) out.addAll(FieldRules.check(new Catalogue.Match(x.param(), x.line()), x.value()));
        }
        out.addAll(cross(e));
        out.addAll(e.notes());
        return out;
    }

    /** The rules between fields alone. */
    public static List<Problem> cross(Effective e) {
        List<Problem> out = new ArrayList<>();
        restrictedDomains(e, out);
        mediaSec(e, out);
        ldap(e, out);
        rtp(e, out);
        proxy(e, out);
        vpn(e, out);
        return out;
    }

    /** The fields P1 checks against {@code Restricted_Access_Domains} (seed 003 "제한된 액세스 도메인 구성"). */
    public static final List<String> RESTRICTED_FIELDS = List.of("Profile_Rule", "Profile_Rule_B", "Profile_Rule_C", "Profile_Rule_D",
            "Upgrade_Rule", "Cisco_Headset_Upgrade_Rule", "Report_Rule", "Custom_CA_Rule", "Proxy_n_", "Outbound_Proxy_n_");

    private static void restrictedDomains(Effective e, List<Problem> out) {
        String list = e.text("Restricted_Access_Domains");
        if (list.isEmpty()) return;
        List<String> domains = new ArrayList<>();
        for (String d : list.split(",")) if (!d.isBlank()) domains.add(trimDot(d.strip().toLowerCase(Locale.ROOT)));
        for (Effective.Entry x : e.entries()) {
            String base = x.param().name();
            if (!RESTRICTED_FIELDS.contains(base) || e.isEmpty(x.name())) continue;
            Optional<String> host = FieldRules.host(x.param(), x.value().reveal(null));
            if (host.isEmpty()) continue; // a relative rule (/path) names no server
            String h = trimDot(host.get().toLowerCase(Locale.ROOT));
            if (h.contains("$")) {
                out.add(Problem.warning("phone.restricted-domain", x.name(), "server '" + Problem.printable(host.get()) + "' holds a macro: ucsec cannot check it against Restricted_Access_Domains"));
                continue;
            }
            boolean ok = domains.stream().anyMatch(d -> h.equals(d) || h.endsWith("." + d));
            if (!ok) out.add(Problem.error("phone.restricted-domain", x.name(), "server '" + Problem.printable(host.get()) + "' (from " + x.origin()
                    + ") is not in Restricted_Access_Domains (" + String.join(", ", domains) + "): the phone would refuse it"));
        }
    }

    private static String trimDot(String s) { return s.endsWith(".") ? s.substring(0, s.length() - 1) : s; }

    private static void mediaSec(Effective e, List<Problem> out) {
        for (int n = 1; n <= e.lines(); n++) {
            String only = "MediaSec_Over_TLS_Only_" + n + "_", transport = "SIP_Transport_" + n + "_";
            if (e.text(only).equals("Yes") && !e.text(transport).equals("TLS")) {
                out.add(Problem.error("phone.mediasec-needs-tls", only, only + " is Yes but " + transport + " is " + e.text(transport)
                        + " (" + e.entry(transport).origin() + "): media security over TLS only needs SIP_Transport TLS (seed 003, P11)"));
            }
        }
    }

    private static void ldap(Effective e, List<Problem> out) {
        String server = e.text("LDAP_Server");
        if (server.isEmpty()) return;
        Optional<FieldRules.LdapUrl> u = FieldRules.parseLdap(server);
        if (u.isEmpty()) return; // the field check names it
        boolean startTls = e.text("LDAP_StartTLS_Enable").equals("Yes");
        if (u.get().scheme().equals("ldaps") && startTls) out.add(Problem.warning("phone.ldap-url", "LDAP_StartTLS_Enable", "StartTLS is for ldap:// servers; LDAP_Server is ldaps:// (TLS from the start)"));
        if (u.get().scheme().equals("ldap") && !startTls) out.add(Problem.warning("phone.ldap-url", "LDAP_Server", "ldap:// without LDAP_StartTLS_Enable Yes: directory traffic is sent in clear text"));
    }

    private static void rtp(Effective e, List<Problem> out) {
        String min = e.text("RTP_Port_Min"), max = e.text("RTP_Port_Max");
        if (FieldRules.validPort(min) && FieldRules.validPort(max) && Integer.parseInt(min) > Integer.parseInt(max)) {
            out.add(Problem.error(FieldRules.INVALID, "RTP_Port_Max", "RTP_Port_Max " + max + " is below RTP_Port_Min " + min));
        }
    }

    private static void proxy(Effective e, List<Problem> out) {
        String mode = e.text("Proxy_Mode");
        if (mode.equals("Auto") && e.text("Use_Auto_Discovery__WPAD_").equals("No") && e.isEmpty("PAC_URL")) {
            out.add(Problem.error("phone.proxy", "PAC_URL", "Proxy_Mode is Auto and Use_Auto_Discovery__WPAD_ is No: PAC_URL is required (seed 003 table 8)"));
        }
        if (mode.equals("Manual")) {
            if (e.isEmpty("Proxy_Host")) out.add(Problem.error("phone.proxy", "Proxy_Host", "Proxy_Mode is Manual: Proxy_Host is required (seed 003 table 8)"));
            if (e.isEmpty("Proxy_Port")) out.add(Problem.error("phone.proxy", "Proxy_Port", "Proxy_Mode is Manual: Proxy_Port is required (seed 003 table 8)"));
            if (e.text("Proxy_Server_Requires_Authentication").equals("Yes")) {
                if (e.isEmpty("Proxy_Username")) out.add(Problem.error("phone.proxy", "Proxy_Username", "Proxy_Server_Requires_Authentication is Yes: Proxy_Username is required"));
                if (e.isEmpty("Proxy_Password")) out.add(Problem.error("phone.proxy", "Proxy_Password", "Proxy_Server_Requires_Authentication is Yes: Proxy_Password is required"));
            }
        }
    }

    private static void vpn(Effective e, List<Problem> out) {
        boolean any = !e.isEmpty("VPN_Server") || !e.isEmpty("VPN_User_Name") || !e.isEmpty("VPN_Password") || !e.isEmpty("VPN_Tunnel_Group");
        boolean boot = e.text("Connect_on_Bootup").equals("Yes");
        if (!any && !boot) return;
        if (e.isEmpty("VPN_Server")) out.add(Problem.error("phone.vpn", "VPN_Server", (boot ? "Connect_on_Bootup is Yes" : "VPN credentials are set") + ": VPN_Server is required"));
        if (boot && e.isEmpty("VPN_User_Name")) out.add(Problem.error("phone.vpn", "VPN_User_Name", "Connect_on_Bootup is Yes: VPN_User_Name is required"));
        if (boot && e.isEmpty("VPN_Password")) out.add(Problem.error("phone.vpn", "VPN_Password", "Connect_on_Bootup is Yes: VPN_Password is required"));
        if (!e.isEmpty("VPN_User_Name") && e.isEmpty("VPN_Password")) out.add(Problem.warning("phone.vpn", "VPN_Password", "VPN_User_Name is set without VPN_Password"));
    }
}
