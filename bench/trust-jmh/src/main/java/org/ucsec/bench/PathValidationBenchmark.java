package org.ucsec.bench;

import java.io.ByteArrayInputStream;
import java.math.BigInteger;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PublicKey;
import java.security.Signature;
import java.security.cert.CertPathValidator;
import java.security.cert.CertStore;
import java.security.cert.CertificateFactory;
import java.security.cert.CollectionCertStoreParameters;
import java.security.cert.PKIXParameters;
import java.security.cert.TrustAnchor;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.CRLReason;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v2CRLBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CRLConverter;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.ucsec.pki.path.CertPurpose;
import org.ucsec.pki.path.CrlRevocationChecker;
import org.ucsec.pki.path.ParsedCrl;
import org.ucsec.pki.path.PathValidator;
import org.ucsec.pki.path.ValidatedPath;
import org.ucsec.pki.path.ValidationPolicy;

/**
 * A 3-certificate chain (root > issuing CA > leaf) with a CRL from each CA, each listing one other certificate.
 * Every operation parses a leaf and an intermediate from DER, as a TLS handshake receives them. The JDK caches parsed
 * certificates by encoding (750 entries) and each certificate caches its last signature check, so re-using one
 * encoding would measure nothing: each operation takes the next of {@value #POOL} distinct leaves (same key and names,
 * other serial numbers) and of {@value #POOL} distinct intermediates, more than the cache holds.
 *
 * <ul>
 *   <li>{@code rawSignatures}: the two certificate signature verifications the chain needs, on the Signature API</li>
 *   <li>{@code rawSignaturesAndCrls}: those plus the two CRL signatures (what a validator without a CRL cache pays)</li>
 *   <li>{@code parseOnly}: decoding the two certificates</li>
 *   <li>{@code ucsecCachedCrl}: ucsec's PathValidator, hard-fail CRL revocation, CRLs parsed and verified once</li>
 *   <li>{@code ucsecNoRevocation}: the same without revocation</li>
 *   <li>{@code jdkPkixCrl}: the JDK's CertPathValidator (PKIX) with the same CRLs in a CertStore</li>
 *   <li>{@code jdkPkixNoRevocation}: the JDK's CertPathValidator without revocation</li>
 * </ul>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class PathValidationBenchmark {
    @Param({"RSA-2048", "EC-P256"})
    public String keys;

    static final Instant NOW = Instant.parse("2026-06-01T00:00:00Z");

    static final int POOL = 2048;
    byte[][] leafDers = new byte[POOL][], intDers = new byte[POOL][];
    int next;
    X509Certificate root;
    PublicKey rootKey, intKey;
    byte[] leafTbs, leafSig, intTbs, intSig;
    String leafAlg, intAlg;
    X509CRL rootCrl, intCrl;
    PathValidator ucsec, ucsecNoRev;
    CrlRevocationChecker crlChecker;
    PKIXParameters pkixCrl, pkixNoRev;
    CertificateFactory cf;

    @Setup
    public void setUp() throws Exception {
        KeyPair r = key(), i = key(), l = key(), other = key();
        String sigAlg = keys.startsWith("RSA") ? "SHA256withRSA" : "SHA256withECDSA";
        root = cert("CN=Bench Root", r, "CN=Bench Root", r, true, sigAlg, 1);
        X509Certificate inter = cert("CN=Bench Issuing CA", i, "CN=Bench Root", r, true, sigAlg, 2);
        X509Certificate leaf = cert("CN=uc.example.com", l, "CN=Bench Issuing CA", i, false, sigAlg, 3);
        rootCrl = crl("CN=Bench Root", r, sigAlg, BigInteger.valueOf(99));
        intCrl = crl("CN=Bench Issuing CA", i, sigAlg, BigInteger.valueOf(98));
        for (int k = 0; k < POOL; k++) {
            leafDers[k] = cert("CN=uc.example.com", l, "CN=Bench Issuing CA", i, false, sigAlg, 10_000 + k).getEncoded();
            intDers[k] = cert("CN=Bench Issuing CA", i, "CN=Bench Root", r, true, sigAlg, 20_000 + k).getEncoded();
        }
        rootKey = r.getPublic();
        intKey = i.getPublic();
        leafTbs = leaf.getTBSCertificate(); leafSig = leaf.getSignature(); leafAlg = leaf.getSigAlgName();
        intTbs = inter.getTBSCertificate(); intSig = inter.getSignature(); intAlg = inter.getSigAlgName();
        cf = CertificateFactory.getInstance("X.509");

        Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
        ucsec = PathValidator.builder().anchors(List.of(root)).clock(clock)
                .policy(ValidationPolicy.defaults().withRevocation(ValidationPolicy.RevocationMode.HARD_FAIL))
                .revocation(crlChecker = CrlRevocationChecker.of(List.of(ParsedCrl.of(rootCrl), ParsedCrl.of(intCrl)))).build();
        ucsecNoRev = PathValidator.builder().anchors(List.of(root)).clock(clock)
                .policy(ValidationPolicy.defaults().withRevocation(ValidationPolicy.RevocationMode.OFF)).build();
        pkixCrl = new PKIXParameters(Set.of(new TrustAnchor(root, null)));
        pkixCrl.setDate(Date.from(NOW));
        pkixCrl.setRevocationEnabled(true);
        pkixCrl.addCertStore(CertStore.getInstance("Collection", new CollectionCertStoreParameters(List.of(rootCrl, intCrl))));
        pkixNoRev = new PKIXParameters(Set.of(new TrustAnchor(root, null)));
        pkixNoRev.setDate(Date.from(NOW));
        pkixNoRev.setRevocationEnabled(false);
        // fail fast if a variant does not validate
        if (ucsecCachedCrl().certificates().size() != 3) throw new IllegalStateException("ucsec did not validate");
        jdkPkixCrl();
    }

    /** Shows that the CRLs' signatures were verified once, not per operation. */
    @org.openjdk.jmh.annotations.TearDown
    public void report() {
        System.out.println("\nCRL signature verifications during the whole run: " + crlChecker.signatureChecks());
    }

    @Benchmark
    public boolean rawSignatures() throws Exception {
        return verify(leafAlg, intKey, leafTbs, leafSig) & verify(intAlg, rootKey, intTbs, intSig);
    }

    @Benchmark
    public boolean rawSignaturesAndCrls() throws Exception {
        return verify(leafAlg, intKey, leafTbs, leafSig) & verify(intAlg, rootKey, intTbs, intSig)
                & verify(rootCrl.getSigAlgName(), rootKey, rootCrl.getTBSCertList(), rootCrl.getSignature())
                & verify(intCrl.getSigAlgName(), intKey, intCrl.getTBSCertList(), intCrl.getSignature());
    }

    @Benchmark
    public Object parseOnly() throws Exception {
        return chain();
    }

    @Benchmark
    public ValidatedPath ucsecCachedCrl() throws Exception {
        return ucsec.validate(chain(), CertPurpose.SERVER);
    }

    @Benchmark
    public ValidatedPath ucsecNoRevocation() throws Exception {
        return ucsecNoRev.validate(chain(), CertPurpose.SERVER);
    }

    @Benchmark
    public Object jdkPkixCrl() throws Exception {
        return CertPathValidator.getInstance("PKIX").validate(cf.generateCertPath(chain()), pkixCrl);
    }

    @Benchmark
    public Object jdkPkixNoRevocation() throws Exception {
        return CertPathValidator.getInstance("PKIX").validate(cf.generateCertPath(chain()), pkixNoRev);
    }

    /** The next leaf and intermediate of the pools, freshly parsed. */
    private List<X509Certificate> chain() throws Exception {
        int k = next = (next + 1) % POOL;
        return List.of(parse(leafDers[k]), parse(intDers[(k * 7 + 3) % POOL]));
    }

    private X509Certificate parse(byte[] der) throws Exception {
        return (X509Certificate) cf.generateCertificate(new ByteArrayInputStream(der));
    }

    private static boolean verify(String alg, PublicKey key, byte[] tbs, byte[] sig) throws Exception {
        Signature s = Signature.getInstance(alg);
        s.initVerify(key);
        s.update(tbs);
        return s.verify(sig);
    }

    private KeyPair key() throws Exception {
        if (keys.startsWith("RSA")) {
            KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
            g.initialize(2048);
            return g.generateKeyPair();
        }
        KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
        g.initialize(new ECGenParameterSpec("secp256r1"));
        return g.generateKeyPair();
    }

    private static X509Certificate cert(String subject, KeyPair subjectKey, String issuer, KeyPair issuerKey, boolean ca, String alg, long serial) throws Exception {
        JcaX509ExtensionUtils u = new JcaX509ExtensionUtils();
        var b = new JcaX509v3CertificateBuilder(new X500Name(issuer), BigInteger.valueOf(serial), Date.from(NOW.minus(1, ChronoUnit.DAYS)),
                Date.from(NOW.plus(365, ChronoUnit.DAYS)), new X500Name(subject), subjectKey.getPublic());
        b.addExtension(Extension.basicConstraints, true, new BasicConstraints(ca));
        b.addExtension(Extension.keyUsage, true, new KeyUsage(ca ? KeyUsage.keyCertSign | KeyUsage.cRLSign : KeyUsage.digitalSignature | KeyUsage.keyEncipherment));
        b.addExtension(Extension.subjectKeyIdentifier, false, u.createSubjectKeyIdentifier(subjectKey.getPublic()));
        b.addExtension(Extension.authorityKeyIdentifier, false, u.createAuthorityKeyIdentifier(issuerKey.getPublic()));
        if (!ca) b.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(new KeyPurposeId[]{KeyPurposeId.id_kp_serverAuth, KeyPurposeId.id_kp_clientAuth}));
        return new JcaX509CertificateConverter().getCertificate(b.build(new JcaContentSignerBuilder(alg).build(issuerKey.getPrivate())));
    }

    private static X509CRL crl(String issuer, KeyPair key, String alg, BigInteger revokedSerial) throws Exception {
        X509v2CRLBuilder b = new X509v2CRLBuilder(new X500Name(issuer), Date.from(NOW.minus(1, ChronoUnit.HOURS)));
        b.setNextUpdate(Date.from(NOW.plus(7, ChronoUnit.DAYS)));
        b.addCRLEntry(revokedSerial, Date.from(NOW.minus(2, ChronoUnit.HOURS)), CRLReason.keyCompromise);
        b.addExtension(Extension.cRLNumber, false, new org.bouncycastle.asn1.x509.CRLNumber(BigInteger.ONE));
        b.addExtension(Extension.authorityKeyIdentifier, false, new JcaX509ExtensionUtils().createAuthorityKeyIdentifier(key.getPublic()));
        return new JcaX509CRLConverter().getCRL(b.build(new JcaContentSignerBuilder(alg).build(key.getPrivate())));
    }
}
