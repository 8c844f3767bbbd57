package org.ucsec.tls.policy;

import org.ucsec.core.UcsecException;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/** TLS protocol versions ucsec can name as a minimum ({@code set tls min-version 1.0|1.1|1.2|1.3}). Ordered oldest first. */
public enum TlsVersion {
    TLS_1_0("1.0", "TLSv1"),
    TLS_1_1("1.1", "TLSv1.1"),
    TLS_1_2("1.2", "TLSv1.2"),
    TLS_1_3("1.3", "TLSv1.3");

    private final String number;
    private final String jsseName;

    TlsVersion(String number, String jsseName) {
        this.number = number;
        this.jsseName = jsseName;
    }

    /** "1.2" as operators type it. */
    public String number() { return number; }

    /** The JSSE protocol name ("TLSv1.2"), as used by {@code SSLParameters.setProtocols}. */
    public String jsseName() { return jsseName; }

    public boolean atLeast(TlsVersion other) { return compareTo(other) >= 0; }

    /** This version and every newer one, as JSSE protocol names, oldest first. */
    public List<String> andNewer() {
        return Arrays.stream(values()).filter(v -> v.atLeast(this)).map(TlsVersion::jsseName).toList();
    }

    /** Accepts "1.2", "TLSv1.2", "TLS1.2", "tlsv1.2"; "TLSv1" / "1" for 1.0. Refuses anything else with {@code tls.version-unknown}. */
    public static TlsVersion parse(String s) {
        if (s != null) {
            String n = s.trim().toLowerCase(Locale.ROOT).replace("tlsv", "").replace("tls", "").replace("_", ".").trim();
            if (n.equals("1")) n = "1.0";
            for (TlsVersion v : values()) if (v.number.equals(n)) return v;
        }
        throw new UcsecException("tls.version-unknown", "unknown TLS version '" + s + "'; allowed: 1.0, 1.1, 1.2, 1.3");
    }

    /** The version for a JSSE protocol name, or null for names that are not TLS 1.0-1.3 (SSLv3, DTLS, SSLv2Hello). */
    public static TlsVersion ofJsse(String jsseName) {
        for (TlsVersion v : values()) if (v.jsseName.equals(jsseName)) return v;
        return null;
    }

    @Override public String toString() { return "TLS " + number; }
}
