package org.ucsec.node;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.ucsec.node.testing.NodeTest;
import org.ucsec.node.testing.TestNode;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** REST refusals: problem+json with a stable code, nothing changed (SPEC X2). */
@NodeTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RestRefusalsTest {
    TestNode n;
    HttpClient http;
    String token;
    Path tmp;

    @BeforeAll
    void start(TestNode node) throws Exception {
        n = node;
        tmp = n.scratch;
        http = HttpClient.newBuilder().sslContext(TlsTrustAll.context()).build();
        token = Files.readString(n.node.tokenFile()).trim();
    }

    private HttpResponse<String> post(String path, byte[] body, boolean auth) throws Exception {
        var b = HttpRequest.newBuilder(URI.create("https://127.0.0.1:" + n.node.adminPort() + path)).POST(HttpRequest.BodyPublishers.ofByteArray(body));
        if (auth) b.header("Authorization", "Bearer " + token);
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void upload_10MB_isRefusedBySize_beforeParsing() throws Exception {
        String before = n.snapshot();
        byte[] big = new byte[10 * 1024 * 1024];
        java.util.Arrays.fill(big, (byte) 'A');
        // like curl with a large body: Expect: 100-continue, so the node answers 413 before a byte of the body is sent
        var r = http.send(HttpRequest.newBuilder(URI.create("https://127.0.0.1:" + n.node.adminPort() + "/api/v1/trust/tomcat-trust"))
                .expectContinue(true).header("Authorization", "Bearer " + token).POST(HttpRequest.BodyPublishers.ofByteArray(big)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).isEqualTo(413);
        assertThat(r.headers().firstValue("Content-Type").orElse("")).startsWith("application/problem+json");
        assertThat(r.body()).contains("upload.too-large").doesNotContain("pem.");
        assertThat(n.snapshot()).isEqualTo(before);
        // the CLI refuses it too, before sending
        Path f = tmp.resolve("big.pem");
        Files.write(f, big);
        var cli = n.cli("set", "cert", "import", "trust", "tomcat-trust", f.toString());
        assertThat(cli.exit()).isEqualTo(1);
        assertThat(cli.err()).contains("upload.too-large");
    }

    @Test
    void noToken_is401_wrongToken_is401() throws Exception {
        var r = post("/api/v1/trust/tomcat-trust", "x".getBytes(), false);
        assertThat(r.statusCode()).isEqualTo(401);
        assertThat(r.body()).contains("auth.required");
        assertThat(r.headers().firstValue("WWW-Authenticate")).isPresent();
        var r2 = http.send(HttpRequest.newBuilder(URI.create("https://127.0.0.1:" + n.node.adminPort() + "/api/v1/certs/own"))
                .header("Authorization", "Bearer ucs_forged").GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r2.statusCode()).isEqualTo(401);
        assertThat(r2.body()).contains("auth.invalid-token");
    }

    @Test
    void garbageJson_unknownPurpose_unknownEndpoint_haveStableCodes() throws Exception {
        assertThat(post("/api/v1/csr/cup", "{not json".getBytes(), true).body()).contains("request.invalid-json");
        var r = post("/api/v1/csr/nope", "{}".getBytes(), true);
        assertThat(r.statusCode()).isEqualTo(404);
        assertThat(r.body()).contains("purpose.unknown");
        assertThat(post("/api/v1/nothing", new byte[0], true).body()).contains("request.no-such-endpoint");
    }

    @Test
    void openApiDocument_isServed_andNamesEveryRoute() throws Exception {
        var r = http.send(HttpRequest.newBuilder(URI.create("https://127.0.0.1:" + n.node.adminPort() + "/openapi.yaml")).GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).isEqualTo(200);
        for (String p : new String[]{"/api/v1/certs/own:", "/api/v1/certs/own/{purpose}:", "/api/v1/certs/own/{purpose}/regenerate:", "/api/v1/csr/{purpose}:",
                "/api/v1/trust/{store}:", "/api/v1/trust/{store}/{name}:", "/api/v1/services:", "/api/v1/services/{name}/restart:"})
            assertThat(r.body()).contains(p);
    }

    @Test
    void cliWithoutRunningNode_exits3_withAClearMessage() {
        var cl = org.ucsec.node.Main.commandLine();
        var err = new java.io.StringWriter();
        cl.setErr(new java.io.PrintWriter(err, true));
        int exit = cl.execute("show", "cert", "list", "own", "--data", tmp.resolve("nothing-here").toString());
        assertThat(exit).isEqualTo(3);
        assertThat(err.toString()).contains("no running node found");
    }
}
