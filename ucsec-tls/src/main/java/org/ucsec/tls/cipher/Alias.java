package org.ucsec.tls.cipher;

import static org.ucsec.tls.cipher.Algo.*;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A cipher-string alias: OpenSSL 3.0's {@code cipher_aliases[]} ({@code ssl/ssl_ciph.c}), field for field.
 * Zero means "any" for a mask; {@code ~X} masks mean "anything but X".
 */
record Alias(String name, int mkey, int auth, int enc, int mac, int minTls, int algoStrength) {

    private static Alias a(String name, int mkey, int auth, int enc, int mac, int minTls, int strength) {
        return new Alias(name, mkey, auth, enc, mac, minTls, strength);
    }

    private static Alias kx(String name, int mkey) {
        return a(name, mkey, 0, 0, 0, 0, 0);
    }

    private static Alias au(String name, int auth) {
        return a(name, 0, auth, 0, 0, 0, 0);
    }

    private static Alias enc(String name, int enc) {
        return a(name, 0, 0, enc, 0, 0, 0);
    }

    private static Alias mac(String name, int mac) {
        return a(name, 0, 0, 0, mac, 0, 0);
    }

    private static Alias version(String name, int minTls) {
        return a(name, 0, 0, 0, 0, minTls, 0);
    }

    private static Alias strength(String name, int strength) {
        return a(name, 0, 0, 0, 0, 0, strength);
    }

    /** In OpenSSL's table order. */
    static final List<Alias> ALL = List.of(
            enc("ALL", ~eNULL),
            enc("COMPLEMENTOFALL", eNULL),
            strength("COMPLEMENTOFDEFAULT", NOT_DEFAULT),

            kx("kRSA", kRSA),
            kx("kEDH", kDHE), kx("kDHE", kDHE), kx("DH", kDHE),
            kx("kEECDH", kECDHE), kx("kECDHE", kECDHE), kx("ECDH", kECDHE),
            kx("kPSK", kPSK), kx("kRSAPSK", kRSAPSK), kx("kECDHEPSK", kECDHEPSK), kx("kDHEPSK", kDHEPSK),
            kx("kSRP", kSRP), kx("kGOST", kGOST), kx("kGOST18", kGOST18),

            au("aRSA", aRSA), au("aDSS", aDSS), au("DSS", aDSS), au("aNULL", aNULL), au("aECDSA", aECDSA),
            au("ECDSA", aECDSA), au("aPSK", aPSK), au("aGOST01", aGOST01), au("aGOST12", aGOST12),
            au("aGOST", aGOST01 | aGOST12), au("aSRP", aSRP),

            a("EDH", kDHE, ~aNULL, 0, 0, 0, 0), a("DHE", kDHE, ~aNULL, 0, 0, 0, 0),
            a("EECDH", kECDHE, ~aNULL, 0, 0, 0, 0), a("ECDHE", kECDHE, ~aNULL, 0, 0, 0, 0),
            enc("NULL", eNULL),
            a("RSA", kRSA, aRSA, 0, 0, 0, 0),
            a("ADH", kDHE, aNULL, 0, 0, 0, 0), a("AECDH", kECDHE, aNULL, 0, 0, 0, 0),
            kx("PSK", PSK), kx("SRP", kSRP),

            enc("3DES", TDES), enc("RC4", RC4), enc("RC2", RC2), enc("IDEA", IDEA), enc("SEED", SEED),
            enc("eNULL", eNULL),
            enc("GOST89", eGOST2814789CNT | eGOST2814789CNT12 | MAGMA | KUZNYECHIK),
            enc("AES128", AES128 | AES128GCM | AES128CCM | AES128CCM8),
            enc("AES256", AES256 | AES256GCM | AES256CCM | AES256CCM8),
            enc("AES", AES), enc("AESGCM", AESGCM), enc("AESCCM", AESCCM),
            enc("AESCCM8", AES128CCM8 | AES256CCM8),
            enc("CAMELLIA128", CAMELLIA128), enc("CAMELLIA256", CAMELLIA256), enc("CAMELLIA", CAMELLIA),
            enc("CHACHA20", CHACHA20),
            enc("GOST2012-GOST8912-GOST8912", eGOST2814789CNT12),
            enc("ARIA", ARIA), enc("ARIAGCM", ARIAGCM), enc("ARIA128", ARIA128GCM), enc("ARIA256", ARIA256GCM),
            enc("CBC", CBC),

            mac("MD5", MD5), mac("SHA1", SHA1), mac("SHA", SHA1), mac("GOST94", GOST94),
            mac("GOST89MAC", GOST89MAC | GOST89MAC12), mac("SHA256", SHA256), mac("SHA384", SHA384),
            mac("GOST12", GOST12_256),

            version("SSLv3", SSL3), version("TLSv1", TLS1), version("TLSv1.0", TLS1),
            version("TLSv1.2", TLS1_2),

            strength("LOW", LOW), strength("MEDIUM", MEDIUM), strength("HIGH", HIGH),
            a("FIPS", 0, 0, ~eNULL, 0, 0, FIPS),

            // "EDH-" spellings kept for backward compatibility (note: HIGH, so they match no 3DES suite)
            a("EDH-DSS-DES-CBC3-SHA", kDHE, aDSS, TDES, SHA1, 0, HIGH | FIPS),
            a("EDH-RSA-DES-CBC3-SHA", kDHE, aRSA, TDES, SHA1, 0, HIGH | FIPS));

    static final Map<String, Alias> BY_NAME;

    static {
        Map<String, Alias> m = new LinkedHashMap<>();
        for (Alias alias : ALL) {
            m.putIfAbsent(alias.name(), alias);
        }
        BY_NAME = Map.copyOf(m);
    }
}
