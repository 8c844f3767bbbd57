package org.ucsec.pki.path;

import java.net.URI;
import java.security.PublicKey;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import javax.security.auth.x500.X500Principal;

import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.x500.RDN;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.CRLDistPoint;
import org.bouncycastle.asn1.x509.DistributionPoint;
import org.bouncycastle.asn1.x509.DistributionPointName;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.IssuingDistributionPoint;
import org.bouncycastle.asn1.x509.ReasonFlags;

/**
 * Revocation by CRL, RFC 5280 6.3: CRLs from a configured set (a trust store's uploads) and from the certificate's
 * http distribution points through a {@link CrlFetcher}, fetched CRLs cached until their nextUpdate. Checks scope
 * (issuing distribution point, indirect CRLs, onlySome reasons), the CRL signer (the issuer, or a certificate that
 * validates to the same anchor with cRLSign), validity, critical extensions, and delta CRLs.
 */
public final class CrlRevocationChecker implements RevocationChecker {
    /** All reason bits of ReasonFlags except unused (bit 0). */
    static final int ALL_REASONS = ReasonFlags.keyCompromise | ReasonFlags.cACompromise | ReasonFlags.affiliationChanged
            | ReasonFlags.superseded | ReasonFlags.cessationOfOperation | ReasonFlags.certificateHold | ReasonFlags.privilegeWithdrawn
            | ReasonFlags.aACompromise;
    private static final String[] REASONS = {"unspecified", "keyCompromise", "cACompromise", "affiliationChanged", "superseded",
            "cessationOfOperation", "certificateHold", "(7)", "removeFromCRL", "privilegeWithdrawn", "aACompromise"};

    private final List<ParsedCrl> configured;
    private final CrlFetcher fetcher;
    private final boolean useDeltas;
    private final Map<URI, ParsedCrl> fetched = new ConcurrentHashMap<>();
    /** A distribution point that failed is not asked again before this (no fetch per handshake against a dead server). */
    private final Map<URI, Instant> failedUntil = new ConcurrentHashMap<>();
    static final java.time.Duration RETRY_AFTER = java.time.Duration.ofMinutes(1);
    private final java.util.concurrent.atomic.AtomicInteger signatureChecks = new java.util.concurrent.atomic.AtomicInteger();

    private CrlRevocationChecker(List<ParsedCrl> configured, CrlFetcher fetcher, boolean useDeltas) {
        this.configured = List.copyOf(configured);
        this.fetcher = fetcher;
        this.useDeltas = useDeltas;
    }

    /** CRLs from a fixed set only. */
    public static CrlRevocationChecker of(Collection<ParsedCrl> crls) { return new CrlRevocationChecker(new ArrayList<>(crls), null, true); }

    /** CRLs from a fixed set, then from http distribution points through {@code fetcher} (null: none). */
    public static CrlRevocationChecker of(Collection<ParsedCrl> crls, CrlFetcher fetcher) {
        return new CrlRevocationChecker(new ArrayList<>(crls), fetcher, true);
    }

    /** CRL signature verifications performed so far (cached results are not counted again). */
    public int signatureChecks() { return signatureChecks.get(); }

    @Override
    public Status check(Request req) {
        X509Certificate cert = req.cert();
        boolean certIsCa = cert.getBasicConstraints() >= 0;
        List<DistributionPoint> dps = distributionPoints(cert);
        int reasonsMask = 0;
        List<String> notes = new ArrayList<>();
        for (DistributionPoint dp : dps) {
            if (reasonsMask == ALL_REASONS) break;
            List<ParsedCrl> candidates = new ArrayList<>(configured);
            candidates.addAll(fetch(dp, req.at(), notes));
            for (ParsedCrl crl : candidates) {
                if (reasonsMask == ALL_REASONS) break;
                if (crl.isDelta()) continue;
                Outcome o;
                try {
                    o = apply(crl, candidates, dp, cert, certIsCa, req, reasonsMask, notes);
                } catch (RuntimeException e) {
                    if (e instanceof org.ucsec.core.UcsecException u && u.code().equals("path.work-exceeded")) throw e;
                    notes.add(crl + " cannot be used: " + e.getMessage());
                    continue;
                }
                if (o == null) continue;
                if (o.revoked != null) return o.revoked;
                reasonsMask |= o.reasons;
            }
        }
        if (reasonsMask == ALL_REASONS) return Status.good("not on the CRL");
        if (notes.isEmpty()) notes.add("no CRL of '" + cert.getIssuerX500Principal().getName() + "' covers it");
        return Status.unknown(String.join("; ", notes));
    }

    private record Outcome(int reasons, Status revoked) {}

    private Outcome apply(ParsedCrl crl, List<ParsedCrl> all, DistributionPoint dp, X509Certificate cert, boolean certIsCa,
                          Request req, int reasonsMask, List<String> notes) {
        X500Principal certIssuer = cert.getIssuerX500Principal();
        GeneralNames dpCrlIssuer = dp == null ? null : dp.getCRLIssuer();
        IssuingDistributionPoint idp = crl.idp;
        // 6.3.3 (b)(1): who issued the CRL
        if (dpCrlIssuer != null) {
            if (!containsDn(dpCrlIssuer, crl.issuer) || idp == null || !idp.isIndirectCRL()) return null;
        } else if (!crl.issuer.equals(certIssuer)) {
            // without a cRLIssuer in the distribution point only the certificate's issuer speaks for it
            return null;
        }
        // 6.3.3 (b)(2): scope
        if (idp != null) {
            DistributionPointName idpName = idp.getDistributionPoint();
            if (idpName != null) {
                List<GeneralName> idpNames = names(idpName, crl.issuer);
                List<GeneralName> dpNames;
                if (dp != null && dp.getDistributionPoint() != null) {
                    dpNames = names(dp.getDistributionPoint(), dpCrlIssuer != null ? firstDn(dpCrlIssuer) : certIssuer);
                } else if (dpCrlIssuer != null) {
                    dpNames = Arrays.asList(dpCrlIssuer.getNames());
                } else {
                    dpNames = List.of();
                }
                if (!intersects(idpNames, dpNames)) return null;
            }
            if (idp.onlyContainsUserCerts() && certIsCa) { notes.add(crl + " covers end-entity certificates only"); return null; }
            if (idp.onlyContainsCACerts() && !certIsCa) { notes.add(crl + " covers CA certificates only"); return null; }
            if (idp.onlyContainsAttributeCerts()) { notes.add(crl + " covers attribute certificates only"); return null; }
        }
        // 6.3.3 (d): reasons this CRL can answer
        int interim = ALL_REASONS;
        if (idp != null && idp.getOnlySomeReasons() != null) interim &= idp.getOnlySomeReasons().intValue();
        if (dp != null && dp.getReasons() != null) interim &= dp.getReasons().intValue();
        if ((interim & ~reasonsMask) == 0) return null;
        // 6.3.3 (a)(2): current
        if (crl.thisUpdate.isAfter(req.at())) { notes.add(crl + " is not valid before " + crl.thisUpdate); return null; }
        if (crl.nextUpdate != null && !crl.nextUpdate.isAfter(req.at())) {
            notes.add(crl + " is out of date: its nextUpdate " + crl.nextUpdate + " has passed");
            return null;
        }
        if (crl.unknownCritical != null) { notes.add(crl + " has unrecognised critical " + crl.unknownCritical + " and cannot be used"); return null; }
        // 6.3.3 (f), (g): the signer
        PublicKey signerKey = signer(crl, cert, req, dpCrlIssuer == null, notes);
        if (signerKey == null) return null;
        // 6.3.3 (c): delta CRL
        ParsedCrl delta = null;
        if (useDeltas && crl.number != null) {
            boolean expiredDelta = false;
            for (ParsedCrl d : all) {
                if (!d.isDelta() || !d.issuer.equals(crl.issuer) || !Arrays.equals(d.idpEncoded, crl.idpEncoded)) continue;
                if (d.baseNumber.compareTo(crl.number) > 0 || d.number == null || d.number.compareTo(crl.number) <= 0) continue;
                if (!d.verifiedBy(signerKey, signatureChecks)) continue;
                if (d.nextUpdate != null && !d.nextUpdate.isAfter(req.at())) { expiredDelta = true; continue; }
                if (d.unknownCritical != null) { expiredDelta = true; continue; }
                if (delta == null || d.number.compareTo(delta.number) > 0) delta = d;
            }
            if (delta == null && expiredDelta) { notes.add("the delta CRL of " + crl + " is out of date or unusable"); return null; }
        }
        // 6.3.3 (i), (j): entries
        if (delta != null) {
            ParsedCrl.Entry e = entry(delta, cert);
            if (e != null) {
                if (e.reason() == ParsedCrl.REMOVE_FROM_CRL) return new Outcome(interim, null);
                return new Outcome(interim, revoked(delta, e));
            }
        }
        ParsedCrl.Entry e = entry(crl, cert);
        if (e != null && e.reason() != ParsedCrl.REMOVE_FROM_CRL) return new Outcome(interim, revoked(crl, e));
        return new Outcome(interim, null);
    }

    private static Status revoked(ParsedCrl crl, ParsedCrl.Entry e) {
        String reason = e.reason() >= 0 && e.reason() < REASONS.length ? REASONS[e.reason()] : "reason " + e.reason();
        return Status.revoked("listed on " + crl, e.revokedAt(), reason);
    }

    private static ParsedCrl.Entry entry(ParsedCrl crl, X509Certificate cert) {
        for (ParsedCrl.Entry e : crl.entriesFor(cert.getSerialNumber())) {
            if (e.issuer().equals(cert.getIssuerX500Principal())) return e;
        }
        return null;
    }

    /** The key that signed the CRL, from a signer that may sign CRLs and validates to the path's anchor; null if none. */
    private PublicKey signer(ParsedCrl crl, X509Certificate cert, Request req, boolean direct, List<String> notes) {
        X509Certificate issuer = req.issuer();
        if (direct && crl.issuer.equals(issuer.getSubjectX500Principal()) && crl.verifiedBy(req.issuerKey(), signatureChecks)) {
            boolean[] ku = issuer.getKeyUsage();
            if (ku != null && (ku.length <= 6 || !ku[6])) {
                notes.add("'" + issuer.getSubjectX500Principal().getName() + "' signed " + crl + " but its key usage lacks cRLSign (RFC 5280 6.3.3 (f))");
                return null;
            }
            return req.issuerKey();
        }
        String why = null;
        for (X509Certificate c : req.certificates()) {
            if (!c.getSubjectX500Principal().equals(crl.issuer)) continue;
            boolean[] ku = c.getKeyUsage();
            if (ku != null && (ku.length <= 6 || !ku[6])) continue;
            if (!crl.verifiedBy(c.getPublicKey(), signatureChecks)) continue;
            Optional<String> bad = req.signers().validate(c);
            if (bad.isEmpty()) return c.getPublicKey();
            why = bad.get();
        }
        notes.add(why != null ? "the signer of " + crl + " is not trusted: " + why
                : "no certificate that may sign CRLs verifies the signature of " + crl);
        return null;
    }

    private List<ParsedCrl> fetch(DistributionPoint dp, Instant at, List<String> notes) {
        if (fetcher == null || dp == null || dp.getDistributionPoint() == null
                || dp.getDistributionPoint().getType() != DistributionPointName.FULL_NAME) return List.of();
        List<ParsedCrl> out = new ArrayList<>();
        for (GeneralName g : GeneralNames.getInstance(dp.getDistributionPoint().getName()).getNames()) {
            if (g.getTagNo() != GeneralName.uniformResourceIdentifier) continue;
            String s = g.getName().toString();
            if (!s.regionMatches(true, 0, "http:", 0, 5)) continue;
            URI uri;
            try { uri = URI.create(s); } catch (IllegalArgumentException e) { notes.add("bad distribution point URI " + s); continue; }
            ParsedCrl cached = fetched.get(uri);
            if (cached != null && (cached.nextUpdate == null || cached.nextUpdate.isAfter(at))) { out.add(cached); continue; }
            Instant retry = failedUntil.get(uri);
            if (retry != null && at.isBefore(retry)) { notes.add("CRL at " + uri + " failed recently; next attempt after " + retry); continue; }
            try {
                ParsedCrl crl = ParsedCrl.parse(fetcher.fetch(uri));
                fetched.put(uri, crl);
                failedUntil.remove(uri);
                out.add(crl);
            } catch (Exception e) {
                failedUntil.put(uri, at.plus(RETRY_AFTER));
                notes.add("CRL at " + uri + " could not be fetched: " + e.getMessage());
            }
        }
        return out;
    }

    private static List<DistributionPoint> distributionPoints(X509Certificate cert) {
        byte[] v = cert.getExtensionValue(Extension.cRLDistributionPoints.getId());
        List<DistributionPoint> out = new ArrayList<>();
        if (v != null) {
            try {
                CRLDistPoint cdp = CRLDistPoint.getInstance(org.bouncycastle.asn1.ASN1OctetString.getInstance(v).getOctets());
                out.addAll(Arrays.asList(cdp.getDistributionPoints()));
            } catch (Exception e) {
                // malformed: treated as absent; the issuer's full CRL still applies
            }
        }
        if (out.isEmpty()) out.add(null);
        return out;
    }

    private static List<GeneralName> names(DistributionPointName n, X500Principal base) {
        if (n.getType() == DistributionPointName.FULL_NAME) return Arrays.asList(GeneralNames.getInstance(n.getName()).getNames());
        RDN rdn = RDN.getInstance(n.getName());
        X500Name b = X500Name.getInstance(base.getEncoded());
        RDN[] rdns = Arrays.copyOf(b.getRDNs(), b.getRDNs().length + 1);
        rdns[rdns.length - 1] = rdn;
        return List.of(new GeneralName(new X500Name(rdns)));
    }

    private static boolean intersects(List<GeneralName> a, List<GeneralName> b) {
        for (GeneralName x : a) for (GeneralName y : b) if (same(x, y)) return true;
        return false;
    }

    private static boolean same(GeneralName x, GeneralName y) {
        if (x.getTagNo() != y.getTagNo()) return false;
        if (x.getTagNo() == GeneralName.directoryName) return principal(x.getName()).equals(principal(y.getName()));
        return x.equals(y);
    }

    private static X500Principal principal(ASN1Encodable n) {
        try { return new X500Principal(n.toASN1Primitive().getEncoded()); } catch (Exception e) { return new X500Principal(""); }
    }

    private static boolean containsDn(GeneralNames names, X500Principal p) {
        for (GeneralName g : names.getNames()) if (g.getTagNo() == GeneralName.directoryName && principal(g.getName()).equals(p)) return true;
        return false;
    }

    private static X500Principal firstDn(GeneralNames names) {
        for (GeneralName g : names.getNames()) if (g.getTagNo() == GeneralName.directoryName) return principal(g.getName());
        return new X500Principal("");
    }
}
