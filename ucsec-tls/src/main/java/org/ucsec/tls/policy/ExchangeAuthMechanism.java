package org.ucsec.tls.policy;

/** Authentication mechanisms the presence engine uses towards Exchange for calendar integration (seeds 000/002). */
public enum ExchangeAuthMechanism {
    NTLM_V1("NTLMv1"), NTLM_V2("NTLMv2"), BASIC("Basic");

    private final String displayName;

    ExchangeAuthMechanism(String displayName) { this.displayName = displayName; }

    public String displayName() { return displayName; }

    @Override public String toString() { return displayName; }
}
