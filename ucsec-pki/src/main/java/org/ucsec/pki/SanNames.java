package org.ucsec.pki;

import org.ucsec.core.UcsecException;

import java.net.IDN;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/** Subject alternative names: DNS names (optionally one leading wildcard label) and IP addresses. */
public final class SanNames {
    private static final Pattern LABEL = Pattern.compile("[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?");
    private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");

    private SanNames() {}

    /** Longest DNS name, without the trailing dot (RFC 1035 section 2.3.4: 255 octets on the wire, 253 characters as text). */
    public static final int MAX_DNS_NAME_LENGTH = 253;

    /**
     * Normalizes and de-duplicates, keeping order; refuses a name that is not a DNS name or IP address, and more than
     * {@link Certs#MAX_SANS} distinct names ({@code cert.too-many-sans}) as soon as the limit is passed, so the work is
     * bounded whatever the list's length.
     */
    public static List<String> normalize(List<String> names) {
        Set<String> out = new LinkedHashSet<>();
        for (String n : names) {
            if (n == null || n.isBlank()) continue;
            out.add(validate(n.trim()));
            if (out.size() > Certs.MAX_SANS) throw tooMany(names.size());
        }
        return new ArrayList<>(out);
    }

    static UcsecException tooMany(int count) {
        return new UcsecException("cert.too-many-sans", "subject alternative names: " + count + " given, more than the " + Certs.MAX_SANS
                + " a certificate may carry (public CAs issue at most " + Certs.MAX_SANS + "; larger certificates do not fit a TLS handshake)");
    }

    public static boolean isIp(String s) { return IPV4.matcher(s).matches() || s.contains(":"); }

    public static String validate(String name) {
        // an IDN's ASCII form is never shorter than its Unicode form, so a longer input cannot become a valid name
        if (name.length() > MAX_DNS_NAME_LENGTH + 1) {
            throw new UcsecException("san.invalid", "subject alternative name '" + name.substring(0, 40) + "...' is " + name.length()
                    + " characters long, more than the " + MAX_DNS_NAME_LENGTH + " of a DNS name (RFC 1035 section 2.3.4)");
        }
        if (IPV4.matcher(name).matches()) {
            for (String part : name.split("\\.")) if (Integer.parseInt(part) > 255) throw bad(name);
            return name;
        }
        if (name.contains(":")) {
            if (!name.matches("[0-9A-Fa-f:.]+")) throw bad(name);
            try { java.net.InetAddress.getByName(name); return name; } catch (java.io.IOException e) { throw bad(name); }
        }
        String ascii;
        try { ascii = IDN.toASCII(name, IDN.USE_STD3_ASCII_RULES & 0).toLowerCase(Locale.ROOT); } catch (IllegalArgumentException e) { throw bad(name); }
        if (ascii.endsWith(".")) ascii = ascii.substring(0, ascii.length() - 1);
        if (ascii.isEmpty() || ascii.length() > 253) throw bad(name);
        String[] labels = ascii.split("\\.", -1);
        for (int i = 0; i < labels.length; i++) {
            if (i == 0 && labels[i].equals("*") && labels.length > 2) continue;
            if (!LABEL.matcher(labels[i]).matches()) throw bad(name);
        }
        return ascii;
    }

    private static UcsecException bad(String name) {
        return new UcsecException("san.invalid", "'" + name + "' is not a valid DNS name or IP address for a subject alternative name");
    }
}
