package org.ucsec.tls.cipher;

import java.util.Arrays;
import java.util.Optional;

/**
 * The TLS 1.3 cipher suites (RFC 8446 section B.4). They are not part of the cipher string: as in OpenSSL
 * ({@code SSL_CTX_set_ciphersuites}, {@code openssl s_server -ciphersuites}) they are a separate, colon-separated list
 * of these names, see {@link Tls13Ciphersuites}. OpenSSL and IANA spell them the same.
 */
public enum Tls13Suite {
    TLS_AES_128_GCM_SHA256(0x1301, "AESGCM(128)", 128),
    TLS_AES_256_GCM_SHA384(0x1302, "AESGCM(256)", 256),
    TLS_CHACHA20_POLY1305_SHA256(0x1303, "CHACHA20/POLY1305(256)", 256),
    TLS_AES_128_CCM_SHA256(0x1304, "AESCCM(128)", 128),
    TLS_AES_128_CCM_8_SHA256(0x1305, "AESCCM8(128)", 128);

    private final int id;
    private final String enc;
    private final int strengthBits;

    Tls13Suite(int id, String enc, int strengthBits) {
        this.id = id;
        this.enc = enc;
        this.strengthBits = strengthBits;
    }

    /** Two-byte TLS id (RFC 8446 section B.4). */
    public int id() { return id; }

    /** IANA name; also the OpenSSL and JSSE name. */
    public String ianaName() { return name(); }

    /** Encryption as OpenSSL prints it ({@code openssl ciphers -v}). */
    public String enc() { return enc; }

    public int strengthBits() { return strengthBits; }

    /** Key exchange as {@code openssl ciphers -v} prints it for TLS 1.3: {@code any} (negotiated separately, RFC 8446 section 4.2.7). */
    public String kx() { return "any"; }

    /** Authentication as {@code openssl ciphers -v} prints it for TLS 1.3: {@code any} (signature algorithms, RFC 8446 section 4.2.3). */
    public String au() { return "any"; }

    /** MAC: {@code AEAD}. */
    public String mac() { return "AEAD"; }

    /** The protocol, as {@link CipherSuite#protocol()} spells it for the older suites. */
    public String protocol() { return "TLSv1.3"; }

    /** Looks a TLS 1.3 suite up by its (case-sensitive, as in OpenSSL) name. */
    public static Optional<Tls13Suite> byName(String name) {
        return Arrays.stream(values()).filter(s -> s.name().equals(name)).findFirst();
    }
}
