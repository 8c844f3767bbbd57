package org.ucsec.pki;

import org.ucsec.core.UcsecException;

import org.ucsec.pki.catalogue.KeyAlgorithm;

import java.util.Arrays;
import java.util.Locale;

/** Signature hash for CSRs and self-signed certs (SPEC C3). SHA-1 exists for legacy peers and is refused under S5 modes. */
public enum SignatureHash {
    SHA1("SHA1"), SHA256("SHA256"), SHA384("SHA384"), SHA512("SHA512");

    private final String jca;
    SignatureHash(String jca) { this.jca = jca; }

    public String signatureAlgorithm(KeyAlgorithm alg) { return jca + "with" + (alg == KeyAlgorithm.RSA ? "RSA" : "ECDSA"); }

    public static SignatureHash parse(String s) {
        if (s == null || s.isBlank()) return SHA256;
        String n = s.trim().toUpperCase(Locale.ROOT).replace("-", "");
        for (SignatureHash h : values()) if (h.name().equals(n)) return h;
        throw new UcsecException("hash.unknown", "unknown hash algorithm '" + s + "'; allowed: "
                + Arrays.toString(new String[]{"SHA256", "SHA384", "SHA512", "SHA1"}));
    }
}
