package org.ucsec.tls.testing;

import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v1CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

import java.math.BigInteger;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Date;

/** In-memory certificates with exactly the property a policy test needs (key, signature algorithm, X.509 version). */
public final class TestCerts {
    /** A provider instance for signing only (RSASSA-PSS); not registered globally. */
    private static final java.security.Provider BC = new org.bouncycastle.jce.provider.BouncyCastleProvider();

    private TestCerts() {}

    public static KeyPair rsa(int bits) {
        try {
            KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
            g.initialize(bits);
            return g.generateKeyPair();
        } catch (Exception e) { throw new IllegalStateException(e); }
    }

    public static KeyPair ec(String curve) {
        try {
            KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
            g.initialize(new ECGenParameterSpec(curve));
            return g.generateKeyPair();
        } catch (Exception e) { throw new IllegalStateException(e); }
    }

    public static KeyPair of(String algorithm, int bits) {
        try {
            KeyPairGenerator g = KeyPairGenerator.getInstance(algorithm);
            if (bits > 0) g.initialize(bits);
            return g.generateKeyPair();
        } catch (Exception e) { throw new IllegalStateException(e); }
    }

    /** Self-signed certificate, version 1 or 3, signed with {@code sigAlg} (e.g. SHA256withRSA, SHA1withRSA, MD5withRSA). */
    public static X509Certificate selfSigned(KeyPair kp, String sigAlg, int version, String cn) {
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        return selfSigned(kp, sigAlg, version, cn, now.minus(1, ChronoUnit.DAYS), now.plus(365, ChronoUnit.DAYS));
    }

    /** Self-signed with explicit validity (for expired or not-yet-valid certificates). */
    public static X509Certificate selfSigned(KeyPair kp, String sigAlg, int version, String cn, Instant notBefore, Instant notAfter) {
        try {
            X500Name name = new X500Name("CN=" + cn + ",O=ucsec test");
            Date from = Date.from(notBefore);
            Date to = Date.from(notAfter);
            BigInteger serial = BigInteger.valueOf(System.nanoTime());
            var signer = new JcaContentSignerBuilder(sigAlg).setProvider(BC).build(kp.getPrivate());
            var holder = version == 1
                    ? new JcaX509v1CertificateBuilder(name, serial, from, to, name, kp.getPublic()).build(signer)
                    : new JcaX509v3CertificateBuilder(name, serial, from, to, name, kp.getPublic()).build(signer);
            return new JcaX509CertificateConverter().getCertificate(holder);
        } catch (Exception e) { throw new IllegalStateException(e); }
    }
}
