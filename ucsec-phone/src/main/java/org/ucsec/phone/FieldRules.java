package org.ucsec.phone;

import org.ucsec.tls.cipher.CipherExpansion;
import org.ucsec.tls.cipher.CipherProblem;
import org.ucsec.tls.cipher.CipherStringEngine;
import org.ucsec.tls.cipher.Dialect;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The check of one value against its parameter's type (catalogue {@code type} / {@code allowed}); no other field involved. */
public final class FieldRules {
    private FieldRules() {}

    public static final String INVALID = "phone.invalid-value";
    public static final String LOCALIZED = "phone.localized-value";

    /** Problems of {@code value} for the parameter instance {@code m}; empty when it is fine. */
    public static List<Problem> check(Catalogue.Match m, Value value) {
        Param p = m.param();
        String f = m.name();
        List<Problem> out = new ArrayList<>();
        if (value.length() > p.maxLength()) {
            String code = p.type() == Param.Type.CIPHER_LIST ? "phone.cipher-list-too-long" : code(p, INVALID);
            out.add(Problem.error(code, f, "value is " + value.length() + " characters; at most " + p.maxLength() + " are allowed"));
            return out;
        }
        // a password may hold any printable character; only control characters are refused (the message never shows it)
        String v = value.reveal(org.ucsec.core.SecretAccess.granted());
        for (int i = 0; i < v.length(); i++) {
            char c = v.charAt(i);
            if (c < 0x20 || c == 0x7f) {
                out.add(Problem.error(code(p, INVALID), f, String.format("control character U+%04X at column %d", (int) c, i + 1)));
                return out;
            }
        }
        if (value.isSecret()) return out;
        String s = v.strip();
        switch (p.type()) {
            case ENUM -> enumeration(p, f, s, out);
            case FQDN_LIST -> fqdnList(f, s, out);
            case DHCP4 -> dhcp(f, s, "dhcp4", out);
            case DHCP6 -> dhcp(f, s, "dhcp6", out);
            case LDAP_URL -> { if (!s.isEmpty()) ldapUrl(f, s).ifPresent(out::add); }
            case FIREWALL_CONFIG -> out.addAll(FirewallConfig.parse(v).problems());
            case CIPHER_LIST -> cipherList(f, v, out);
            case URL -> { if (!s.isEmpty()) url(p, f, s, out); }
            case RULE -> { if (!s.isEmpty()) rule(p, f, s, out); }
            case SIP_HOST -> { if (!s.isEmpty()) sipHost(p, f, s, out); }
            case HOST -> { if (!s.isEmpty()) host(p, f, s, out); }
            case PORT -> { if (!s.isEmpty() || !p.defaultValue().isEmpty()) port(p, f, s, out); }
            case TEXT -> { }
        }
        return out;
    }

    /** The code of a type problem of {@code p}: the row's own family (P13 proxy, P14 VPN) or {@code fallback}. */
    static String code(Param p, String fallback) {
        return switch (p.row()) {
            case "P13" -> "phone.proxy";
            case "P14" -> "phone.vpn";
            default -> fallback;
        };
    }

    /** {@code s} as the phone expects it when it differs only in case ({@code yes} -> {@code Yes}); empty otherwise. */
    public static Optional<String> caseFix(Param p, String s) {
        if (p.type() != Param.Type.ENUM || p.allowed().contains(s)) return Optional.empty();
        for (String a : p.allowed()) if (a.equalsIgnoreCase(s)) return Optional.of(a);
        return Optional.empty();
    }

    private static void enumeration(Param p, String f, String s, List<Problem> out) {
        if (p.allowed().contains(s)) return;
        Optional<String> loc = Localized.meaning(p, s);
        if (loc.isPresent()) {
            out.add(Problem.error(LOCALIZED, f, "'" + s + "' is a localized word; the phone takes only " + String.join("/", p.allowed()) + ": write " + loc.get()));
            return;
        }
        Optional<String> fix = caseFix(p, s);
        if (fix.isPresent()) {
            out.add(Problem.warning(INVALID, f, "'" + s + "' is written " + fix.get() + " by the phone's own exports (seed 003); ucsec writes " + fix.get()));
            return;
        }
        out.add(Problem.error(INVALID, f, "'" + Problem.printable(s) + "' is not one of " + String.join(", ", p.allowed())));
    }

    private static final Pattern LABEL = Pattern.compile("[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?");
    private static final Pattern IPV4 = Pattern.compile("(25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])(\\.(25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])){3}");

    public static boolean isIpv4(String s) { return IPV4.matcher(s).matches(); }

    public static boolean isIpv6(String s) {
        if (s.isEmpty() || !s.contains(":") || !s.chars().allMatch(c -> Character.digit(c, 16) >= 0 || c == ':' || c == '.')) return false;
        try { return java.net.InetAddress.getByName(s) instanceof java.net.Inet6Address || s.contains("::ffff:"); }
        catch (Exception e) { return false; }
    }

    /** A DNS host name (letters, digits, hyphens; labels of 1-63; 253 in all); an all-numeric name must be an IPv4 address. */
    public static boolean isHostname(String s) {
        if (s.isEmpty() || s.length() > 253) return false;
        String h = s.endsWith(".") ? s.substring(0, s.length() - 1) : s;
        String[] labels = h.split("\\.", -1);
        for (String l : labels) if (!LABEL.matcher(l).matches()) return false;
        return !h.chars().allMatch(c -> Character.isDigit(c) || c == '.') || isIpv4(h);
    }

    public static boolean isFqdn(String s) { return isHostname(s) && s.contains(".") && !isIpv4(s); }

    private static void fqdnList(String f, String s, List<Problem> out) {
        if (s.isEmpty()) return;
        String[] items = s.split(",", -1);
        int col = 1, pos = 0;
        for (int i = 0; i < items.length; i++) {
            String raw = items[i], t = raw.strip();
            col = pos + 1 + (raw.length() - raw.stripLeading().length());
            if (t.isEmpty()) out.add(Problem.token("phone.restricted-domain", f, "empty domain (two commas, or a comma at the start or end)", t, i, col));
            else if (!isFqdn(t)) out.add(Problem.token("phone.restricted-domain", f, "'" + Problem.printable(t) + "' is not a fully qualified domain name", t, i, col));
            pos += raw.length() + 1;
        }
    }

    private static void dhcp(String f, String s, String family, List<Problem> out) {
        if (s.isEmpty()) {
            out.add(Problem.warning("phone.dhcp-option", f, "empty: the phone uses no DHCP option to find its provisioning server"));
            return;
        }
        Map<Integer, DhcpOptions.Option> supported = DhcpOptions.standard().supported(family);
        String[] items = s.split(",", -1);
        Set<Integer> seen = new HashSet<>();
        int pos = 0;
        for (int i = 0; i < items.length; i++) {
            String raw = items[i], t = raw.strip();
            int col = pos + 1 + (raw.length() - raw.stripLeading().length());
            pos += raw.length() + 1;
            if (t.isEmpty() || t.length() > 3 || !t.chars().allMatch(Character::isDigit)) {
                out.add(Problem.token("phone.dhcp-option", f, "'" + Problem.printable(t) + "' is not a DHCP option number", t, i, col));
                continue;
            }
            int o = Integer.parseInt(t);
            if (!supported.containsKey(o)) {
                out.add(Problem.token("phone.dhcp-option", f, "option " + o + " is not a supported " + (family.equals("dhcp4") ? "DHCP" : "DHCPv6")
                        + " option (supported: " + supported.keySet().stream().map(String::valueOf).reduce((a, b) -> a + "," + b).orElse("") + ")", t, i, col));
            } else if (!seen.add(o)) {
                out.add(new Problem(Problem.Severity.WARNING, "phone.dhcp-option", f, "option " + o + " is listed twice", t, i, col));
            }
        }
    }

    /** A parsed {@code LDAP_Server}: scheme, host, port (the scheme's default when not written). */
    public record LdapUrl(String scheme, String host, int port, boolean portWritten) {}

    private static final Pattern LDAP = Pattern.compile("(?i)(ldaps?)://(\\[[^\\]]*]|[^:/\\[\\]]*)(?::([^/]*))?/?");

    public static Optional<LdapUrl> parseLdap(String s) {
        Matcher m = LDAP.matcher(s);
        if (!m.matches()) return Optional.empty();
        String scheme = m.group(1).toLowerCase(Locale.ROOT);
        String host = m.group(2);
        String h = host.startsWith("[") ? host.substring(1, host.length() - 1) : host;
        if (!(host.startsWith("[") ? isIpv6(h) : isHostname(h))) return Optional.empty();
        int port = scheme.equals("ldaps") ? 636 : 389;
        if (m.group(3) != null) {
            String ps = m.group(3);
            if (ps.isEmpty() || ps.length() > 5 || !ps.chars().allMatch(Character::isDigit)) return Optional.empty();
            port = Integer.parseInt(ps);
            if (port < 1 || port > 65535) return Optional.empty();
        }
        return Optional.of(new LdapUrl(scheme, h, port, m.group(3) != null));
    }

    private static Optional<Problem> ldapUrl(String f, String s) {
        if (parseLdap(s).isPresent()) return Optional.empty();
        return Optional.of(Problem.error("phone.ldap-url", f, "'" + Problem.printable(s) + "' is not ldaps://host[:port] (default port 636) or ldap://host[:port] (default 389, with LDAP_StartTLS_Enable)"));
    }

    private static void cipherList(String f, String v, List<Problem> out) {
        if (v.isEmpty()) return;
        CipherExpansion e = CipherStringEngine.standard().expand(v, Dialect.PHONE);
        boolean named = false;
        for (CipherProblem cp : e.problems()) {
            boolean bad = cp.severity() == CipherProblem.Severity.ERROR || cp.code().equals(CipherProblem.UNKNOWN_WORD) || cp.code().equals(CipherProblem.UNSUPPORTED_ON_PHONE);
            if (!bad) continue;
            named = true;
            out.add(new Problem(Problem.Severity.ERROR, "phone.cipher-list", f, cp.message() + " [" + cp.code() + "]",
                    cp.word(), -1, cp.position() < 0 ? -1 : cp.position() + 1));
        }
        if (!named && !e.valid()) out.add(Problem.error("phone.cipher-list", f, "the cipher string selects no suite: every phone application would use its fallback (see ucsec cipher preview --phone)"));
    }

    private static final Pattern URLP = Pattern.compile("([A-Za-z][A-Za-z0-9+.-]*)://(\\[[^\\]]*]|[^/:?#]*)(?::([0-9]*))?([/?#].*)?");

    private static void url(Param p, String f, String s, List<Problem> out) {
        Matcher m = URLP.matcher(s);
        String code = code(p, INVALID);
        if (!m.matches()) { out.add(Problem.error(code, f, "'" + Problem.printable(s) + "' is not a URL (" + String.join("/", p.allowed()) + "://host[:port]/path)")); return; }
        if (!p.allowed().contains(m.group(1).toLowerCase(Locale.ROOT))) { out.add(Problem.error(code, f, "scheme '" + Problem.printable(m.group(1)) + "' is not supported; use " + String.join(", ", p.allowed()))); return; }
        hostPort(code, f, m.group(2), m.group(3), out, false);
    }

    /** The host of a URL-like value (rule, PAC URL, SIP proxy host[:port]); empty when it names none or holds a macro. */
    public static Optional<String> host(Param p, String value) {
        String s = value.strip();
        if (s.isEmpty()) return Optional.empty();
        if (p.type() == Param.Type.RULE) s = stripRuleOptions(s);
        if (p.type() == Param.Type.SIP_HOST || p.type() == Param.Type.HOST) {
            String h = s.startsWith("[") ? s.substring(1, Math.max(1, s.indexOf(']'))) : (s.indexOf(':') >= 0 ? s.substring(0, s.indexOf(':')) : s);
            return Optional.of(h);
        }
        Matcher m = URLP.matcher(s);
        if (m.matches()) return Optional.of(m.group(2).startsWith("[") ? m.group(2).substring(1, m.group(2).length() - 1) : m.group(2));
        if (s.startsWith("/")) return Optional.empty();
        int end = s.length();
        for (char c : new char[] {'/', ':'}) { int i = s.indexOf(c); if (i >= 0) end = Math.min(end, i); }
        return Optional.of(s.substring(0, end));
    }

    /** A rule without its leading {@code [--options]} block and {@code ( condition )?} guard. */
    static String stripRuleOptions(String s) {
        String r = s.strip();
        for (int guard = 0; guard < 4; guard++) {
            if (r.startsWith("[")) { int i = r.indexOf(']'); if (i < 0) return r; r = r.substring(i + 1).strip(); }
            else if (r.startsWith("(")) { int i = r.indexOf(")?"); if (i < 0) return r; r = r.substring(i + 2).strip(); }
            else break;
        }
        return r;
    }

    private static void rule(Param p, String f, String s, List<Problem> out) {
        String r = stripRuleOptions(s);
        if (r.startsWith("[") || r.startsWith("(")) { out.add(Problem.error("phone.rule", f, "unterminated option block or condition in the rule")); return; }
        if (r.isEmpty()) { out.add(Problem.error("phone.rule", f, "the rule has options but no URL")); return; }
        if (r.contains("://")) {
            Matcher m = URLP.matcher(r);
            if (!m.matches()) { out.add(Problem.error("phone.rule", f, "'" + Problem.printable(r) + "' is not a URL")); return; }
            if (!p.allowed().contains(m.group(1).toLowerCase(Locale.ROOT))) { out.add(Problem.error("phone.rule", f, "scheme '" + Problem.printable(m.group(1)) + "' is not supported; use " + String.join(", ", p.allowed()))); return; }
            if (!m.group(2).contains("$")) hostPort("phone.rule", f, m.group(2), m.group(3), out, false);
        } else if (r.chars().anyMatch(Character::isWhitespace)) {
            out.add(Problem.error("phone.rule", f, "'" + Problem.printable(r) + "' is not a URL (spaces)"));
        }
    }

    private static void sipHost(Param p, String f, String s, List<Problem> out) {
        if (s.contains("://")) { out.add(Problem.error(INVALID, f, "'" + Problem.printable(s) + "' is host[:port], without a scheme")); return; }
        String host = s, port = null;
        if (s.startsWith("[")) {
            int i = s.indexOf(']');
            if (i < 0) { out.add(Problem.error(INVALID, f, "unterminated [IPv6] address")); return; }
            host = s.substring(0, i + 1);
            if (i + 1 < s.length()) { if (s.charAt(i + 1) != ':') { out.add(Problem.error(INVALID, f, "text after ]")); return; } port = s.substring(i + 2); }
        } else if (s.indexOf(':') >= 0) {
            host = s.substring(0, s.indexOf(':'));
            port = s.substring(s.indexOf(':') + 1);
        }
        if (host.contains("$")) return; // a macro such as $PROXY: the phone expands it
        hostPort(INVALID, f, host, port, out, false);
    }

    private static void host(Param p, String f, String s, List<Problem> out) {
        String code = code(p, INVALID);
        if (s.contains("://")) { out.add(Problem.error(code, f, "'" + Problem.printable(s) + "' has a scheme; write the host name or IP address only (e.g. proxy.example.com)")); return; }
        if (!isHostname(s) && !isIpv6(s)) out.add(Problem.error(code, f, "'" + Problem.printable(s) + "' is not a host name or IP address" + (s.contains(":") && !isIpv6(s) ? " (the port has its own field)" : "")));
    }

    private static void hostPort(String code, String f, String host, String port, List<Problem> out, boolean hostOptional) {
        String h = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
        if (h.isEmpty()) { if (!hostOptional) out.add(Problem.error(code, f, "the URL names no host")); return; }
        boolean ok = host.startsWith("[") ? isIpv6(h) : isHostname(h);
        if (!ok) { out.add(Problem.error(code, f, "'" + Problem.printable(h) + "' is not a host name or IP address")); return; }
        if (port != null && !validPort(port)) out.add(Problem.error(code, f, "port '" + Problem.printable(port) + "' is not 1-65535"));
    }

    static boolean validPort(String s) {
        if (s.isEmpty() || s.length() > 5 || !s.chars().allMatch(c -> c >= '0' && c <= '9')) return false;
        int p = Integer.parseInt(s);
        return p >= 1 && p <= 65535;
    }

    private static void port(Param p, String f, String s, List<Problem> out) {
        if (!validPort(s)) out.add(Problem.error(code(p, INVALID), f, "'" + Problem.printable(s) + "' is not a port number (1-65535)"));
    }
}
