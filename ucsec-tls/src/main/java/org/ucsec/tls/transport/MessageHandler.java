package org.ucsec.tls.transport;

/**
 * The application side of a {@link TlsTransport} (SIP, an echo in tests): called with whole messages as the transport's
 * {@link Framing} cuts them, after the handshake and every peer check passed. No thread per connection: every call of
 * one connection runs on that connection's event-loop thread, in order, so a method must not block; work that blocks is
 * handed to the caller's own executor, which may {@link TlsConnection#write} later from any thread.
 */
public interface MessageHandler {
    default void onOpen(TlsConnection c) {}

    /** One framed message (a SIP request or response with its body, a line, ...). Throwing closes the connection. */
    void onMessage(TlsConnection c, byte[] message) throws Exception;

    default void onClose(TlsConnection c) {}
}
