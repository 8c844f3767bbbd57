package org.ucsec.tls.policy;

import java.util.Locale;

/**
 * A JSSE / IANA cipher suite name taken apart: {@code TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256} is key exchange
 * {@code ECDHE_RSA}, cipher {@code AES_128_GCM}, MAC/PRF hash {@code SHA256}. TLS 1.3 names
 * ({@code TLS_AES_128_GCM_SHA256}) have no key exchange ({@link #TLS13_KEY_EXCHANGE}). Legacy {@code SSL_} names
 * are read the same way. Signalling values ({@code TLS_EMPTY_RENEGOTIATION_INFO_SCSV}, {@code TLS_FALLBACK_SCSV})
 * are {@link #signalling()}: they are not ciphers.
 */
public record CipherSuiteName(String name, String keyExchange, String cipher, String mac, boolean signalling) {

    /** Key exchange of TLS 1.3 suites (negotiated separately, always (EC)DHE or PSK). */
    public static final String TLS13_KEY_EXCHANGE = "TLS13";

    public static CipherSuiteName parse(String jsseName) {
        String n = jsseName.trim();
        String u = n.toUpperCase(Locale.ROOT);
        if (u.endsWith("_SCSV")) return new CipherSuiteName(n, "", "", "", true);
        String body = u.startsWith("TLS_") || u.startsWith("SSL_") ? n.substring(4) : n;
        String kx;
        String rest;
        int with = body.indexOf("_WITH_");
        if (with >= 0) {
            kx = body.substring(0, with);
            rest = body.substring(with + "_WITH_".length());
        } else {
            kx = TLS13_KEY_EXCHANGE;
            rest = body;
        }
        // rest = CIPHER_MAC, e.g. AES_128_GCM_SHA256, 3DES_EDE_CBC_SHA, AES_128_CCM (no MAC), AES_128_CCM_8
        String cipher = rest;
        String mac = "";
        String ur = rest.toUpperCase(Locale.ROOT);
        if (!(ur.endsWith("_CCM") || ur.endsWith("_CCM_8"))) {
            int last = rest.lastIndexOf('_');
            if (last > 0) {
                cipher = rest.substring(0, last);
                mac = rest.substring(last + 1);
            }
        }
        return new CipherSuiteName(n, kx, cipher, mac, false);
    }

    public boolean isTls13() { return TLS13_KEY_EXCHANGE.equals(keyExchange); }
}
