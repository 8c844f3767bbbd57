/**
 * Peer-authenticating TLS listener (SPEC S4 enforcement; reused by the SIP OAuth edge, O11):
 * {@link org.ucsec.tls.listener.PeerAuthTlsListener} bound to an immutable {@link org.ucsec.tls.listener.ListenerTlsConfig},
 * one virtual thread per connection, hot {@code reload} for new connections only.
 */
package org.ucsec.tls.listener;
