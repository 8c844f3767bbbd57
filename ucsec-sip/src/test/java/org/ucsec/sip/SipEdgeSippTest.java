package org.ucsec.sip;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ucsec.core.SecretAccess;
import org.ucsec.oauth.OAuthException;
import org.ucsec.oauth.SigningKeys;
import org.ucsec.oauth.TokenPolicy;
import org.ucsec.oauth.TokenService;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The edge against a real SIP client: sipp 3.6.1 over TCP on loopback (the node's tests put TLS in front; Debian's
 * sipp has no TLS), tokens injected from a CSV file with {@code -inf} as issue 10 describes. The server here is a
 * minimal test framer (header end + Content-Length) in front of {@link SipEdge}; the tokens come from the real
 * ucsec-oauth token service.
 */
class SipEdgeSippTest {
    @TempDir Path dir;

    @Test
    void sipp_registersWithABearerToken_andGetsTheChallengesOfRfc8898() throws Exception {
        Assumptions.assumeTrue(Files.isExecutable(Path.of("/usr/bin/sipp")), "sipp is not installed");
        Clock clock = Clock.systemUTC();
        TokenService tokens = TokenService.inMemory(TokenPolicy.defaults("https://cucm1.example.com:8443/ucsec/oauth", "sip:cucm1.example.com"),
                SigningKeys.generate(clock), clock);
        Registrar registrar = new Registrar(clock, Registrar.Policy.defaults());
        SipEdge edge = new SipEdge(new SipParser(), registrar, (token, device, conn) -> {
            try {
                return new SipEdge.Verdict.Accepted(tokens.verify(token, device, conn.peerCertThumbprint()).deviceId());
            } catch (OAuthException e) {
                return new SipEdge.Verdict.Refused(e.error(), e.code());
            }
        }, SipEdge.Config.of("cucm1.example.com"), clock);

        StringBuilder csv = new StringBuilder("SEQUENTIAL\n");
        String[] devices = {"SEP001122334455", "CSFjdoe"};
        for (String d : devices) {
            String good = tokens.issueImplicit(d, Optional.empty(), false).access().token().revealString(SecretAccess.granted());
            String other = tokens.issueImplicit("SEPAABBCCDDEEFF", Optional.empty(), false).access().token().revealString(SecretAccess.granted());
            csv.append(d).append(';').append(good).append(';').append(other).append(";\n");
        }
        Path inf = dir.resolve("tokens.csv");
        Files.writeString(inf, csv);
        Path scenario = dir.resolve("scenario.xml");
        try (InputStream in = getClass().getResourceAsStream("sipp-bearer-register.xml")) { Files.write(scenario, in.readAllBytes()); }

        ConcurrentLinkedQueue<SipEdge.Result> results = new ConcurrentLinkedQueue<>();
        try (ServerSocket server = new ServerSocket(0, 8, InetAddress.getLoopbackAddress())) {
            Thread t = Thread.ofVirtual().start(() -> serve(server, edge, results));
            Process sipp = new ProcessBuilder("/usr/bin/sipp", "-sf", scenario.toString(), "-inf", inf.toString(), "-t", "t1",
                    "-i", "127.0.0.1", "-m", Integer.toString(devices.length), "-l", "1", "-nostdin", "-timeout", "30s", "-timeout_error",
                    "-trace_err", "-error_file", dir.resolve("errors.log").toString(), "127.0.0.1:" + server.getLocalPort())
                    .directory(dir.toFile()).redirectErrorStream(true).redirectOutput(dir.resolve("sipp.out").toFile()).start();
            boolean done = sipp.waitFor(60, TimeUnit.SECONDS);
            if (!done) sipp.destroyForcibly();
            String errors = Files.exists(dir.resolve("errors.log")) ? Files.readString(dir.resolve("errors.log")) : "";
            assertThat(done).as("sipp finished").isTrue();
            assertThat(sipp.exitValue()).as("sipp exit status (0: every call passed); errors: %s", errors).isZero();
            server.close();
            t.join(5000);
        }
        List<Integer> statuses = results.stream().map(SipEdge.Result::status).toList();
        assertThat(statuses).containsExactly(401, 401, 200, 200, 200, 401, 401, 200, 200, 200);
        assertThat(results.stream().map(r -> r.code().orElse("")).toList())
                .containsExactly("sip.auth-required", "oauth.token-device", "", "", "", "sip.auth-required", "oauth.token-device", "", "", "");
        assertThat(registrar.all()).isEmpty();
    }

    /** One connection at a time: cuts messages at the empty line plus Content-Length, answers with the edge. */
    static void serve(ServerSocket server, SipEdge edge, ConcurrentLinkedQueue<SipEdge.Result> results) {
        while (!server.isClosed()) {
            try (Socket s = server.accept(); InputStream in = s.getInputStream(); OutputStream out = s.getOutputStream()) {
                SipEdge.SipConnection conn = new SipEdge.SipConnection(s.getRemoteSocketAddress().toString(), Optional.empty(), false);
                ByteArrayOutputStream buf = new ByteArrayOutputStream();
                byte[] chunk = new byte[4096];
                for (int n; (n = in.read(chunk)) > 0; ) {
                    buf.write(chunk, 0, n);
                    for (byte[] msg; (msg = next(buf)) != null; ) {
                        SipEdge.Result r = edge.handle(msg, conn);
                        if (r.response().length > 0) { results.add(r); out.write(r.response()); out.flush(); }
                    }
                }
            } catch (IOException e) {
                if (server.isClosed()) return;
            }
        }
    }

    static byte[] next(ByteArrayOutputStream buf) {
        byte[] b = buf.toByteArray();
        int start = 0;
        while (start < b.length && (b[start] == '\r' || b[start] == '\n')) start++;
        String text = new String(b, start, b.length - start, StandardCharsets.ISO_8859_1);
        int end = text.indexOf("\r\n\r\n");
        if (end < 0) return null;
        int cl = 0;
        for (String line : text.substring(0, end).split("\r\n"))
            if (line.toLowerCase().startsWith("content-length:") || line.toLowerCase().startsWith("l:")) cl = Integer.parseInt(line.substring(line.indexOf(':') + 1).trim());
        int total = end + 4 + cl;
        if (text.length() < total) return null;
        byte[] msg = Arrays.copyOfRange(b, start, start + total);
        buf.reset();
        buf.write(b, start + total, b.length - start - total);
        return msg;
    }
}
