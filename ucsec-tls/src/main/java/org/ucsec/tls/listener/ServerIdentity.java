package org.ucsec.tls.listener;

import org.ucsec.core.SecretAccess;
import org.ucsec.core.SecretValue;
import org.ucsec.pki.CertInfo;

import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.List;

/**
 * One server key (decrypted once, when its {@link ListenerTlsConfig} was built, and held in memory) and its chain, leaf
 * first. {@code toString} names the subject and key type, never the key.
 */
public final class ServerIdentity {
    private final SecretValue<PrivateKey> key;
    private final List<X509Certificate> chain;

    ServerIdentity(PrivateKey key, List<X509Certificate> chain) {
        this.key = SecretValue.of(key, "private key of " + chain.get(0).getSubjectX500Principal().getName());
        this.chain = List.copyOf(chain);
    }

    /** The private key, for a TLS engine's key setup (once per reload). */
    public PrivateKey privateKey(SecretAccess access) { return key.reveal(access); }

    public List<X509Certificate> chain() { return chain; }

    public X509Certificate leaf() { return chain.get(0); }

    @Override public String toString() {
        return "ServerIdentity[" + leaf().getSubjectX500Principal().getName() + " (" + CertInfo.keyType(leaf()) + "), key ****]";
    }
}
