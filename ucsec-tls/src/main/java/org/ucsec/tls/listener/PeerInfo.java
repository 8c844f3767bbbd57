package org.ucsec.tls.listener;

import java.net.SocketAddress;
import java.security.cert.X509Certificate;
import java.util.List;

/**
 * The verified peer of one connection, handed to the {@link ConnectionHandler} after every check passed.
 *
 * @param commonName the client certificate's subject CN; empty when the client sent no certificate (only possible when
 *                   the config does not require one)
 * @param chain      the client's chain as sent, leaf first, already validated to a trust anchor; empty if none
 * @param protocol   negotiated protocol, e.g. {@code TLSv1.3}
 * @param cipherSuite negotiated suite (JSSE name)
 * @param remote     the peer's address
 */
public record PeerInfo(String commonName, List<X509Certificate> chain, String protocol, String cipherSuite, SocketAddress remote) {
    public PeerInfo { chain = List.copyOf(chain); }

    public boolean authenticated() { return !chain.isEmpty(); }

    @Override public String toString() {
        return "PeerInfo[" + (authenticated() ? "CN=" + commonName : "no client certificate") + ", " + protocol + " " + cipherSuite + ", " + remote + "]";
    }
}
