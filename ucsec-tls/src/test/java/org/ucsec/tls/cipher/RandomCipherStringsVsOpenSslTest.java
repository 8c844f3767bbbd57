package org.ucsec.tls.cipher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Complements the curated corpus: 200 cipher strings generated from OpenSSL's vocabulary with a fixed seed
 * (reproducible; {@code -Ducsec.cipher.randomStrings=N} for a longer run), each compared with the real binary like {@link CipherStringEngineVsOpenSslTest}.
 */
class RandomCipherStringsVsOpenSslTest {
    private static final String[] WORDS = {"ALL", "COMPLEMENTOFALL", "COMPLEMENTOFDEFAULT", "HIGH", "MEDIUM", "LOW",
            "eNULL", "NULL", "aNULL", "kRSA", "RSA", "aRSA", "kDHE", "kEDH", "DH", "DHE", "EDH", "ADH", "kECDHE",
            "kEECDH", "ECDH", "ECDHE", "EECDH", "AECDH", "aDSS", "DSS", "aECDSA", "ECDSA", "PSK", "kPSK", "aPSK",
            "kRSAPSK", "kDHEPSK", "kECDHEPSK", "SRP", "kSRP", "aSRP", "TLSv1.2", "TLSv1", "TLSv1.0", "SSLv3", "AES",
            "AES128", "AES256", "AESGCM", "AESCCM", "AESCCM8", "ARIA", "ARIA128", "ARIA256", "ARIAGCM", "CAMELLIA",
            "CAMELLIA128", "CAMELLIA256", "CHACHA20", "SEED", "CBC", "3DES", "RC4", "MD5", "SHA1", "SHA", "SHA256",
            "SHA384", "FIPS", "FOO", "ECDHE-RSA-AES128-GCM-SHA256", "AES256-SHA", "DHE-RSA-CHACHA20-POLY1305",
            "PSK-AES128-CCM8", "ADH-SEED-SHA", "ECDHE-ECDSA-CAMELLIA256-SHA384", "SRP-RSA-AES-128-CBC-SHA"};
    private static final String[] OPS = {"", "", "", "!", "-", "+"};
    private static final String[] SEPS = {":", ":", ":", ",", " ", ";"};

    static Stream<String> strings() {
        Random rnd = new Random(Long.getLong("ucsec.cipher.randomSeed", 20261122L));
        List<String> out = new ArrayList<>();
        int count = Integer.getInteger("ucsec.cipher.randomStrings", 200);
        for (int i = 0; i < count; i++) {
            StringBuilder sb = new StringBuilder(rnd.nextInt(8) == 0 ? "DEFAULT:" : "");
            int terms = 1 + rnd.nextInt(6);
            for (int t = 0; t < terms; t++) {
                if (t > 0) {
                    sb.append(SEPS[rnd.nextInt(SEPS.length)]);
                }
                if (rnd.nextInt(12) == 0) {
                    sb.append("@STRENGTH");
                    continue;
                }
                sb.append(OPS[rnd.nextInt(OPS.length)]);
                int parts = rnd.nextInt(4) == 0 ? 2 + rnd.nextInt(2) : 1;
                for (int p = 0; p < parts; p++) {
                    sb.append(p > 0 ? "+" : "").append(WORDS[rnd.nextInt(WORDS.length)]);
                }
            }
            out.add(sb.toString());
        }
        return out.stream();
    }

    @ParameterizedTest(name = "\"{0}\"")
    @MethodSource("strings")
    void randomString_matchesOpenSslBinary(String spec) {
        assumeTrue(OpenSslBinary.isReferenceVersion(OpenSslBinary.version()), "needs OpenSSL 1.1.1/3.0");
        for (OpenSslCatalog catalog : OpenSslCatalog.values()) {
            OpenSslBinary.Listing ref = OpenSslBinary.ciphers(spec, catalog);
            CipherExpansion mine = CipherStringEngine.standard().expand(spec, Dialect.OPENSSL, catalog);
            assertThat(mine.openSslNames()).as("%s %s", catalog, spec).containsExactlyElementsOf(ref.names());
            assertThat(mine.valid()).as("%s %s: %s", catalog, spec, ref.stderr()).isEqualTo(!ref.rejected());
        }
    }
}
