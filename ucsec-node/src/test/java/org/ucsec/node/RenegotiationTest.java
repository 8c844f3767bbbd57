package org.ucsec.node;

import org.junit.jupiter.api.Test;
import org.ucsec.node.testing.NodeTest;
import org.ucsec.node.testing.TestNode;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** Client-initiated renegotiation is refused on the hosted listeners (issue 8, item 9: 20 in a row were accepted). */
@NodeTest
class RenegotiationTest {
    @Test
    void clientInitiatedRenegotiation_onTheAdminListener_isRefused(TestNode n) throws Exception {
        // s_client renegotiates when it reads a line "R" (TLS 1.2: TLS 1.3 has no renegotiation)
        Process p = new ProcessBuilder(List.of("openssl", "s_client", "-connect", "127.0.0.1:" + n.node.adminPort(), "-tls1_2"))
                .directory(n.scratch.toFile()).redirectErrorStream(true).start();
        Thread.sleep(1500);
        p.getOutputStream().write("R\n".getBytes(StandardCharsets.US_ASCII));
        p.getOutputStream().flush();
        Thread.sleep(1500);
        try {
            p.getOutputStream().write("GET /api/v1/health HTTP/1.1\r\nHost: x\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            p.getOutputStream().flush();
        } catch (java.io.IOException e) {
            // s_client already ended: the server refused the renegotiation and closed
        }
        if (!p.waitFor(10, TimeUnit.SECONDS)) p.destroyForcibly();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(out).contains("RENEGOTIATING");
        assertThat(out).as("after the refused renegotiation no request is answered").doesNotContain("\"status\"");
    }
}
