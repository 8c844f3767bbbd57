package org.ucsec.node.platform.cli;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonNode;
import org.ucsec.node.platform.rest.Json;
import org.ucsec.pki.Pem;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedTrustManager;
import javax.net.ssl.X509TrustManager;
import java.io.IOException;
import java.net.ConnectException;
import java.net.Socket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;

/**
 * The CLI's REST client. It finds the local node through DATA/cli.json (URL, token file, served certificate) or the
 * environment (UCSEC_URL, UCSEC_TOKEN, UCSEC_CA), and trusts only the node's own certificate (or UCSEC_CA).
 */
public final class NodeClient {
    /** A refusal or failure as the CLI reports it: message on stderr, stable exit code. */
    public static final class CliError extends RuntimeException {
        public final int exit;
        public final JsonNode problem;
        public CliError(int exit, String message, JsonNode problem) { super(message); this.exit = exit; this.problem = problem; }
    }

    public static final int EXIT_REFUSED = 1, EXIT_USAGE = 2, EXIT_UNREACHABLE = 3, EXIT_SERVER = 4;

    private final HttpClient http;
    private final String base;
    private final String token;

    private NodeClient(String base, String token, List<X509Certificate> trusted) throws Exception {
        this.base = base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
        this.token = token;
        SSLContext ssl = SSLContext.getInstance("TLS");
        ssl.init(null, new javax.net.ssl.TrustManager[]{new PinnedTrust(trusted)}, null);
        this.http = HttpClient.newBuilder().sslContext(ssl).connectTimeout(Duration.ofSeconds(5)).build();
    }

    public static NodeClient connect(Path dataDir) {
        try {
            String url = System.getenv("UCSEC_URL");
            String token = System.getenv("UCSEC_TOKEN");
            String ca = System.getenv("UCSEC_CA");
            Path cliJson = dataDir.resolve("cli.json");
            JsonNode cfg = Files.exists(cliJson) ? Json.MAPPER.readTree(Files.readString(cliJson)) : null;
            if (url == null) {
                if (cfg == null) throw new CliError(EXIT_UNREACHABLE, "no running node found: " + cliJson + " does not exist (start one with `ucsec serve`, or set UCSEC_URL/UCSEC_TOKEN/UCSEC_CA, or pass --data DIR)", null);
                url = cfg.get("url").asText();
            }
            if (token == null) {
                Path tf = cfg != null ? Path.of(cfg.get("tokenFile").asText()) : dataDir.resolve("admin.token");
                if (!Files.isReadable(tf)) throw new CliError(EXIT_UNREACHABLE, "cannot read the local admin token " + tf + " (run as the node's owner, or set UCSEC_TOKEN)", null);
                token = Files.readString(tf).trim();
            }
            Path caFile = ca != null ? Path.of(ca) : cfg != null ? Path.of(cfg.get("serverCertFile").asText()) : dataDir.resolve("admin-listener.pem");
            if (!Files.isReadable(caFile)) throw new CliError(EXIT_UNREACHABLE, "cannot read the node certificate " + caFile + " (set UCSEC_CA to a PEM file)", null);
            return new NodeClient(url, token, Pem.certificates(Files.readAllBytes(caFile)));
        } catch (CliError e) {
            throw e;
        } catch (Exception e) {
            throw new CliError(EXIT_UNREACHABLE, "cannot set up the connection to the node: " + e.getMessage(), null);
        }
    }

    public static String enc(String s) { return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20"); }

    // ------------------------------------------------------------------ typed calls: the services' own request and response types
    public <T> T get(String path, Class<T> type) { return read(send(req(path).GET()), Json.MAPPER.constructType(type)); }
    public <T> T get(String path, TypeReference<T> type) { return read(send(req(path).GET()), Json.MAPPER.constructType(type)); }
    public <T> T post(String path, Object body, TypeReference<T> type) { return read(send(jsonReq(path, body, "POST")), Json.MAPPER.constructType(type)); }
    public <T> T put(String path, Object body, TypeReference<T> type) { return read(send(jsonReq(path, body, "PUT")), Json.MAPPER.constructType(type)); }
    public <T> T delete(String path, TypeReference<T> type) { return read(send(req(path).DELETE()), Json.MAPPER.constructType(type)); }
    public <T> T upload(String path, byte[] body, String contentType, TypeReference<T> type) {
        return read(send(req(path).header("Content-Type", contentType).POST(HttpRequest.BodyPublishers.ofByteArray(body))), Json.MAPPER.constructType(type));
    }

    private HttpRequest.Builder jsonReq(String path, Object body, String method) {
        return req(path).header("Content-Type", "application/json").method(method, HttpRequest.BodyPublishers.ofString(Json.write(body)));
    }

    private static <T> T read(HttpResponse<byte[]> resp, JavaType type) {
        try { return Json.MAPPER.readValue(resp.body(), type); } catch (IOException e) {
            throw new CliError(EXIT_SERVER, "node answered with JSON this CLI does not understand (" + type.getTypeName() + "): " + e.getMessage(), null);
        }
    }

    // ------------------------------------------------------------------ untyped
    public JsonNode get(String path) { return json(send(req(path).GET())); }
    public byte[] getBytes(String path) { return send(req(path).GET()).body(); }
    public JsonNode delete(String path) { return json(send(req(path).DELETE())); }
    public JsonNode postJson(String path, Object body) {
        return json(send(req(path).header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(Json.write(body)))));
    }
    public JsonNode putJson(String path, Object body) {
        return json(send(req(path).header("Content-Type", "application/json").PUT(HttpRequest.BodyPublishers.ofString(Json.write(body)))));
    }
    public JsonNode postBytes(String path, byte[] body, String contentType) {
        return json(send(req(path).header("Content-Type", contentType).POST(HttpRequest.BodyPublishers.ofByteArray(body))));
    }

    private HttpRequest.Builder req(String path) {
        return HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(120)).header("Authorization", "Bearer " + token);
    }

    private HttpResponse<byte[]> send(HttpRequest.Builder b) {
        HttpRequest r = b.build();
        HttpResponse<byte[]> resp;
        try {
            resp = http.send(r, HttpResponse.BodyHandlers.ofByteArray());
        } catch (ConnectException e) {
            throw new CliError(EXIT_UNREACHABLE, "node at " + base + " is not reachable (connection refused): is `ucsec serve` running?", null);
        } catch (IOException e) {
            throw new CliError(EXIT_UNREACHABLE, "node at " + base + " is not reachable: " + e.getMessage(), null);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CliError(EXIT_UNREACHABLE, "interrupted", null);
        }
        if (resp.statusCode() >= 400) {
            JsonNode problem = null;
            String msg;
            try {
                problem = Json.MAPPER.readTree(resp.body());
                msg = "error [" + problem.path("code").asText("http." + resp.statusCode()) + "]: " + problem.path("detail").asText();
            } catch (Exception e) {
                msg = "error [http." + resp.statusCode() + "]: " + new String(resp.body(), StandardCharsets.UTF_8);
            }
            throw new CliError(resp.statusCode() == 500 || resp.statusCode() == 503 ? EXIT_SERVER : EXIT_REFUSED, msg, problem);
        }
        return resp;
    }

    private static JsonNode json(HttpResponse<byte[]> resp) {
        try { return Json.MAPPER.readTree(resp.body()); } catch (IOException e) { throw new CliError(EXIT_SERVER, "node answered with invalid JSON", null); }
    }

    /** Accepts the server if its certificate is one of the pinned ones, or chains to one of them. Host names are not checked: the pin is stronger. */
    private static final class PinnedTrust extends X509ExtendedTrustManager {
        private final List<X509Certificate> pinned;
        private final X509TrustManager pkix;

        PinnedTrust(List<X509Certificate> pinned) throws Exception {
            this.pinned = pinned;
            KeyStore ks = KeyStore.getInstance("PKCS12");
            ks.load(null, null);
            for (int i = 0; i < pinned.size(); i++) ks.setCertificateEntry("pin" + i, pinned.get(i));
            TrustManagerFactory tmf = TrustManagerFactory.getInstance("PKIX");
            tmf.init(ks);
            this.pkix = (X509TrustManager) tmf.getTrustManagers()[0];
        }

        private void check(X509Certificate[] chain, String authType) throws CertificateException {
            if (chain == null || chain.length == 0) throw new CertificateException("no server certificate");
            if (pinned.contains(chain[0])) return;
            pkix.checkServerTrusted(chain, authType);
        }

        @Override public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException { check(chain, authType); }
        @Override public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket) throws CertificateException { check(chain, authType); }
        @Override public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine) throws CertificateException { check(chain, authType); }
        @Override public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException { throw new CertificateException("client side only"); }
        @Override public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket) throws CertificateException { throw new CertificateException("client side only"); }
        @Override public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine) throws CertificateException { throw new CertificateException("client side only"); }
        @Override public X509Certificate[] getAcceptedIssuers() { return new X509Certificate[0]; }
    }
}
