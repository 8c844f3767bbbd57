package org.ucsec.pki.path;

import java.math.BigInteger;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.cert.X509Certificate;
import java.security.interfaces.DSAParams;
import java.security.interfaces.DSAPublicKey;
import java.security.spec.DSAPublicKeySpec;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Date;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

import javax.security.auth.x500.X500Principal;

import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.ASN1Sequence;
import org.bouncycastle.asn1.x500.AttributeTypeAndValue;
import org.bouncycastle.asn1.x500.RDN;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x500.style.IETFUtils;
import org.bouncycastle.asn1.x509.CertificatePolicies;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.GeneralSubtree;
import org.bouncycastle.asn1.x509.NameConstraintValidatorException;
import org.bouncycastle.asn1.x509.NameConstraints;
import org.bouncycastle.asn1.x509.PKIXNameConstraintValidator;
import org.bouncycastle.asn1.x509.PolicyConstraints;
import org.bouncycastle.asn1.x509.PolicyInformation;
import org.ucsec.core.UcsecException;

/**
 * ucsec's one certificate path validator: RFC 5280 section 6 with a backtracking path builder, the trust anchor's own
 * constraints applied (basic constraints, pathLenConstraint, key usage, validity, name constraints, critical
 * extensions, key and signature rules), the leaf's purpose, revocation and hostnames.
 *
 * <p>Build one per trust store and policy with {@link #builder()}; it is immutable and thread-safe (each call keeps
 * its state on the stack; no global state). Time comes from the injected {@link Clock} or the call.
 *
 * <p>Every refusal is a {@link UcsecException} with a stable {@code path.*} code and a message naming the certificate
 * and the rule, e.g. {@code path.length-exceeded}: "path length exceeded under CN=PL0Root (pathLenConstraint 0)".
 */
public final class PathValidator {
    static final Set<String> KNOWN_EXTENSIONS = Set.of(
            "2.5.29.19", "2.5.29.15", "2.5.29.37", "2.5.29.17", "2.5.29.30", "2.5.29.32", "2.5.29.33",
            "2.5.29.36", "2.5.29.54", "2.5.29.14", "2.5.29.35", "2.5.29.31");
    static final String EKU_SERVER = "1.3.6.1.5.5.7.3.1", EKU_CLIENT = "1.3.6.1.5.5.7.3.2", EKU_ANY = "2.5.29.37.0";
    private static final int MAX_SIGNER_DEPTH = 3;

    private final List<ParsedCert> anchors;
    private final List<X509Certificate> anchorCerts;
    private final List<ParsedCert> storeIntermediates;
    private final ValidationPolicy policy;
    private final RevocationChecker revocation;
    private final Clock clock;

    private PathValidator(Builder b) {
        this.anchorCerts = List.copyOf(b.anchors);
        this.anchors = anchorCerts.stream().map(ParsedCert::new).toList();
        this.storeIntermediates = b.intermediates.stream().map(ParsedCert::new).toList();
        this.policy = b.policy;
        this.revocation = b.revocation;
        this.clock = b.clock;
    }

    public static Builder builder() { return new Builder(); }

    /** Builder: anchors (the trust store's CA roots, or any certificate trusted as is), policy, revocation, clock. */
    public static final class Builder {
        private final List<X509Certificate> anchors = new ArrayList<>();
        private final List<X509Certificate> intermediates = new ArrayList<>();
        private ValidationPolicy policy = ValidationPolicy.defaults();
        private RevocationChecker revocation;
        private Clock clock = Clock.systemUTC();

        public Builder anchors(Collection<X509Certificate> certs) { anchors.addAll(certs); return this; }
        /**
         * A ucsec trust store's entries: self-signed certificates are the trust anchors (CA roots, or peers trusted
         * as they are), the others (intermediate CAs) are offered to the path builder but anchor nothing.
         */
        public Builder trustStore(Collection<X509Certificate> entries) {
            for (X509Certificate c : entries) {
                boolean selfSigned = c.getSubjectX500Principal().equals(c.getIssuerX500Principal()) && verifiesItself(c);
                (selfSigned ? anchors : intermediates).add(c);
            }
            return this;
        }
        /** Intermediate CA certificates the store holds, offered to the builder with those the peer sends. */
        public Builder intermediates(Collection<X509Certificate> certs) { intermediates.addAll(certs); return this; }
        public Builder policy(ValidationPolicy p) { policy = Objects.requireNonNull(p); return this; }
        /** The revocation step (CRL today, OCSP later); without one, revocation is not checked. */
        public Builder revocation(RevocationChecker r) { revocation = r; return this; }
        public Builder clock(Clock c) { clock = Objects.requireNonNull(c); return this; }
        public PathValidator build() { return new PathValidator(this); }
    }

    private static boolean verifiesItself(X509Certificate c) {
        try { c.verify(c.getPublicKey()); return true; } catch (Exception e) { return false; }
    }

    public ValidationPolicy policy() { return policy; }
    public List<X509Certificate> anchors() { return anchorCerts; }

    /** {@code chain}: the leaf first, then anything the peer sent (any order, unrelated certificates ignored). */
    public ValidatedPath validate(List<X509Certificate> chain, CertPurpose purpose) {
        if (chain.isEmpty()) throw new UcsecException("path.empty", "no certificate to validate");
        return validate(chain.get(0), chain.subList(1, chain.size()), purpose, clock.instant());
    }

    public ValidatedPath validate(X509Certificate leaf, Collection<X509Certificate> intermediates, CertPurpose purpose) {
        return validate(leaf, intermediates, purpose, clock.instant());
    }

    public ValidatedPath validate(X509Certificate leaf, Collection<X509Certificate> intermediates, CertPurpose purpose, Instant at) {
        Objects.requireNonNull(leaf, "leaf");
        Objects.requireNonNull(purpose, "purpose");
        if (anchors.isEmpty()) {
            throw new UcsecException("path.no-anchor", "certificate '" + leaf.getSubjectX500Principal().getName()
                    + "' cannot be validated: the trust store has no trust anchor");
        }
        List<ParsedCert> pool = new ArrayList<>(storeIntermediates);
        for (X509Certificate c : intermediates) {
            if (c == null || c.equals(leaf)) continue;
            try { pool.add(new ParsedCert(c)); } catch (UcsecException e) { /* an unparseable extra certificate helps build nothing */ }
        }
        Run run = new Run(at, anchors, pool, new int[]{0, 0}, 0, new HashSet<>());
        return run.validate(new ParsedCert(leaf), purpose);
    }

    /** As {@link #validate(List, CertPurpose)}, then RFC 6125 / 9525 matching of {@code host} (DNS name or IP literal). */
    public ValidatedPath validateForHost(List<X509Certificate> chain, CertPurpose purpose, String host) {
        ValidatedPath p = validate(chain, purpose);
        HostnameMatcher.verify(p.leaf(), host);
        return p;
    }

    /** A JSSE trust manager deciding with this validator (client certificates: {@link CertPurpose#CLIENT}). */
    public UcsecTrustManager trustManager() { return new UcsecTrustManager(this); }

    // ------------------------------------------------------------------------------------------------------------

    /** The state of one validation (and of the CRL-signer validations it starts; they share the work counter). */
    private final class Run {
        final Instant at;
        final List<ParsedCert> anchorSet;
        final List<ParsedCert> pool;
        final int[] work;
        final int signerDepth;
        final Set<String> signersInProgress;
        final Map<ParsedCert, Map<PublicKey, Boolean>> sigCache = new IdentityHashMap<>();
        UcsecException best;
        int bestRank = -1;

        Run(Instant at, List<ParsedCert> anchorSet, List<ParsedCert> pool, int[] work, int signerDepth, Set<String> inProgress) {
            this.at = at;
            this.anchorSet = anchorSet;
            this.pool = pool;
            this.work = work;
            this.signerDepth = signerDepth;
            this.signersInProgress = inProgress;
        }

        ValidatedPath validate(ParsedCert leaf, CertPurpose purpose) {
            // The leaf itself in the trust store (a pinned peer or own self-signed certificate): trusted as is.
            for (ParsedCert a : anchorSet) {
                if (a.sameAs(leaf)) return direct(a, purpose);
            }
            List<ParsedCert> chain = new ArrayList<>();
            chain.add(leaf);
            ValidatedPath p = search(chain, purpose);
            if (p != null) return p;
            throw best;
        }

        private ValidatedPath direct(ParsedCert a, CertPurpose purpose) {
            checkDates(a, "trust anchor");
            checkCritical(a, "trust anchor");
            AlgorithmRules.checkKey(policy, a.key(), "trusted certificate", a.name);
            if (policy.checkAnchorSignatureAlgorithm()) {
                AlgorithmRules.checkSignature(policy, a.x.getSigAlgName(), a.x.getSigAlgParams(), "trusted certificate '" + a.name + "'", a.name);
            }
            checkPurpose(a, purpose, true);
            return new ValidatedPath(List.of(a.x), a.x, List.of(), List.of(), work[0]);
        }

        private void record(UcsecException e, int rank) {
            if (rank > bestRank) { best = e; bestRank = rank; }
        }

        /** Depth-first over candidate issuers; {@code chain} is leaf first. Returns null when no path validated. */
        private ValidatedPath search(List<ParsedCert> chain, CertPurpose purpose) {
            ParsedCert cur = chain.get(chain.size() - 1);
            if (++work[1] > maxSteps()) {
                throw new UcsecException("path.work-exceeded", "path building for '" + chain.get(0).name + "' gave up after "
                        + maxSteps() + " candidate paths: too many candidate issuers with the same names (bounded work)",
                        Map.of("certificate", chain.get(0).name, "signatureChecks", work[0], "steps", work[1]));
            }
            boolean nameMatch = false;
            for (ParsedCert a : ordered(anchorSet, cur)) {
                if (!a.subject.equals(cur.issuer)) continue;
                nameMatch = true;
                if (!signatureOk(cur, a.key())) {
                    record(signatureError(cur, a), 2);
                    continue;
                }
                try {
                    return validatePath(chain, a, purpose);
                } catch (UcsecException e) {
                    if (e.code().equals("path.work-exceeded")) throw e;
                    record(e, 3);
                } catch (RuntimeException e) {
                    // a malformed extension BouncyCastle cannot decode: the path is refused, the cause named
                    record(new UcsecException("path.malformed", "a certificate on the path from '" + chain.get(0).name + "' to '" + a.name
                            + "' has an extension that cannot be decoded: " + e.getMessage(), Map.of("certificate", chain.get(0).name)), 3);
                }
            }
            int intermediatesSoFar = chain.size() - 1;
            for (ParsedCert c : ordered(pool, cur)) {
                if (!c.subject.equals(cur.issuer)) continue;
                if (inChain(chain, c)) continue;
                nameMatch = true;
                if (intermediatesSoFar >= policy.maxIntermediates()) {
                    record(new UcsecException("path.too-long", "no path from '" + chain.get(0).name + "' reaches a trust anchor within "
                            + policy.maxIntermediates() + " intermediate certificates"), 1);
                    continue;
                }
                if (!deferredKey(c.key()) && !signatureOk(cur, c.key())) {
                    record(signatureError(cur, c), 2);
                    continue;
                }
                chain.add(c);
                ValidatedPath p = search(chain, purpose);
                chain.remove(chain.size() - 1);
                if (p != null) return p;
            }
            if (!nameMatch) {
                record(new UcsecException("path.issuer-missing", "certificate '" + cur.name + "' was issued by '"
                        + cur.issuer.getName() + "', which is neither a trust anchor nor among the supplied certificates (RFC 5280 6.1: no path to a trust anchor)",
                        Map.of("certificate", cur.name, "missingIssuer", cur.issuer.getName())), 1);
            }
            return null;
        }

        private boolean inChain(List<ParsedCert> chain, ParsedCert c) {
            for (ParsedCert p : chain) if (p.sameAs(c) || (p.subject.equals(c.subject) && p.key().equals(c.key()))) return true;
            return false;
        }

        /**
         * Candidate issuers in the order worth trying (RFC 4158 3.5): issued by a trust anchor first, then by SKI/AKI
         * match (matches, no opinion, mismatches last). Stable otherwise.
         */
        private List<ParsedCert> ordered(List<ParsedCert> candidates, ParsedCert cur) {
            List<ParsedCert> named = new ArrayList<>();
            for (ParsedCert c : candidates) if (c.subject.equals(cur.issuer)) named.add(c);
            if (named.size() < 2) return named;
            named.sort(java.util.Comparator.comparingInt(c -> (issuedByAnchor(c) ? 0 : 3) + (cur.akiMatches(c) ? 0 : cur.akiMismatches(c) ? 2 : 1)));
            return named;
        }

        private boolean issuedByAnchor(ParsedCert c) {
            for (ParsedCert a : anchorSet) if (a.subject.equals(c.issuer) && !c.akiMismatches(a)) return true;
            return false;
        }

        private UcsecException signatureError(ParsedCert cert, ParsedCert issuer) {
            return new UcsecException("path.signature-invalid", "the signature of certificate '" + cert.name
                    + "' does not verify with the key of its issuer '" + issuer.name + "' (RFC 5280 6.1.3 (a)(1))",
                    Map.of("certificate", cert.name, "issuer", issuer.name));
        }

        boolean signatureOk(ParsedCert cert, PublicKey key) {
            Map<PublicKey, Boolean> m = sigCache.computeIfAbsent(cert, k -> new HashMap<>(2));
            Boolean r = m.get(key);
            if (r != null) return r;
            if (++work[0] > policy.maxSignatureChecks()) {
                throw new UcsecException("path.work-exceeded", "path building for '" + cert.name
                        + "' gave up after " + policy.maxSignatureChecks() + " signature checks: too many candidate issuers (bounded work)",
                        Map.of("certificate", cert.name, "signatureChecks", work[0], "steps", work[1]));
            }
            boolean ok;
            try { cert.x.verify(key); ok = true; } catch (Exception e) { ok = false; }
            m.put(key, ok);
            return ok;
        }

        // -------------------------------------------------------------------------------------------- RFC 5280 6.1

        private ValidatedPath validatePath(List<ParsedCert> chainLeafFirst, ParsedCert anchor, CertPurpose purpose) {
            int n = chainLeafFirst.size();
            ParsedCert[] cert = new ParsedCert[n + 1];       // cert[0] = anchor, cert[n] = leaf
            cert[0] = anchor;
            for (int i = 1; i <= n; i++) cert[i] = chainLeafFirst.get(n - i);

            // ucsec: the trust anchor's own constraints (RFC 5280 6.2 leaves this optional; OpenSSL and rustls take them)
            checkDates(anchor, "trust anchor");
            checkCritical(anchor, "trust anchor");
            AlgorithmRules.checkKey(policy, anchor.key(), "trust anchor", anchor.name);
            if (policy.checkAnchorSignatureAlgorithm()) {
                AlgorithmRules.checkSignature(policy, anchor.x.getSigAlgName(), anchor.x.getSigAlgParams(), "trust anchor '" + anchor.name + "'", anchor.name);
            }
            if (!anchor.ca) {
                throw refusal("path.anchor-not-ca", "trust anchor '" + anchor.name + "' is not a CA certificate (basicConstraints cA is not TRUE) and cannot issue '"
                        + cert[1].name + "' (RFC 5280 4.2.1.9)", anchor);
            }
            if (!anchor.hasKu(ParsedCert.KU_KEY_CERT_SIGN)) {
                throw refusal("path.key-cert-sign-missing", "trust anchor '" + anchor.name + "' has a key usage without keyCertSign and cannot issue certificates (RFC 5280 4.2.1.3)", anchor);
            }

            // 6.1.2 initialization
            PolicyTree tree = new PolicyTree();
            PKIXNameConstraintValidator nc = new PKIXNameConstraintValidator();
            List<String> ncSetters = new ArrayList<>();
            int explicitPolicy = policy.initialExplicitPolicy() ? 0 : n + 1;
            int inhibitAny = policy.initialAnyPolicyInhibit() ? 0 : n + 1;
            int policyMapping = policy.initialPolicyMappingInhibit() ? 0 : n + 1;
            int maxPathLength = n;
            String maxPathSetter = null;
            if (anchor.pathLen >= 0 && anchor.pathLen < maxPathLength) { maxPathLength = anchor.pathLen; maxPathSetter = anchor.name; }
            applyNameConstraints(nc, anchor, ncSetters);
            PublicKey workingKey = anchor.key();
            PublicKey[] issuerKeys = new PublicKey[n + 1];
            X500Principal workingIssuer = anchor.subject;

            for (int i = 1; i <= n; i++) {
                ParsedCert c = cert[i];
                boolean last = i == n;
                String role = last ? "end-entity certificate" : "CA certificate";
                // (a)(1) signature with the working key, then the algorithm rules
                issuerKeys[i] = workingKey;
                if (!signatureOk(c, workingKey)) throw signatureError(c, cert[i - 1]);
                AlgorithmRules.checkSignature(policy, c.x.getSigAlgName(), c.x.getSigAlgParams(), role + " '" + c.name + "'", c.name);
                // (a)(2) validity
                checkDates(c, role);
                // (a)(4) name chaining
                if (!c.issuer.equals(workingIssuer)) {
                    throw refusal("path.issuer-missing", "certificate '" + c.name + "' names issuer '" + c.issuer.getName() + "', not '"
                            + workingIssuer.getName() + "' (RFC 5280 6.1.3 (a)(4))", c);
                }
                // (b), (c) name constraints; self-issued intermediates are exempt
                if (!(c.selfIssued && !last)) checkNames(nc, c, last, ncSetters);
                // (d), (e), (f) policies
                Extension cpExt = c.extension(Extension.certificatePolicies);
                if (cpExt != null && !tree.isNull()) {
                    List<String> oids = new ArrayList<>();
                    for (PolicyInformation pi : CertificatePolicies.getInstance(cpExt.getParsedValue()).getPolicyInformation()) {
                        oids.add(pi.getPolicyIdentifier().getId());
                    }
                    tree.processCertificatePolicies(i, oids, inhibitAny > 0 || (!last && c.selfIssued));
                } else if (cpExt == null) {
                    tree.setNull();
                }
                if (explicitPolicy <= 0 && tree.isNull()) {
                    throw refusal("path.policy-invalid", "no valid certificate policy at " + role + " '" + c.name
                            + "': an explicit policy is required and the valid policy tree is empty (RFC 5280 6.1.3 (f))", c);
                }
                // ucsec: the key of every certificate obeys the policy
                AlgorithmRules.checkKey(policy, c.key(), role, c.name);
                if (last) break;

                // 6.1.4 preparation for certificate i+1
                Extension pmExt = c.extension(Extension.policyMappings);
                if (pmExt != null) {
                    Map<String, Set<String>> mappings = new LinkedHashMap<>();
                    for (ASN1Encodable e : ASN1Sequence.getInstance(pmExt.getParsedValue())) {
                        ASN1Sequence pair = ASN1Sequence.getInstance(e);
                        String issuerPolicy = ASN1ObjectIdentifier.getInstance(pair.getObjectAt(0)).getId();
                        String subjectPolicy = ASN1ObjectIdentifier.getInstance(pair.getObjectAt(1)).getId();
                        if (issuerPolicy.equals(PolicyTree.ANY) || subjectPolicy.equals(PolicyTree.ANY)) {
                            throw refusal("path.policy-mapping-any", "CA certificate '" + c.name + "' maps "
                                    + (issuerPolicy.equals(PolicyTree.ANY) ? "from" : "to") + " anyPolicy, which is not allowed (RFC 5280 6.1.4 (a))", c);
                        }
                        mappings.computeIfAbsent(issuerPolicy, k -> new LinkedHashSet<>()).add(subjectPolicy);
                    }
                    if (!tree.isNull()) tree.processMappings(i, mappings, policyMapping > 0);
                }
                workingIssuer = c.subject;
                workingKey = inherit(c.key(), workingKey);
                applyNameConstraints(nc, c, ncSetters);
                if (!c.selfIssued) {
                    if (explicitPolicy > 0) explicitPolicy--;
                    if (policyMapping > 0) policyMapping--;
                    if (inhibitAny > 0) inhibitAny--;
                }
                Extension pcExt = c.extension(Extension.policyConstraints);
                if (pcExt != null) {
                    PolicyConstraints pc = PolicyConstraints.getInstance(pcExt.getParsedValue());
                    BigInteger rep = pc.getRequireExplicitPolicyMapping(), ipm = pc.getInhibitPolicyMapping();
                    if (rep != null && rep.intValueExact() < explicitPolicy) explicitPolicy = rep.intValueExact();
                    if (ipm != null && ipm.intValueExact() < policyMapping) policyMapping = ipm.intValueExact();
                }
                Extension iapExt = c.extension(Extension.inhibitAnyPolicy);
                if (iapExt != null) {
                    int v = ASN1Integer.getInstance(iapExt.getParsedValue()).intValueExact();
                    if (v < inhibitAny) inhibitAny = v;
                }
                // (k) basic constraints
                if (!c.ca) {
                    throw refusal("path.not-ca", "certificate '" + c.name + "' issues '" + cert[i + 1].name
                            + "' but is not a CA certificate (basicConstraints cA is not TRUE; RFC 5280 6.1.4 (k))", c);
                }
                // (l), (m) path length
                if (!c.selfIssued) {
                    if (maxPathLength <= 0) {
                        String under = maxPathSetter == null ? anchor.name : maxPathSetter;
                        int limit = maxPathSetter == null ? n : pathLenOf(cert, under);
                        throw refusal("path.length-exceeded", "path length exceeded under " + under + " (pathLenConstraint " + limit
                                + "): CA certificate '" + c.name + "' is one CA too many (RFC 5280 6.1.4 (l))", c);
                    }
                    maxPathLength--;
                }
                if (c.pathLen >= 0 && c.pathLen < maxPathLength) { maxPathLength = c.pathLen; maxPathSetter = c.name; }
                // (n) key usage
                if (!c.hasKu(ParsedCert.KU_KEY_CERT_SIGN)) {
                    throw refusal("path.key-cert-sign-missing", "CA certificate '" + c.name + "' has a key usage without keyCertSign and cannot issue '"
                            + cert[i + 1].name + "' (RFC 5280 6.1.4 (n))", c);
                }
                // (o) critical extensions
                checkCritical(c, role);
                // ucsec (as OpenSSL): an EKU in a CA certificate limits what it may issue for
                checkCaEku(c, purpose);
            }

            // 6.1.5 wrap-up
            ParsedCert leaf = cert[n];
            if (explicitPolicy > 0) explicitPolicy--;
            Extension pcExt = leaf.extension(Extension.policyConstraints);
            if (pcExt != null) {
                BigInteger rep = PolicyConstraints.getInstance(pcExt.getParsedValue()).getRequireExplicitPolicyMapping();
                if (rep != null && rep.intValueExact() == 0) explicitPolicy = 0;
            }
            checkCritical(leaf, "end-entity certificate");
            tree.intersect(n, policy.initialPolicies());
            if (explicitPolicy <= 0 && tree.isNull()) {
                throw refusal("path.policy-invalid", "no valid certificate policy for end-entity certificate '" + leaf.name
                        + "': an explicit policy is required and the valid policy tree is empty (RFC 5280 6.1.5 (g))", leaf);
            }
            List<String> policies = new ArrayList<>();
            if (!tree.isNull()) for (PolicyTree.Node nd : tree.level(n)) policies.add(nd.validPolicy);

            checkPurpose(leaf, purpose, false);

            List<String> warnings = new ArrayList<>();
            checkRevocation(cert, issuerKeys, n, warnings);

            List<X509Certificate> out = new ArrayList<>(n + 1);
            for (int i = n; i >= 0; i--) out.add(cert[i].x);
            return new ValidatedPath(out, anchor.x, policies, warnings, work[0]);
        }

        private int pathLenOf(ParsedCert[] certs, String name) {
            for (ParsedCert c : certs) if (c.name.equals(name) && c.pathLen >= 0) return c.pathLen;
            return 0;
        }

        private void checkRevocation(ParsedCert[] cert, PublicKey[] issuerKeys, int n, List<String> warnings) {
            if (revocation == null || policy.revocation() == ValidationPolicy.RevocationMode.OFF) return;
            List<X509Certificate> all = new ArrayList<>();
            for (ParsedCert p : pool) all.add(p.x);
            for (ParsedCert p : anchorSet) all.add(p.x);
            ParsedCert anchor = cert[0];
            for (int i = n; i >= 1; i--) {
                ParsedCert c = cert[i];
                RevocationChecker.Request req = new RevocationChecker.Request(c.x, cert[i - 1].x, issuerKeys[i], anchor.x, all, at,
                        signer -> validateSigner(signer, anchor));
                RevocationChecker.Status s = revocation.check(req);
                switch (s.state()) {
                    case GOOD -> { }
                    case REVOKED -> throw new UcsecException("path.revoked", "certificate '" + c.name + "' was revoked"
                            + (s.revokedAt() == null ? "" : " on " + s.revokedAt()) + (s.reason() == null ? "" : " (" + s.reason() + ")")
                            + ": " + s.detail() + " (RFC 5280 6.1.3 (a)(3))", Map.of("certificate", c.name));
                    case UNKNOWN -> {
                        if (policy.revocation() == ValidationPolicy.RevocationMode.HARD_FAIL) {
                            throw new UcsecException("path.revocation-unknown", "the revocation status of certificate '"
                                    + c.name + "' cannot be determined: " + s.detail() + " (revocation checking is hard-fail)", Map.of("certificate", c.name));
                        }
                        warnings.add("revocation status of '" + c.name + "' unknown: " + s.detail());
                    }
                }
            }
        }

        private Optional<String> validateSigner(X509Certificate signer, ParsedCert anchor) {
            ParsedCert ps = new ParsedCert(signer);
            if (signerDepth >= MAX_SIGNER_DEPTH) return Optional.of("CRL signer chain too deep at '" + ps.name + "'");
            // A CRL signer whose own certificate is covered by the CRL it signs (PKITS 4.14.30): its path is already
            // structurally validated at this point, so the CRL it signed answers for it.
            if (!signersInProgress.add(ps.subjectAndKey())) return Optional.empty();
            try {
                Run sub = new Run(at, List.of(anchor), pool, work, signerDepth + 1, signersInProgress);
                sub.validate(ps, CertPurpose.CRL_SIGNER);
                return Optional.empty();
            } catch (UcsecException e) {
                if (e.code().equals("path.work-exceeded")) throw e;
                return Optional.of(e.getMessage());
            } finally {
                signersInProgress.remove(ps.subjectAndKey());
            }
        }

        private void checkDates(ParsedCert c, String role) {
            Date d = Date.from(at);
            if (d.after(c.x.getNotAfter())) {
                throw new UcsecException("path.expired", role + " '" + c.name + "' expired on "
                        + c.x.getNotAfter().toInstant() + " (now " + at + "; RFC 5280 6.1.3 (a)(2))",
                        Map.of("certificate", c.name, "notAfter", c.x.getNotAfter().toInstant().toString(), "now", at.toString()));
            }
            if (d.before(c.x.getNotBefore())) {
                throw new UcsecException("path.not-yet-valid", role + " '" + c.name + "' is not valid before "
                        + c.x.getNotBefore().toInstant() + " (now " + at + "; RFC 5280 6.1.3 (a)(2))",
                        Map.of("certificate", c.name, "notBefore", c.x.getNotBefore().toInstant().toString(), "now", at.toString()));
            }
        }
    }

    // ---------------------------------------------------------------------------------------------------- helpers

    static UcsecException refusal(String code, String message, ParsedCert c) {
        return new UcsecException(code, message, Map.of("certificate", c.name));
    }

    /** Bound on partial paths the builder explores in one validation (with the signature-check bound). */
    private int maxSteps() { return policy.maxSignatureChecks() * 8; }

    private static boolean deferredKey(PublicKey k) { return k instanceof DSAPublicKey d && d.getParams() == null; }

    /** 6.1.4 (d)-(f): a DSA key without parameters inherits them from the working key. */
    private static PublicKey inherit(PublicKey key, PublicKey working) {
        if (key instanceof DSAPublicKey d && d.getParams() == null && working instanceof DSAPublicKey w && w.getParams() != null) {
            try {
                DSAParams p = w.getParams();
                return KeyFactory.getInstance("DSA").generatePublic(new DSAPublicKeySpec(d.getY(), p.getP(), p.getQ(), p.getG()));
            } catch (Exception e) {
                return key;
            }
        }
        return key;
    }

    static void checkCritical(ParsedCert c, String role) {
        for (String oid : c.criticalOids()) {
            if (!KNOWN_EXTENSIONS.contains(oid)) {
                throw refusal("path.unknown-critical-extension", role + " '" + c.name + "' has critical extension " + oid
                        + ", which ucsec does not process (RFC 5280 4.2, 6.1.4 (o))", c);
            }
        }
    }

    private static void applyNameConstraints(PKIXNameConstraintValidator nc, ParsedCert c, List<String> setters) {
        Extension e = c.extension(Extension.nameConstraints);
        if (e == null) return;
        NameConstraints cons = NameConstraints.getInstance(e.getParsedValue());
        GeneralSubtree[] permitted = cons.getPermittedSubtrees();
        if (permitted != null) nc.intersectPermittedSubtree(permitted);
        GeneralSubtree[] excluded = cons.getExcludedSubtrees();
        if (excluded != null) for (GeneralSubtree s : excluded) nc.addExcludedSubtree(s);
        setters.add(c.name);
    }

    private static void checkNames(PKIXNameConstraintValidator nc, ParsedCert c, boolean leaf, List<String> setters) {
        if (setters.isEmpty()) return;
        List<GeneralName> names = new ArrayList<>();
        X500Name subject = X500Name.getInstance(c.subject.getEncoded());
        if (subject.getRDNs().length > 0) names.add(new GeneralName(subject));
        boolean hasSan = false;
        Extension san = c.extension(Extension.subjectAlternativeName);
        if (san != null) {
            for (GeneralName g : GeneralNames.getInstance(san.getParsedValue()).getNames()) { names.add(g); hasSan = true; }
        }
        for (RDN rdn : subject.getRDNs()) {
            for (AttributeTypeAndValue tv : rdn.getTypesAndValues()) {
                if (tv.getType().equals(BCStyle.EmailAddress)) names.add(new GeneralName(GeneralName.rfc822Name, IETFUtils.valueToString(tv.getValue())));
                // ucsec (as OpenSSL): without a SAN, a host name in the leaf's CN is held to the DNS constraints too
                if (leaf && !hasSan && tv.getType().equals(BCStyle.CN)) {
                    String cn = IETFUtils.valueToString(tv.getValue());
                    if (HostnameMatcher.looksLikeDnsName(cn)) names.add(new GeneralName(GeneralName.dNSName, cn));
                }
            }
        }
        for (GeneralName g : names) {
            try {
                nc.checkPermitted(g);
                nc.checkExcluded(g);
            } catch (NameConstraintValidatorException ex) {
                throw new UcsecException("path.name-constraint-violated", "name " + describe(g) + " of certificate '"
                        + c.name + "' is not allowed by the name constraints of " + String.join(", ", setters) + " (RFC 5280 6.1.3 (b), (c))",
                        Map.of("certificate", c.name, "name", describe(g)));
            }
        }
    }

    private static String describe(GeneralName g) {
        String type = switch (g.getTagNo()) {
            case GeneralName.dNSName -> "DNS";
            case GeneralName.rfc822Name -> "email";
            case GeneralName.uniformResourceIdentifier -> "URI";
            case GeneralName.iPAddress -> "IP";
            case GeneralName.directoryName -> "DN";
            default -> "name type " + g.getTagNo();
        };
        String v;
        if (g.getTagNo() == GeneralName.iPAddress) {
            try { v = java.net.InetAddress.getByAddress(org.bouncycastle.asn1.ASN1OctetString.getInstance(g.getName()).getOctets()).getHostAddress(); }
            catch (Exception e) { v = g.getName().toString(); }
        } else {
            v = g.getName().toString();
        }
        return type + ":" + v;
    }

    private static void checkCaEku(ParsedCert c, CertPurpose purpose) {
        if (c.extKeyUsage == null || c.extKeyUsage.contains(EKU_ANY)) return;
        for (String need : ekusFor(purpose)) {
            if (!c.extKeyUsage.contains(need)) {
                throw refusal("path.eku-mismatch", "CA certificate '" + c.name + "' limits its extended key usage to " + c.extKeyUsage
                        + ", without " + ekuName(need) + " (RFC 5280 4.2.1.12)", c);
            }
        }
    }

    private static List<String> ekusFor(CertPurpose p) {
        return switch (p) {
            case SERVER -> List.of(EKU_SERVER);
            case CLIENT -> List.of(EKU_CLIENT);
            case BOTH -> List.of(EKU_SERVER, EKU_CLIENT);
            default -> List.of();
        };
    }

    static String ekuName(String oid) {
        return switch (oid) {
            case EKU_SERVER -> "serverAuth";
            case EKU_CLIENT -> "clientAuth";
            default -> oid;
        };
    }

    /** The leaf against the stated purpose (RFC 5280 4.2.1.3, 4.2.1.9, 4.2.1.12; seed 001 tables 2 and 3). */
    static void checkPurpose(ParsedCert leaf, CertPurpose purpose, boolean trustedAsIs) {
        switch (purpose) {
            case CA -> {
                if (!leaf.ca) throw refusal("path.not-ca", "certificate '" + leaf.name + "' is not a CA certificate (basicConstraints cA is not TRUE; RFC 5280 4.2.1.9)", leaf);
                if (!leaf.hasKu(ParsedCert.KU_KEY_CERT_SIGN)) throw refusal("path.key-cert-sign-missing", "CA certificate '" + leaf.name + "' has a key usage without keyCertSign (RFC 5280 4.2.1.3)", leaf);
                return;
            }
            case CRL_SIGNER -> {
                if (!leaf.hasKu(ParsedCert.KU_CRL_SIGN)) throw refusal("path.key-usage-mismatch", "certificate '" + leaf.name + "' may not sign CRLs: its key usage lacks cRLSign (RFC 5280 6.3.3 (f))", leaf);
                return;
            }
            default -> { }
        }
        if (purpose == CertPurpose.ANY) return;
        // A CA certificate presented as an end entity: refused unless that very certificate is in the trust store.
        if (leaf.ca && !trustedAsIs) {
            throw refusal("path.ca-as-leaf", "certificate '" + leaf.name + "' is a CA certificate (basicConstraints cA TRUE) used as an end-entity certificate", leaf);
        }
        if (purpose == CertPurpose.END_ENTITY) return;
        if (leaf.extKeyUsage != null && !leaf.extKeyUsage.contains(EKU_ANY)) {
            for (String need : ekusFor(purpose)) {
                if (!leaf.extKeyUsage.contains(need)) {
                    throw refusal("path.eku-mismatch", "certificate '" + leaf.name + "' is not for " + purpose.name().toLowerCase() + " use: its extended key usage "
                            + leaf.extKeyUsage + " lacks " + ekuName(need) + " (RFC 5280 4.2.1.12)", leaf);
                }
            }
        }
        if (leaf.keyUsage != null) {
            boolean ds = leaf.hasKu(ParsedCert.KU_DIGITAL_SIGNATURE), ke = leaf.hasKu(ParsedCert.KU_KEY_ENCIPHERMENT), ka = leaf.hasKu(ParsedCert.KU_KEY_AGREEMENT);
            boolean serverOk = ds || ke || ka, clientOk = ds || ka;
            boolean ok = switch (purpose) {
                case SERVER -> serverOk;
                case CLIENT -> clientOk;
                default -> serverOk && clientOk;
            };
            if (!ok) {
                throw refusal("path.key-usage-mismatch", "certificate '" + leaf.name + "' key usage allows neither digitalSignature nor "
                        + (purpose == CertPurpose.CLIENT ? "keyAgreement" : "keyEncipherment/keyAgreement") + ", so it cannot authenticate a TLS "
                        + purpose.name().toLowerCase() + " (RFC 5280 4.2.1.3)", leaf);
            }
        }
    }
}
