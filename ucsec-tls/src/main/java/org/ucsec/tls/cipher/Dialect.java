package org.ucsec.tls.cipher;

/** Which words a cipher string may use. */
public enum Dialect {
    /** Everything OpenSSL accepts (server-side TLS contexts, S4/S5). Starts from OpenSSL 3's default provider. */
    OPENSSL(OpenSslCatalog.DEFAULT_PROVIDER),
    /**
     * A phone's {@code TLS_Cipher_List} (P9): only the words of seed 003's supported-strings table; any other
     * word is reported as {@link CipherProblem#UNSUPPORTED_ON_PHONE} and treated like a word OpenSSL does not
     * know (ignored), so the rest of the string still expands. The phones run OpenSSL 1.1.1d, which has SEED
     * built in, hence the legacy-provider catalog.
     */
    PHONE(OpenSslCatalog.WITH_LEGACY_PROVIDER);

    private final OpenSslCatalog defaultCatalog;

    Dialect(OpenSslCatalog defaultCatalog) {
        this.defaultCatalog = defaultCatalog;
    }

    public OpenSslCatalog defaultCatalog() {
        return defaultCatalog;
    }
}
