package org.ucsec.node.sipoauth;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.ucsec.core.SecretAccess;
import org.ucsec.node.platform.rest.Json;
import org.ucsec.node.testing.TestNode;
import org.ucsec.oauth.AccessTokenIssuer;
import org.ucsec.oauth.TokenPolicy;
import org.ucsec.pki.catalogue.Product;

import java.net.ConnectException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * The SIP OAuth registration edge (SPEC O11; RFC 3261 10.3, RFC 8898, RFC 6750 3) on the SIP phone OAuth port of a
 * call-control node, driven by a plain Java TLS client sending raw SIP: REGISTER with a Bearer token for the right
 * device gets 200 with its binding and expiry (refresh, removal); no token, expired, forged, alg none, wrong audience
 * and other-device tokens get 401 with WWW-Authenticate: Bearer; OPTIONS are answered; malformed messages get 400 and
 * the listener stays up; a silent connection is closed after the (test-shortened) idle timeout.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RegistrationEdgeTest {
    static final String DEV = "SEP001122334455", OTHER = "SEP00112233AAAA";
    TestNode n;
    int port;

    @BeforeAll
    void start(@TempDir Path tmp) throws Exception {
        // for this class's listeners (read when a listener starts; the restart test starts one again): 3 s idle timeout
        System.setProperty("ucsec.listener.idle-timeout-seconds", "3");
        n = TestNode.start(tmp.resolve("cucm"), Product.CUCM, true);
        n.cli("set", "phone-security", "profile", "oauth", "--security-mode", "Encrypted", "--transport", "TLS", "--oauth", "true").ok();
        n.cli("set", "phone-security", "device", DEV, "--profile", "oauth").ok();
        n.cli("set", "phone-security", "device", OTHER, "--profile", "oauth").ok();
        port = SipOAuthTestSupport.enable(n)[0];
    }

    @AfterAll
    void stop() {
        System.clearProperty("ucsec.listener.idle-timeout-seconds");
        if (n != null) n.close();
    }

    @AfterEach
    void reset() { n.clock.reset(); }

    String token(String device) {
        return n.service(SipOAuthTokens.class).tokens().issueImplicit(device, Optional.empty(), false).access().token().revealString(SecretAccess.granted());
    }

    SipTlsClient client() throws Exception { return SipTlsClient.connect(n.dir, port); }

    @Test
    void register_withTheDevicesToken_gets200WithItsBinding_refreshes_andExpiresZeroRemovesIt() throws Exception {
        String t = token(DEV);
        try (SipTlsClient c = client()) {
            c.send(SipTlsClient.register(DEV, "r1", 1, t, "600"));
            String r = c.read();
            assertThat(r).startsWith("SIP/2.0 200 OK").contains("Call-ID: r1").contains("CSeq: 1 REGISTER")
                    .containsPattern("Contact: <sip:" + DEV + "@127.0.0.1:5061;transport=tls>;expires=(600|599)").contains("Date: ");
            JsonNode regs = n.cli("show", "registrations", "--json").ok().json();
            assertThat(regs.toString()).contains(DEV).contains("sip:" + DEV + "@cucm1.example.com");
            assertThat(n.cli("show", "registrations").ok().out()).contains(DEV);
            // re-REGISTER refreshes the binding (a later CSeq, a new expiry), never beyond the token's end
            n.clock.advance(Duration.ofSeconds(300));
            c.send(SipTlsClient.register(DEV, "r1", 2, t, "900"));
            assertThat(c.read()).as("capped at the token's remaining 300 s").startsWith("SIP/2.0 200 OK").containsPattern(";expires=(300|299)\r\n");
            String t2 = token(DEV);
            c.send(SipTlsClient.register(DEV, "r1", 3, t2, "540"));
            assertThat(c.read()).startsWith("SIP/2.0 200 OK").containsPattern(";expires=(540|539)\r\n");
            // Expires: 0 removes it
            c.send(SipTlsClient.register(DEV, "r1", 4, t2, "0"));
            String gone = c.read();
            assertThat(gone).startsWith("SIP/2.0 200 OK").doesNotContain("Contact:");
            assertThat(n.cli("show", "registrations", "--json").ok().json().toString()).doesNotContain("r1");
        }
    }

    @Test
    void register_expiresHeader_isHonoured_andAnIntervalTooBriefGets423() throws Exception {
        String t = token(DEV);
        try (SipTlsClient c = client()) {
            c.send(SipTlsClient.register(DEV, DEV, "e1", 1, "Bearer " + t, null, "Expires: 300\r\n"));
            assertThat(c.read()).startsWith("SIP/2.0 200 OK").containsPattern(";expires=(300|299)");
            c.send(SipTlsClient.register(DEV, DEV, "e1", 2, "Bearer " + t, null, "Expires: 10\r\n"));
            assertThat(c.read()).startsWith("SIP/2.0 423").contains("Min-Expires: 60");
            c.send(SipTlsClient.register(DEV, DEV, "e1", 3, "Bearer " + t, "0", ""));
            assertThat(c.read()).startsWith("SIP/2.0 200 OK");
        }
    }

    @Test
    void register_withoutToken_gets401WithABearerChallenge_withoutError() throws Exception {
        try (SipTlsClient c = client()) {
            c.send(SipTlsClient.register(DEV, "n1", 1, null, "600"));
            String r = c.read();
            assertThat(r).startsWith("SIP/2.0 401").contains("WWW-Authenticate: Bearer realm=\"cucm1.example.com\"").doesNotContain("error=");
            // a digest answer is no token either
            c.send(SipTlsClient.register(DEV, DEV, "n2", 1, "Digest username=\"x\", realm=\"r\", nonce=\"n\", uri=\"sip:x\", response=\"0\"", "600", ""));
            assertThat(c.read()).startsWith("SIP/2.0 401").contains("Bearer realm=");
        }
    }

    @Test
    void register_withExpiredForgedAlgNoneWrongAudienceOrOtherDevicesToken_gets401InvalidToken() throws Exception {
        String good = token(DEV);
        String[] parts = good.split("\\.");
        String forged = parts[0] + "." + parts[1] + "." + (parts[2].charAt(0) == 'A' ? "B" : "A") + parts[2].substring(1);
        String header = Base64.getUrlEncoder().withoutPadding().encodeToString("{\"alg\":\"none\",\"typ\":\"at+jwt\"}".getBytes(StandardCharsets.UTF_8));
        String algNone = header + "." + parts[1] + ".";
        var keys = n.service(SipOAuthTokens.class).keys();
        String wrongAudience = new AccessTokenIssuer(keys, TokenPolicy.defaults(SipOAuthTokens.ISSUER, "urn:someone-else"), n.clock)
                .issue(DEV, Optional.empty()).token().revealString(SecretAccess.granted());
        String others = token(OTHER);
        try (SipTlsClient c = client()) {
            int cseq = 1;
            for (String bad : new String[]{forged, algNone, wrongAudience, others, "not-a-jwt"}) {
                c.send(SipTlsClient.register(DEV, "b1", cseq++, bad, "600"));
                assertThat(c.read()).as(bad).startsWith("SIP/2.0 401").contains("WWW-Authenticate: Bearer realm=\"cucm1.example.com\"").contains("error=\"invalid_token\"");
            }
            n.clock.advance(Duration.ofMinutes(11)); // access tokens live 10 minutes
            c.send(SipTlsClient.register(DEV, "b1", cseq, good, "600"));
            assertThat(c.read()).startsWith("SIP/2.0 401").contains("error=\"invalid_token\"");
        }
        assertThat(n.cli("show", "registrations", "--json").ok().json().toString()).doesNotContain("b1");
    }

    @Test
    void revokedDevice_losesItsBinding_andItsTokenGets401() throws Exception {
        String t = token(OTHER);
        try (SipTlsClient c = client()) {
            c.send(SipTlsClient.register(OTHER, "v1", 1, t, "600"));
            assertThat(c.read()).startsWith("SIP/2.0 200 OK");
            assertThat(n.cli("set", "sipoauth", "revoke", OTHER, "--json").ok().json().get("warnings").toString()).contains("1 registration(s) of " + OTHER);
            assertThat(n.cli("show", "registrations", "--json").ok().json().toString()).doesNotContain("v1");
            c.send(SipTlsClient.register(OTHER, "v1", 2, t, "600"));
            assertThat(c.read()).startsWith("SIP/2.0 401").contains("error=\"invalid_token\"");
        }
        n.clock.advance(Duration.ofSeconds(2)); // tokens issued after the revocation's second work again
        try (SipTlsClient c = client()) {
            c.send(SipTlsClient.register(OTHER, "v2", 1, token(OTHER), "600"));
            assertThat(c.read()).startsWith("SIP/2.0 200 OK");
        }
    }

    @Test
    void deletedDevice_itsStillValidToken_gets401() throws Exception {
        n.cli("set", "phone-security", "device", "SEP0011223344DD", "--profile", "oauth").ok();
        String t = token("SEP0011223344DD");
        n.cli("set", "phone-security", "device", "SEP0011223344DD", "--delete").ok();
        try (SipTlsClient c = client()) {
            c.send(SipTlsClient.register("SEP0011223344DD", "del1", 1, t, "600"));
            assertThat(c.read()).startsWith("SIP/2.0 401").contains("error=\"invalid_token\"");
        }
    }

    @Test
    void options_isAnswered_withoutAToken() throws Exception {
        try (SipTlsClient c = client()) {
            c.send(SipTlsClient.options("o1"));
            assertThat(c.read()).startsWith("SIP/2.0 200 OK").contains("Call-ID: o1").contains("Allow: REGISTER, OPTIONS");
        }
    }

    @Test
    void malformedMessages_get400_andTheListenerStaysUp() throws Exception {
        String t = token(DEV);
        try (SipTlsClient c = client()) {
            // a non-numeric CSeq
            c.send(SipTlsClient.register(DEV, "m1", 1, t, "600").replace("CSeq: 1 REGISTER", "CSeq: one REGISTER"));
            assertThat(c.read()).startsWith("SIP/2.0 400");
        }
        try (SipTlsClient c = client()) {
            // a Via without branch
            c.send(SipTlsClient.register(DEV, "m2", 1, t, "600").replaceFirst(";branch=z9hG4bK[^\r]*", ""));
            assertThat(c.read()).startsWith("SIP/2.0 400");
        }
        try (SipTlsClient c = client()) {
            // no Content-Length on a stream transport (RFC 3261 18.3)
            c.send(SipTlsClient.register(DEV, "m3", 1, t, "600").replace("Content-Length: 0\r\n", ""));
            String r = c.read();
            assertThat(r == null || r.startsWith("SIP/2.0 400")).as(String.valueOf(r)).isTrue();
        }
        try (SipTlsClient c = client()) {
            // a 1 MB header: more than the transport frames; the connection is closed
            c.send("REGISTER sip:cucm1.example.com SIP/2.0\r\nX-Big: " + "a".repeat(1024 * 1024) + "\r\n\r\n");
            assertThat(c.closedWithin(10)).isTrue();
        } catch (java.io.IOException e) {
            // the server closed while we were still writing: closed, as it should
        }
        try (SipTlsClient c = client()) {
            c.send("garbage\r\n\r\n");
            String r = c.read();
            assertThat(r == null || r.startsWith("SIP/2.0 400")).as(String.valueOf(r)).isTrue();
        }
        // still up: a new connection is answered
        try (SipTlsClient c = client()) {
            c.send(SipTlsClient.options("after"));
            assertThat(c.read()).startsWith("SIP/2.0 200 OK");
        }
    }

    @Test
    void silentConnection_isClosedAfterTheIdleTimeout() throws Exception {
        try (SipTlsClient c = client()) {
            assertThat(c.closedWithin(20)).as("closed by the listener's idle timeout (3 s in this test)").isTrue();
        }
    }

    @Test
    void registrations_areVisibleOverRest() throws Exception {
        try (SipTlsClient c = client()) {
            c.send(SipTlsClient.register(DEV, "rest1", 1, token(DEV), "600"));
            assertThat(c.read()).startsWith("SIP/2.0 200 OK");
        }
        var body = n.cli("show", "registrations", "--json").ok().json();
        boolean found = false;
        for (JsonNode b : body) if (b.get("callId").asText().equals("rest1")) {
            found = true;
            assertThat(b.get("device").asText()).isEqualTo(DEV);
            assertThat(b.get("expiresInSeconds").asLong()).isBetween(590L, 600L);
            assertThat(b.get("listener").asText()).isEqualTo("sip-oauth");
        }
        assertThat(found).isTrue();
    }

    @Test
    void modeDisabled_theOAuthPortsStopListening_onRestart_andEnabledAgainTheyListen() throws Exception {
        try {
            n.cli("utils", "sipOAuth-mode", "disable").ok();
            n.cli("utils", "service", "restart", "sip-oauth").ok();
            Throwable t = catchThrowable(() -> new Socket("127.0.0.1", port).close());
            assertThat(t).isInstanceOf(ConnectException.class);
            boolean running = false;
            for (JsonNode sv : n.cli("utils", "service", "list", "--json").ok().json())
                if (sv.get("id").asText().equals("sip-oauth") && sv.get("node").asText().equals("cucm1")) running = sv.get("state").asText().equals("running");
            assertThat(running).as("utils service list: sip-oauth is not running while off").isFalse();
            assertThat(n.cli("show", "listeners", "--json").ok().json().toString()).doesNotContain("\"sip-oauth\"");
        } finally {
            n.cli("utils", "sipOAuth-mode", "enable").ok();
            n.cli("utils", "service", "restart", "sip-oauth").ok();
        }
        try (SipTlsClient c = client()) {
            c.send(SipTlsClient.options("back"));
            assertThat(c.read()).startsWith("SIP/2.0 200 OK");
        }
    }
}
