package org.ucsec.node;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.ucsec.node.platform.rest.Json;
import org.ucsec.pki.testing.OpenSsl;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** `ucsec cipher preview` (P9): a local command, no node; same suites as the openssl binary. */
class CipherPreviewCliTest {
    private record Out(int exit, String out) {}

    private static Out run(String... args) {
        StringWriter out = new StringWriter();
        var cl = org.ucsec.node.Main.commandLine();
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(new StringWriter(), true));
        return new Out(cl.execute(args), out.toString());
    }

    @Test
    void preview_json_listsTheSameSuitesAsOpensslCiphers() throws Exception {
        String spec = "ECDHE+AESGCM:DHE+AESGCM:!aNULL";
        Out r = run("cipher", "preview", spec, "--json");
        assertThat(r.exit()).isZero();
        JsonNode j = Json.MAPPER.readTree(r.out());
        List<String> names = new ArrayList<>();
        for (JsonNode s : j.get("suites")) names.add(s.get("openSslName").asText());
        String expected = OpenSsl.run(Path.of("."), "ciphers", "-ciphersuites", "", spec).ok().out().trim();
        assertThat(String.join(":", names)).isEqualTo(expected);
    }

    @Test
    void preview_phoneDialect_flagsUnsupportedWord_andShowsFallbacksWhenInvalid() throws Exception {
        Out r = run("cipher", "preview", "NOSUCHWORD", "--phone", "--json");
        assertThat(r.exit()).isEqualTo(1);
        JsonNode j = Json.MAPPER.readTree(r.out());
        assertThat(j.get("valid").asBoolean()).isFalse();
        assertThat(j.get("problems").toString()).contains("NOSUCHWORD");
        assertThat(j.get("fallbacks").toString()).contains("HIGH:MEDIUM:AES:@STRENGTH");
        Out text = run("cipher", "preview", "HIGH:!aNULL");
        assertThat(text.exit()).isZero();
        assertThat(text.out()).contains("ECDHE-ECDSA-AES256-GCM-SHA384");
    }
}
