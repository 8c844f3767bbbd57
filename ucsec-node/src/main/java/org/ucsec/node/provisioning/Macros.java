package org.ucsec.node.provisioning;

import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * Macro expansion as the multiplatform phones do it (Cisco MPP provisioning guide, "Macro Expansion"; seed 003 names
 * {@code $CCERT}): {@code $NAME} or {@code $(NAME)} is replaced by the variable's value, {@code $(NAME:p)} and
 * {@code $(NAME:p:q)} by its substring from offset p (of length q), {@code $$} by one {@code $}. An unknown name stays
 * as written; expansion is not recursive ({@code $$MAU} gives {@code $MAU}). In the bare form the name is the longest
 * run of capital letters and digits after the {@code $} ({@code $MAU.cfg} is MAU; write {@code $(MA)U} for MA then U).
 *
 * <p>Variables ucsec knows when it serves a phone: {@code MA} (MAC, lowercase hex, {@code 000e08aabbcc}), {@code MAU}
 * (uppercase, {@code 000E08AABBCC}), {@code MAC} (lowercase with colons, {@code 00:0e:08:aa:bb:cc}), {@code PN}
 * (product name, {@code CP-8841-3PCC}), {@code SN} (serial, {@code 88012BA01234}), {@code CCERT} ({@code Installed} or
 * {@code Not Installed}); the syslog templates also {@code SCHEME}, {@code SERVIP}, {@code PORT}, {@code PATH},
 * {@code IP} and {@code ERR}.
 */
public final class Macros {
    private Macros() {}

    /** Expands {@code template} with {@code vars}, each value passed through {@code escape} (e.g. XML text escaping). */
    public static String expand(String template, Map<String, String> vars, java.util.function.UnaryOperator<String> escape) {
        int dollar = template.indexOf('$');
        if (dollar < 0) return template;
        StringBuilder out = new StringBuilder(template.length() + 32);
        int i = 0, n = template.length();
        while (dollar >= 0) {
            out.append(template, i, dollar);
            i = dollar + 1;
            if (i < n && template.charAt(i) == '$') { out.append('$'); i++; }
            else if (i < n && template.charAt(i) == '(') {
                int close = template.indexOf(')', i);
                String inner = close < 0 ? null : template.substring(i + 1, close);
                String v = inner == null ? null : paren(inner, vars);
                if (v == null) out.append('$');
                else { out.append(escape.apply(v)); i = close + 1; }
            } else {
                int j = i;
                while (j < n && isNameChar(template.charAt(j))) j++;
                String v = j > i ? vars.get(template.substring(i, j)) : null;
                if (v == null) out.append('$');
                else { out.append(escape.apply(v)); i = j; }
            }
            dollar = template.indexOf('$', i);
        }
        out.append(template, i, n);
        return out.toString();
    }

    public static String expand(String template, Map<String, String> vars) { return expand(template, vars, s -> s); }

    /** A cfg.xml (UTF-8) with its macros expanded, values XML-escaped; the same array when it has no {@code $}. */
    public static byte[] expandXml(byte[] utf8, Map<String, String> vars) {
        boolean any = false;
        for (byte b : utf8) if (b == '$') { any = true; break; }
        if (!any) return utf8;
        return expand(new String(utf8, StandardCharsets.UTF_8), vars, Macros::xmlEscape).getBytes(StandardCharsets.UTF_8);
    }

    /** {@code NAME}, {@code NAME:p} or {@code NAME:p:q}: the (sub)value, or null when the name is unknown or the form is not this. */
    private static String paren(String inner, Map<String, String> vars) {
        String[] parts = inner.split(":", -1);
        if (parts.length > 3) return null;
        String v = vars.get(parts[0]);
        if (v == null) return null;
        if (parts.length == 1) return v;
        Integer p = nonNegative(parts[1]);
        Integer q = parts.length == 3 ? nonNegative(parts[2]) : null;
        if (p == null || (parts.length == 3 && q == null)) return null;
        if (p >= v.length()) return "";
        int end = q == null ? v.length() : (int) Math.min((long) p + q, v.length());
        return v.substring(p, end);
    }

    private static Integer nonNegative(String s) {
        if (s.isEmpty() || s.length() > 6) return null;
        for (int i = 0; i < s.length(); i++) if (s.charAt(i) < '0' || s.charAt(i) > '9') return null;
        return Integer.parseInt(s);
    }

    private static boolean isNameChar(char c) { return (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9'); }

    static String xmlEscape(String s) {
        StringBuilder b = null;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            String r = switch (c) {
                case '&' -> "&amp;";
                case '<' -> "&lt;";
                case '>' -> "&gt;";
                case '"' -> "&quot;";
                case '\'' -> "&apos;";
                default -> null;
            };
            if (r == null && c < 0x20 && c != '\t') r = "";
            if (r != null) {
                if (b == null) b = new StringBuilder(s.length() + 16).append(s, 0, i);
                b.append(r);
            } else if (b != null) b.append(c);
        }
        return b == null ? s : b.toString();
    }

    /** The phone variables: MA, MAU, MAC, PN, SN, CCERT. */
    public static Map<String, String> phoneVars(String mac, String product, String serial, boolean uniqueCertificate) {
        StringBuilder colons = new StringBuilder(17);
        for (int i = 0; i < 12; i += 2) { if (i > 0) colons.append(':'); colons.append(mac, i, i + 2); }
        return Map.of("MA", mac, "MAU", mac.toUpperCase(java.util.Locale.ROOT), "MAC", colons.toString(), "PN", product, "SN", serial,
                "CCERT", uniqueCertificate ? "Installed" : "Not Installed");
    }
}
