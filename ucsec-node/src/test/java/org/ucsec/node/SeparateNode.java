package org.ucsec.node;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509ExtendedTrustManager;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A node run as {@code ucsec serve} in its own JVM, as the {@code ucsec} launcher runs it (same main class, same JVM
 * security properties), from the test classpath; driven only through its REST API and the files in its data
 * directory ({@code cli.json}, {@code admin.token}, {@code admin-listener.pem}), never through node classes.
 * The client trusts exactly the certificates the node says it serves ({@code admin-listener.pem}), read at each start.
 */
final class SeparateNode implements AutoCloseable {
    static final ObjectMapper JSON = new ObjectMapper();

    /** The repository root: the directory with the {@code ucsec} launcher, above the module surefire runs in. */
    static Path repo() {
        for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
            if (Files.isRegularFile(p.resolve("ucsec")) && Files.isRegularFile(p.resolve("pom.xml"))) return p;
        }
        throw new IllegalStateException("ucsec launcher not found above " + Path.of("").toAbsolutePath());
    }

    /** The main class the launcher starts (read from the script, so this follows it). */
    static String launcherMainClass() throws IOException {
        String script = Files.readString(repo().resolve("ucsec"));
        Matcher m = Pattern.compile("(org\\.ucsec\\.[A-Za-z0-9_.]+)\\s+\"\\$@\"").matcher(script);
        if (!m.find()) throw new IllegalStateException("no main class on the launcher's java line");
        return m.group(1);
    }

    /** The java command line the launcher would run, on the test classpath (the build has compiled it). */
    static List<String> launcherCommand() throws IOException {
        String java = ProcessHandle.current().info().command().orElse("java");
        return new ArrayList<>(List.of(java, "-Djava.security.properties=" + repo().resolve("ucsec-node/jdk-tls.security"),
                "-cp", System.getProperty("java.class.path"), launcherMainClass()));
    }

    final Path data;
    final Path log;
    final Process process;
    private final HttpClient http;
    private final String url;
    private final String token;

    private SeparateNode(Path data, Path log, Process process, HttpClient http, String url, String token) {
        this.data = data; this.log = log; this.process = process; this.http = http; this.url = url; this.token = token;
    }

    /** {@code ucsec serve --data DATA --port 0 --sip-tls-port -1 ARGS}: free ports only, so it runs beside any other node. */
    static SeparateNode start(Path data, String... args) throws Exception {
        List<String> serve = new ArrayList<>(List.of("serve", "--data", data.toString(), "--port", "0", "--sip-tls-port", "-1", "--provisioning-port", "-1"));
        serve.addAll(List.of(args));
        return launch(data, data.toAbsolutePath().getParent(), serve);
    }

    /** Runs {@code ucsec ARGS} (a serve command line) in {@code workDir} and waits until its REST API answers. */
    static SeparateNode launch(Path data, Path workDir, List<String> serveArgs) throws Exception {
        Path dataAbs = workDir.resolve(data).normalize();
        Files.deleteIfExists(dataAbs.resolve("cli.json")); // left by a killed node: wait for the new one's
        List<String> cmd = launcherCommand();
        cmd.addAll(serveArgs);
        Path log = workDir.resolve("node-" + System.nanoTime() + ".log");
        Process p = new ProcessBuilder(cmd).directory(workDir.toFile()).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
        while (System.nanoTime() < deadline) {
            if (!p.isAlive()) throw new AssertionError("node exited with " + p.exitValue() + ":\n" + Files.readString(log));
            if (Files.exists(dataAbs.resolve("cli.json"))) {
                JsonNode cli = JSON.readTree(Files.readString(dataAbs.resolve("cli.json")));
                List<X509Certificate> served = new ArrayList<>();
                for (var c : CertificateFactory.getInstance("X.509")
                        .generateCertificates(new ByteArrayInputStream(Files.readAllBytes(Path.of(cli.get("serverCertFile").asText()))))) served.add((X509Certificate) c);
                String token = Files.readString(Path.of(cli.get("tokenFile").asText())).trim();
                HttpClient http = HttpClient.newBuilder().sslContext(pinned(served)).connectTimeout(Duration.ofSeconds(10)).build();
                SeparateNode n = new SeparateNode(dataAbs, log, p, http, cli.get("url").asText(), token);
                if (n.call("GET", "/api/v1/health", null).status() == 200) return n;
            }
            Thread.sleep(100);
        }
        p.destroyForcibly();
        throw new AssertionError("node did not start in 90 s:\n" + Files.readString(log));
    }

    record Answer(int status, String body) {
        JsonNode json() {
            try { return JSON.readTree(body); } catch (IOException e) { throw new AssertionError("not JSON: " + body, e); }
        }
        /** The changed object of a write's answer ({@code {value, warnings, restartsMarked}}), or the whole answer. */
        JsonNode value() {
            JsonNode j = json();
            return j.has("value") && j.has("restartsMarked") ? j.get("value") : j;
        }
        Answer ok() {
            if (status != 200 && status != 201) throw new AssertionError("HTTP " + status + ": " + body);
            return this;
        }
    }

    /** One REST call; {@code body} is sent as JSON when it is not a String (a String is sent as PEM). */
    Answer call(String method, String path, Object body) throws Exception {
        HttpRequest.BodyPublisher pub = body == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofByteArray(body instanceof String s ? s.getBytes(StandardCharsets.UTF_8) : JSON.writeValueAsBytes(body));
        HttpRequest req = HttpRequest.newBuilder(URI.create(url + path)).timeout(Duration.ofSeconds(60))
                .header("Authorization", "Bearer " + token)
                .header("Content-Type", body instanceof String ? "application/x-pem-file" : "application/json")
                .method(method, pub).build();
        HttpResponse<String> r = http.send(req, HttpResponse.BodyHandlers.ofString());
        return new Answer(r.statusCode(), r.body());
    }

    /** SIGKILL (on Linux {@code destroyForcibly} sends SIGKILL): no shutdown hook, no store close. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        if (!process.waitFor(30, TimeUnit.SECONDS)) throw new AssertionError("node survived SIGKILL");
    }

    /** SIGTERM; the exit code, or -1 when it has not exited within {@code seconds}. */
    int terminate(int seconds) throws InterruptedException {
        process.destroy();
        return process.waitFor(seconds, TimeUnit.SECONDS) ? process.exitValue() : -1;
    }

    String output() throws IOException { return Files.readString(log); }

    @Override public void close() throws InterruptedException {
        if (process.isAlive()) kill();
    }

    /** Trusts a server whose certificate is one of those in admin-listener.pem (the admin listener serves RSA and EC). */
    private static SSLContext pinned(List<X509Certificate> served) throws Exception {
        SSLContext c = SSLContext.getInstance("TLS");
        c.init(null, new TrustManager[]{new X509ExtendedTrustManager() {
            private void check(X509Certificate[] chain) throws CertificateException {
                if (chain == null || chain.length == 0 || !served.contains(chain[0])) {
                    throw new CertificateException("not the certificate in admin-listener.pem");
                }
            }
            public void checkServerTrusted(X509Certificate[] chain, String a) throws CertificateException { check(chain); }
            public void checkServerTrusted(X509Certificate[] chain, String a, Socket s) throws CertificateException { check(chain); }
            public void checkServerTrusted(X509Certificate[] chain, String a, SSLEngine e) throws CertificateException { check(chain); }
            public void checkClientTrusted(X509Certificate[] chain, String a) throws CertificateException { throw new CertificateException("client side only"); }
            public void checkClientTrusted(X509Certificate[] chain, String a, Socket s) throws CertificateException { throw new CertificateException("client side only"); }
            public void checkClientTrusted(X509Certificate[] chain, String a, SSLEngine e) throws CertificateException { throw new CertificateException("client side only"); }
            public X509Certificate[] getAcceptedIssuers() { return new X509Certificate[0]; }
        }}, null);
        return c;
    }
}
