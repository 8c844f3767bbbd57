package org.ucsec.node.provisioning;

import javax.naming.InvalidNameException;
import javax.naming.ldap.LdapName;
import javax.naming.ldap.Rdn;
import javax.security.auth.x500.X500Principal;
import java.security.cert.X509Certificate;
import java.util.Locale;

/**
 * Who a phone is, from its client certificate (SPEC P6; seed 003 "multiplatform phone CA client root certificate"):
 * the subject carries the product name in OU, the MAC address in S (stateOrProvinceName, shown {@code ST=} by Java)
 * and the serial number in L, e.g. {@code OU=CP-8841-3PCC, L=88012BA01234, S=000e08abcdef}.
 *
 * @param product the OU (model), e.g. {@code CP-8841-3PCC}
 * @param mac     12 lowercase hex digits (the certificate may write it in either case, with ':' or '-' between pairs)
 * @param serial  the L, e.g. {@code 88012BA01234} (empty when the certificate has none)
 * @param subject the whole subject (RFC 2253), for logs
 */
public record PhoneIdentity(String product, String mac, String serial, String subject) {
    /** Why a certificate does not identify one phone: a registered code and a reason naming the subject. */
    public static final class NotAPhone extends Exception {
        final String code;

        NotAPhone(String code, String message) {
            super(message, null, false, false);
            this.code = code;
        }

        public String code() { return code; }
    }

    /** The phone a client certificate names (the leaf of a chain the validator accepted). */
    public static PhoneIdentity of(X509Certificate leaf) throws NotAPhone {
        String raw = leaf.getSubjectX500Principal().getName(X500Principal.RFC2253);
        String subject = loggable(raw); // for logs and messages: a CA may have put control characters in a name
        String ou = null, st = null, l = null;
        try {
            for (Rdn rdn : new LdapName(raw).getRdns()) {
                String type = rdn.getType().toUpperCase(Locale.ROOT);
                if (!(rdn.getValue() instanceof String v)) continue;
                switch (type) {
                    case "OU" -> ou = once(ou, v, "OU", subject);
                    case "ST", "S" -> st = once(st, v, "S", subject);
                    case "L" -> l = once(l, v, "L", subject);
                    default -> { }
                }
            }
        } catch (InvalidNameException e) {
            throw new NotAPhone("provisioning.certificate-not-a-phone", "client certificate subject '" + subject + "' cannot be read: " + e.getMessage());
        }
        if (st == null || st.isBlank())
            throw new NotAPhone("provisioning.generic-certificate", "client certificate '" + subject + "' carries no MAC address (subject S); "
                    + "a generic certificate does not identify one phone, so no phone's cfg.xml is served to it");
        String mac = normalizeMac(st);
        if (mac == null)
            throw new NotAPhone("provisioning.certificate-not-a-phone", "client certificate '" + subject + "': S='" + printable(st) + "' is not a MAC address (12 hex digits)");
        if (ou == null || ou.isBlank())
            throw new NotAPhone("provisioning.certificate-not-a-phone", "client certificate '" + subject + "' carries no product name (subject OU)");
        return new PhoneIdentity(loggable(ou.strip()), mac, l == null ? "" : loggable(l.strip()), subject);
    }

    private static String once(String seen, String v, String attr, String subject) throws NotAPhone {
        if (seen != null) throw new NotAPhone("provisioning.certificate-not-a-phone", "client certificate '" + subject + "' has more than one " + attr + "; exactly one is expected");
        return v;
    }

    /** 12 hex digits, optionally in pairs separated by ':' or '-' (one separator throughout), as 12 lowercase digits; else null. */
    public static String normalizeMac(String s) {
        String t = s.strip();
        if (t.length() == 17) {
            char sep = t.charAt(2);
            if (sep != ':' && sep != '-') return null;
            StringBuilder b = new StringBuilder(12);
            for (int i = 0; i < 17; i++) {
                if (i % 3 == 2) { if (t.charAt(i) != sep) return null; } else b.append(t.charAt(i));
            }
            t = b.toString();
        }
        if (t.length() != 12) return null;
        for (int i = 0; i < 12; i++) if (Character.digit(t.charAt(i), 16) < 0 || t.charAt(i) > 'f') return null;
        return t.toLowerCase(Locale.ROOT);
    }

    /** {@code s} with control characters shown as '?' (whole; a subject is bounded by its certificate). */
    static String loggable(String s) {
        StringBuilder b = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            b.append(c < 0x20 || c == 0x7f || (c >= 0x80 && c < 0xa0) ? '?' : c);
        }
        return b.toString();
    }

    static String printable(String s) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < s.length() && i < 64; i++) {
            char c = s.charAt(i);
            b.append(c < 0x20 || c == 0x7f ? '?' : c);
        }
        return b.toString();
    }
}
