package org.ucsec.pki.path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ucsec.core.UcsecException;
import org.ucsec.pki.testing.OpenSsl;

/**
 * ucsec's own vectors, made with the real openssl binary; each decision is also put to {@code openssl verify
 * -x509_strict} as a second opinion. Where ucsec is deliberately stricter than OpenSSL the test says so.
 */
class OpenSslVectorsTest {
    @TempDir Path dir;
    TestPki pki;
    /** a minute ahead: the certificates made during the test are valid from the second they were made */
    final Instant now = Instant.now().plusSeconds(60);

    @BeforeEach
    void setUp() { pki = new TestPki(dir); }

    PathValidator validator(List<TestPki.Issued> anchors, ValidationPolicy policy, RevocationChecker rev, Instant at) {
        return PathValidator.builder().anchors(anchors.stream().map(TestPki.Issued::x509).toList()).policy(policy)
                .revocation(rev).clock(Clock.fixed(at, ZoneOffset.UTC)).build();
    }

    PathValidator validator(TestPki.Issued anchor) {
        return validator(List.of(anchor), ValidationPolicy.defaults(), null, now);
    }

    static List<X509Certificate> chain(TestPki.Issued... certs) {
        return java.util.Arrays.stream(certs).map(TestPki.Issued::x509).toList();
    }

    static UcsecException refusal(Runnable r) {
        UcsecException e = catchThrowableOfType(UcsecException.class, r::run);
        assertThat(e).as("expected a refusal").isNotNull();
        return e;
    }

    // ------------------------------------------------------------------------------------------ basic constraints

    /** RFC 5280 4.2.1.9 / 6.1.4 (l): the anchor's pathLenConstraint 0 allows no CA below it (the JDK's PKIX ignores it). */
    @Test
    void anchorWithPathLen0_subCaLeaf_isRefused() throws Exception {
        var root = pki.root("pl0", "/CN=PL0Root", "ec:P-256", "basicConstraints=critical,CA:TRUE,pathlen:0\nkeyUsage=critical,keyCertSign,cRLSign\nsubjectKeyIdentifier=hash", "sha256");
        var sub = pki.issue("sub", "/CN=PL0 Sub CA", "ec:P-256", TestPki.CA_EXT, "sha256", root, 365);
        var leaf = pki.issue("leaf", "/CN=uc.example.com", "ec:P-256", TestPki.SERVER_EXT, "sha256", sub, 30);

        UcsecException e = refusal(() -> validator(root).validate(chain(leaf, sub), CertPurpose.CLIENT));
        assertThat(e.code()).isEqualTo("path.length-exceeded");
        assertThat(e.getMessage()).contains("path length exceeded under CN=PL0Root (pathLenConstraint 0)").contains("CN=PL0 Sub CA");
        assertThat(pki.verify(leaf, List.of(root), List.of(sub)).exit()).as("openssl agrees").isNotZero();

        // the same root may still issue end entities directly
        var direct = pki.issue("direct", "/CN=uc.example.com", "ec:P-256", TestPki.SERVER_EXT, "sha256", root, 30);
        assertThat(validator(root).validate(chain(direct), CertPurpose.BOTH).certificates()).hasSize(2);
        assertThat(pki.verify(direct, List.of(root), List.of()).exit()).isZero();
    }

    /** RFC 5280 6.1.4 (k): a certificate without cA TRUE cannot issue, even when it is the trust anchor. */
    @Test
    void anchorThatIsNotACa_cannotIssue() throws Exception {
        var root = pki.root("notca", "/CN=Not A CA", "ec:P-256", "basicConstraints=critical,CA:FALSE\nkeyUsage=critical,digitalSignature", "sha256");
        var leaf = pki.issue("leaf", "/CN=uc.example.com", "ec:P-256", TestPki.SERVER_EXT, "sha256", root, 30);
        assertThat(refusal(() -> validator(root).validate(chain(leaf), CertPurpose.SERVER)).code()).isEqualTo("path.anchor-not-ca");
        assertThat(pki.verify(leaf, List.of(root), List.of()).exit()).as("openssl agrees").isNotZero();
    }

    /** RFC 5280 4.2.1.9: a CA certificate presented as an end entity. OpenSSL accepts it for sslserver: ucsec is stricter. */
    @Test
    void caCertificateAsLeaf_isRefused() throws Exception {
        var root = pki.root("root", "/CN=Leaf Test Root", "ec:P-256", TestPki.CA_EXT, "sha256");
        // a CA certificate that otherwise looks like a server's: digitalSignature, serverAuth
        var sub = pki.issue("sub", "/CN=uc.example.com", "ec:P-256", "basicConstraints=critical,CA:TRUE\n"
                + "keyUsage=critical,digitalSignature,keyEncipherment,keyCertSign,cRLSign\nsubjectKeyIdentifier=hash\nextendedKeyUsage=serverAuth\n", "sha256", root, 365);
        UcsecException e = refusal(() -> validator(root).validate(chain(sub), CertPurpose.SERVER));
        assertThat(e.code()).isEqualTo("path.ca-as-leaf");
        assertThat(e.getMessage()).contains("CN=uc.example.com");
        // deliberately stricter: openssl verify -purpose sslserver takes a CA certificate as the server's certificate
        OpenSsl.Result r = pki.verify(sub, List.of(root), List.of(), "-purpose", "sslserver");
        assertThat(r.exit()).as("openssl accepts it").isZero();
        // a CA upload into a trust store asks for exactly that
        assertThat(validator(root).validate(chain(sub), CertPurpose.CA).certificates()).hasSize(2);
    }

    // ------------------------------------------------------------------------------------------ name constraints

    /** RFC 5280 4.2.1.10 / 6.1.3 (b): the anchor's own name constraints bind every name below it. */
    @Test
    void anchorWithNameConstraints_leafOutside_isRefused() throws Exception {
        var root = pki.root("ncroot", "/CN=NC Root", "ec:P-256", TestPki.CA_EXT
                + "nameConstraints=critical,permitted;DNS:example.com,permitted;IP:10.0.0.0/255.0.0.0,excluded;DNS:secret.example.com", "sha256");
        var sub = pki.issue("sub", "/CN=NC Sub CA", "ec:P-256", TestPki.CA_EXT, "sha256", root, 365);
        String ext = "basicConstraints=critical,CA:FALSE\nkeyUsage=critical,digitalSignature\nextendedKeyUsage=serverAuth,clientAuth\n";
        var good = pki.issue("good", "/CN=uc.example.com", "ec:P-256", ext + "subjectAltName=DNS:uc.example.com,IP:10.1.2.3", "sha256", sub, 30);
        var outside = pki.issue("outside", "/CN=uc.example.com", "ec:P-256", ext + "subjectAltName=DNS:uc.example.com,DNS:evil.org", "sha256", sub, 30);
        var excluded = pki.issue("excluded", "/CN=x", "ec:P-256", ext + "subjectAltName=DNS:a.secret.example.com", "sha256", sub, 30);
        var badIp = pki.issue("badip", "/CN=x", "ec:P-256", ext + "subjectAltName=IP:192.168.1.1", "sha256", sub, 30);
        var cnOnly = pki.issue("cnonly", "/CN=evil.org", "ec:P-256", ext, "sha256", sub, 30);

        assertThat(validator(root).validate(chain(good, sub), CertPurpose.BOTH).certificates()).hasSize(3);
        assertThat(pki.verify(good, List.of(root), List.of(sub)).exit()).isZero();
        for (var bad : List.of(outside, excluded, badIp, cnOnly)) {
            UcsecException e = refusal(() -> validator(root).validate(chain(bad, sub), CertPurpose.BOTH));
            assertThat(e.code()).as(bad.name()).isEqualTo("path.name-constraint-violated");
            assertThat(e.getMessage()).contains("CN=NC Root");
            assertThat(pki.verify(bad, List.of(root), List.of(sub)).exit()).as("openssl agrees on " + bad.name()).isNotZero();
        }
    }

    // ------------------------------------------------------------------------------------------ purpose

    /** RFC 5280 4.2.1.12: a server-only certificate cannot authenticate a TLS client. */
    @Test
    void wrongEku_serverOnlyLeafAsClient_isRefused() throws Exception {
        var root = pki.root("root", "/CN=EKU Root", "ec:P-256", TestPki.CA_EXT, "sha256");
        var leaf = pki.issue("leaf", "/CN=uc.example.com", "ec:P-256", "basicConstraints=critical,CA:FALSE\nkeyUsage=critical,digitalSignature\n"
                + "extendedKeyUsage=serverAuth\nsubjectAltName=DNS:uc.example.com", "sha256", root, 30);
        UcsecException e = refusal(() -> validator(root).validate(chain(leaf), CertPurpose.CLIENT));
        assertThat(e.code()).isEqualTo("path.eku-mismatch");
        assertThat(e.getMessage()).contains("clientAuth").contains("CN=uc.example.com");
        assertThat(refusal(() -> validator(root).validate(chain(leaf), CertPurpose.BOTH)).code()).isEqualTo("path.eku-mismatch");
        assertThat(validator(root).validate(chain(leaf), CertPurpose.SERVER).certificates()).hasSize(2);
        assertThat(pki.verify(leaf, List.of(root), List.of(), "-purpose", "sslclient").exit()).as("openssl agrees").isNotZero();
        assertThat(pki.verify(leaf, List.of(root), List.of(), "-purpose", "sslserver").exit()).isZero();
    }

    /** RFC 5280 4.2.1.12, as OpenSSL: an EKU in an intermediate limits the purposes below it. */
    @Test
    void intermediateEkuWithoutClientAuth_limitsTheLeaf() throws Exception {
        var root = pki.root("root", "/CN=EKU Root", "ec:P-256", TestPki.CA_EXT, "sha256");
        var sub = pki.issue("sub", "/CN=Server-only CA", "ec:P-256", TestPki.CA_EXT + "extendedKeyUsage=serverAuth\n", "sha256", root, 365);
        var leaf = pki.issue("leaf", "/CN=uc.example.com", "ec:P-256", TestPki.SERVER_EXT, "sha256", sub, 30);
        UcsecException e = refusal(() -> validator(root).validate(chain(leaf, sub), CertPurpose.CLIENT));
        assertThat(e.code()).isEqualTo("path.eku-mismatch");
        assertThat(e.getMessage()).contains("CN=Server-only CA");
        assertThat(pki.verify(leaf, List.of(root), List.of(sub), "-purpose", "sslclient").exit()).as("openssl agrees").isNotZero();
    }

    /** RFC 5280 4.2.1.3: key usage keyCertSign on every issuer, the anchor included. */
    @Test
    void intermediateWithoutKeyCertSign_isRefused() throws Exception {
        var root = pki.root("root", "/CN=KU Root", "ec:P-256", TestPki.CA_EXT, "sha256");
        var sub = pki.issue("sub", "/CN=No KeyCertSign CA", "ec:P-256", "basicConstraints=critical,CA:TRUE\nkeyUsage=critical,cRLSign,digitalSignature", "sha256", root, 365);
        var leaf = pki.issue("leaf", "/CN=uc.example.com", "ec:P-256", TestPki.SERVER_EXT, "sha256", sub, 30);
        UcsecException e = refusal(() -> validator(root).validate(chain(leaf, sub), CertPurpose.SERVER));
        assertThat(e.code()).isEqualTo("path.key-cert-sign-missing");
        assertThat(e.getMessage()).contains("CN=No KeyCertSign CA");
        assertThat(pki.verify(leaf, List.of(root), List.of(sub)).exit()).as("openssl agrees").isNotZero();
    }

    // ------------------------------------------------------------------------------------------ critical extensions

    /** RFC 5280 4.2: an unknown critical extension refuses the certificate, also in the trust anchor. */
    @Test
    void unknownCriticalExtensionInRoot_isRefused() throws Exception {
        var root = pki.root("root", "/CN=Critical Root", "ec:P-256", TestPki.CA_EXT + "1.3.6.1.4.1.55555.1=critical,ASN1:UTF8String:must-understand", "sha256");
        var leaf = pki.issue("leaf", "/CN=uc.example.com", "ec:P-256", TestPki.SERVER_EXT, "sha256", root, 30);
        UcsecException e = refusal(() -> validator(root).validate(chain(leaf), CertPurpose.SERVER));
        assertThat(e.code()).isEqualTo("path.unknown-critical-extension");
        assertThat(e.getMessage()).contains("CN=Critical Root").contains("1.3.6.1.4.1.55555.1");
        OpenSsl.Result r = pki.verify(leaf, List.of(root), List.of());
        assertThat(r.exit()).as("openssl agrees").isNotZero();
        assertThat(r.out() + r.err()).contains("unhandled critical extension");
    }

    // ------------------------------------------------------------------------------------------ algorithms

    /** Security policy: RSA below 2048 bits is refused anywhere. OpenSSL's default security level 1 accepts RSA-1024. */
    @Test
    void weakKey_rsa1024Leaf_isRefused() throws Exception {
        var root = pki.root("root", "/CN=Weak Key Root", "rsa:2048", TestPki.CA_EXT, "sha256");
        var leaf = pki.issue("leaf", "/CN=uc.example.com", "rsa:1024", TestPki.SERVER_EXT, "sha256", root, 30);
        UcsecException e = refusal(() -> validator(root).validate(chain(leaf), CertPurpose.SERVER));
        assertThat(e.code()).isEqualTo("path.key-too-small");
        assertThat(e.getMessage()).contains("RSA 1024-bit").contains("CN=uc.example.com");
        // deliberately stricter: openssl verify -x509_strict at its default security level accepts RSA-1024
        assertThat(pki.verify(leaf, List.of(root), List.of()).exit()).as("openssl accepts it").isZero();
        assertThat(pki.verify(leaf, List.of(root), List.of(), "-auth_level", "2").exit()).as("openssl at level 2 refuses").isNotZero();
    }

    /** Security policy: no SHA-1 signature on a CA certificate. OpenSSL's default security level accepts SHA-1. */
    @Test
    void sha1SignedCa_isRefused() throws Exception {
        var root = pki.root("root", "/CN=Hash Root", "rsa:2048", TestPki.CA_EXT, "sha256");
        var sub = pki.issue("sub", "/CN=SHA1 Signed CA", "rsa:2048", TestPki.CA_EXT, "sha1", root, 365);
        var leaf = pki.issue("leaf", "/CN=uc.example.com", "rsa:2048", TestPki.SERVER_EXT, "sha256", sub, 30);
        UcsecException e = refusal(() -> validator(root).validate(chain(leaf, sub), CertPurpose.SERVER));
        assertThat(e.code()).isEqualTo("path.signature-algorithm-not-allowed");
        assertThat(e.getMessage()).contains("CN=SHA1 Signed CA").contains("SHA-1");
        // deliberately stricter: openssl verify -x509_strict at its default security level accepts a SHA-1 signature
        assertThat(pki.verify(leaf, List.of(root), List.of(sub)).exit()).as("openssl accepts it").isZero();
    }

    /** Security policy: no MD5 signature anywhere. OpenSSL 3.0's verify at its default security level accepts it. */
    @Test
    void md5SignedCa_isRefused() throws Exception {
        var root = pki.root("root", "/CN=Hash Root", "rsa:2048", TestPki.CA_EXT, "sha256");
        var sub = pki.issue("sub", "/CN=MD5 Signed CA", "rsa:2048", TestPki.CA_EXT, "md5", root, 365);
        var leaf = pki.issue("leaf", "/CN=uc.example.com", "rsa:2048", TestPki.SERVER_EXT, "sha256", sub, 30);
        UcsecException e = refusal(() -> validator(root).validate(chain(leaf, sub), CertPurpose.SERVER));
        assertThat(e.code()).isEqualTo("path.signature-algorithm-not-allowed");
        assertThat(e.getMessage()).contains("CN=MD5 Signed CA").contains("MD5");
        // deliberately stricter: openssl verify -x509_strict accepts an MD5-signed intermediate at its default level
        assertThat(pki.verify(leaf, List.of(root), List.of(sub)).exit()).as("openssl accepts it").isZero();
        assertThat(pki.verify(leaf, List.of(root), List.of(sub), "-auth_level", "2").exit()).as("openssl at level 2 refuses").isNotZero();
    }

    /** FIPS mode (SPEC S5): EC keys on P-256/P-384 only; P-521 passes the baseline. */
    @Test
    void fipsMode_refusesP521_baselineAcceptsIt() throws Exception {
        var root = pki.root("root", "/CN=FIPS Root", "ec:P-256", TestPki.CA_EXT, "sha256");
        var leaf = pki.issue("leaf", "/CN=uc.example.com", "ec:P-521", TestPki.SERVER_EXT, "sha512", root, 30);
        assertThat(validator(root).validate(chain(leaf), CertPurpose.SERVER).certificates()).hasSize(2);
        UcsecException e = refusal(() -> validator(List.of(root), ValidationPolicy.fipsMode(), null, now).validate(chain(leaf), CertPurpose.SERVER));
        assertThat(e.code()).isEqualTo("path.key-not-allowed");
        assertThat(e.getMessage()).contains("P-521").contains("FIPS");
        assertThat(pki.verify(leaf, List.of(root), List.of()).exit()).as("openssl has no FIPS rule here").isZero();
    }

    // ------------------------------------------------------------------------------------------ revocation

    /** RFC 5280 6.3.3 (a)(2): a CRL past its nextUpdate answers nothing; hard-fail refuses, soft-fail warns. */
    @Test
    void expiredCrl_hardFailRefuses_softFailWarns() throws Exception {
        var root = pki.root("root", "/CN=CRL Root", "ec:P-256", TestPki.CA_EXT, "sha256");
        var leaf = pki.issue("leaf", "/CN=uc.example.com", "ec:P-256", TestPki.SERVER_EXT, "sha256", root, 30);
        var crl = pki.crl(root, 1);
        Instant later = now.plus(Duration.ofHours(3));
        var rev = CrlRevocationChecker.of(List.of(TestPki.loadCrl(crl)));
        ValidationPolicy hard = ValidationPolicy.defaults().withRevocation(ValidationPolicy.RevocationMode.HARD_FAIL);

        assertThat(validator(List.of(root), hard, rev, now).validate(chain(leaf), CertPurpose.SERVER).warnings()).isEmpty();
        UcsecException e = refusal(() -> validator(List.of(root), hard, rev, later).validate(chain(leaf), CertPurpose.SERVER));
        assertThat(e.code()).isEqualTo("path.revocation-unknown");
        assertThat(e.getMessage()).contains("CN=uc.example.com").contains("nextUpdate");
        ValidatedPath soft = validator(List.of(root), hard.withRevocation(ValidationPolicy.RevocationMode.SOFT_FAIL), rev, later)
                .validate(chain(leaf), CertPurpose.SERVER);
        assertThat(soft.warnings()).singleElement().asString().contains("unknown");

        String at = String.valueOf(later.getEpochSecond());
        assertThat(pki.verify(leaf, List.of(root), List.of(), "-crl_check", "-CRLfile", crl.toString(), "-attime", at).exit())
                .as("openssl agrees").isNotZero();
        assertThat(pki.verify(leaf, List.of(root), List.of(), "-crl_check", "-CRLfile", crl.toString()).exit()).isZero();
    }

    /** RFC 5280 6.1.3 (a)(3): the root's CRL revokes the intermediate; the whole path is refused. */
    @Test
    void revokedIntermediate_isRefused() throws Exception {
        var root = pki.root("root", "/CN=CRL Root", "ec:P-256", TestPki.CA_EXT, "sha256");
        var sub = pki.issue("sub", "/CN=Revoked Sub CA", "ec:P-256", TestPki.CA_EXT, "sha256", root, 365);
        var leaf = pki.issue("leaf", "/CN=uc.example.com", "ec:P-256", TestPki.SERVER_EXT, "sha256", sub, 30);
        Path rootCrl = pki.crl(root, 24, sub);
        Path subCrl = pki.crl(sub, 24);
        ValidationPolicy hard = ValidationPolicy.defaults().withRevocation(ValidationPolicy.RevocationMode.HARD_FAIL);
        var rev = CrlRevocationChecker.of(List.of(TestPki.loadCrl(rootCrl), TestPki.loadCrl(subCrl)));
        UcsecException e = refusal(() -> validator(List.of(root), hard, rev, now).validate(chain(leaf, sub), CertPurpose.SERVER));
        assertThat(e.code()).isEqualTo("path.revoked");
        assertThat(e.getMessage()).contains("CN=Revoked Sub CA").contains("keyCompromise");
        assertThat(pki.verify(leaf, List.of(root), List.of(sub), "-crl_check_all", "-CRLfile", rootCrl.toString(), "-CRLfile", subCrl.toString()).exit())
                .as("openssl agrees").isNotZero();

        // control: CRLs that do not list it, the same shape of path validates under hard-fail
        var root3 = pki.root("root3", "/CN=Clean Root", "ec:P-256", TestPki.CA_EXT, "sha256");
        var sub3 = pki.issue("sub3", "/CN=Clean Sub CA", "ec:P-256", TestPki.CA_EXT, "sha256", root3, 365);
        var leaf3 = pki.issue("leaf3", "/CN=uc.example.com", "ec:P-256", TestPki.SERVER_EXT, "sha256", sub3, 30);
        Path root3Crl = pki.crl(root3, 24), sub3Crl = pki.crl(sub3, 24);
        var rev3 = CrlRevocationChecker.of(List.of(TestPki.loadCrl(root3Crl), TestPki.loadCrl(sub3Crl)));
        assertThat(validator(List.of(root3), hard, rev3, now).validate(chain(leaf3, sub3), CertPurpose.SERVER).certificates()).hasSize(3);
        assertThat(pki.verify(leaf3, List.of(root3), List.of(sub3), "-crl_check_all", "-CRLfile", root3Crl.toString(), "-CRLfile", sub3Crl.toString()).exit())
                .isZero();
    }

    /** RFC 5280 6.3.3: a CRL signed by someone else than the issuer (and not an indirect CRL) is not evidence. */
    @Test
    void crlSignedByAnotherCa_answersNothing() throws Exception {
        var root = pki.root("root", "/CN=CRL Root", "ec:P-256", TestPki.CA_EXT, "sha256");
        var leaf = pki.issue("leaf", "/CN=uc.example.com", "ec:P-256", TestPki.SERVER_EXT, "sha256", root, 30);
        // a second root with the same name signs a CRL that revokes nothing
        var impostor = pki.root("impostor", "/CN=CRL Root", "ec:P-256", TestPki.CA_EXT, "sha256");
        var rev = CrlRevocationChecker.of(List.of(TestPki.loadCrl(pki.crl(impostor, 24))));
        ValidationPolicy hard = ValidationPolicy.defaults().withRevocation(ValidationPolicy.RevocationMode.HARD_FAIL);
        UcsecException e = refusal(() -> validator(List.of(root), hard, rev, now).validate(chain(leaf), CertPurpose.SERVER));
        assertThat(e.code()).isEqualTo("path.revocation-unknown");
    }

    // ------------------------------------------------------------------------------------------ validity

    /** RFC 5280 6.1.3 (a)(2) applied to the anchor too: an expired root refuses the path, with its dates. */
    @Test
    void expiredAnchor_isRefusedWithItsDates() throws Exception {
        var root = pki.issue("root", "/CN=Short Root", "ec:P-256", TestPki.CA_EXT, "sha256", null, 1);
        var leaf = pki.issue("leaf", "/CN=uc.example.com", "ec:P-256", TestPki.SERVER_EXT, "sha256", root, 1);
        Instant later = now.plus(Duration.ofDays(3));
        UcsecException e = refusal(() -> validator(List.of(root), ValidationPolicy.defaults(), null, later).validate(chain(leaf), CertPurpose.SERVER));
        assertThat(e.code()).isEqualTo("path.expired");
        assertThat(e.getMessage()).contains("expired on");
        assertThat(pki.verify(leaf, List.of(root), List.of(), "-attime", String.valueOf(later.getEpochSecond())).exit()).isNotZero();
    }

    /** Existing callers of Chains.validate get the new rules: the pathlen-0 anchor attack is refused there too. */
    @Test
    void chainsValidate_delegatesToTheValidator_anchorConstraintsApply() throws Exception {
        var root = pki.root("pl0", "/CN=PL0Root", "ec:P-256", "basicConstraints=critical,CA:TRUE,pathlen:0\nkeyUsage=critical,keyCertSign,cRLSign\nsubjectKeyIdentifier=hash", "sha256");
        var sub = pki.issue("sub", "/CN=PL0 Sub CA", "ec:P-256", TestPki.CA_EXT, "sha256", root, 365);
        var leaf = pki.issue("leaf", "/CN=uc.example.com", "ec:P-256", TestPki.SERVER_EXT, "sha256", sub, 30);
        UcsecException e = refusal(() -> org.ucsec.pki.Chains.validate(leaf.x509(), List.of(sub.x509()), List.of(root.x509()), now));
        assertThat(e.code()).isEqualTo("path.length-exceeded");
        UcsecException missing = refusal(() -> org.ucsec.pki.Chains.validate(leaf.x509(), List.of(), List.of(root.x509()), now));
        assertThat(missing.code()).isEqualTo("chain.issuer-missing");
        assertThat(missing.getMessage()).contains("CN=PL0 Sub CA").contains("not in the trust store");
    }

    /** A trust store's entries: self-signed ones anchor, intermediates only help build (issue 7, item 5). */
    @Test
    void trustStoreEntries_intermediatesDoNotAnchor() throws Exception {
        var root = pki.root("root", "/CN=Store Root", "ec:P-256", TestPki.CA_EXT, "sha256");
        var sub = pki.issue("sub", "/CN=Store Sub CA", "ec:P-256", TestPki.CA_EXT, "sha256", root, 365);
        var leaf = pki.issue("leaf", "/CN=uc.example.com", "ec:P-256", TestPki.SERVER_EXT, "sha256", sub, 30);
        PathValidator v = PathValidator.builder().trustStore(List.of(root.x509(), sub.x509())).clock(Clock.fixed(now, ZoneOffset.UTC)).build();
        assertThat(v.anchors()).containsExactly(root.x509());
        ValidatedPath p = v.validate(chain(leaf), CertPurpose.SERVER);
        assertThat(p.certificates()).containsExactly(leaf.x509(), sub.x509(), root.x509());
        // the intermediate alone, without its root, anchors nothing
        PathValidator onlySub = PathValidator.builder().trustStore(List.of(sub.x509())).clock(Clock.fixed(now, ZoneOffset.UTC)).build();
        assertThat(refusal(() -> onlySub.validate(chain(leaf), CertPurpose.SERVER)).code()).isEqualTo("path.no-anchor");
    }

    @Test
    void noTrustAnchor_isRefused() {
        assertThatThrownBy(() -> PathValidator.builder().build().validate(List.of(TestPki.load(pkiRoot())), CertPurpose.SERVER))
                .isInstanceOf(UcsecException.class).extracting("code").isEqualTo("path.no-anchor");
    }

    private Path pkiRoot() {
        try { return pki.root("r", "/CN=Lonely", "ec:P-256", TestPki.CA_EXT, "sha256").cert(); } catch (Exception e) { throw new AssertionError(e); }
    }
}
