package org.ucsec.pki;

import org.ucsec.core.UcsecException;

import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.ExtensionsGenerator;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;
import org.bouncycastle.pkcs.jcajce.JcaPKCS10CertificationRequestBuilder;
import org.ucsec.pki.catalogue.ExtendedKeyUsage;
import org.ucsec.pki.catalogue.KeyAlgorithm;
import org.ucsec.pki.catalogue.KeyUsageBit;
import org.ucsec.pki.catalogue.KeyUsageProfile;

import java.math.BigInteger;
import java.security.KeyPair;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Date;
import java.util.List;

/** Builds self-signed certificates and PKCS#10 CSRs carrying exactly a key-usage profile (SPEC C2, C3, C4). */
public final class Certs {
    private static final SecureRandom RANDOM = new SecureRandom();

    /**
     * Most subject alternative names in one certificate or CSR. RFC 5280 section 4.2.1.6 sets no bound; 100 is what
     * public CAs issue at most (Let's Encrypt and most commercial CAs cap a certificate at 100 names), so a CA would
     * refuse a larger CSR, and a cluster's names (every node, short and full, plus extras) fit many times over.
     */
    public static final int MAX_SANS = 100;

    /**
     * Largest encoded (DER) identity certificate or CSR, in bytes. The TLS Certificate message carries the whole chain
     * (RFC 8446 section 4.4.2, RFC 5246 section 7.4.2) and the JDK refuses handshake messages over 32 KiB by default
     * ({@code jdk.tls.maxHandshakeMessageSize}); 16 KiB for the leaf leaves the other half for its issuing chain.
     * A certificate that its own listener cannot send locks every client out (issue 8 item 7).
     */
    public static final int MAX_CERTIFICATE_BYTES = 16 * 1024;

    private Certs() {}

    /** What to put into a certificate or CSR. */
    public record Request(SubjectSpec subject, List<String> sans, KeyUsageProfile profile, SignatureHash hash) {
        public Request {
            sans = SanNames.normalize(sans);
            if (sans.size() > MAX_SANS) throw SanNames.tooMany(sans.size());
        }
    }

    /**
     * Largest TLS Certificate handshake message the JDK accepts by default ({@code jdk.tls.maxHandshakeMessageSize},
     * 32768 bytes); the whole chain a listener serves must fit in it.
     */
    public static final int MAX_HANDSHAKE_MESSAGE_BYTES = 32 * 1024;

    /**
     * Refuses with {@code cert.too-large} an identity chain (leaf first, as a listener serves it) that a TLS client could
     * not receive: a leaf over {@link #MAX_CERTIFICATE_BYTES}, or a chain whose Certificate message would exceed
     * {@link #MAX_HANDSHAKE_MESSAGE_BYTES}. Message size as RFC 8446 section 4.4.2 lays it out (TLS 1.3, the larger
     * of the two layouts): 1-byte request context, 3-byte list length, and per certificate a 3-byte length, the DER and
     * a 2-byte (empty) extensions length. {@code name} names the identity in the refusal ("tomcat on imp1").
     */
    public static void requireServable(String name, List<X509Certificate> chain) {
        if (chain.isEmpty()) throw new IllegalArgumentException("empty chain");
        long message = 4;
        for (int i = 0; i < chain.size(); i++) {
            int size;
            try { size = chain.get(i).getEncoded().length; } catch (java.security.cert.CertificateEncodingException e) { throw new IllegalStateException(e); }
            if (i == 0 && size > MAX_CERTIFICATE_BYTES) {
                throw new UcsecException("cert.too-large", "the certificate of " + name + " is " + size + " bytes, more than the " + MAX_CERTIFICATE_BYTES
                        + " bytes an identity certificate may have so that a TLS handshake can carry it with its chain");
            }
            message += 5 + size;
        }
        if (message > MAX_HANDSHAKE_MESSAGE_BYTES) {
            throw new UcsecException("cert.too-large", "the chain of " + name + " (" + chain.size() + " certificates) makes a " + message
                    + "-byte TLS Certificate message, more than the " + MAX_HANDSHAKE_MESSAGE_BYTES + " bytes TLS clients accept (JDK jdk.tls.maxHandshakeMessageSize)");
        }
    }

    /**
     * A self-signed certificate of the request. Refuses with {@code cert.too-large} (naming the size and
     * {@link #MAX_CERTIFICATE_BYTES}) a certificate no TLS peer could receive; nothing is stored by this class.
     */
    public static X509Certificate selfSigned(KeyPair keys, Request req, Instant notBefore, Instant notAfter) {
        X509Certificate c = build(keys, req, notBefore, notAfter);
        int size;
        try { size = c.getEncoded().length; } catch (java.security.cert.CertificateEncodingException e) { throw new IllegalStateException(e); }
        if (size > MAX_CERTIFICATE_BYTES) {
            throw new UcsecException("cert.too-large", "the certificate for '" + req.subject().cn() + "' would be " + size + " bytes with its "
                    + req.sans().size() + " subject alternative names, more than the " + MAX_CERTIFICATE_BYTES + " bytes a TLS handshake can carry "
                    + "(RFC 8446 section 4.4.2; JDK jdk.tls.maxHandshakeMessageSize): use fewer or shorter names");
        }
        return c;
    }

    private static X509Certificate build(KeyPair keys, Request req, Instant notBefore, Instant notAfter) {
        try {
            KeyAlgorithm alg = algorithmOf(keys.getPublic());
            BigInteger serial = new BigInteger(127, RANDOM).add(BigInteger.ONE);
            X509v3CertificateBuilder b = new JcaX509v3CertificateBuilder(req.subject().toX500Name(), serial,
                    Date.from(notBefore), Date.from(notAfter), req.subject().toX500Name(), keys.getPublic());
            JcaX509ExtensionUtils ext = new JcaX509ExtensionUtils();
            boolean ca = req.profile().keyUsage().contains(KeyUsageBit.KEY_CERT_SIGN);
            b.addExtension(Extension.basicConstraints, true, new BasicConstraints(ca));
            b.addExtension(Extension.subjectKeyIdentifier, false, ext.createSubjectKeyIdentifier(keys.getPublic()));
            b.addExtension(Extension.authorityKeyIdentifier, false, ext.createAuthorityKeyIdentifier(keys.getPublic()));
            for (var e : extensions(req)) b.addExtension(e.oid(), e.critical(), e.value());
            ContentSigner signer = new JcaContentSignerBuilder(req.hash().signatureAlgorithm(alg)).build(keys.getPrivate());
            return new JcaX509CertificateConverter().getCertificate(b.build(signer));
        } catch (Exception e) {
            throw new IllegalStateException("self-signed certificate generation failed", e);
        }
    }

    /** A PKCS#10 CSR of the request; refuses with {@code csr.too-large} one over {@link #MAX_CERTIFICATE_BYTES}. */
    public static PKCS10CertificationRequest csr(KeyPair keys, Request req) {
        PKCS10CertificationRequest csr = buildCsr(keys, req);
        int size;
        try { size = csr.getEncoded().length; } catch (java.io.IOException e) { throw new IllegalStateException(e); }
        if (size > MAX_CERTIFICATE_BYTES) {
            throw new UcsecException("csr.too-large", "the certificate request for '" + req.subject().cn() + "' would be " + size + " bytes with its "
                    + req.sans().size() + " subject alternative names, more than the " + MAX_CERTIFICATE_BYTES + " bytes of the certificate the CA "
                    + "would return that a TLS handshake can carry: use fewer or shorter names");
        }
        return csr;
    }

    private static PKCS10CertificationRequest buildCsr(KeyPair keys, Request req) {
        try {
            KeyAlgorithm alg = algorithmOf(keys.getPublic());
            JcaPKCS10CertificationRequestBuilder b = new JcaPKCS10CertificationRequestBuilder(req.subject().toX500Name(), keys.getPublic());
            ExtensionsGenerator g = new ExtensionsGenerator();
            for (var e : extensions(req)) g.addExtension(e.oid(), e.critical(), e.value());
            b.addAttribute(PKCSObjectIdentifiers.pkcs_9_at_extensionRequest, g.generate());
            return b.build(new JcaContentSignerBuilder(req.hash().signatureAlgorithm(alg)).build(keys.getPrivate()));
        } catch (Exception e) {
            throw new IllegalStateException("CSR generation failed", e);
        }
    }

    private record Ext(ASN1ObjectIdentifier oid, boolean critical, ASN1Encodable value) {}

    private static List<Ext> extensions(Request req) {
        int bits = 0;
        for (KeyUsageBit k : req.profile().keyUsage()) bits |= k.bcBit();
        var list = new java.util.ArrayList<Ext>();
        list.add(new Ext(Extension.keyUsage, true, new KeyUsage(bits)));
        if (!req.profile().extendedKeyUsage().isEmpty()) {
            KeyPurposeId[] ids = req.profile().extendedKeyUsage().stream()
                    .map(e -> KeyPurposeId.getInstance(new ASN1ObjectIdentifier(e.oid()))).toArray(KeyPurposeId[]::new);
            list.add(new Ext(Extension.extendedKeyUsage, false, new org.bouncycastle.asn1.x509.ExtendedKeyUsage(ids)));
        }
        if (!req.sans().isEmpty()) {
            GeneralName[] names = req.sans().stream()
                    .map(s -> SanNames.isIp(s) ? new GeneralName(GeneralName.iPAddress, s) : new GeneralName(GeneralName.dNSName, s))
                    .toArray(GeneralName[]::new);
            list.add(new Ext(Extension.subjectAlternativeName, false, new GeneralNames(names)));
        }
        return list;
    }

    public static KeyAlgorithm algorithmOf(PublicKey key) {
        return switch (key.getAlgorithm()) {
            case "RSA" -> KeyAlgorithm.RSA;
            case "EC", "ECDSA" -> KeyAlgorithm.EC;
            default -> throw new UcsecException("key.type-unsupported", "unsupported key type " + key.getAlgorithm());
        };
    }

    /** Key usage bits asserted by a certificate (empty if it has no keyUsage extension). */
    public static java.util.Set<KeyUsageBit> keyUsage(X509Certificate c) {
        var out = java.util.EnumSet.noneOf(KeyUsageBit.class);
        boolean[] ku = c.getKeyUsage();
        if (ku != null) for (KeyUsageBit b : KeyUsageBit.values()) if (b.rfcIndex() < ku.length && ku[b.rfcIndex()]) out.add(b);
        return out;
    }

    /** Extended key usages asserted by a certificate that ucsec knows, plus raw OIDs of any others. */
    public static java.util.Set<ExtendedKeyUsage> extendedKeyUsage(X509Certificate c) {
        var out = java.util.EnumSet.noneOf(ExtendedKeyUsage.class);
        try {
            List<String> ekus = c.getExtendedKeyUsage();
            if (ekus != null) for (String oid : ekus) { ExtendedKeyUsage e = ExtendedKeyUsage.byOid(oid); if (e != null) out.add(e); }
        } catch (java.security.cert.CertificateParsingException e) {
            throw new UcsecException("cert.malformed", "extended key usage of '" + c.getSubjectX500Principal().getName() + "' cannot be parsed");
        }
        return out;
    }

    /** RFC 5280: whether the certificate has an EKU extension at all (absent = any purpose). */
    public static boolean hasExtendedKeyUsage(X509Certificate c) {
        return c.getExtensionValue(Extension.extendedKeyUsage.getId()) != null;
    }
}
