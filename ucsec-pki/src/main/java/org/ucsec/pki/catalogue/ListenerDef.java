package org.ucsec.pki.catalogue;

import java.util.List;

/**
 * A hosted TLS listener (listeners.tsv): the service it belongs to, its default port, the identity purposes that supply
 * its keys (one per key type, e.g. tomcat and tomcat-ECDSA), the trust store and TLS context that decide who may connect,
 * whether client certificates are required, and the application protocol it speaks.
 */
public record ListenerDef(String service, int defaultPort, List<String> keyPurposes, String trustStore, String tlsContext,
                          boolean clientCertificateRequired, String application) {
    public ListenerDef {
        keyPurposes = List.copyOf(keyPurposes);
        if (keyPurposes.isEmpty()) throw new IllegalStateException("listener " + service + " has no key purpose");
        if (clientCertificateRequired && trustStore == null) throw new IllegalStateException("listener " + service + " requires client certificates but names no trust store");
        if (tlsContext != null && !clientCertificateRequired) throw new IllegalStateException("listener " + service + " names a TLS context but does not authenticate clients");
    }
}
