package org.ucsec.node;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.ucsec.core.UcsecException;
import org.ucsec.node.platform.rest.Json;
import org.ucsec.node.testing.TestNode;
import org.ucsec.pki.testing.OpenSsl;
import picocli.CommandLine;

import javax.net.ssl.SSLSocket;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The CLI as users expect it (issue 6, item 6) and the REST surface under bad input (issue 8, items 8 and 9): help on
 * every command, errors as problem+json with --json, no raw control characters on the terminal, strict JSON, parameter
 * refusals with codes (never 503 or 500 for bad input), security headers, 405 with Allow, server-side refusals as
 * problem+json, slow clients cut, owner-only data directory, and a taken port named by its option.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CliAndApiHardeningTest {
    TestNode n;
    HttpClient http;
    String token;
    Path tmp;

    @BeforeAll
    void start(@TempDir Path dir) throws Exception {
        tmp = dir;
        System.setProperty("ucsec.http.slow-client-window-seconds", "2");
        Path data = dir.resolve("n");
        Files.createDirectories(data, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwxr-xr-x")));
        n = TestNode.start(data);
        http = HttpClient.newBuilder().sslContext(TlsTrustAll.context()).build();
        token = Files.readString(n.node.tokenFile()).trim();
    }

    @AfterAll
    void stop() {
        n.close();
        System.clearProperty("ucsec.http.slow-client-window-seconds");
    }

    private HttpResponse<String> send(String method, String path, String contentType, String body) throws Exception {
        var b = HttpRequest.newBuilder(URI.create("https://127.0.0.1:" + n.node.adminPort() + path)).header("Authorization", "Bearer " + token)
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (contentType != null) b.header("Content-Type", contentType);
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String code(HttpResponse<String> r) throws Exception { return Json.MAPPER.readTree(r.body()).path("code").asText(); }

    // ------------------------------------------------------------------ CLI

    @Test
    void everyCommandGroupAndLeaf_answersHelp_withExit0() {
        List<String> failed = new ArrayList<>();
        walk(Main.commandLine(), new ArrayList<>(), failed);
        assertThat(failed).as("commands whose --help failed").isEmpty();
    }

    private static void walk(CommandLine cl, List<String> path, List<String> failed) {
        for (var e : cl.getSubcommands().entrySet()) {
            if (e.getKey().equals("help")) continue;
            List<String> p = new ArrayList<>(path);
            p.add(e.getKey());
            List<String> args = new ArrayList<>(p);
            args.add("--help");
            StringWriter out = new StringWriter();
            CommandLine fresh = Main.commandLine();
            fresh.setOut(new PrintWriter(out, true));
            fresh.setErr(new PrintWriter(new StringWriter(), true));
            int exit = fresh.execute(args.toArray(String[]::new));
            if (exit != 0 || !out.toString().contains("Usage: ucsec " + String.join(" ", p))) failed.add(String.join(" ", p) + " (exit " + exit + ")");
            walk(e.getValue(), p, failed);
        }
    }

    @Test
    void helpCommand_walksNestedGroups_andAGroupWithoutSubcommandShowsItsUsage() {
        StringWriter out = new StringWriter(), err = new StringWriter();
        CommandLine cl = Main.commandLine();
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        assertThat(cl.execute("help", "set", "tls")).isZero();
        assertThat(out.toString()).contains("Usage: ucsec set tls").contains("min-version").contains("context");
        assertThat(cl.execute("set", "tls")).isEqualTo(2);
        assertThat(err.toString()).contains("Usage: ucsec set tls");
        assertThat(cl.execute("help", "set", "nosuch")).isEqualTo(2);
    }

    @Test
    void json_appliesToErrors_problemJsonOnStderr() throws Exception {
        var r = n.cli("set", "tls", "context", "Default_Cisco_UPS_SIP_Proxy_Peer_Auth_TLS_Context", "--peer-subjects", "nobody.example.com", "--json");
        assertThat(r.exit()).isEqualTo(1);
        JsonNode p = Json.MAPPER.readTree(r.err());
        assertThat(p.get("code").asText()).isEqualTo("tls.peer-subject-unknown");
        assertThat(p.get("status").asInt()).isEqualTo(404);
        // the CLI's own failures too: no node there
        StringWriter err = new StringWriter();
        CommandLine cl = Main.commandLine();
        cl.setErr(new PrintWriter(err, true));
        assertThat(cl.execute("show", "cert", "list", "own", "--json", "--data", tmp.resolve("none").toString())).isEqualTo(3);
        assertThat(Json.MAPPER.readTree(err.toString()).get("code").asText()).isEqualTo("cli.unreachable");
    }

    @Test
    void textFromACertificate_isShownWithoutRawControlCharacters() throws Exception {
        // a CA whose subject carries an ANSI escape sequence and a carriage return (who controls it: whoever made the CA)
        Path ca = tmp.resolve("evil");
        Files.createDirectories(ca);
        OpenSsl.run(ca, "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes", "-keyout", "k.pem", "-out", "root.pem",
                "-days", "30", "-utf8", "-subj", "/CN=Evil\u001b[31mRoot\rX", "-addext", "basicConstraints=critical,CA:true", "-addext", "keyUsage=critical,keyCertSign,cRLSign").ok();
        n.cli("set", "cert", "import", "trust", "tomcat-trust", ca.resolve("root.pem").toString()).ok();
        String out = n.cli("show", "cert", "list", "trust", "tomcat-trust").ok().out();
        assertThat(out).contains("Evil").doesNotContain("\u001b").doesNotContain("\r").contains("\\u001b");
    }

    // ------------------------------------------------------------------ REST: bad input is 400 with a code, never 5xx

    @Test
    void auditLimitThatIsNotANumber_is400NamingTheParameter() throws Exception {
        var r = send("GET", "/api/v1/audit?limit=abc", null, null);
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(code(r)).isEqualTo("request.invalid-parameter");
        assertThat(r.body()).contains("limit");
    }

    @Test
    void overlongOrControlCharacterDescriptions_are400_andChangeNothing() throws Exception {
        String before = n.cli("show", "tls", "peer-subjects", "--json").ok().out();
        var r = send("POST", "/api/v1/tls/peer-subjects", "application/json", "{\"cn\":\"peer9.example.com\",\"description\":\"" + "x".repeat(1025) + "\"}");
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(code(r)).isEqualTo("text.too-long");
        r = send("POST", "/api/v1/tls/peer-subjects", "application/json", "{\"cn\":\"peer9.example.com\",\"description\":\"a\\u0000b\"}");
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(code(r)).isEqualTo("text.control-character");
        assertThat(n.cli("show", "tls", "peer-subjects", "--json").ok().out()).isEqualTo(before);
    }

    @Test
    void aCommonNameOf300Characters_isRefusedWithACode() throws Exception {
        var r = send("POST", "/api/v1/tls/peer-subjects", "application/json", "{\"cn\":\"" + "a".repeat(300) + "\"}");
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(code(r)).isEqualTo("tls.peer-subject-invalid");
        r = send("POST", "/api/v1/csr/tomcat", "application/json", "{\"o\":\"" + "o".repeat(300) + "\"}");
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(code(r)).isEqualTo("subject.invalid");
    }

    @Test
    void jsonIsStrict_floatsForIntegersNumbersForFlagsAndUnknownFields_areRefusedNamingTheField() throws Exception {
        var r = send("POST", "/api/v1/csr/tomcat", "application/json", "{\"keySize\":2048.5}");
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(code(r)).isEqualTo("request.invalid-json");
        assertThat(r.body()).contains("keySize");
        r = send("POST", "/api/v1/csr/tomcat", "application/json", "{\"multiServer\":5}");
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(r.body()).contains("multiServer");
        r = send("POST", "/api/v1/csr/tomcat", "application/json", "{\"keysize\":2048}");
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(r.body()).contains("unknown field 'keysize'");
        r = send("POST", "/api/v1/csr/tomcat", "text/plain", "{\"keySize\":2048}");
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(code(r)).isEqualTo("request.unsupported-media-type");
        r = send("POST", "/api/v1/csr/tomcat", "application/json", "{\"keySize\":2048,\"keySize\":4096}");
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(n.cli("show", "csr", "tomcat").exit()).as("no CSR was generated by any of these").isEqualTo(1);
    }

    @Test
    void everyAnswer_carriesSecurityHeaders_and405NamesTheAllowedMethods() throws Exception {
        var r = send("GET", "/api/v1/tls/contexts", null, null);
        assertThat(r.headers().firstValue("Cache-Control")).contains("no-store");
        assertThat(r.headers().firstValue("X-Content-Type-Options")).contains("nosniff");
        assertThat(r.headers().firstValue("Strict-Transport-Security")).isPresent();
        r = send("PATCH", "/api/v1/tls/contexts", null, null);
        assertThat(r.statusCode()).isEqualTo(405);
        assertThat(r.headers().firstValue("Allow")).contains("GET");
        assertThat(code(r)).isEqualTo("request.method-not-allowed");
        assertThat(r.headers().firstValue("Cache-Control")).contains("no-store");
    }

    @Test
    void oversizedHeaders_are431ProblemJson_fromTheServerItself() throws Exception {
        try (SSLSocket s = (SSLSocket) TlsTrustAll.context().getSocketFactory().createSocket("127.0.0.1", n.node.adminPort())) {
            s.setSoTimeout(10_000);
            OutputStream out = s.getOutputStream();
            out.write(("GET /api/v1/health HTTP/1.1\r\nHost: x\r\nX-Big: " + "a".repeat(20_000) + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            String answer = new String(s.getInputStream().readNBytes(4096), StandardCharsets.UTF_8);
            assertThat(answer).startsWith("HTTP/1.1 431").contains("application/problem+json").contains("request.headers-too-large");
        }
    }

    @Test
    void aClientTricklingARequest_isCutAfterABoundedTime() throws Exception {
        try (SSLSocket s = (SSLSocket) TlsTrustAll.context().getSocketFactory().createSocket("127.0.0.1", n.node.adminPort())) {
            s.setSoTimeout(1_000);
            s.startHandshake();
            OutputStream out = s.getOutputStream();
            InputStream in = s.getInputStream();
            byte[] request = "GET /api/v1/health HTTP/1.1\r\nHost: x\r\nX-Slow: ".getBytes(StandardCharsets.US_ASCII);
            boolean closed = false;
            // one byte every 300 ms for up to 15 s: the guard window is 2 s here (production: 20 s); idle timeout alone (30 s) would never fire
            for (int i = 0; i < 50 && !closed; i++) {
                try {
                    out.write(request[Math.min(i, request.length - 1)]);
                    out.flush();
                    try { if (in.read() < 0) closed = true; } catch (java.net.SocketTimeoutException ignored) { /* still open */ }
                } catch (java.io.IOException e) {
                    closed = true;
                }
                Thread.sleep(300);
            }
            assertThat(closed).as("the trickling connection was closed by the server").isTrue();
        }
    }

    @Test
    void aRegenWithMoreSansThanTlsClientsAccept_isRefused_andTheAdminListenerStillServes() throws Exception {
        StringBuilder sans = new StringBuilder();
        for (int i = 0; i < 5000; i++) sans.append(i == 0 ? "" : ",").append("\"h").append(i).append(".example.com\"");
        var r = send("POST", "/api/v1/certs/own/tomcat/regenerate", "application/json", "{\"sans\":[" + sans + "]}");
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(code(r)).isEqualTo("cert.too-many-sans");
        n.cli("utils", "service", "restart", "admin").ok();
        assertThat(n.cli("show", "cert", "list", "own").ok().out()).contains("tomcat");
    }

    @Test
    void aFailingRestartHook_isNamedRelativeToTheDataDirectory_neverByItsPath() throws Exception {
        Path hooks = n.dir.resolve("hooks");
        Files.createDirectories(hooks);
        Path hook = hooks.resolve("presence-engine");
        Files.writeString(hook, "#!/bin/sh\necho failing on purpose\nexit 3\n");
        hook.toFile().setExecutable(true);
        var r = n.cli("utils", "service", "restart", "presence-engine");
        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.err()).contains("service.hook-failed").contains("DATA/hooks/presence-engine").contains("exited 3").doesNotContain(n.dir.toString());
        Files.delete(hook);
    }

    @Test
    void aJdbcPasswordInTheUrl_neverAppearsInTheConfigsText() {
        var cfg = new NodeConfig(tmp.resolve("masked"), "127.0.0.1", 0, "imp3", "imp3.example.com", org.ucsec.pki.catalogue.Product.IMP, true,
                "jdbc:postgresql://db.example.com/ucsec?user=u&Password=hunter2&ssl=true", "u", org.ucsec.core.Secret.of("hunter3"), null, -1);
        assertThat(cfg.toString()).doesNotContain("hunter2").doesNotContain("hunter3").contains("password=****");
    }

    // ------------------------------------------------------------------ start-up

    @Test
    void anExistingWorldReadableDataDirectory_isMadeOwnerOnly() throws Exception {
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(n.dir))).isEqualTo("rwx------");
    }

    @Test
    void aTakenPort_isRefusedNamingTheOptionThatChangesIt() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            var cfg = new NodeConfig(tmp.resolve("second"), "127.0.0.1", taken.getLocalPort(), "imp2", "imp2.example.com",
                    org.ucsec.pki.catalogue.Product.IMP, true, null, null, null, null, -1);
            assertThatThrownBy(() -> Node.start(cfg)).isInstanceOf(UcsecException.class)
                    .hasMessageContaining(String.valueOf(taken.getLocalPort())).hasMessageContaining("--port")
                    .extracting("code").isEqualTo("listener.bind");
        }
    }
}
