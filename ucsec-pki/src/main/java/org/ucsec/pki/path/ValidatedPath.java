package org.ucsec.pki.path;

import java.security.cert.X509Certificate;
import java.util.List;

/**
 * A path that validated: {@code certificates} from the leaf up to and including the trust anchor.
 *
 * @param certificates    leaf first, anchor last (one element when the leaf itself is in the trust store)
 * @param anchor          the trust anchor the path ends in
 * @param policies        the valid policy OIDs at the leaf (empty when the tree is null and no explicit policy was required)
 * @param warnings        soft-fail notes (revocation status unknown) the caller may show or log
 * @param signatureChecks certificate signature verifications spent building and validating (the work counter; CRL
 *                        signatures are counted by {@link CrlRevocationChecker#signatureChecks()})
 */
public record ValidatedPath(List<X509Certificate> certificates, X509Certificate anchor, List<String> policies,
                            List<String> warnings, int signatureChecks) {
    public ValidatedPath {
        certificates = List.copyOf(certificates);
        policies = List.copyOf(policies);
        warnings = List.copyOf(warnings);
    }

    public X509Certificate leaf() { return certificates.get(0); }
}
