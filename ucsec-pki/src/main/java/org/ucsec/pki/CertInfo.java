package org.ucsec.pki;

import org.ucsec.pki.catalogue.ExtendedKeyUsage;
import org.ucsec.pki.catalogue.KeyUsageBit;

import java.security.MessageDigest;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/** What operators see of a certificate (listing / show): all plain data, no secrets. */
public record CertInfo(String subject, String issuer, String serial, Instant notBefore, Instant notAfter,
                       String keyType, int keySize, List<String> subjectAltNames, List<String> keyUsage,
                       List<String> extendedKeyUsage, String sha256Fingerprint, boolean selfSigned, String signatureAlgorithm) {

    public static CertInfo of(X509Certificate c) {
        List<String> ku = Certs.keyUsage(c).stream().map(KeyUsageBit::displayName).toList();
        List<String> eku = new ArrayList<>();
        try {
            if (c.getExtendedKeyUsage() != null) for (String oid : c.getExtendedKeyUsage()) {
                ExtendedKeyUsage e = ExtendedKeyUsage.byOid(oid);
                eku.add(e == null ? oid : e.displayName());
            }
        } catch (Exception ignored) { /* unparsable EKU is shown as absent */ }
        return new CertInfo(c.getSubjectX500Principal().getName(), c.getIssuerX500Principal().getName(),
                c.getSerialNumber().toString(16), c.getNotBefore().toInstant(), c.getNotAfter().toInstant(),
                keyType(c), keySize(c), sans(c), ku, eku, fingerprint(c), isSelfSigned(c), c.getSigAlgName());
    }

    public static String keyType(X509Certificate c) {
        return c.getPublicKey() instanceof ECPublicKey ? "EC" : c.getPublicKey().getAlgorithm();
    }

    public static int keySize(X509Certificate c) {
        if (c.getPublicKey() instanceof RSAPublicKey r) return r.getModulus().bitLength();
        if (c.getPublicKey() instanceof ECPublicKey e) return e.getParams().getCurve().getField().getFieldSize();
        return 0;
    }

    public static List<String> sans(X509Certificate c) {
        List<String> out = new ArrayList<>();
        try {
            var names = c.getSubjectAlternativeNames();
            if (names != null) for (List<?> n : names) {
                int type = (Integer) n.get(0);
                String prefix = switch (type) { case 2 -> "DNS:"; case 7 -> "IP:"; case 1 -> "email:"; case 6 -> "URI:"; default -> "other:"; };
                out.add(prefix + n.get(1));
            }
        } catch (Exception ignored) { /* no SANs */ }
        return out;
    }

    /** Issuer equals subject and the certificate verifies with its own key (C10's "self-signed"). */
    public static boolean isSelfSigned(X509Certificate c) {
        if (!c.getIssuerX500Principal().equals(c.getSubjectX500Principal())) return false;
        try { c.verify(c.getPublicKey()); return true; } catch (Exception e) { return false; }
    }

    public static String fingerprint(X509Certificate c) {
        try {
            return HexFormat.ofDelimiter(":").withUpperCase().formatHex(MessageDigest.getInstance("SHA-256").digest(c.getEncoded()));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** Common name of a certificate subject, or the whole subject if it has no CN. */
    public static String commonName(X509Certificate c) {
        return commonName(c.getSubjectX500Principal().getName());
    }

    public static String commonName(String dn) {
        try {
            for (var rdn : new javax.naming.ldap.LdapName(dn).getRdns()) if (rdn.getType().equalsIgnoreCase("CN")) return rdn.getValue().toString();
        } catch (Exception ignored) { /* fall through */ }
        return dn;
    }
}
