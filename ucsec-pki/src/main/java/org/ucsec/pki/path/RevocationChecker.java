package org.ucsec.pki.path;

import java.security.PublicKey;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The revocation step of a validation (RFC 5280 6.1.3 (a)(3)), asked once per certificate of a path that is otherwise
 * valid. CRLs implement it today ({@link CrlRevocationChecker}); OCSP plugs in as another implementation, and
 * {@link #firstAnswer} chains several (OCSP first, CRL as fallback).
 */
public interface RevocationChecker {

    /** What one check of one certificate found. */
    record Status(State state, String detail, Instant revokedAt, String reason) {
        public enum State { GOOD, REVOKED, UNKNOWN }
        public static Status good(String detail) { return new Status(State.GOOD, detail, null, null); }
        public static Status unknown(String detail) { return new Status(State.UNKNOWN, detail, null, null); }
        public static Status revoked(String detail, Instant at, String reason) { return new Status(State.REVOKED, detail, at, reason); }
    }

    /**
     * One certificate to check.
     *
     * @param cert         the certificate
     * @param issuer       the certificate that issued it in the validated path (possibly the anchor)
     * @param issuerKey    the issuer's working public key (DSA parameters inherited)
     * @param anchor       the path's trust anchor: any CRL signer must validate to this same anchor (RFC 5280 6.3.3 (f))
     * @param certificates every certificate the caller supplied (candidate CRL signers)
     * @param at           validation time
     * @param signers      validates a CRL signer certificate to {@code anchor} (revocation included, bounded recursion)
     */
    record Request(X509Certificate cert, X509Certificate issuer, PublicKey issuerKey, X509Certificate anchor,
                   List<X509Certificate> certificates, Instant at, SignerValidator signers) {}

    /** Validates the certificate that signed a CRL or OCSP response: empty when it is trusted, otherwise why not. */
    @FunctionalInterface
    interface SignerValidator {
        Optional<String> validate(X509Certificate signer);
    }

    Status check(Request request);

    /** The first checker that gives a GOOD or REVOKED answer decides; UNKNOWN details are joined. */
    static RevocationChecker firstAnswer(List<RevocationChecker> checkers) {
        List<RevocationChecker> list = List.copyOf(checkers);
        return request -> {
            StringBuilder why = new StringBuilder();
            for (RevocationChecker c : list) {
                Status s = c.check(request);
                if (s.state() != Status.State.UNKNOWN) return s;
                if (!why.isEmpty()) why.append("; ");
                why.append(s.detail());
            }
            return Status.unknown(why.isEmpty() ? "no revocation source configured" : why.toString());
        };
    }
}
