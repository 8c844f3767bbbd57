package org.ucsec.pki.catalogue;

/** The extended key usages of seed 001 tables 2/3 (OIDs from SPEC C2 / RFC 5280 4.2.1.12). */
public enum ExtendedKeyUsage {
    SERVER_AUTH("serverAuth", "1.3.6.1.5.5.7.3.1"),
    CLIENT_AUTH("clientAuth", "1.3.6.1.5.5.7.3.2"),
    IPSEC_END_SYSTEM("ipsecEndSystem", "1.3.6.1.5.5.7.3.5");

    private final String displayName;
    private final String oid;

    ExtendedKeyUsage(String displayName, String oid) { this.displayName = displayName; this.oid = oid; }

    public String displayName() { return displayName; }
    public String oid() { return oid; }

    public static ExtendedKeyUsage byOid(String oid) {
        for (ExtendedKeyUsage e : values()) if (e.oid.equals(oid)) return e;
        return null;
    }
}
