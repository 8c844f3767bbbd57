package org.ucsec.node;

import com.fasterxml.jackson.databind.JsonNode;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ucsec.node.platform.rest.Json;
import org.ucsec.pki.Pem;

import java.math.BigInteger;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Date;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A node killed with SIGKILL in the middle of an import restarts with the store either before or after the import,
 * never half (issue "A running node...", bad input). The node runs as a real separate JVM; it is killed while a large
 * bundle upload is being processed, then started again on the same data directory.
 */
class CrashSafetyTest {
    @TempDir Path tmp;

    @Test
    void sigkillDuringBundleImport_leavesTheBundleAllOrNothing() throws Exception {
        Path data = tmp.resolve("data");
        HttpClient http = HttpClient.newBuilder().sslContext(TlsTrustAll.context()).build();
        Random random = new Random(42);
        int sawNone = 0, sawAll = 0;
        long importMillis;
        Process node = startNode(data);
        try {
            // calibrate: how long one uninterrupted import of such a bundle takes on this machine
            long t0 = System.nanoTime();
            {
                JsonNode cli = Json.MAPPER.readTree(Files.readString(data.resolve("cli.json")));
                String token = Files.readString(data.resolve("admin.token")).trim();
                var r = http.send(HttpRequest.newBuilder(URI.create(cli.get("url").asText() + "/api/v1/trust/cup-xmpp-trust"))
                        .header("Authorization", "Bearer " + token).POST(HttpRequest.BodyPublishers.ofByteArray(Pem.toPem(chain(40, "Calibrate")).getBytes())).build(),
                        HttpResponse.BodyHandlers.ofString());
                assertThat(r.statusCode()).isEqualTo(200);
            }
            importMillis = Math.max(20, TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0));
            double[] killAt = {0.1, 0.4, 0.7, 0.9, 2.0};
            for (int round = 0; round < killAt.length; round++) {
                List<X509Certificate> chain = chain(40, "Crash" + round);
                List<X509Certificate> shuffled = new ArrayList<>(chain);
                Collections.shuffle(shuffled, random);
                byte[] bundle = Pem.toPem(shuffled).getBytes();
                JsonNode cli = Json.MAPPER.readTree(Files.readString(data.resolve("cli.json")));
                String token = Files.readString(data.resolve("admin.token")).trim();
                var request = HttpRequest.newBuilder(URI.create(cli.get("url").asText() + "/api/v1/trust/cup-xmpp-trust"))
                        .header("Authorization", "Bearer " + token).timeout(Duration.ofSeconds(30)).POST(HttpRequest.BodyPublishers.ofByteArray(bundle)).build();
                var pending = http.sendAsync(request, HttpResponse.BodyHandlers.ofString());
                Thread.sleep((long) (importMillis * killAt[round]));
                node.destroyForcibly(); // SIGKILL
                node.waitFor(10, TimeUnit.SECONDS);
                try { pending.get(10, TimeUnit.SECONDS); } catch (Exception expected) { /* the node died under the request */ }

                node = startNode(data);
                int present = countPresent(http, data, chain);
                assertThat(present).as("round %d: entries of the 40-certificate bundle after SIGKILL", round).isIn(0, chain.size());
                if (present == 0) sawNone++; else sawAll++;
            }
        } finally {
            node.destroyForcibly();
            node.waitFor(10, TimeUnit.SECONDS);
        }
        // the node restarted cleanly every time; report what the kills hit (both outcomes are correct)
        System.out.println("CrashSafetyTest: one import takes ~" + importMillis + " ms; bundle absent after " + sawNone + " kills, complete after " + sawAll);
    }

    private static int countPresent(HttpClient http, Path data, List<X509Certificate> chain) throws Exception {
        JsonNode cli = Json.MAPPER.readTree(Files.readString(data.resolve("cli.json")));
        String token = Files.readString(data.resolve("admin.token")).trim();
        var r = http.send(HttpRequest.newBuilder(URI.create(cli.get("url").asText() + "/api/v1/trust/cup-xmpp-trust"))
                .header("Authorization", "Bearer " + token).GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).isEqualTo(200);
        JsonNode list = Json.MAPPER.readTree(r.body());
        int n = 0;
        for (X509Certificate c : chain) {
            String fp = org.ucsec.pki.CertInfo.fingerprint(c);
            for (JsonNode e : list) if (e.get("certificate").get("sha256Fingerprint").asText().equals(fp)) n++;
        }
        return n;
    }

    private static Process startNode(Path data) throws Exception {
        Files.deleteIfExists(data.resolve("cli.json"));
        String java = ProcessHandle.current().info().command().orElse("java");
        Process p = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), "org.ucsec.node.Main",
                "serve", "--data", data.toString(), "--port", "0", "--sip-tls-port", "-1", "--provisioning-port", "-1", "--fqdn", "crash.example.com")
                .redirectErrorStream(true).redirectOutput(data.getParent().resolve("node-" + System.nanoTime() + ".log").toFile()).start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline) {
            if (!p.isAlive()) throw new AssertionError("node exited with " + p.exitValue());
            if (Files.exists(data.resolve("cli.json"))) return p;
            Thread.sleep(100);
        }
        p.destroyForcibly();
        throw new AssertionError("node did not start in 60 s");
    }

    /** root > int1 > ... > int(n-1), EC P-256, made in memory. */
    private static List<X509Certificate> chain(int n, String name) throws Exception {
        KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
        g.initialize(new ECGenParameterSpec("secp256r1"));
        List<X509Certificate> out = new ArrayList<>();
        KeyPair issuerKey = null;
        X500Name issuer = null;
        Instant now = Instant.now();
        for (int i = 0; i < n; i++) {
            KeyPair kp = g.generateKeyPair();
            X500Name subject = new X500Name("CN=" + name + " CA " + i + ",O=ucsec test");
            var b = new JcaX509v3CertificateBuilder(issuer == null ? subject : issuer, BigInteger.valueOf(1000 + i), Date.from(now.minusSeconds(3600)),
                    Date.from(now.plus(Duration.ofDays(365))), subject, kp.getPublic());
            b.addExtension(Extension.basicConstraints, true, new BasicConstraints(true));
            b.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
            var signer = new JcaContentSignerBuilder("SHA256withECDSA").build((issuerKey == null ? kp : issuerKey).getPrivate());
            out.add(new JcaX509CertificateConverter().getCertificate(b.build(signer)));
            issuerKey = kp;
            issuer = subject;
        }
        return out;
    }
}
