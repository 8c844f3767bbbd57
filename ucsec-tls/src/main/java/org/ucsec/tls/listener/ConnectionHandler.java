package org.ucsec.tls.listener;

import javax.net.ssl.SSLSocket;
import java.io.IOException;

/**
 * The application logic of one connection (SIP over TLS, an echo in tests), called on the connection's own virtual
 * thread after the handshake and every peer check passed. The listener closes the socket when this returns or throws.
 */
@FunctionalInterface
public interface ConnectionHandler {
    void handle(SSLSocket socket, PeerInfo peer) throws IOException;
}
