package org.ucsec.pki;

import org.ucsec.core.UcsecException;

import org.ucsec.pki.catalogue.KeyAlgorithm;

import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.RSAKeyGenParameterSpec;
import java.util.List;

/** A key to generate: RSA 2048/3072/4096 or EC P-256/P-384 (SPEC C3). Cannot be built with other sizes. */
public record KeySpec(KeyAlgorithm algorithm, int size) {
    public static final List<Integer> RSA_SIZES = List.of(2048, 3072, 4096);
    public static final List<Integer> EC_SIZES = List.of(256, 384);

    public KeySpec {
        List<Integer> allowed = algorithm == KeyAlgorithm.RSA ? RSA_SIZES : EC_SIZES;
        if (!allowed.contains(size)) {
            throw new UcsecException("key.size-unsupported", (algorithm == KeyAlgorithm.RSA ? "RSA" : "EC")
                    + " key size " + size + " is not supported; allowed: " + allowed);
        }
    }

    /** The default for a key type: RSA 2048, EC P-256. */
    public static KeySpec defaultFor(KeyAlgorithm alg) { return new KeySpec(alg, alg == KeyAlgorithm.RSA ? 2048 : 256); }

    /** Size or default; for EC accepts 256/384 and the curve names prime256v1/secp384r1/P-256/P-384. */
    public static KeySpec of(KeyAlgorithm alg, Integer size) { return size == null ? defaultFor(alg) : new KeySpec(alg, size); }

    public String curveName() { return size == 256 ? "secp256r1" : "secp384r1"; }

    public KeyPair generate() {
        try {
            if (algorithm == KeyAlgorithm.RSA) {
                KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
                g.initialize(new RSAKeyGenParameterSpec(size, RSAKeyGenParameterSpec.F4), new SecureRandom());
                return g.generateKeyPair();
            }
            KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
            g.initialize(new ECGenParameterSpec(curveName()), new SecureRandom());
            return g.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("key generation failed for " + this, e);
        }
    }

    @Override public String toString() { return algorithm == KeyAlgorithm.RSA ? "RSA " + size : "EC P-" + size; }
}
