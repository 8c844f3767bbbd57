package org.ucsec.tls.cipher;

/** A suite together with the OpenSSL bit masks the rule engine matches on (the SSL_CIPHER fields). */
record SuiteDef(CipherSuite suite, int mkey, int auth, int enc, int mac, int minTls, int algoStrength) {
    int id() {
        return suite.id();
    }

    int strengthBits() {
        return suite.strengthBits();
    }
}
