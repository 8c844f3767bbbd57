package org.ucsec.pki.path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.math.BigInteger;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;

import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.junit.jupiter.api.Test;
import org.ucsec.core.UcsecException;

/**
 * An attacker sends (or a store holds) many cross-signed CA certificates with the same names: every one of them
 * verifies as the issuer of every other, so a naive builder explores k^depth paths. The builder's work is bounded: the
 * test counts signature checks and explored partial paths (no wall-clock assertion).
 */
class PathologicalInputTest {
    static final Instant NOW = Instant.parse("2026-06-01T00:00:00Z");
    static final int K = 12;
    long serial = 1;

    @Test
    void crossSignedMeshWithoutAnchor_givesUpWithinTheWorkBound() throws Exception {
        List<KeyPair> keys = keys(K);
        List<X509Certificate> mesh = mesh(keys);
        X509Certificate leaf = cert("CN=uc.example.com", keys.get(0), "CN=Mesh CA", keys.get(1), false);
        KeyPair rootKey = keys(1).get(0);
        X509Certificate root = cert("CN=Mesh Root", rootKey, "CN=Mesh Root", rootKey, true);

        ValidationPolicy policy = ValidationPolicy.defaults();
        PathValidator v = PathValidator.builder().anchors(List.of(root)).policy(policy).build();
        List<X509Certificate> presented = new ArrayList<>();
        presented.add(leaf);
        presented.addAll(mesh);
        UcsecException e = catchThrowableOfType(UcsecException.class, () -> v.validate(leaf, presented.subList(1, presented.size()), CertPurpose.SERVER, NOW));
        assertThat(e).isNotNull();
        // K*K-K = 132 same-named CA certificates, each a valid issuer of every other: 12^8 paths for a naive builder
        assertThat(e.code()).isEqualTo("path.work-exceeded");
        assertThat((Integer) e.details().get("signatureChecks")).isLessThanOrEqualTo(policy.maxSignatureChecks() + 1);
        assertThat((Integer) e.details().get("steps")).isLessThanOrEqualTo(policy.maxSignatureChecks() * 8 + 1);
    }

    @Test
    void crossSignedMeshWithOneRealPath_findsItCheaply() throws Exception {
        List<KeyPair> keys = keys(K);
        KeyPair rootKey = keys(1).get(0);
        X509Certificate root = cert("CN=Mesh Root", rootKey, "CN=Mesh Root", rootKey, true);
        List<X509Certificate> pool = mesh(keys);
        // the one certificate that reaches the anchor, offered last
        pool.add(cert("CN=Mesh CA", keys.get(1), "CN=Mesh Root", rootKey, true));
        X509Certificate leaf = cert("CN=uc.example.com", keys.get(0), "CN=Mesh CA", keys.get(1), false);

        ValidatedPath p = PathValidator.builder().anchors(List.of(root)).build().validate(leaf, pool, CertPurpose.SERVER, NOW);
        assertThat(p.certificates()).hasSize(3);
        assertThat(p.anchor()).isEqualTo(root);
        assertThat(p.signatureChecks()).as("work spent").isLessThanOrEqualTo(ValidationPolicy.defaults().maxSignatureChecks());
    }

    @Test
    void depthBound_refusesAnOverlongChainEvenIfItWouldValidate() throws Exception {
        List<KeyPair> keys = keys(12);
        KeyPair rootKey = keys(1).get(0);
        X509Certificate root = cert("CN=Deep Root", rootKey, "CN=Deep Root", rootKey, true);
        List<X509Certificate> pool = new ArrayList<>();
        String issuer = "CN=Deep Root";
        KeyPair issuerKey = rootKey;
        for (int i = 0; i < 11; i++) {
            pool.add(cert("CN=Deep CA " + i, keys.get(i), issuer, issuerKey, true));
            issuer = "CN=Deep CA " + i;
            issuerKey = keys.get(i);
        }
        X509Certificate leaf = cert("CN=uc.example.com", keys.get(11), issuer, issuerKey, false);
        UcsecException e = catchThrowableOfType(UcsecException.class, () -> PathValidator.builder().anchors(List.of(root)).build()
                .validate(leaf, pool, CertPurpose.SERVER, NOW));
        assertThat(e.code()).isEqualTo("path.too-long");
        ValidatedPath ok = PathValidator.builder().anchors(List.of(root)).policy(ValidationPolicy.defaults().withBounds(16, 256)).build()
                .validate(leaf, pool, CertPurpose.SERVER, NOW);
        assertThat(ok.certificates()).hasSize(13);
    }

    private List<X509Certificate> mesh(List<KeyPair> keys) throws Exception {
        List<X509Certificate> out = new ArrayList<>();
        for (KeyPair subject : keys) for (KeyPair issuer : keys) if (subject != issuer) out.add(cert("CN=Mesh CA", subject, "CN=Mesh CA", issuer, true));
        return out;
    }

    static List<KeyPair> keys(int n) throws Exception {
        KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
        g.initialize(new ECGenParameterSpec("secp256r1"));
        List<KeyPair> out = new ArrayList<>();
        for (int i = 0; i < n; i++) out.add(g.generateKeyPair());
        return out;
    }

    X509Certificate cert(String subject, KeyPair subjectKey, String issuer, KeyPair issuerKey, boolean ca) throws Exception {
        var b = new JcaX509v3CertificateBuilder(new X500Name(issuer), BigInteger.valueOf(serial++), Date.from(NOW.minus(1, ChronoUnit.DAYS)),
                Date.from(NOW.plus(30, ChronoUnit.DAYS)), new X500Name(subject), subjectKey.getPublic());
        b.addExtension(Extension.basicConstraints, true, new BasicConstraints(ca));
        b.addExtension(Extension.keyUsage, true, new KeyUsage(ca ? KeyUsage.keyCertSign | KeyUsage.cRLSign : KeyUsage.digitalSignature));
        return new JcaX509CertificateConverter().getCertificate(b.build(new JcaContentSignerBuilder("SHA256withECDSA").build(issuerKey.getPrivate())));
    }
}
