package org.ucsec.tls.transport;

import org.ucsec.tls.listener.PeerInfo;

/** One established connection, as a {@link MessageHandler} sees it. Thread-safe. */
public interface TlsConnection {
    /** The verified peer (every check passed). */
    PeerInfo peer();

    /** Queues {@code bytes} to the peer (encrypted, flushed). Safe from any thread. */
    void write(byte[] bytes);

    /** Closes after the queued writes (with a TLS close_notify). */
    void close();

    boolean isOpen();

    /** The listener's address this connection came in on (null when unknown). */
    default java.net.SocketAddress localAddress() { return null; }

    /** A number unique within the transport, for logs. */
    long id();
}
