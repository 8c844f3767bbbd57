package org.ucsec.tls.probe;

import org.ucsec.core.UcsecException;

import java.util.Map;

/**
 * Why a probe failed: a stable code, the phase, and a message naming host and port.
 * Codes: {@code probe.dns}, {@code probe.refused}, {@code probe.unreachable}, {@code probe.timeout} (the message
 * says connect or handshake), {@code probe.connect}, {@code probe.not-tls}, {@code probe.handshake} (with the TLS alert
 * or reason), {@code probe.no-certificate}.
 */
public record ProbeFailure(String code, ProbePhase phase, String message) {

    /** As a refusal (kind UNAVAILABLE: the peer, not the request, is at fault), with host, port and phase in the details. */
    public UcsecException toException(String host, int port) {
        return new UcsecException(code, message,
                Map.of("host", host, "port", port, "phase", phase.name()));
    }
}
