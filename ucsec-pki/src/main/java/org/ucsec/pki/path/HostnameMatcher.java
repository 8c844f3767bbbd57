package org.ucsec.pki.path;

import java.net.IDN;
import java.net.InetAddress;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

import javax.naming.ldap.LdapName;
import javax.naming.ldap.Rdn;

import org.ucsec.core.UcsecException;

/**
 * Host name checks of RFC 6125 / RFC 9525 (P10): a DNS name against the dNSName SANs, an IP address against the
 * iPAddress SANs (never against DNS names or the CN). The CN is used only when the certificate has no SAN at all (as
 * the seed's phones do). A wildcard is honoured only as the whole left-most label ({@code *.example.com}), never for
 * a public-suffix-like two-label name ({@code *.com}), and matches exactly one label.
 */
public final class HostnameMatcher {
    private HostnameMatcher() {}

    private static final Pattern LABEL = Pattern.compile("[a-z0-9_]([a-z0-9_-]{0,61}[a-z0-9_])?");

    public static boolean matches(X509Certificate cert, String host) {
        String h = normalizeHost(host);
        boolean ip = isIpLiteral(h);
        List<String> dns = new ArrayList<>();
        List<byte[]> ips = new ArrayList<>();
        boolean anySan = sans(cert, dns, ips);
        if (ip) {
            byte[] want = ipBytes(h);
            for (byte[] b : ips) if (java.util.Arrays.equals(b, want)) return true;
            return false;
        }
        if (anySan) {
            for (String d : dns) if (matchDns(d, h)) return true;
            return false;
        }
        for (String cn : commonNames(cert)) if (matchDns(cn, h)) return true;
        return false;
    }

    /** Refuses with {@code host.mismatch} naming the certificate, the host and what the certificate is for. */
    public static void verify(X509Certificate cert, String host) {
        if (host == null || host.isBlank()) throw new UcsecException("host.invalid", "no host name given to check certificate '"
                + cert.getSubjectX500Principal().getName() + "' against");
        if (matches(cert, host)) return;
        List<String> dns = new ArrayList<>();
        List<byte[]> ips = new ArrayList<>();
        boolean anySan = sans(cert, dns, ips);
        List<String> names = new ArrayList<>(dns);
        for (byte[] b : ips) try { names.add(InetAddress.getByAddress(b).getHostAddress()); } catch (Exception e) { /* skip */ }
        if (!anySan) names.addAll(commonNames(cert).stream().map(c -> "CN=" + c).toList());
        throw new UcsecException("host.mismatch", "certificate '" + cert.getSubjectX500Principal().getName()
                + "' is not for host '" + host + "': it names " + (names.isEmpty() ? "no host" : String.join(", ", names))
                + (anySan ? " (RFC 9525 6.3: subjectAltName only)" : " (no subjectAltName; RFC 9525 6.3: common name used)"),
                Map.of("host", host, "certificate", cert.getSubjectX500Principal().getName()));
    }

    /** A pattern (SAN dNSName or CN) against a reference host, both lower case A-labels. */
    static boolean matchDns(String pattern, String host) {
        String p = pattern.toLowerCase(Locale.ROOT);
        if (p.endsWith(".")) p = p.substring(0, p.length() - 1);
        if (p.isEmpty() || host.isEmpty()) return false;
        if (!p.startsWith("*.")) {
            if (p.contains("*")) return false;
            return p.equals(host);
        }
        String suffix = p.substring(2);
        if (suffix.contains("*") || suffix.indexOf('.') < 0) return false;   // "*.com" or "*.*.a.b": not honoured
        int dot = host.indexOf('.');
        if (dot <= 0) return false;
        return host.substring(dot + 1).equals(suffix) && !isIpLiteral(host);
    }

    static String normalizeHost(String host) {
        String h = host.trim();
        if (h.startsWith("[") && h.endsWith("]")) h = h.substring(1, h.length() - 1);
        if (h.endsWith(".")) h = h.substring(0, h.length() - 1);
        if (!isIpLiteral(h)) {
            try { h = IDN.toASCII(h, IDN.USE_STD3_ASCII_RULES); } catch (IllegalArgumentException e) { /* left as is: will not match */ }
        }
        return h.toLowerCase(Locale.ROOT);
    }

    static boolean isIpLiteral(String h) {
        return h.matches("\\d{1,3}(\\.\\d{1,3}){3}") || (h.contains(":") && h.matches("[0-9a-fA-F:.]+"));
    }

    private static byte[] ipBytes(String h) {
        try { return InetAddress.getByName(h).getAddress(); } catch (Exception e) { return new byte[0]; }
    }

    /** Whether {@code s} is a plausible host name (letters, digits, hyphens; at least two labels): for CN checks. */
    static boolean looksLikeDnsName(String s) {
        String v = s.toLowerCase(Locale.ROOT);
        if (v.startsWith("*.")) v = v.substring(2);
        if (v.length() > 253 || v.indexOf('.') < 0) return false;
        for (String l : v.split("\\.", -1)) if (!LABEL.matcher(l).matches()) return false;
        return true;
    }

    private static boolean sans(X509Certificate cert, List<String> dns, List<byte[]> ips) {
        Collection<List<?>> alt;
        try { alt = cert.getSubjectAlternativeNames(); } catch (CertificateParsingException e) { return true; }
        if (alt == null) return false;
        for (List<?> e : alt) {
            int type = (Integer) e.get(0);
            if (type == 2) dns.add((String) e.get(1));
            if (type == 7) ips.add(ipBytes((String) e.get(1)));
        }
        return !alt.isEmpty();
    }

    private static List<String> commonNames(X509Certificate cert) {
        List<String> out = new ArrayList<>();
        try {
            for (Rdn r : new LdapName(cert.getSubjectX500Principal().getName()).getRdns()) {
                if (r.getType().equalsIgnoreCase("CN")) out.add(r.getValue().toString());
            }
        } catch (Exception e) {
            // no usable CN
        }
        return out;
    }
}
