package org.ucsec.pki;

import org.ucsec.core.UcsecException;

import java.security.cert.CertificateExpiredException;
import java.security.cert.CertificateNotYetValidException;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.ucsec.pki.path.CertPurpose;
import org.ucsec.pki.path.PathValidator;
import org.ucsec.pki.path.ValidationPolicy;

/** Chain ordering and PKIX validation (SPEC C5, C6). Pure functions over certificates. */
public final class Chains {
    private Chains() {}

    /** Whether {@code issuer} issued {@code cert}: names match and the signature verifies. */
    public static boolean issued(X509Certificate issuer, X509Certificate cert) {
        if (!issuer.getSubjectX500Principal().equals(cert.getIssuerX500Principal())) return false;
        try { cert.verify(issuer.getPublicKey()); return true; } catch (Exception e) { return false; }
    }

    public static Optional<X509Certificate> findIssuer(X509Certificate cert, Collection<X509Certificate> candidates) {
        return candidates.stream().filter(c -> issued(c, cert)).findFirst();
    }

    /**
     * Orders a bundle so that every certificate comes after its issuer when the issuer is in the bundle
     * (roots first). Duplicates (same fingerprint) are removed. Order of the input does not matter.
     */
    public static List<X509Certificate> issuersFirst(List<X509Certificate> bundle) {
        Map<String, X509Certificate> unique = new LinkedHashMap<>();
        for (X509Certificate c : bundle) unique.putIfAbsent(CertInfo.fingerprint(c), c);
        List<X509Certificate> certs = new ArrayList<>(unique.values());
        int n = certs.size();
        // each certificate's issuer within the bundle (-1: none / self-signed); a signature is verified only on a name match
        int[] issuer = new int[n];
        for (int i = 0; i < n; i++) {
            issuer[i] = -1;
            X509Certificate c = certs.get(i);
            if (c.getIssuerX500Principal().equals(c.getSubjectX500Principal()) && CertInfo.isSelfSigned(c)) continue;
            for (int j = 0; j < n; j++) if (j != i && issued(certs.get(j), c)) { issuer[i] = j; break; }
        }
        // depth = distance from the top of its chain inside the bundle; stable sort by depth keeps input order otherwise
        int[] depth = new int[n];
        for (int i = 0; i < n; i++) {
            int d = 0, k = i;
            while (issuer[k] >= 0 && d <= n) { k = issuer[k]; d++; }
            depth[i] = d;
        }
        List<Integer> idx = new ArrayList<>();
        for (int i = 0; i < n; i++) idx.add(i);
        idx.sort(java.util.Comparator.comparingInt(i -> depth[i]));
        List<X509Certificate> out = new ArrayList<>(n);
        for (int i : idx) out.add(certs.get(i));
        return out;
    }

    /**
     * Validates {@code leaf} with the given intermediates to one of the anchors at {@code at}, with ucsec's
     * {@link PathValidator} (RFC 5280 section 6, the anchors' own constraints applied), the baseline
     * {@link ValidationPolicy#defaults()} without revocation, and the leaf refused if it is a CA certificate.
     * Throws a refusal naming what failed: expired / not-yet-valid certificate (with dates), no path to an anchor,
     * or the {@code path.*} rule that failed.
     *
     * @return the validated path, leaf first, ending with the anchor
     */
    public static List<X509Certificate> validate(X509Certificate leaf, List<X509Certificate> intermediates,
                                                 Collection<X509Certificate> anchors, Instant at) {
        return validate(leaf, intermediates, anchors, at, ValidationPolicy.defaults().withRevocation(ValidationPolicy.RevocationMode.OFF),
                CertPurpose.END_ENTITY);
    }

    /** As {@link #validate(X509Certificate, List, Collection, Instant)} with the caller's policy and purpose. */
    public static List<X509Certificate> validate(X509Certificate leaf, List<X509Certificate> intermediates,
                                                 Collection<X509Certificate> anchors, Instant at, ValidationPolicy policy, CertPurpose purpose) {
        if (anchors.isEmpty()) throw new UcsecException("chain.no-anchor", "the trust store is empty: upload the CA root (and intermediates) first");
        try {
            return PathValidator.builder().anchors(anchors).policy(policy).build().validate(leaf, intermediates, purpose, at).certificates();
        } catch (UcsecException e) {
            // the codes callers of this method have always seen
            switch (e.code()) {
                case "path.issuer-missing" -> {
                    Object subject = e.details().getOrDefault("certificate", leaf.getSubjectX500Principal().getName());
                    Object missing = e.details().get("missingIssuer");
                    if (missing == null) throw e;
                    throw new UcsecException("chain.issuer-missing", "certificate '" + subject + "' was issued by '" + missing
                            + "', which is not in the trust store: upload that CA certificate into the store first", Map.of("missingIssuer", missing));
                }
                case "path.expired" -> throw new UcsecException("chain.expired", e.getMessage(), e.details());
                case "path.not-yet-valid" -> throw new UcsecException("chain.not-yet-valid", e.getMessage(), e.details());
                case "path.too-long" -> throw new UcsecException("chain.too-long", e.getMessage(), e.details());
                default -> throw e;
            }
        }
    }

    /** Leaf first, following issuers through intermediates and anchors; refuses if the chain does not reach an anchor. */
    static List<X509Certificate> buildPath(X509Certificate leaf, List<X509Certificate> intermediates, Collection<X509Certificate> anchors) {
        List<X509Certificate> path = new ArrayList<>();
        path.add(leaf);
        X509Certificate cur = leaf;
        for (int guard = 0; guard < 16; guard++) {
            X509Certificate finalCur = cur;
            Optional<X509Certificate> anchor = anchors.stream().filter(a -> issued(a, finalCur)).findFirst();
            if (anchor.isPresent()) {
                if (!anchor.get().equals(cur)) path.add(anchor.get());
                return path;
            }
            if (anchors.contains(cur)) return path;
            Optional<X509Certificate> next = intermediates.stream().filter(i -> !i.equals(finalCur) && issued(i, finalCur)).findFirst();
            if (next.isEmpty()) {
                throw new UcsecException("chain.issuer-missing",
                        "certificate '" + cur.getSubjectX500Principal().getName() + "' was issued by '" + cur.getIssuerX500Principal().getName()
                                + "', which is not in the trust store: upload that CA certificate into the store first",
                        Map.of("missingIssuer", cur.getIssuerX500Principal().getName()));
            }
            cur = next.get();
            path.add(cur);
        }
        throw new UcsecException("chain.too-long", "certificate chain of '" + leaf.getSubjectX500Principal().getName() + "' is longer than 16");
    }

    public static void checkDates(X509Certificate c, Instant at) {
        try {
            c.checkValidity(Date.from(at));
        } catch (CertificateExpiredException e) {
            throw new UcsecException("chain.expired", "certificate '" + c.getSubjectX500Principal().getName()
                    + "' expired on " + c.getNotAfter().toInstant() + " (now " + at + ")",
                    Map.of("subject", c.getSubjectX500Principal().getName(), "notAfter", c.getNotAfter().toInstant().toString(), "now", at.toString()));
        } catch (CertificateNotYetValidException e) {
            throw new UcsecException("chain.not-yet-valid", "certificate '" + c.getSubjectX500Principal().getName()
                    + "' is not valid before " + c.getNotBefore().toInstant() + " (now " + at + ")",
                    Map.of("subject", c.getSubjectX500Principal().getName(), "notBefore", c.getNotBefore().toInstant().toString(), "now", at.toString()));
        }
    }
}
