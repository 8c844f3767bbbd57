package org.ucsec.phone;

import org.ucsec.core.UcsecException;

import java.util.Locale;
import java.util.regex.Pattern;

/** MAC addresses as the provisioning path keys them: 12 lowercase hex digits, no separators ({@code 000e08abcdef}). */
public final class Mac {
    private Mac() {}

    private static final Pattern PLAIN = Pattern.compile("[0-9a-fA-F]{12}");
    private static final Pattern SEPARATED = Pattern.compile("[0-9a-fA-F]{2}([:-])[0-9a-fA-F]{2}(\\1[0-9a-fA-F]{2}){4}");
    private static final Pattern DOTTED = Pattern.compile("[0-9a-fA-F]{4}\\.[0-9a-fA-F]{4}\\.[0-9a-fA-F]{4}");

    /** Accepts {@code 000E08ABCDEF}, {@code 00:0e:08:ab:cd:ef}, {@code 00-0E-08-AB-CD-EF}, {@code 000e.08ab.cdef}; refuses anything else. */
    public static String normalize(String mac) {
        if (mac == null) throw new UcsecException("phone.invalid-mac", "MAC address is required");
        String m = mac.trim();
        if (PLAIN.matcher(m).matches() || SEPARATED.matcher(m).matches() || DOTTED.matcher(m).matches()) {
            return m.replaceAll("[:.\\-]", "").toLowerCase(Locale.ROOT);
        }
        throw new UcsecException("phone.invalid-mac", "'" + Problem.printable(mac) + "' is not a MAC address (12 hex digits, e.g. 000e08abcdef or 00:0e:08:ab:cd:ef)");
    }
}
