package org.ucsec.pki.path;

import java.io.ByteArrayInputStream;
import java.math.BigInteger;
import java.security.PublicKey;
import java.security.cert.CertificateFactory;
import java.security.cert.X509CRL;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import javax.security.auth.x500.X500Principal;

import org.bouncycastle.asn1.ASN1Enumerated;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.IssuingDistributionPoint;
import org.bouncycastle.cert.X509CRLEntryHolder;
import org.bouncycastle.cert.X509CRLHolder;
import org.ucsec.core.UcsecException;

/**
 * A CRL parsed once (BouncyCastle for the extensions and entries, the JDK for the signature), with an index of its
 * entries and a cache of signature results per key: a cached CRL costs no signature verification after the first.
 */
public final class ParsedCrl {
    static final Set<String> KNOWN_CRL_EXTENSIONS = Set.of("2.5.29.20", "2.5.29.35", "2.5.29.28", "2.5.29.27", "2.5.29.18", "2.5.29.46");
    static final Set<String> KNOWN_ENTRY_EXTENSIONS = Set.of("2.5.29.21", "2.5.29.29", "2.5.29.24", "2.5.29.23");
    static final int REMOVE_FROM_CRL = 8;

    record Entry(BigInteger serial, X500Principal issuer, Instant revokedAt, int reason) {}

    final X509CRL jdk;
    final X500Principal issuer;
    final Instant thisUpdate, nextUpdate;
    final BigInteger number, baseNumber;
    final IssuingDistributionPoint idp;
    final byte[] idpEncoded;
    final String unknownCritical;
    final Map<BigInteger, List<Entry>> entries = new HashMap<>();
    private final Map<PublicKey, Boolean> verified = new ConcurrentHashMap<>();

    private ParsedCrl(byte[] der) throws Exception {
        jdk = (X509CRL) CertificateFactory.getInstance("X.509").generateCRL(new ByteArrayInputStream(der));
        X509CRLHolder h = new X509CRLHolder(der);
        issuer = jdk.getIssuerX500Principal();
        thisUpdate = jdk.getThisUpdate().toInstant();
        nextUpdate = jdk.getNextUpdate() == null ? null : jdk.getNextUpdate().toInstant();
        Extension n = h.getExtension(Extension.cRLNumber);
        number = n == null ? null : ASN1Integer.getInstance(n.getParsedValue()).getValue();
        Extension d = h.getExtension(Extension.deltaCRLIndicator);
        baseNumber = d == null ? null : ASN1Integer.getInstance(d.getParsedValue()).getValue();
        Extension i = h.getExtension(Extension.issuingDistributionPoint);
        idp = i == null ? null : IssuingDistributionPoint.getInstance(i.getParsedValue());
        idpEncoded = i == null ? null : i.getExtnValue().getOctets();
        String unknown = null;
        for (Object o : h.getCriticalExtensionOIDs()) {
            String oid = o.toString();
            if (!KNOWN_CRL_EXTENSIONS.contains(oid)) unknown = "CRL extension " + oid;
        }
        for (Object o : h.getRevokedCertificates()) {
            X509CRLEntryHolder e = (X509CRLEntryHolder) o;
            for (Object c : e.getCriticalExtensionOIDs()) {
                if (!KNOWN_ENTRY_EXTENSIONS.contains(c.toString())) unknown = "CRL entry extension " + c;
            }
            X500Principal entryIssuer = issuer;
            GeneralNames gns = e.getCertificateIssuer();
            if (gns != null) {
                for (GeneralName g : gns.getNames()) {
                    if (g.getTagNo() == GeneralName.directoryName) { entryIssuer = new X500Principal(g.getName().toASN1Primitive().getEncoded()); break; }
                }
            }
            Extension rc = e.getExtension(Extension.reasonCode);
            int reason = rc == null ? 0 : ASN1Enumerated.getInstance(rc.getParsedValue()).intValueExact();
            entries.computeIfAbsent(e.getSerialNumber(), k -> new ArrayList<>(1))
                    .add(new Entry(e.getSerialNumber(), entryIssuer, e.getRevocationDate().toInstant(), reason));
        }
        unknownCritical = unknown;
    }

    /** Parses a DER (or PEM) CRL; refuses with {@code crl.malformed}. */
    public static ParsedCrl parse(byte[] data) {
        try {
            byte[] der = data;
            String head = new String(data, 0, Math.min(data.length, 64), java.nio.charset.StandardCharsets.US_ASCII);
            if (head.contains("-----BEGIN")) {
                X509CRL c = (X509CRL) CertificateFactory.getInstance("X.509").generateCRL(new ByteArrayInputStream(data));
                der = c.getEncoded();
            }
            return new ParsedCrl(der);
        } catch (Exception e) {
            throw new UcsecException("crl.malformed", "the CRL cannot be parsed: " + e.getMessage());
        }
    }

    public static ParsedCrl of(X509CRL crl) {
        try { return parse(crl.getEncoded()); } catch (java.security.cert.CRLException e) { throw new UcsecException("crl.malformed", e.getMessage()); }
    }

    public X500Principal issuer() { return issuer; }
    public Instant nextUpdate() { return nextUpdate; }
    public boolean isDelta() { return baseNumber != null; }

    /** Whether the CRL's signature verifies with {@code key}; remembered per key. */
    boolean verifiedBy(PublicKey key, java.util.concurrent.atomic.AtomicInteger counter) {
        Boolean r = verified.get(key);
        if (r != null) return r;
        if (counter != null) counter.incrementAndGet();
        boolean ok;
        try { jdk.verify(key); ok = true; } catch (Exception e) { ok = false; }
        verified.put(key, ok);
        return ok;
    }

    List<Entry> entriesFor(BigInteger serial) { return entries.getOrDefault(serial, List.of()); }

    @Override public String toString() {
        return (isDelta() ? "delta CRL" : "CRL") + " of '" + issuer.getName() + "'" + (number == null ? "" : " #" + number);
    }
}
