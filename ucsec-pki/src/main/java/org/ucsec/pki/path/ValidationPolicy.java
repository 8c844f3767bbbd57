package org.ucsec.pki.path;

import java.util.Objects;
import java.util.Set;

/**
 * The algorithm and size rules and the RFC 5280 6.1.1 inputs a validation runs with. Immutable; build one from the
 * node's security mode ({@code SecurityPolicy} in ucsec-tls knows the FIPS rules; it maps onto {@link #fips()}).
 *
 * @param minRsaBits         smallest RSA modulus accepted anywhere in the path, anchor included (default 2048)
 * @param minDsaBits         smallest DSA prime; 0 = DSA refused
 * @param fips               FIPS rules: RSA (at least 2048) or EC P-256/P-384 keys only, SHA-2/SHA-3 signature hashes only
 * @param forbiddenHashes    signature hashes refused on every certificate and CRL (canonical names: MD2, MD5, SHA-1)
 * @param checkAnchorSignatureAlgorithm whether the anchor's own (self-)signature algorithm must pass too: a trust
 *                           store entry is "something new" (issue 7); off only to validate legacy suites such as PKITS
 * @param maxIntermediates   most intermediate certificates a path may have (depth bound of the builder)
 * @param maxSignatureChecks work bound of one validation: signature verifications the builder may spend
 * @param initialPolicies    RFC 5280 6.1.1 (c) user-initial-policy-set (OIDs; {@link #ANY_POLICY} = any)
 * @param initialExplicitPolicy      6.1.1 (f)
 * @param initialPolicyMappingInhibit 6.1.1 (e)
 * @param initialAnyPolicyInhibit    6.1.1 (g)
 * @param revocation         hard-fail, soft-fail or off (the checker is given to the validator separately)
 */
public record ValidationPolicy(int minRsaBits, int minDsaBits, boolean fips, Set<String> forbiddenHashes,
                               boolean checkAnchorSignatureAlgorithm, int maxIntermediates, int maxSignatureChecks,
                               Set<String> initialPolicies, boolean initialExplicitPolicy, boolean initialPolicyMappingInhibit,
                               boolean initialAnyPolicyInhibit, RevocationMode revocation) {
    public static final String ANY_POLICY = "2.5.29.32.0";

    /** Whether a missing answer about revocation refuses the path. */
    public enum RevocationMode { OFF, SOFT_FAIL, HARD_FAIL }

    public ValidationPolicy {
        forbiddenHashes = Set.copyOf(forbiddenHashes);
        initialPolicies = Set.copyOf(initialPolicies);
        Objects.requireNonNull(revocation, "revocation");
        if (maxIntermediates < 0 || maxSignatureChecks < 1) throw new IllegalArgumentException("bounds must be positive");
    }

    /** ucsec's baseline: RSA 2048+, EC on named curves, no DSA, no MD2/MD5/SHA-1 signatures, revocation soft-fail. */
    public static ValidationPolicy defaults() {
        return new ValidationPolicy(2048, 0, false, Set.of("MD2", "MD5", "SHA-1"), true, 8, 256,
                Set.of(ANY_POLICY), false, false, false, RevocationMode.SOFT_FAIL);
    }

    /** FIPS mode (SPEC S5): as {@link #defaults()} plus EC P-256/P-384 only and SHA-2/SHA-3 hashes only. */
    public static ValidationPolicy fipsMode() { return defaults().withFips(true); }

    /**
     * The rules of 2010 test suites (NIST PKITS): RSA 1024, DSA 1024 and SHA-1 accepted. Never use for a live decision.
     */
    public static ValidationPolicy legacyForConformanceTests() {
        return new ValidationPolicy(1024, 1024, false, Set.of("MD2", "MD5"), false, 8, 256,
                Set.of(ANY_POLICY), false, false, false, RevocationMode.HARD_FAIL);
    }

    public ValidationPolicy withFips(boolean on) {
        return new ValidationPolicy(minRsaBits, minDsaBits, on, forbiddenHashes, checkAnchorSignatureAlgorithm, maxIntermediates,
                maxSignatureChecks, initialPolicies, initialExplicitPolicy, initialPolicyMappingInhibit, initialAnyPolicyInhibit, revocation);
    }

    public ValidationPolicy withRevocation(RevocationMode mode) {
        return new ValidationPolicy(minRsaBits, minDsaBits, fips, forbiddenHashes, checkAnchorSignatureAlgorithm, maxIntermediates,
                maxSignatureChecks, initialPolicies, initialExplicitPolicy, initialPolicyMappingInhibit, initialAnyPolicyInhibit, mode);
    }

    public ValidationPolicy withMinRsaBits(int bits) {
        return new ValidationPolicy(bits, minDsaBits, fips, forbiddenHashes, checkAnchorSignatureAlgorithm, maxIntermediates,
                maxSignatureChecks, initialPolicies, initialExplicitPolicy, initialPolicyMappingInhibit, initialAnyPolicyInhibit, revocation);
    }

    public ValidationPolicy withForbiddenHashes(Set<String> hashes) {
        return new ValidationPolicy(minRsaBits, minDsaBits, fips, hashes, checkAnchorSignatureAlgorithm, maxIntermediates,
                maxSignatureChecks, initialPolicies, initialExplicitPolicy, initialPolicyMappingInhibit, initialAnyPolicyInhibit, revocation);
    }

    public ValidationPolicy withBounds(int maxIntermediates, int maxSignatureChecks) {
        return new ValidationPolicy(minRsaBits, minDsaBits, fips, forbiddenHashes, checkAnchorSignatureAlgorithm, maxIntermediates,
                maxSignatureChecks, initialPolicies, initialExplicitPolicy, initialPolicyMappingInhibit, initialAnyPolicyInhibit, revocation);
    }

    /** RFC 5280 6.1.1 (c), (e), (f), (g). */
    public ValidationPolicy withPolicyInputs(Set<String> initial, boolean explicit, boolean mappingInhibit, boolean anyInhibit) {
        return new ValidationPolicy(minRsaBits, minDsaBits, fips, forbiddenHashes, checkAnchorSignatureAlgorithm, maxIntermediates,
                maxSignatureChecks, initial, explicit, mappingInhibit, anyInhibit, revocation);
    }
}
