package org.ucsec.tls.cipher;

import java.util.Map;

/**
 * OpenSSL's algorithm bit masks ({@code ssl/ssl_local.h}) and the display strings of
 * {@code SSL_CIPHER_description}. Only relative bit positions matter: the engine matches by
 * overlap, exactly as {@code ssl_cipher_apply_rule} does.
 */
final class Algo {
    private Algo() {}

    // key exchange (algorithm_mkey)
    static final int kRSA = 1, kDHE = 1 << 1, kECDHE = 1 << 2, kPSK = 1 << 3, kRSAPSK = 1 << 4,
            kECDHEPSK = 1 << 5, kDHEPSK = 1 << 6, kSRP = 1 << 7, kGOST = 1 << 8, kGOST18 = 1 << 9;
    static final int PSK = kPSK | kRSAPSK | kECDHEPSK | kDHEPSK;

    // server authentication (algorithm_auth)
    static final int aRSA = 1, aDSS = 1 << 1, aNULL = 1 << 2, aECDSA = 1 << 3, aPSK = 1 << 4,
            aGOST01 = 1 << 5, aGOST12 = 1 << 6, aSRP = 1 << 7;

    // symmetric encryption (algorithm_enc)
    static final int DES = 1, TDES = 1 << 1, RC4 = 1 << 2, RC2 = 1 << 3, IDEA = 1 << 4, eNULL = 1 << 5,
            AES128 = 1 << 6, AES256 = 1 << 7, CAMELLIA128 = 1 << 8, CAMELLIA256 = 1 << 9,
            eGOST2814789CNT = 1 << 10, SEED = 1 << 11, AES128GCM = 1 << 12, AES256GCM = 1 << 13,
            AES128CCM = 1 << 14, AES256CCM = 1 << 15, AES128CCM8 = 1 << 16, AES256CCM8 = 1 << 17,
            eGOST2814789CNT12 = 1 << 18, CHACHA20POLY1305 = 1 << 19, ARIA128GCM = 1 << 20,
            ARIA256GCM = 1 << 21, MAGMA = 1 << 22, KUZNYECHIK = 1 << 23;
    static final int AESGCM = AES128GCM | AES256GCM;
    static final int AESCCM = AES128CCM | AES256CCM | AES128CCM8 | AES256CCM8;
    static final int AES = AES128 | AES256 | AESGCM | AESCCM;
    static final int CAMELLIA = CAMELLIA128 | CAMELLIA256;
    static final int CHACHA20 = CHACHA20POLY1305;
    static final int ARIAGCM = ARIA128GCM | ARIA256GCM;
    static final int ARIA = ARIAGCM;
    static final int CBC = DES | TDES | RC2 | IDEA | AES128 | AES256 | CAMELLIA128 | CAMELLIA256 | SEED;

    // message authentication (algorithm_mac)
    static final int MD5 = 1, SHA1 = 1 << 1, GOST94 = 1 << 2, GOST89MAC = 1 << 3, SHA256 = 1 << 4,
            SHA384 = 1 << 5, AEAD = 1 << 6, GOST12_256 = 1 << 7, GOST89MAC12 = 1 << 8, GOST12_512 = 1 << 9,
            MAGMAOMAC = 1 << 10, KUZNYECHIKOMAC = 1 << 11;

    // algo_strength
    static final int STRONG_NONE = 0x01, LOW = 0x02, MEDIUM = 0x04, HIGH = 0x08, FIPS = 0x10;
    static final int STRONG_MASK = 0x1F;
    static final int NOT_DEFAULT = 0x20;
    static final int DEFAULT_MASK = 0x20;

    // protocol versions (min_tls)
    static final int SSL3 = 0x0300, TLS1 = 0x0301, TLS1_2 = 0x0303;

    /** Symbolic name in openssl-suites.tsv -> bit, with the description text of SSL_CIPHER_description. */
    record Sym(int bit, String display) {}

    static final Map<String, Sym> KX = Map.of(
            "kRSA", new Sym(kRSA, "RSA"), "kDHE", new Sym(kDHE, "DH"), "kECDHE", new Sym(kECDHE, "ECDH"),
            "kPSK", new Sym(kPSK, "PSK"), "kRSAPSK", new Sym(kRSAPSK, "RSAPSK"),
            "kECDHEPSK", new Sym(kECDHEPSK, "ECDHEPSK"), "kDHEPSK", new Sym(kDHEPSK, "DHEPSK"),
            "kSRP", new Sym(kSRP, "SRP"));

    static final Map<String, Sym> AU = Map.of(
            "aRSA", new Sym(aRSA, "RSA"), "aDSS", new Sym(aDSS, "DSS"), "aNULL", new Sym(aNULL, "None"),
            "aECDSA", new Sym(aECDSA, "ECDSA"), "aPSK", new Sym(aPSK, "PSK"), "aSRP", new Sym(aSRP, "SRP"));

    static final Map<String, Sym> ENC = Map.ofEntries(
            Map.entry("3DES", new Sym(TDES, "3DES(168)")), Map.entry("RC4", new Sym(RC4, "RC4(128)")),
            Map.entry("IDEA", new Sym(IDEA, "IDEA(128)")), Map.entry("eNULL", new Sym(eNULL, "None")),
            Map.entry("AES128", new Sym(AES128, "AES(128)")), Map.entry("AES256", new Sym(AES256, "AES(256)")),
            Map.entry("AES128GCM", new Sym(AES128GCM, "AESGCM(128)")),
            Map.entry("AES256GCM", new Sym(AES256GCM, "AESGCM(256)")),
            Map.entry("AES128CCM", new Sym(AES128CCM, "AESCCM(128)")),
            Map.entry("AES256CCM", new Sym(AES256CCM, "AESCCM(256)")),
            Map.entry("AES128CCM8", new Sym(AES128CCM8, "AESCCM8(128)")),
            Map.entry("AES256CCM8", new Sym(AES256CCM8, "AESCCM8(256)")),
            Map.entry("CAMELLIA128", new Sym(CAMELLIA128, "Camellia(128)")),
            Map.entry("CAMELLIA256", new Sym(CAMELLIA256, "Camellia(256)")),
            Map.entry("ARIA128GCM", new Sym(ARIA128GCM, "ARIAGCM(128)")),
            Map.entry("ARIA256GCM", new Sym(ARIA256GCM, "ARIAGCM(256)")),
            Map.entry("SEED", new Sym(SEED, "SEED(128)")),
            Map.entry("CHACHA20POLY1305", new Sym(CHACHA20POLY1305, "CHACHA20/POLY1305(256)")));

    static final Map<String, Sym> MAC = Map.of(
            "MD5", new Sym(MD5, "MD5"), "SHA1", new Sym(SHA1, "SHA1"), "SHA256", new Sym(SHA256, "SHA256"),
            "SHA384", new Sym(SHA384, "SHA384"), "AEAD", new Sym(AEAD, "AEAD"));

    static final Map<String, Integer> STRENGTH = Map.of(
            "NONE", STRONG_NONE, "LOW", LOW, "MEDIUM", MEDIUM, "HIGH", HIGH, "FIPS", FIPS,
            "NOT_DEFAULT", NOT_DEFAULT);

    static final Map<String, Integer> PROTOCOL = Map.of("SSLv3", SSL3, "TLSv1", TLS1, "TLSv1.2", TLS1_2);
}
