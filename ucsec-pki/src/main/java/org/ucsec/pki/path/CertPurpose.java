package org.ucsec.pki.path;

/**
 * What the end-entity certificate of a path is for, as the caller states it (seed 001 tables 2 and 3: {@code cup} is both).
 * The validator checks the leaf's extended key usage and key usage for it (RFC 5280 4.2.1.3, 4.2.1.12).
 */
public enum CertPurpose {
    /** TLS server (id-kp-serverAuth; digitalSignature or keyEncipherment/keyAgreement). */
    SERVER,
    /** TLS client (id-kp-clientAuth; digitalSignature or keyAgreement). */
    CLIENT,
    /** both ends of TLS, as the seed's {@code cup}, {@code cup-xmpp}, {@code tomcat} profiles. */
    BOTH,
    /** a CA certificate uploaded into a trust store: the leaf of the path must itself be a CA (keyCertSign). */
    CA,
    /** the signer of a CRL (RFC 5280 6.3.3 (f)): cRLSign. Used by the revocation step. */
    CRL_SIGNER,
    /** an end entity for an unstated use (callers of {@code Chains.validate}): no EKU/KU check, but a CA certificate is refused. */
    END_ENTITY,
    /** RFC 5280 section 6 alone, no purpose rule at all (PKITS, whose end entities are sometimes CA certificates). */
    ANY
}
