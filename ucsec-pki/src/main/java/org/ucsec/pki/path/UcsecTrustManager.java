package org.ucsec.pki.path;

import java.net.Socket;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.Arrays;
import java.util.List;

import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.X509ExtendedTrustManager;

import org.ucsec.core.UcsecException;

/**
 * A JSSE trust manager that lets ucsec's {@link PathValidator} decide: client certificates are validated for
 * {@link CertPurpose#CLIENT}, server certificates for {@link CertPurpose#SERVER} plus the host name when the
 * connection asks for endpoint identification. Works with the JDK's SSLEngine/SSLSocket and with netty's
 * OpenSSL/BoringSSL engines (they call the same {@code X509ExtendedTrustManager} methods).
 *
 * <p>A refusal is a {@link CertificateException} whose message starts with the stable code ({@code path.length-exceeded: ...})
 * and whose cause is the {@link UcsecException}.
 */
public final class UcsecTrustManager extends X509ExtendedTrustManager {
    private final PathValidator validator;

    UcsecTrustManager(PathValidator validator) { this.validator = validator; }

    public PathValidator validator() { return validator; }

    @Override public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        decide(chain, CertPurpose.CLIENT, null);
    }

    @Override public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        decide(chain, CertPurpose.SERVER, null);
    }

    @Override public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket) throws CertificateException {
        decide(chain, CertPurpose.CLIENT, null);
    }

    @Override public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket) throws CertificateException {
        decide(chain, CertPurpose.SERVER, socket instanceof SSLSocket s ? host(s.getSSLParameters(), s.getHandshakeSession() == null ? null : s.getHandshakeSession().getPeerHost()) : null);
    }

    @Override public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine) throws CertificateException {
        decide(chain, CertPurpose.CLIENT, null);
    }

    @Override public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine) throws CertificateException {
        decide(chain, CertPurpose.SERVER, engine == null ? null : host(engine.getSSLParameters(), engine.getPeerHost()));
    }

    /** The anchors, so a server's CertificateRequest names them (the seed's cup-trust behaviour). */
    @Override public X509Certificate[] getAcceptedIssuers() {
        return validator.anchors().stream().filter(c -> c.getBasicConstraints() >= 0).toArray(X509Certificate[]::new);
    }

    private static String host(SSLParameters p, String peerHost) {
        if (p == null || p.getEndpointIdentificationAlgorithm() == null || p.getEndpointIdentificationAlgorithm().isEmpty()) return null;
        return peerHost;
    }

    private void decide(X509Certificate[] chain, CertPurpose purpose, String host) throws CertificateException {
        if (chain == null || chain.length == 0) throw new CertificateException("path.empty: the peer sent no certificate");
        List<X509Certificate> list = Arrays.asList(chain);
        try {
            if (host != null) validator.validateForHost(list, purpose, host);
            else validator.validate(list, purpose);
        } catch (UcsecException e) {
            throw new CertificateException(e.code() + ": " + e.getMessage(), e);
        }
    }
}
