package org.ucsec.sip;

import org.junit.jupiter.api.Test;
import org.ucsec.core.SecretAccess;
import org.ucsec.oauth.OAuthException;
import org.ucsec.oauth.SigningKeys;
import org.ucsec.oauth.TokenPolicy;
import org.ucsec.oauth.TokenService;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** The edge with the real token service of ucsec-oauth behind it (no stubs). */
class SipEdgeTest {
    static final String DEV = "SEP001122334455";
    final MutableClock clock = MutableClock.at("2026-12-01T12:00:00Z");
    final TokenService tokens = TokenService.inMemory(TokenPolicy.defaults("https://cucm1.example.com:8443/ucsec/oauth", "sip:cucm1.example.com"),
            SigningKeys.generate(clock), clock);
    final Registrar registrar = new Registrar(clock, Registrar.Policy.defaults());
    final SipEdge.BearerCheck check = (token, device, conn) -> {
        try {
            var v = tokens.verify(token, device, conn.peerCertThumbprint());
            return new SipEdge.Verdict.Accepted(v.deviceId(), Optional.of(v.expiresAt()));
        } catch (OAuthException e) {
            return new SipEdge.Verdict.Refused(e.error(), e.code());
        }
    };
    final SipEdge edge = new SipEdge(new SipParser(), registrar, check, SipEdge.Config.of("cucm1.example.com"), clock);
    final SipEdge.SipConnection conn = new SipEdge.SipConnection("192.0.2.10:51234", Optional.empty(), false);
    final SipParser responses = new SipParser();

    String token(String device) { return tokens.issueImplicit(device, Optional.empty(), false).access().token().revealString(SecretAccess.granted()); }

    SipResponse send(Msg m) { return send(m.bytes()); }

    SipResponse send(byte[] b) {
        SipEdge.Result r = edge.handle(b, conn);
        assertThat(r.response()).isNotEmpty();
        SipResponse resp = (SipResponse) responses.parse(r.response());
        assertThat(resp.status()).isEqualTo(r.status());
        return resp;
    }

    @Test
    void register_withAValidToken_is200_withTheBindingAndDate() {
        Msg m = Msg.register(token(DEV));
        SipEdge.Result r = edge.handle(m.bytes(), conn);
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.code()).isEmpty();
        assertThat(r.deviceId()).contains(DEV);
        SipResponse resp = (SipResponse) responses.parse(r.response());
        assertThat(resp.reason()).isEqualTo("OK");
        // Expires: 3600 asked; the binding ends with the 10-minute token
        assertThat(resp.headers().values("Contact")).containsExactly(
                "<sip:SEP001122334455@192.0.2.10:51234;transport=tls>;+sip.instance=\"<urn:uuid:00000000-0000-0000-0000-001122334455>\";expires=600");
        assertThat(resp.headers().first("Date")).contains("Tue, 01 Dec 2026 12:00:00 GMT");
        // RFC 3261 8.2.6.2: Via, From, Call-ID, CSeq copied; To gets a tag
        SipRequest req = (SipRequest) new SipParser().parse(m.bytes());
        assertThat(resp.headers().values("Via")).isEqualTo(req.headers().values("Via"));
        assertThat(resp.headers().first("From")).isEqualTo(req.headers().first("From"));
        assertThat(resp.headers().first("Call-ID")).contains(req.callId());
        assertThat(resp.headers().first("CSeq")).contains("1826 REGISTER");
        assertThat(resp.to().tag()).isPresent();
        assertThat(resp.to().uri().aor()).isEqualTo(req.to().uri().aor());
        assertThat(registrar.all()).extracting(Registrar.Binding::deviceId).containsExactly(DEV);
    }

    @Test
    void reRegister_refreshes_andExpiresZeroRemoves() {
        String t = token(DEV);
        send(Msg.register(t).replace("Expires:", "Expires: 300"));
        clock.advance(Duration.ofSeconds(200));
        SipResponse r = send(Msg.register(t).replace("CSeq:", "CSeq: 1827 REGISTER").replace("Expires:", "Expires: 300"));
        // refreshed: 300 s from now (the token has 400 s left)
        assertThat(r.headers().first("Contact").orElseThrow()).endsWith(";expires=300");
        clock.advance(Duration.ofSeconds(200));
        // 200 s left on the token: the refresh is capped there
        SipResponse capped = send(Msg.register(t).replace("CSeq:", "CSeq: 1828 REGISTER").replace("Expires:", "Expires: 300"));
        assertThat(capped.headers().first("Contact").orElseThrow()).endsWith(";expires=200");
        SipResponse gone = send(Msg.register(t).replace("CSeq:", "CSeq: 1829 REGISTER").replace("Expires:", "Expires: 0"));
        assertThat(gone.status()).isEqualTo(200);
        assertThat(gone.headers().values("Contact")).isEmpty();
        assertThat(registrar.all()).isEmpty();
    }

    @Test
    void register_withoutAToken_is401_withABearerChallengeAndNoErrorParameter() {
        SipEdge.Result r = edge.handle(Msg.register().bytes(), conn);
        SipResponse resp = (SipResponse) responses.parse(r.response());
        assertThat(resp.status()).isEqualTo(401);
        assertThat(r.code()).contains("sip.auth-required");
        // RFC 6750 3.1: no error code when the request has no authentication information
        assertThat(resp.headers().values("WWW-Authenticate")).containsExactly("Bearer realm=\"cucm1.example.com\"");
        // a Digest credential is not a bearer token
        assertThat(send(Msg.register().with("Authorization: Digest username=\"x\"")).headers().first("WWW-Authenticate")).contains("Bearer realm=\"cucm1.example.com\"");
        assertThat(registrar.all()).isEmpty();
    }

    @Test
    void register_withARefusedToken_is401_invalidToken_forEveryReason() throws Exception {
        String good = token(DEV);
        String[] p = good.split("\\.");
        String noneAlg = Base64.getUrlEncoder().withoutPadding().encodeToString("{\"alg\":\"none\"}".getBytes(StandardCharsets.US_ASCII)) + "." + p[1] + ".";
        String forged = p[0] + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(
                new String(Base64.getUrlDecoder().decode(p[1]), StandardCharsets.UTF_8).replace("sip:register", "sip:admin").getBytes(StandardCharsets.UTF_8)) + "." + p[2];
        String otherDevice = token("SEP00AABBCCDDEE");
        String otherAudience = TokenService.inMemory(TokenPolicy.defaults("https://cucm1.example.com:8443/ucsec/oauth", "sip:other"),
                SigningKeys.generate(clock), clock).issueImplicit(DEV, Optional.empty(), false).access().token().revealString(SecretAccess.granted());
        String expiring = token(DEV);
        String[][] cases = {{noneAlg, "oauth.token-alg"}, {forged, "oauth.token-signature"}, {otherDevice, "oauth.token-device"},
                {otherAudience, "oauth.token-kid-unknown"}, {"abc.def.ghi", "oauth.token-malformed"}, {expiring, "oauth.token-expired"}};
        for (String[] c : cases) {
            if (c[0].equals(expiring)) clock.advance(Duration.ofMinutes(11));
            SipEdge.Result r = edge.handle(Msg.register(c[0]).bytes(), conn);
            SipResponse resp = (SipResponse) responses.parse(r.response());
            assertThat(resp.status()).as(c[1]).isEqualTo(401);
            assertThat(r.code()).as(c[1]).contains(c[1]);
            assertThat(resp.headers().values("WWW-Authenticate")).containsExactly("Bearer realm=\"cucm1.example.com\", error=\"invalid_token\"");
            assertThat(new String(r.response(), StandardCharsets.ISO_8859_1)).doesNotContain(c[1]);
        }
        assertThat(registrar.all()).isEmpty();
    }

    @Test
    void insufficientScope_is403_withThatError() {
        SipEdge scoped = new SipEdge(new SipParser(), registrar, (t, d, c) -> new SipEdge.Verdict.Refused("insufficient_scope", "oauth.token-scope"),
                new SipEdge.Config("r", Optional.of("https://cucm1.example.com:8443/ucsec/oauth/token"), "ucsec", r -> r.to().uri().user()), clock);
        SipResponse resp = (SipResponse) responses.parse(scoped.handle(Msg.register("abc").bytes(), conn).response());
        assertThat(resp.status()).isEqualTo(403);
        assertThat(resp.headers().first("WWW-Authenticate")).contains("Bearer realm=\"r\", authz_server=\"https://cucm1.example.com:8443/ucsec/oauth/token\", error=\"insufficient_scope\"");
    }

    @Test
    void thirdPartyRegistration_is403_evenWithAValidToken() {
        SipEdge.Result r = edge.handle(Msg.register(token(DEV)).replace("From:", "From: <sip:SEP00AABBCCDDEE@cucm1.example.com>;tag=1").bytes(), conn);
        assertThat(r.status()).isEqualTo(403);
        assertThat(r.code()).contains("sip.register-third-party");
    }

    @Test
    void tooBriefExpiry_is423_withMinExpires() {
        SipResponse r = send(Msg.register(token(DEV)).replace("Expires:", "Expires: 10"));
        assertThat(r.status()).isEqualTo(423);
        assertThat(r.headers().first("Min-Expires")).contains("60");
    }

    @Test
    void options_is200_withAllowAndAccept_withoutAToken() {
        Msg m = Msg.register().start("OPTIONS sip:cucm1.example.com SIP/2.0").replace("CSeq:", "CSeq: 7 OPTIONS").without("Contact:").without("Expires:");
        SipResponse r = send(m);
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.headers().values("Allow")).containsExactly("REGISTER", "OPTIONS");
        assertThat(r.headers().values("Accept")).containsExactly("application/sdp");
        assertThat(r.cseq()).isEqualTo(new CSeq(7, "OPTIONS"));
    }

    @Test
    void otherMethods_are405_unknownOnes501_ackAndResponsesGetNothing() {
        SipResponse invite = send(Msg.register().start("INVITE sip:1002@cucm1.example.com SIP/2.0").replace("CSeq:", "CSeq: 1 INVITE"));
        assertThat(invite.status()).isEqualTo(405);
        assertThat(invite.headers().values("Allow")).containsExactly("REGISTER", "OPTIONS");
        assertThat(send(Msg.register().start("FROB sip:cucm1.example.com SIP/2.0").replace("CSeq:", "CSeq: 1 FROB")).status()).isEqualTo(501);
        assertThat(edge.handle(Msg.register().start("ACK sip:cucm1.example.com SIP/2.0").replace("CSeq:", "CSeq: 1 ACK").bytes(), conn).response()).isEmpty();
        String resp = "SIP/2.0 200 OK\r\nVia: SIP/2.0/TLS h;branch=z9hG4bKx\r\nFrom: <sip:a@b>;tag=1\r\nTo: <sip:a@b>\r\nCall-ID: x\r\nCSeq: 1 OPTIONS\r\nContent-Length: 0\r\n\r\n";
        assertThat(edge.handle(resp.getBytes(StandardCharsets.ISO_8859_1), conn).response()).isEmpty();
    }

    @Test
    void requireOfAnExtension_is420_withUnsupported() {
        SipResponse r = send(Msg.register(token(DEV)).with("Require: gruu, outbound"));
        assertThat(r.status()).isEqualTo(420);
        assertThat(r.headers().values("Unsupported")).containsExactly("gruu", "outbound");
        assertThat(registrar.all()).isEmpty();
    }

    @Test
    void malformedMessages_get400WithTheReason_andTheHeadersReadSoFar() {
        SipEdge.Result r = edge.handle(Msg.register().replace("CSeq:", "CSeq: 1 INVITE").bytes(), conn);
        SipResponse resp = (SipResponse) responses.parse(r.response());
        assertThat(resp.status()).isEqualTo(400);
        assertThat(resp.reason()).isEqualTo("Bad Request (CSeq method INVITE is not the request method REGISTER)");
        assertThat(r.code()).contains("sip.cseq-method-mismatch");
        assertThat(resp.headers().first("Via")).contains("SIP/2.0/TLS 192.0.2.10:51234;branch=z9hG4bK776asdhds;rport");
        assertThat(resp.headers().first("Call-ID")).contains("843817637684230@998sdasdh09");
        assertThat(resp.headers().first("CSeq")).contains("1 INVITE");
        assertThat(r.close()).isFalse();
        // the value at fault is copied as sent (the client matches its request by it)
        SipEdge.Result badCseq = edge.handle(Msg.register().replace("CSeq:", "CSeq: x REGISTER").bytes(), conn);
        assertThat(new String(badCseq.response(), StandardCharsets.ISO_8859_1))
                .startsWith("SIP/2.0 400 Bad Request (the CSeq number is not a number below 2^31)\r\nVia: SIP/2.0/TLS 192.0.2.10:51234;branch=z9hG4bK776asdhds;rport\r\n")
                .contains("\r\nCSeq: x REGISTER\r\n");

        SipEdge.Result noCl = edge.handle(Msg.register().noContentLength().bytes(), conn);
        assertThat(noCl.status()).isEqualTo(400);
        assertThat(noCl.close()).isTrue();
        SipEdge.Result huge = edge.handle(Msg.register().with("X: " + "a".repeat(1 << 20)).bytes(), conn);
        assertThat(huge.status()).isEqualTo(513);
        assertThat(new String(huge.response(), StandardCharsets.ISO_8859_1)).startsWith("SIP/2.0 513 Message Too Large\r\n");
        assertThat(huge.close()).isTrue();
        // garbage: a 400 still goes out, with no copied headers
        SipEdge.Result garbage = edge.handle("\u0016\u0003\u0001 hello\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1), conn);
        assertThat(garbage.status()).isEqualTo(400);
    }

    @Test
    void aTokenCheckThatThrows_is500_andTheEdgeSurvives() {
        SipEdge broken = new SipEdge(new SipParser(), registrar, (t, d, c) -> { throw new IllegalStateException("store down"); }, SipEdge.Config.of("r"), clock);
        SipEdge.Result r = broken.handle(Msg.register("abc").bytes(), conn);
        assertThat(r.status()).isEqualTo(500);
        assertThat(r.code()).contains("sip.internal");
    }

    @Test
    void certificateBoundToken_needsTheSameCertificateOnTheConnection() {
        String thumb = org.ucsec.oauth.CertificateBinding.thumbprint("phone cert".getBytes(StandardCharsets.US_ASCII));
        String bound = tokens.issueImplicit(DEV, Optional.of(thumb), false).access().token().revealString(SecretAccess.granted());
        assertThat(edge.handle(Msg.register(bound).bytes(), conn).code()).contains("oauth.token-cnf-mismatch");
        assertThat(edge.handle(Msg.register(bound).bytes(), new SipEdge.SipConnection("192.0.2.10:1", Optional.of(thumb), false)).status()).isEqualTo(200);
    }
}
