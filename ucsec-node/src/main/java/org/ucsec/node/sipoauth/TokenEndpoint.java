package org.ucsec.node.sipoauth;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.ucsec.core.SecretAccess;
import org.ucsec.core.UcsecException;
import org.ucsec.node.platform.NodeContext;
import org.ucsec.node.platform.rest.Router;
import org.ucsec.oauth.CertificateBinding;
import org.ucsec.oauth.OAuthException;
import org.ucsec.oauth.TokenResponse;
import org.ucsec.pki.CertInfo;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.cert.X509Certificate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The OAuth 2.0 token endpoint of the SIP OAuth devices (SPEC O10; RFC 6749 section 3.2, 4.4, 6, extension grants
 * per 4.5), {@code POST /oauth/token} on the phone-facing Tomcat listener {@code sip-oauth-token} (decision 0011).
 * A form-encoded request (RFC 6749 3.2: no repeated parameter) gets a JSON answer (5.1) or an error (5.2:
 * {@code invalid_request}, {@code invalid_client}, {@code invalid_grant}, {@code unauthorized_client},
 * {@code unsupported_grant_type}) with the stable ucsec code beside it. Grants:
 * <ul>
 * <li>{@code client_credentials} with client authentication by certificate (RFC 8705 2.1, tls_client_auth): the
 * implicit onboarding of O2 ("already registered devices"); the certificate chained to CallManager-trust in the
 * handshake, its subject CN names the device ({@code client_id}); refused while O2 is Explicit;</li>
 * <li>{@value #ACTIVATION_GRANT} with {@code client_id} and {@code activation_code}: explicit onboarding;</li>
 * <li>{@code refresh_token}: only while O3 (OAuth with refresh login) is enabled; rotates.</li>
 * </ul>
 * Tokens are bound to the client certificate when one was presented (RFC 8705 3, {@code cnf.x5t#S256}).
 */
public final class TokenEndpoint {
    private static final Logger LOG = LoggerFactory.getLogger(TokenEndpoint.class);
    public static final String PATH = "/oauth/token";
    public static final String ACTIVATION_GRANT = "urn:ucsec:params:oauth:grant-type:activation-code";
    static final int MAX_PARAMETERS = 16;

    private final NodeContext ctx;
    private final SipOAuthTokens tokens;

    TokenEndpoint(NodeContext ctx, SipOAuthTokens tokens) { this.ctx = ctx; this.tokens = tokens; }

    /** The token listener's application: this endpoint and nothing else (never the admin API). */
    Router router() {
        Router r = new Router(header -> { throw new UcsecException("auth.required", "the token endpoint takes no bearer token"); });
        r.open("POST", PATH, this::handle);
        r.open("GET", "/oauth/jwks", c -> new Router.Raw("application/jwk-set+json", tokens.keys().publicJwkSetJson().getBytes(StandardCharsets.UTF_8), null));
        return r;
    }

    Object handle(Router.Call c) throws Exception {
        try {
            return grant(c);
        } catch (OAuthException e) {
            return error(e.error(), e.code(), e.getMessage());
        } catch (Refusal e) {
            return error(e.error, e.code, e.getMessage());
        }
    }

    private Object grant(Router.Call c) throws Exception {
        String ct = c.header("Content-Type");
        if (ct == null || !ct.toLowerCase(java.util.Locale.ROOT).startsWith("application/x-www-form-urlencoded"))
            throw new Refusal("invalid_request", "sipoauth.token-request-invalid", "the token request must be application/x-www-form-urlencoded (RFC 6749 4.1.3)");
        Map<String, String> p = form(c.body());
        String grant = required(p, "grant_type");
        List<X509Certificate> chain = c.clientCertificates();
        Optional<String> cnf = chain.isEmpty() ? Optional.empty() : Optional.of(CertificateBinding.thumbprint(chain.get(0)));
        boolean refreshLogin = ctx.store().read(SipOAuthService::refreshLogin);
        TokenResponse r;
        String device;
        switch (grant) {
            case "client_credentials" -> {
                device = required(p, "client_id");
                if (chain.isEmpty())
                    throw new Refusal("invalid_client", "sipoauth.client-certificate-missing", "implicit onboarding authenticates the device by its client certificate; none was presented");
                String cn = CertInfo.commonName(chain.get(0));
                if (cn == null || !cn.equals(device))
                    throw new Refusal("invalid_client", "sipoauth.client-certificate-mismatch", "the client certificate's CN '" + safe(cn) + "' is not the device " + safe(device));
                if (!tokens.oauthDevice(device))
                    throw new Refusal("invalid_client", "sipoauth.client-unknown", "device " + safe(device) + " is not an OAuth device (or its profile does not enable OAuth)");
                if (ctx.store().read(SipOAuthService::explicitOnboarding))
                    throw new Refusal("unauthorized_client", "sipoauth.implicit-disabled",
                            "OAuth Access Token for Devices is Explicit: devices onboard with an activation code");
                r = tokens.tokens().issueImplicit(device, cnf, refreshLogin);
            }
            case ACTIVATION_GRANT -> {
                device = required(p, "client_id");
                String code = required(p, "activation_code");
                if (!tokens.oauthDevice(device))
                    throw new Refusal("invalid_grant", "sipoauth.client-unknown", "device " + safe(device) + " is not an OAuth device (or its profile does not enable OAuth)");
                r = tokens.tokens().redeemActivationCode(code, device, cnf, refreshLogin);
            }
            case "refresh_token" -> {
                String clientId = p.get("client_id");
                // checked before the token is used: a refused request leaves the device's refresh token as it was
                r = tokens.tokens().refresh(required(p, "refresh_token"), cnf, refreshLogin, owner -> {
                    if (clientId != null && !clientId.equals(owner))
                        throw new OAuthException("sipoauth.client-mismatch", "invalid_grant", "the refresh token was not issued to " + safe(clientId));
                    if (!tokens.oauthDevice(owner))
                        throw new OAuthException("sipoauth.client-unknown", "invalid_grant", "device " + safe(owner) + " is no longer an OAuth device");
                });
                device = r.access().deviceId();
            }
            default -> throw new Refusal("unsupported_grant_type", "sipoauth.grant-unsupported", "grant_type '" + safe(grant) + "' is not supported (client_credentials with a "
                    + "client certificate, " + ACTIVATION_GRANT + ", refresh_token)");
        }
        LOG.info("token issued to {} ({}{}, kid {})", device, grant, cnf.isPresent() ? ", certificate-bound" : "", r.access().kid());
        return new Router.Status(200, r.responseBody(SecretAccess.granted(), ctx.now()));
    }

    private static Router.Status error(String error, String code, String description) {
        Map<String, Object> b = new LinkedHashMap<>();
        b.put("error", error);
        b.put("error_description", description);
        b.put("code", code);
        return new Router.Status(error.equals("invalid_client") ? 401 : 400, b);
    }

    /** RFC 6749 3.2 / appendix B: form-urlencoded, UTF-8, a parameter sent twice or without a name is refused. */
    static Map<String, String> form(byte[] body) throws Refusal {
        Map<String, String> out = new LinkedHashMap<>();
        String s = new String(body, StandardCharsets.UTF_8);
        if (s.isEmpty()) return out;
        for (String pair : s.split("&", -1)) {
            if (pair.isEmpty()) continue;
            if (out.size() >= MAX_PARAMETERS) throw new Refusal("invalid_request", "sipoauth.token-request-invalid", "more than " + MAX_PARAMETERS + " parameters");
            int eq = pair.indexOf('=');
            String k, v;
            try {
                k = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
                v = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            } catch (IllegalArgumentException e) {
                throw new Refusal("invalid_request", "sipoauth.token-request-invalid", "the form body has a malformed %-escape");
            }
            if (k.isEmpty()) throw new Refusal("invalid_request", "sipoauth.token-request-invalid", "a form parameter has no name");
            if (out.putIfAbsent(k, v) != null) throw new Refusal("invalid_request", "sipoauth.token-request-invalid", "parameter '" + safe(k) + "' is repeated (RFC 6749 3.2)");
        }
        return out;
    }

    private static String required(Map<String, String> p, String name) throws Refusal {
        String v = p.get(name);
        if (v == null || v.isEmpty()) throw new Refusal("invalid_request", "sipoauth.token-request-invalid", "parameter '" + name + "' is missing");
        return v;
    }

    static String safe(String s) {
        if (s == null) return "(none)";
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < s.length() && i < 64; i++) { char ch = s.charAt(i); b.append(ch >= 0x20 && ch < 0x7f ? ch : '?'); }
        return s.length() > 64 ? b + "..." : b.toString();
    }

    /** A refusal of the endpoint itself (the library's are {@link OAuthException}): the RFC 6749 5.2 error and the ucsec code. */
    static final class Refusal extends Exception {
        final String error, code;

        Refusal(String error, String code, String message) {
            super(message, null, false, false);
            this.error = error;
            this.code = code;
        }
    }
}
