package org.ucsec.tls.probe;

import org.ucsec.core.UcsecException;

import java.net.InetAddress;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Optional;

/**
 * What a probe found (SPEC C7): each phase separately, and when the handshake succeeded the negotiated protocol and
 * cipher suite, the server chain exactly as presented (leaf first; not validated: trust is the operator's decision)
 * and the leaf's key type. Plain data; nothing was changed anywhere.
 *
 * @param address      the address that was connected to (or tried last); empty when DNS failed
 * @param phases       DNS, TCP, TLS, CERTIFICATE in that order
 * @param protocol     e.g. {@code TLSv1.3}; empty string when the handshake did not complete
 * @param cipherSuite  JSSE name, e.g. {@code TLS_AES_256_GCM_SHA384}; empty string when the handshake did not complete
 * @param chain        the server's certificates as sent, leaf first; empty when none was obtained
 * @param leafKeyType  "RSA" or "EC" (others by JCA name); empty string when no certificate was obtained
 * @param leafKeySize  RSA modulus bits or EC field bits; 0 when no certificate was obtained
 * @param failure      the first failure; empty when every phase succeeded
 */
public record ProbeResult(String host, int port, Optional<InetAddress> address, List<PhaseResult> phases,
                          String protocol, String cipherSuite, List<X509Certificate> chain,
                          String leafKeyType, int leafKeySize, Optional<ProbeFailure> failure) {

    public ProbeResult {
        phases = List.copyOf(phases);
        chain = List.copyOf(chain);
    }

    public boolean ok() { return failure.isEmpty(); }

    public PhaseResult dns() { return phase(ProbePhase.DNS); }
    public PhaseResult tcp() { return phase(ProbePhase.TCP); }
    public PhaseResult tls() { return phase(ProbePhase.TLS); }
    public PhaseResult certificate() { return phase(ProbePhase.CERTIFICATE); }

    public PhaseResult phase(ProbePhase p) {
        return phases.stream().filter(r -> r.phase() == p).findFirst().orElse(PhaseResult.notRun(p));
    }

    /** The leaf (the server's own certificate). */
    public Optional<X509Certificate> leaf() { return chain.isEmpty() ? Optional.empty() : Optional.of(chain.get(0)); }

    /** This result if it succeeded; otherwise throws the failure as a {@link org.ucsec.core.UcsecException}. */
    public ProbeResult orThrow() {
        failure.ifPresent(f -> { throw f.toException(host, port); });
        return this;
    }

    @Override public String toString() {
        StringBuilder sb = new StringBuilder("ProbeResult[" + host + ":" + port + (ok() ? " ok" : " " + failure.get().code()));
        if (!protocol.isEmpty()) sb.append(' ').append(protocol).append(' ').append(cipherSuite);
        if (!chain.isEmpty()) sb.append(" leaf=").append(chain.get(0).getSubjectX500Principal().getName()).append(' ').append(leafKeyType).append(' ').append(leafKeySize);
        return sb.append(']').toString();
    }
}
