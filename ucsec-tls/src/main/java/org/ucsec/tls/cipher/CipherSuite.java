package org.ucsec.tls.cipher;

import java.util.Locale;

/**
 * One concrete TLS 1.2-or-older cipher suite, as {@code openssl ciphers -V -stdname -v} describes it.
 *
 * @param id           two-byte TLS id (for example {@code 0xC02F})
 * @param openSslName  OpenSSL name, e.g. {@code ECDHE-RSA-AES128-GCM-SHA256}
 * @param ianaName     IANA/RFC name, e.g. {@code TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256}; JSSE uses the same
 *                     names (see {@link JdkCipherSuites} for the few it spells with {@code SSL_})
 * @param protocol     protocol the suite first appeared in: {@code SSLv3}, {@code TLSv1} or {@code TLSv1.2}
 * @param kx           key exchange as OpenSSL prints it ({@code RSA}, {@code DH}, {@code ECDH}, {@code PSK} ...)
 * @param au           authentication ({@code RSA}, {@code ECDSA}, {@code DSS}, {@code None} ...)
 * @param enc          encryption with key bits ({@code AESGCM(128)}, {@code CHACHA20/POLY1305(256)} ...)
 * @param mac          MAC ({@code SHA1}, {@code SHA256}, {@code SHA384}, {@code AEAD}, {@code MD5})
 * @param strengthBits effective strength in bits (what {@code @STRENGTH} sorts by)
 * @param algBits      key bits of the cipher
 * @param strength     OpenSSL strength class (the {@code HIGH}/{@code MEDIUM}/{@code LOW} aliases)
 * @param fips         flagged FIPS-approved by OpenSSL (the {@code FIPS} alias)
 * @param inDefault    part of OpenSSL's {@code DEFAULT} candidates (not in {@code COMPLEMENTOFDEFAULT})
 * @param availability whether the reference OpenSSL build can select it
 */
public record CipherSuite(
        int id,
        String openSslName,
        String ianaName,
        String protocol,
        String kx,
        String au,
        String enc,
        String mac,
        int strengthBits,
        int algBits,
        StrengthClass strength,
        boolean fips,
        boolean inDefault,
        Availability availability) {

    /** OpenSSL's strength classes. */
    public enum StrengthClass { NONE, LOW, MEDIUM, HIGH }

    /** Whether the reference OpenSSL build (see openssl-suites.tsv) can select a suite. */
    public enum Availability {
        /** Built and usable with OpenSSL 3's default provider. */
        DEFAULT_PROVIDER,
        /** Built, but its cipher is only in OpenSSL 3's legacy provider (SEED). OpenSSL 1.1.1 has it built in. */
        LEGACY_PROVIDER,
        /** Compiled out of the reference build (3DES, RC4, IDEA); known by name only, never selected. */
        NOT_BUILT
    }

    /** The id as OpenSSL's {@code -V} prints it, e.g. {@code 0xC0,0x2F}. */
    public String hexId() {
        return String.format(Locale.ROOT, "0x%02X,0x%02X", (id >> 8) & 0xFF, id & 0xFF);
    }
}
