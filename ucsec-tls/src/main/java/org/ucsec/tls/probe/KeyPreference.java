package org.ucsec.tls.probe;

import org.ucsec.pki.CertInfo;

import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;

/**
 * Which server key the probe asks for, so an operator can fetch both certificates of a dual-certificate server
 * (RSA and ECDSA, e.g. {@code tomcat} and {@code tomcat-ECDSA}). Restricts the offered signature schemes (TLS 1.3
 * and 1.2) and the TLS 1.2 cipher suites' authentication; the leaf that comes back is checked.
 */
public enum KeyPreference {
    /** Whatever the server prefers (JDK default offer). */
    ANY(List.of()),
    RSA(List.of("rsa_pss_rsae_sha256", "rsa_pss_rsae_sha384", "rsa_pss_rsae_sha512",
            "rsa_pss_pss_sha256", "rsa_pss_pss_sha384", "rsa_pss_pss_sha512",
            "rsa_pkcs1_sha256", "rsa_pkcs1_sha384", "rsa_pkcs1_sha512")),
    ECDSA(List.of("ecdsa_secp256r1_sha256", "ecdsa_secp384r1_sha384", "ecdsa_secp521r1_sha512"));

    private final List<String> signatureSchemes;

    KeyPreference(List<String> signatureSchemes) { this.signatureSchemes = signatureSchemes; }

    /** JSSE signature scheme names for this key type; empty for ANY (JDK default). */
    public List<String> signatureSchemes() { return signatureSchemes; }

    /**
     * What to offer: strict = this key type's schemes only; relaxed = these first, then the other type's, so that a
     * chain signed with the other algorithm (ECDSA leaf under an RSA CA) is acceptable to the server.
     */
    List<String> offeredSignatureSchemes(boolean strict) {
        if (strict || this == ANY) return signatureSchemes;
        List<String> out = new ArrayList<>(signatureSchemes);
        out.addAll((this == RSA ? ECDSA : RSA).signatureSchemes);
        return out;
    }

    /** Whether a cipher suite may be offered: TLS 1.3 suites always, TLS 1.2 suites whose authentication matches. */
    boolean allowsSuite(String suite) {
        if (this == ANY || !suite.contains("_WITH_")) return true;
        String kx = suite.substring(suite.indexOf('_') + 1, suite.indexOf("_WITH_"));
        return this == RSA ? kx.equals("RSA") || kx.endsWith("_RSA") : kx.endsWith("_ECDSA");
    }

    /** Whether the leaf has the requested key type. */
    boolean matches(X509Certificate leaf) {
        String t = CertInfo.keyType(leaf);
        return this == ANY || (this == RSA ? t.equals("RSA") : t.equals("EC"));
    }
}
