package org.ucsec.pki.path;

import java.security.PublicKey;
import java.security.cert.CertificateEncodingException;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;

import javax.security.auth.x500.X500Principal;

import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.x509.AuthorityKeyIdentifier;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.Extensions;
import org.bouncycastle.asn1.x509.TBSCertificate;
import org.ucsec.core.UcsecException;

/** One certificate parsed once for a validation: names, the extensions the algorithm reads (BouncyCastle ASN.1). */
final class ParsedCert {
    final X509Certificate x;
    final byte[] der;
    final X500Principal subject, issuer;
    final String name;
    final Extensions ext;
    final boolean selfIssued;
    final boolean ca;
    /** pathLenConstraint, or -1 when absent. */
    final int pathLen;
    final boolean[] keyUsage;
    final List<String> extKeyUsage;
    final byte[] ski, akiKeyId;
    private String subjectAndKey;

    ParsedCert(X509Certificate x) {
        this.x = x;
        try {
            this.der = x.getEncoded();
            TBSCertificate tbs = org.bouncycastle.asn1.x509.Certificate.getInstance(der).getTBSCertificate();
            this.ext = tbs.getExtensions();
            this.extKeyUsage = x.getExtendedKeyUsage();
        } catch (CertificateEncodingException | CertificateParsingException | IllegalArgumentException e) {
            throw new UcsecException("path.malformed", "certificate '" + x.getSubjectX500Principal().getName() + "' cannot be parsed: " + e.getMessage());
        }
        subject = x.getSubjectX500Principal();
        issuer = x.getIssuerX500Principal();
        name = subject.getName().isEmpty() ? "(empty subject, serial " + x.getSerialNumber().toString(16) + ")" : subject.getName();
        selfIssued = subject.equals(issuer);
        Extension bcExt = ext == null ? null : ext.getExtension(Extension.basicConstraints);
        org.bouncycastle.asn1.x509.BasicConstraints bc = bcExt == null ? null : org.bouncycastle.asn1.x509.BasicConstraints.getInstance(bcExt.getParsedValue());
        ca = bc != null && bc.isCA();
        pathLen = bc != null && bc.isCA() && bc.getPathLenConstraint() != null ? bc.getPathLenConstraint().intValueExact() : -1;
        keyUsage = x.getKeyUsage();
        Extension s = ext == null ? null : ext.getExtension(Extension.subjectKeyIdentifier);
        ski = s == null ? null : ASN1OctetString.getInstance(s.getParsedValue()).getOctets();
        Extension a = ext == null ? null : ext.getExtension(Extension.authorityKeyIdentifier);
        akiKeyId = a == null ? null : AuthorityKeyIdentifier.getInstance(a.getParsedValue()).getKeyIdentifier();
    }

    /** subject + key: a path must not pass through the same pair twice (RFC 4158 loop rule). Computed on demand. */
    String subjectAndKey() {
        if (subjectAndKey == null) subjectAndKey = subject.getName(X500Principal.CANONICAL) + "|" + HexFormat.of().formatHex(x.getPublicKey().getEncoded());
        return subjectAndKey;
    }

    PublicKey key() { return x.getPublicKey(); }

    Extension extension(ASN1ObjectIdentifier oid) { return ext == null ? null : ext.getExtension(oid); }

    boolean hasKu(int bit) { return keyUsage == null || (keyUsage.length > bit && keyUsage[bit]); }

    Set<String> criticalOids() {
        Set<String> s = x.getCriticalExtensionOIDs();
        return s == null ? Set.of() : s;
    }

    /** Whether {@code candidate}'s SKI matches this certificate's AKI (absent on either side: no opinion). */
    boolean akiMatches(ParsedCert candidate) {
        return akiKeyId != null && candidate.ski != null && Arrays.equals(akiKeyId, candidate.ski);
    }

    boolean akiMismatches(ParsedCert candidate) {
        return akiKeyId != null && candidate.ski != null && !Arrays.equals(akiKeyId, candidate.ski);
    }

    boolean sameAs(ParsedCert o) { return Arrays.equals(der, o.der); }

    @Override public String toString() { return name; }

    static final int KU_DIGITAL_SIGNATURE = 0, KU_NON_REPUDIATION = 1, KU_KEY_ENCIPHERMENT = 2, KU_DATA_ENCIPHERMENT = 3,
            KU_KEY_AGREEMENT = 4, KU_KEY_CERT_SIGN = 5, KU_CRL_SIGN = 6;
}
