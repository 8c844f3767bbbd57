package org.ucsec.oauth;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;

/** RFC 8705 3.1: the {@code x5t#S256} confirmation of a client certificate, base64url(SHA-256(DER)) without padding. */
public final class CertificateBinding {
    private CertificateBinding() {}

    public static String thumbprint(X509Certificate cert) {
        try {
            return thumbprint(cert.getEncoded());
        } catch (CertificateEncodingException e) {
            throw new OAuthException("oauth.thumbprint-invalid", OAuthException.INVALID_REQUEST, "the client certificate cannot be encoded", e);
        }
    }

    public static String thumbprint(byte[] der) {
        try {
            return Opaque.b64url(MessageDigest.getInstance("SHA-256").digest(der));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
