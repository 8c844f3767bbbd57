package org.ucsec.pki.catalogue;

/** The key usage bits of seed 001 tables 2/3, in column order. */
public enum KeyUsageBit {
    DIGITAL_SIGNATURE("digitalSignature", org.bouncycastle.asn1.x509.KeyUsage.digitalSignature),
    KEY_ENCIPHERMENT("keyEncipherment", org.bouncycastle.asn1.x509.KeyUsage.keyEncipherment),
    DATA_ENCIPHERMENT("dataEncipherment", org.bouncycastle.asn1.x509.KeyUsage.dataEncipherment),
    KEY_CERT_SIGN("keyCertSign", org.bouncycastle.asn1.x509.KeyUsage.keyCertSign),
    KEY_AGREEMENT("keyAgreement", org.bouncycastle.asn1.x509.KeyUsage.keyAgreement);

    private final String displayName;
    private final int bcBit;

    KeyUsageBit(String displayName, int bcBit) { this.displayName = displayName; this.bcBit = bcBit; }

    public String displayName() { return displayName; }
    public int bcBit() { return bcBit; }

    /** Index into {@code X509Certificate.getKeyUsage()} (RFC 5280 4.2.1.3 bit numbers). */
    public int rfcIndex() {
        return switch (this) {
            case DIGITAL_SIGNATURE -> 0;
            case KEY_ENCIPHERMENT -> 2;
            case DATA_ENCIPHERMENT -> 3;
            case KEY_AGREEMENT -> 4;
            case KEY_CERT_SIGN -> 5;
        };
    }
}
