package org.ucsec.tls.listener;

import org.ucsec.pki.CertInfo;

import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.List;

/**
 * One server key (decrypted once, when its {@link ListenerTlsConfig} was built, and held in memory) and its chain, leaf
 * first. {@code toString} names the subject and key type, never the key.
 */
public final class ServerIdentity {
    private final PrivateKey key;
    private final List<X509Certificate> chain;

    ServerIdentity(PrivateKey key, List<X509Certificate> chain) {
        this.key = key;
        this.chain = List.copyOf(chain);
    }

    /** The private key. Every caller of this method handles secret material (a TLS engine's key setup). */
    public PrivateKey privateKey() { return key; }

    public List<X509Certificate> chain() { return chain; }

    public X509Certificate leaf() { return chain.get(0); }

    @Override public String toString() {
        return "ServerIdentity[" + leaf().getSubjectX500Principal().getName() + " (" + CertInfo.keyType(leaf()) + "), key ****]";
    }
}
