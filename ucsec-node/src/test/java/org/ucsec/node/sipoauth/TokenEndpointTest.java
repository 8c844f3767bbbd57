package org.ucsec.node.sipoauth;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.ucsec.node.platform.rest.Json;
import org.ucsec.node.sipoauth.SipOAuthTestSupport.Http;
import org.ucsec.node.testing.TestCa;
import org.ucsec.node.testing.TestNode;
import org.ucsec.oauth.OAuthException;
import org.ucsec.pki.catalogue.Product;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.ucsec.node.testing.Refusals.refused;

/**
 * The token endpoint (SPEC O10; RFC 6749 3.2, 4.4, 5.1, 5.2, 6; RFC 8705) on the phone-facing Tomcat listener of a
 * call-control node, driven with real curl: explicit onboarding with one-time activation codes, implicit onboarding
 * by client certificate (certificate-bound tokens), rotating refresh tokens with family revocation when O3 is on,
 * device revocation, and every refusal with its RFC 6749 error and ucsec code. Time moves on the node's clock.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TokenEndpointTest {
    static final String DEV = "SEP001122334455", OTHER = "SEP00112233AAAA", ONCE = "SEP0011223344CC";
    TestNode n;
    int port;
    TestCa phones;
    TestCa.Peer devCert, otherCert;

    @BeforeAll
    void start(@TempDir Path tmp) throws Exception {
        n = TestNode.start(tmp.resolve("cucm"), Product.CUCM, true);
        n.cli("set", "phone-security", "profile", "oauth", "--security-mode", "Encrypted", "--transport", "TLS", "--oauth", "true").ok();
        n.cli("set", "phone-security", "device", DEV, "--profile", "oauth").ok();
        n.cli("set", "phone-security", "device", OTHER, "--profile", "oauth").ok();
        n.cli("set", "phone-security", "device", ONCE, "--profile", "oauth").ok();
        // the phones' certificates (LSC/MIC stand-in) chain to CallManager-trust
        phones = TestCa.ec(n, "Phones");
        n.cli("set", "cert", "import", "trust", "CallManager-trust", n.fileArg("phones.pem", phones.chainPem())).ok();
        devCert = phones.peer(DEV, "ec");
        otherCert = phones.peer(OTHER, "ec");
        port = SipOAuthTestSupport.enable(n)[2];
    }

    @AfterAll
    void stop() { if (n != null) n.close(); }

    @AfterEach
    void reset() {
        n.clock.reset();
        n.cli("set", "sipoauth", "parameter", "oauth-with-refresh-login", "disabled").ok();
        n.cli("set", "sipoauth", "parameter", "oauth-access-token-for-devices", "implicit").ok();
    }

    String code(String device) { return n.cli("set", "sipoauth", "activation-code", device, "--json").ok().value().get("code").asText(); }

    static String activation(String device, String code) {
        return "grant_type=" + enc(TokenEndpoint.ACTIVATION_GRANT) + "&client_id=" + device + "&activation_code=" + enc(code);
    }

    static String enc(String s) { return java.net.URLEncoder.encode(s, StandardCharsets.UTF_8); }

    static JsonNode json(Http h) throws Exception { return Json.MAPPER.readTree(h.body()); }

    static JsonNode claims(String jwt) throws Exception {
        return Json.MAPPER.readTree(Base64.getUrlDecoder().decode(jwt.split("\\.")[1]));
    }

    String[] cert(TestCa.Peer p) { return new String[]{"--cert", p.cert().toString(), "--key", p.key().toString()}; }

    @Test
    void explicit_activationCode_buysAnAccessToken_once_andAReuseRevokesTheDevice() throws Exception {
        String code = code(ONCE);
        assertThat(code).matches("[A-Z2-7]{4}(-[A-Z2-7]{1,4}){6}");
        Http h = SipOAuthTestSupport.token(n, port, activation(ONCE, code));
        assertThat(h.status()).as(h.body()).isEqualTo(200);
        JsonNode t = json(h);
        assertThat(t.get("token_type").asText()).isEqualTo("Bearer");
        assertThat(t.get("expires_in").asInt()).isBetween(590, 600);
        assertThat(t.has("refresh_token")).as("O3 disabled: no refresh token").isFalse();
        String at = t.get("access_token").asText();
        assertThat(at.split("\\.")).hasSize(3);
        assertThat(at).doesNotContain("=");
        JsonNode c = claims(at);
        assertThat(c.get("sub").asText()).isEqualTo(ONCE);
        assertThat(c.get("aud").toString()).contains(SipOAuthTokens.AUDIENCE);
        // the node's verifier takes it for ONCE, not for another device
        assertThat(n.service(SipOAuthTokens.class).tokens().verify(at, ONCE, Optional.empty()).deviceId()).isEqualTo(ONCE);
        refused("oauth.token-device", () -> n.service(SipOAuthTokens.class).tokens().verify(at, OTHER, Optional.empty()));
        // one-time; a second use means two parties hold the code: the device is revoked (RFC 6749 4.1.2)
        Http again = SipOAuthTestSupport.token(n, port, activation(ONCE, code));
        assertThat(again.status()).isEqualTo(400);
        assertThat(json(again).get("error").asText()).isEqualTo("invalid_grant");
        assertThat(json(again).get("code").asText()).isEqualTo("oauth.activation-used");
        refused("oauth.token-revoked", () -> n.service(SipOAuthTokens.class).tokens().verify(at, ONCE, Optional.empty()));
        // the store holds only the hash: the clear code is nowhere in it
        String stored = n.node.context().store().read(h2 -> h2.createQuery("SELECT code_hash FROM sipoauth_activation_code").mapTo(String.class).list()).toString();
        assertThat(stored).doesNotContain(code.replace("-", ""));
    }

    @Test
    void activationCode_ofAnotherDevice_expired_orMalformed_isInvalidGrant() throws Exception {
        String code = code(DEV);
        Http h = SipOAuthTestSupport.token(n, port, activation(OTHER, code));
        assertThat(json(h).get("code").asText()).isEqualTo("oauth.activation-device");
        n.clock.advance(Duration.ofHours(169));
        h = SipOAuthTestSupport.token(n, port, activation(DEV, code));
        assertThat(h.status()).isEqualTo(400);
        assertThat(json(h).get("code").asText()).isEqualTo("oauth.activation-expired");
        h = SipOAuthTestSupport.token(n, port, activation(DEV, "not-a-code"));
        assertThat(json(h).get("code").asText()).isEqualTo("oauth.activation-malformed");
        h = SipOAuthTestSupport.token(n, port, activation("SEPNOSUCHDEVICE", code));
        assertThat(json(h).get("code").asText()).isEqualTo("sipoauth.client-unknown");
    }

    @Test
    void refreshLoginOn_rotatesRefreshTokens_andAReuseRevokesTheFamily() throws Exception {
        n.cli("set", "sipoauth", "parameter", "OAuth with Refresh Login", "Enabled").ok();
        JsonNode t = json(SipOAuthTestSupport.token(n, port, activation(DEV, code(DEV))));
        String rt1 = t.get("refresh_token").asText();
        assertThat(rt1).hasSize(43);
        n.clock.advance(Duration.ofMinutes(11));
        // another client's name: refused, and the token is not used up by the refusal
        Http h = SipOAuthTestSupport.token(n, port, "grant_type=refresh_token&client_id=SEPOTHER000000&refresh_token=" + rt1);
        assertThat(json(h).get("code").asText()).isEqualTo("sipoauth.client-mismatch");
        h = SipOAuthTestSupport.token(n, port, "grant_type=refresh_token&refresh_token=" + rt1);
        assertThat(h.status()).as(h.body()).isEqualTo(200);
        String rt2 = json(h).get("refresh_token").asText();
        assertThat(rt2).isNotEqualTo(rt1);
        // rt1 again: reuse, the family (rt2 too) is revoked
        h = SipOAuthTestSupport.token(n, port, "grant_type=refresh_token&refresh_token=" + rt1);
        assertThat(json(h).get("code").asText()).isEqualTo("oauth.refresh-reused");
        h = SipOAuthTestSupport.token(n, port, "grant_type=refresh_token&refresh_token=" + rt2);
        assertThat(json(h).get("code").asText()).isEqualTo("oauth.refresh-revoked");
        // O3 off: refresh grants are refused
        JsonNode t2 = json(SipOAuthTestSupport.token(n, port, activation(DEV, code(DEV))));
        n.cli("set", "sipoauth", "parameter", "oauth-with-refresh-login", "disabled").ok();
        h = SipOAuthTestSupport.token(n, port, "grant_type=refresh_token&refresh_token=" + t2.get("refresh_token").asText());
        assertThat(json(h).get("error").asText()).isEqualTo("unsupported_grant_type");
        assertThat(json(h).get("code").asText()).isEqualTo("oauth.refresh-disabled");
    }

    @Test
    void implicit_deviceCertificate_getsACertificateBoundToken() throws Exception {
        Http h = SipOAuthTestSupport.token(n, port, "grant_type=client_credentials&client_id=" + DEV, cert(devCert));
        assertThat(h.status()).as(h.body()).isEqualTo(200);
        JsonNode c = claims(json(h).get("access_token").asText());
        assertThat(c.get("cnf").get("x5t#S256").asText()).hasSize(43);
        // another device's certificate, no certificate, or Explicit mode: refused
        h = SipOAuthTestSupport.token(n, port, "grant_type=client_credentials&client_id=" + DEV, cert(otherCert));
        assertThat(h.status()).isEqualTo(401);
        assertThat(json(h).get("error").asText()).isEqualTo("invalid_client");
        assertThat(json(h).get("code").asText()).isEqualTo("sipoauth.client-certificate-mismatch");
        h = SipOAuthTestSupport.token(n, port, "grant_type=client_credentials&client_id=" + DEV);
        assertThat(json(h).get("code").asText()).isEqualTo("sipoauth.client-certificate-missing");
        n.cli("set", "sipoauth", "parameter", "oauth-access-token-for-devices", "explicit").ok();
        h = SipOAuthTestSupport.token(n, port, "grant_type=client_credentials&client_id=" + DEV, cert(devCert));
        assertThat(json(h).get("error").asText()).isEqualTo("unauthorized_client");
    }

    @Test
    void untrustedClientCertificate_failsTheHandshake() throws Exception {
        TestCa rogue = TestCa.ec(n, "Rogue");
        TestCa.Peer fake = rogue.peer(DEV, "ec");
        Http h = SipOAuthTestSupport.token(n, port, "grant_type=client_credentials&client_id=" + DEV, cert(fake));
        assertThat(h.status()).as(h.body()).isNotEqualTo(200);
        assertThat(h.body()).doesNotContain("access_token");
    }

    @Test
    void revokedDevice_itsTokensAreRefused_andNewOnesWork() throws Exception {
        String at = json(SipOAuthTestSupport.token(n, port, activation(DEV, code(DEV)))).get("access_token").asText();
        n.cli("set", "sipoauth", "revoke", DEV).ok();
        OAuthException e = (OAuthException) refused("oauth.token-revoked", () -> n.service(SipOAuthTokens.class).tokens().verify(at, DEV, Optional.empty()));
        assertThat(e.error()).isEqualTo("invalid_token");
        n.clock.advance(Duration.ofSeconds(2));
        String fresh = json(SipOAuthTestSupport.token(n, port, activation(DEV, code(DEV)))).get("access_token").asText();
        assertThat(n.service(SipOAuthTokens.class).tokens().verify(fresh, DEV, Optional.empty()).deviceId()).isEqualTo(DEV);
    }

    @Test
    void malformedRequests_getRfc6749Errors() throws Exception {
        Http h = SipOAuthTestSupport.curl(n, port, "/oauth/token", "{\"grant_type\":\"client_credentials\"}", "application/json");
        assertThat(h.status()).isEqualTo(400);
        assertThat(json(h).get("error").asText()).isEqualTo("invalid_request");
        h = SipOAuthTestSupport.token(n, port, "grant_type=refresh_token&grant_type=client_credentials");
        assertThat(json(h).get("code").asText()).isEqualTo("sipoauth.token-request-invalid");
        h = SipOAuthTestSupport.token(n, port, "grant_type=password&username=u&password=p");
        assertThat(json(h).get("error").asText()).isEqualTo("unsupported_grant_type");
        h = SipOAuthTestSupport.token(n, port, "client_id=" + DEV);
        assertThat(json(h).get("error").asText()).isEqualTo("invalid_request");
        h = SipOAuthTestSupport.token(n, port, "grant_type=%zz");
        assertThat(json(h).get("error").asText()).isEqualTo("invalid_request");
        // the admin API is not on this listener
        h = SipOAuthTestSupport.curl(n, port, "/api/v1/sipoauth/parameters", null, null);
        assertThat(h.status()).isEqualTo(404);
        assertThat(SipOAuthTestSupport.curl(n, port, "/oauth/jwks", null, null).body()).contains("\"kty\":\"EC\"").doesNotContain("\"d\"");
    }

    @Test
    void signingKeys_areSealedInTheStore_andSurviveARestart() throws Exception {
        String at = json(SipOAuthTestSupport.token(n, port, activation(DEV, code(DEV)))).get("access_token").asText();
        String sealed = n.node.context().store().read(h -> h.createQuery("SELECT key_enc FROM sipoauth_signing_key").mapTo(String.class).list()).toString();
        assertThat(sealed).doesNotContain("\"d\"").doesNotContain("P-256");
        n.restart();
        port = n.service(SipOAuthService.class).listenerPort(SipOAuthService.TOKEN_SERVICE);
        assertThat(n.service(SipOAuthTokens.class).tokens().verify(at, DEV, Optional.empty()).deviceId()).isEqualTo(DEV);
        // rotation: new kid signs, the old one still verifies
        String oldKid = n.service(SipOAuthTokens.class).keys().signingKid();
        JsonNode keys = n.cli("set", "sipoauth", "signing-key", "rotate", "--json").ok().value();
        assertThat(keys).hasSize(2);
        assertThat(n.service(SipOAuthTokens.class).tokens().verify(at, DEV, Optional.empty()).kid()).isEqualTo(oldKid);
        n.cli("set", "sipoauth", "signing-key", "retire", oldKid).ok();
        refused("oauth.token-kid-unknown", () -> n.service(SipOAuthTokens.class).tokens().verify(at, DEV, Optional.empty()));
    }
}
