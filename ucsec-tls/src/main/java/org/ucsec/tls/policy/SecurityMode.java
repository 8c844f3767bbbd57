package org.ucsec.tls.policy;

/** The three security modes of seeds 000/002 ("FIPS 모드" / "FIPSモード" section). BASELINE = rules that hold with no mode on. */
public enum SecurityMode {
    BASELINE("no security mode"),
    FIPS("FIPS mode"),
    ENHANCED_SECURITY("enhanced security mode"),
    COMMON_CRITERIA("common criteria mode");

    private final String displayName;

    SecurityMode(String displayName) { this.displayName = displayName; }

    public String displayName() { return displayName; }
}
