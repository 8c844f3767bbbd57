package org.ucsec.pki.path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ucsec.core.UcsecException;

import com.sun.net.httpserver.HttpServer;

/**
 * RFC 5280 4.2.1.13 / 6.3: CRLs fetched from the certificate's http distribution point (a loopback server), verified,
 * and cached until their nextUpdate; openssl makes the certificates and CRLs.
 */
class CrlDistributionPointTest {
    @TempDir Path dir;
    HttpServer server;
    final AtomicInteger hits = new AtomicInteger();
    final AtomicReference<byte[]> served = new AtomicReference<>();
    TestPki pki;
    String url;
    final Instant now = Instant.now().plusSeconds(60);

    @BeforeEach
    void start() throws Exception {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/sub.crl", x -> {
            hits.incrementAndGet();
            byte[] body = served.get();
            if (body == null) { x.sendResponseHeaders(404, -1); x.close(); return; }
            x.sendResponseHeaders(200, body.length);
            try (var out = x.getResponseBody()) { out.write(body); }
        });
        server.start();
        url = "http://127.0.0.1:" + server.getAddress().getPort() + "/sub.crl";
        pki = new TestPki(dir);
    }

    @AfterEach
    void stop() { server.stop(0); }

    record Setup(TestPki.Issued root, TestPki.Issued sub, TestPki.Issued leaf, TestPki.Issued other) {}

    Setup setup() throws Exception {
        var root = pki.root("root", "/CN=CDP Root", "ec:P-256", TestPki.CA_EXT, "sha256");
        var sub = pki.issue("sub", "/CN=CDP Sub CA", "ec:P-256", TestPki.CA_EXT, "sha256", root, 365);
        String leafExt = TestPki.SERVER_EXT + "crlDistributionPoints=URI:" + url + "\n";
        var leaf = pki.issue("leaf", "/CN=uc.example.com", "ec:P-256", leafExt, "sha256", sub, 30);
        var other = pki.issue("other", "/CN=other.example.com", "ec:P-256", leafExt, "sha256", sub, 30);
        return new Setup(root, sub, leaf, other);
    }

    PathValidator validator(Setup s, CrlRevocationChecker rev, Instant at) {
        return PathValidator.builder().anchors(List.of(s.root().x509())).revocation(rev).clock(Clock.fixed(at, ZoneOffset.UTC))
                .policy(ValidationPolicy.defaults().withRevocation(ValidationPolicy.RevocationMode.HARD_FAIL)).build();
    }

    @Test
    void revokedLeaf_listedOnTheDistributionPointCrl_isRefused_andTheCrlIsCachedUntilNextUpdate() throws Exception {
        Setup s = setup();
        Path rootCrl = pki.crl(s.root(), 48);
        served.set(Files.readAllBytes(pki.crl(s.sub(), 2, s.leaf())));
        var rev = CrlRevocationChecker.of(List.of(TestPki.loadCrl(rootCrl)), HttpCrlFetcher.defaults());

        UcsecException e = catchThrowableOfType(UcsecException.class,
                () -> validator(s, rev, now).validate(List.of(s.leaf().x509(), s.sub().x509()), CertPurpose.SERVER));
        assertThat(e.code()).isEqualTo("path.revoked");
        assertThat(e.getMessage()).contains("CN=uc.example.com").contains("keyCompromise").contains("CN=CDP Sub CA");
        assertThat(hits.get()).isEqualTo(1);

        // another certificate under the same distribution point: answered from the cache
        ValidatedPath ok = validator(s, rev, now).validate(List.of(s.other().x509(), s.sub().x509()), CertPurpose.SERVER);
        assertThat(ok.warnings()).isEmpty();
        assertThat(hits.get()).as("cached until nextUpdate").isEqualTo(1);

        // past nextUpdate it is fetched again; the CA has meanwhile published a CRL that revokes the other one too
        served.set(Files.readAllBytes(pki.crl(s.sub(), 48, s.other())));
        Instant later = now.plus(Duration.ofHours(3));
        UcsecException e2 = catchThrowableOfType(UcsecException.class,
                () -> validator(s, rev, later).validate(List.of(s.other().x509(), s.sub().x509()), CertPurpose.SERVER));
        assertThat(e2.code()).isEqualTo("path.revoked");
        assertThat(hits.get()).isEqualTo(2);
        assertThat(rev.signatureChecks()).as("each CRL signature verified once").isLessThanOrEqualTo(3);

        // second opinion: openssl with the same CRLs
        Path subCrl = dir.resolve("served.crl.pem");
        Files.write(subCrl, served.get());
        assertThat(pki.verify(s.other(), List.of(s.root()), List.of(s.sub()), "-crl_check_all", "-CRLfile", rootCrl.toString(),
                "-CRLfile", subCrl.toString()).exit()).isNotZero();
    }

    @Test
    void unreachableDistributionPoint_hardFailRefuses_softFailWarns() throws Exception {
        Setup s = setup();
        var rev = CrlRevocationChecker.of(List.of(TestPki.loadCrl(pki.crl(s.root(), 48))), HttpCrlFetcher.defaults());
        UcsecException e = catchThrowableOfType(UcsecException.class,
                () -> validator(s, rev, now).validate(List.of(s.leaf().x509(), s.sub().x509()), CertPurpose.SERVER));
        assertThat(e.code()).isEqualTo("path.revocation-unknown");
        assertThat(e.getMessage()).contains("HTTP 404").contains(url);

        PathValidator soft = PathValidator.builder().anchors(List.of(s.root().x509())).revocation(rev).clock(Clock.fixed(now, ZoneOffset.UTC))
                .policy(ValidationPolicy.defaults().withRevocation(ValidationPolicy.RevocationMode.SOFT_FAIL)).build();
        ValidatedPath p = soft.validate(List.of(s.leaf().x509(), s.sub().x509()), CertPurpose.SERVER);
        assertThat(p.warnings()).singleElement().asString().contains("CN=uc.example.com");
        assertThat(hits.get()).as("a failed distribution point is not asked again at once").isEqualTo(1);
        // a minute later it is, and now the CA publishes
        served.set(Files.readAllBytes(pki.crl(s.sub(), 48)));
        assertThat(validator(s, rev, now.plus(Duration.ofMinutes(2))).validate(List.of(s.leaf().x509(), s.sub().x509()), CertPurpose.SERVER)
                .warnings()).isEmpty();
        assertThat(hits.get()).isEqualTo(2);
    }

    @Test
    void crlServedByTheDistributionPointButSignedByAnotherKey_isNotEvidence() throws Exception {
        Setup s = setup();
        // an attacker on the path serves a CRL with the right issuer name, signed by their own key
        var fake = pki.root("fake", "/CN=CDP Sub CA", "ec:P-256", TestPki.CA_EXT, "sha256");
        served.set(Files.readAllBytes(pki.crl(fake, 48)));
        var rev = CrlRevocationChecker.of(List.of(TestPki.loadCrl(pki.crl(s.root(), 48))), HttpCrlFetcher.defaults());
        UcsecException e = catchThrowableOfType(UcsecException.class,
                () -> validator(s, rev, now).validate(List.of(s.leaf().x509(), s.sub().x509()), CertPurpose.SERVER));
        assertThat(e.code()).isEqualTo("path.revocation-unknown");
    }
}
