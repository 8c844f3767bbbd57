package org.ucsec.pki.catalogue;

/** Key type of a purpose: a name ending in -ECDSA means EC, otherwise RSA (SPEC C1). */
public enum KeyAlgorithm {
    RSA, EC;

    public static KeyAlgorithm forPurpose(String purpose) { return purpose.endsWith("-ECDSA") ? EC : RSA; }
}
