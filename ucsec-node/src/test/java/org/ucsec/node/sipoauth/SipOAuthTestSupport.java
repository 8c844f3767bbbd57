package org.ucsec.node.sipoauth;

import org.ucsec.node.testing.TestNode;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/** Helpers of the SIP OAuth tests: free ports inside the seed's 1024-49151 range, and curl against the token endpoint. */
final class SipOAuthTestSupport {
    private SipOAuthTestSupport() {}

    /** A port in 20000-32767 that is free on loopback now (the kernel's ephemeral range starts above it, so port 0 cannot be used for O4). */
    static int freePort() {
        for (int i = 0; i < 200; i++) {
            int p = ThreadLocalRandom.current().nextInt(20000, 32768);
            try (ServerSocket s = new ServerSocket(p, 1, InetAddress.getLoopbackAddress())) {
                return p;
            } catch (IOException e) {
                // taken: try another
            }
        }
        throw new AssertionError("no free port in 20000-32767");
    }

    /** Puts free ports on the node, enables SIP OAuth mode and restarts the three listeners; returns {phone, mra, token}. */
    static int[] enable(TestNode n) {
        int phone = freePort(), mra = freePort(), token = freePort();
        while (mra == phone) mra = freePort();
        while (token == phone || token == mra) token = freePort();
        n.cli("set", "sipoauth", "ports", "--phone-oauth-port", "" + phone, "--mra-port", "" + mra, "--token-port", "" + token).ok();
        n.cli("utils", "sipOAuth-mode", "enable").ok();
        for (String s : List.of("sip-oauth", "sip-oauth-mra", "sip-oauth-token")) n.cli("utils", "service", "restart", s).ok();
        return new int[]{phone, mra, token};
    }

    record Http(int status, String body) {}

    /** curl POST of a form to the token endpoint, the server checked against the node's tomcat certificate; extra = curl options (--cert ...). */
    static Http token(TestNode n, int port, String form, String... extra) throws Exception {
        return curl(n, port, "/oauth/token", form, "application/x-www-form-urlencoded", extra);
    }

    static Http curl(TestNode n, int port, String path, String body, String contentType, String... extra) throws Exception {
        List<String> cmd = new ArrayList<>(List.of("curl", "-sS", "--max-time", "20", "-o", "-", "-w", "\n%{http_code}",
                "--cacert", n.dir.resolve("admin-listener.pem").toString(), "--resolve", "cucm1.example.com:" + port + ":127.0.0.1"));
        if (body != null) cmd.addAll(List.of("-H", "Content-Type: " + contentType, "--data-binary", body));
        cmd.addAll(List.of(extra));
        cmd.add("https://cucm1.example.com:" + port + path);
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(30, TimeUnit.SECONDS)) { p.destroyForcibly(); throw new AssertionError("curl hung"); }
        int nl = out.lastIndexOf('\n');
        String code = out.substring(nl + 1).trim();
        return new Http(code.matches("\\d{3}") ? Integer.parseInt(code) : -1, nl < 0 ? out : out.substring(0, nl));
    }

    static Path file(TestNode n, String name, String text) { return n.file(name, text); }
}
