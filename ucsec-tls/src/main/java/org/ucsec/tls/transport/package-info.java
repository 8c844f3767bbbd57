/**
 * The TLS transport under hosted listeners (issue 15, decision 0005): {@link org.ucsec.tls.transport.TlsTransport}
 * (Netty; BoringSSL through netty-tcnative, or the JDK's SSLEngine, see {@link org.ucsec.tls.transport.TlsEngine}) with
 * the {@link org.ucsec.tls.listener.ListenerTlsConfig} contract of the blocking listener, a client-certificate hook
 * with a {@link org.ucsec.tls.transport.ChainDecisionCache}, and a message API
 * ({@link org.ucsec.tls.transport.MessageHandler}, {@link org.ucsec.tls.transport.Framing}) without a thread per connection.
 */
package org.ucsec.tls.transport;
