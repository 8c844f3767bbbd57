package org.ucsec.tls.probe;

/** The four steps of a probe, reported separately (SPEC C7). */
public enum ProbePhase {
    DNS("DNS resolution"), TCP("TCP connect"), TLS("TLS handshake"), CERTIFICATE("server certificate");

    private final String displayName;

    ProbePhase(String displayName) { this.displayName = displayName; }

    public String displayName() { return displayName; }
}
