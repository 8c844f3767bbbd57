package org.ucsec.tls.cipher;

import org.ucsec.tls.cipher.CipherSuite.Availability;

/**
 * Which compiled-in suites the engine starts from, i.e. which OpenSSL build it imitates. Both are checked
 * against the real binary by the tests; neither depends on the security level (see {@link CipherStringEngine}).
 */
public enum OpenSslCatalog {
    /**
     * OpenSSL 3.0 with its default provider: what plain {@code openssl ciphers} uses (155 suites on the
     * reference build). Used for server-side (S4/S5) strings.
     */
    DEFAULT_PROVIDER,
    /**
     * OpenSSL 3.0 with the legacy and default providers ({@code openssl ciphers -provider legacy -provider
     * default}): adds the SEED suites. This is the closest model of OpenSSL 1.1.1d, which has SEED built in,
     * and is what the phone dialect uses.
     */
    WITH_LEGACY_PROVIDER;

    boolean includes(Availability availability) {
        return switch (availability) {
            case DEFAULT_PROVIDER -> true;
            case LEGACY_PROVIDER -> this == WITH_LEGACY_PROVIDER;
            case NOT_BUILT -> false;
        };
    }
}
