/**
 * Certificate import tool engine (SPEC C7): {@link org.ucsec.tls.probe.TlsProbe#probe} connects to a host and port and
 * reports DNS, TCP, TLS and certificate separately, with the chain as presented and the negotiated protocol, suite and
 * key type. Accepts any server certificate, never sends a client certificate, changes nothing.
 */
package org.ucsec.tls.probe;
