package org.ucsec.node.sipoauth;

import org.ucsec.core.SecretAccess;
import org.ucsec.core.UcsecException;
import org.ucsec.node.audit.AuditRepo;
import org.ucsec.node.phonesecurity.PhoneSecurityService;
import org.ucsec.node.platform.Actor;
import org.ucsec.node.platform.Change;
import org.ucsec.node.platform.NodeContext;
import org.ucsec.oauth.ActivationCodeRepository;
import org.ucsec.oauth.IssuedActivationCode;
import org.ucsec.oauth.RefreshTokenRepository;
import org.ucsec.oauth.SigningKeys;
import org.ucsec.oauth.TokenPolicy;
import org.ucsec.oauth.TokenService;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The node's token service (SPEC O10): ucsec-oauth's {@link TokenService} over the store ({@link TokenStore}: hashed
 * activation codes and refresh tokens, refresh families, device revocations, signing keys sealed with the master key),
 * on the node's injected clock. The administrator's side is here (activation codes, revocation, key rotation); the
 * device's side is {@link TokenEndpoint}; the SIP edge verifies with {@link #tokens()}.
 */
public final class SipOAuthTokens {
    /** Cluster-wide issuer and audience: every node holds the same keys (the store), so a token is good on any node's edge. */
    public static final String ISSUER = "urn:ucsec:sipoauth", AUDIENCE = "urn:ucsec:sipoauth:sip-edge";

    private final NodeContext ctx;
    private final SigningKeys keys;
    private final TokenService tokens;
    private final ActivationCodeRepository codes;
    private final RefreshTokenRepository refresh;

    public SipOAuthTokens(NodeContext ctx) {
        this.ctx = ctx;
        this.keys = TokenStore.loadOrCreate(ctx);
        this.codes = new TokenStore.ActivationCodes(ctx);
        this.refresh = new TokenStore.RefreshTokens(ctx);
        this.tokens = new TokenService(TokenPolicy.defaults(ISSUER, AUDIENCE), keys, codes, refresh, new TokenStore.Revocations(ctx), ctx.clock());
    }

    public TokenService tokens() { return tokens; }

    public SigningKeys keys() { return keys; }

    /** An activation code just created: {@code code} is in clear here and nowhere else (the store keeps its hash). */
    public record ActivationCode(String device, String code, Instant expiresAt) {
        @Override public String toString() { return "ActivationCode[device=" + device + ", code=****, expiresAt=" + expiresAt + "]"; }
    }

    /** {@code set sipoauth activation-code DEVICE}: a one-time code for an OAuth device, shown once (O10, explicit onboarding). */
    public Change<ActivationCode> createActivationCode(Actor actor, String deviceGiven) {
        actor.requireAdmin("create activation codes");
        String device = PhoneSecurityService.deviceName(deviceGiven);
        ctx.store().read(h -> PhoneSecurityService.device(h, device)).orElseThrow(() ->
                new UcsecException("sipoauth.device-unknown", "no OAuth device '" + device + "' (add it with 'set phone-security device " + device + " --profile ...')"));
        IssuedActivationCode c = tokens.createActivationCode(device);
        ctx.store().tx(h -> { AuditRepo.audit(h, ctx.now(), actor.name(), "sipoauth.activation-code.create", device, "expires " + c.expiresAt()); return null; });
        return Change.of(new ActivationCode(device, c.code().revealString(SecretAccess.granted()), c.expiresAt()),
                List.of("the code is shown only now; it works once, for " + device + ", until " + c.expiresAt() + "; a new code replaces it"), List.of());
    }

    /** {@code set sipoauth revoke DEVICE}: every refresh family, the live activation code and every access token issued until now. */
    public Change<TokenService.Revocation> revoke(Actor actor, String deviceGiven) {
        actor.requireAdmin("revoke devices");
        String device = PhoneSecurityService.deviceName(deviceGiven);
        TokenService.Revocation r = tokens.revokeDevice(device);
        ctx.store().tx(h -> {
            AuditRepo.audit(h, ctx.now(), actor.name(), "sipoauth.device.revoke", device, r.refreshFamilies() + " refresh families, " + r.activationCodes() + " activation codes");
            return null;
        });
        return Change.of(r, List.of(), List.of());
    }

    public record TokenState(String device, String kind, Instant issuedAt, Instant expiresAt, String detail) {}

    /** What is live: activation codes and refresh tokens by device (never a code or token, only their dates). */
    public List<TokenState> state() {
        java.util.ArrayList<TokenState> out = new java.util.ArrayList<>();
        for (var c : codes.list())
            out.add(new TokenState(c.deviceId(), "activation-code", c.createdAt(), c.expiresAt(), c.usedAt().map(u -> "used " + u).orElse("unused")));
        for (var t : refresh.live())
            out.add(new TokenState(t.deviceId(), "refresh-token", t.issuedAt(), t.expiresAt(), "family " + t.familyId().substring(0, 8) + (t.certThumbprint().isPresent() ? ", certificate-bound" : "")));
        return out;
    }

    public List<SigningKeys.KeyInfo> signingKeys() { return keys.keys(); }

    /** A new signing key (the old ones keep verifying until retired); stored sealed. Other nodes load it at their next start. */
    public synchronized Change<List<SigningKeys.KeyInfo>> rotate(Actor actor) {
        actor.requireAdmin("rotate token signing keys");
        String kid = keys.rotate();
        ctx.store().tx(h -> { TokenStore.save(h, ctx, keys); AuditRepo.audit(h, ctx.now(), actor.name(), "sipoauth.signing-key.rotate", kid, null); return null; });
        return Change.of(keys.keys(), List.of("new tokens are signed with " + kid + "; other nodes of the cluster use it after their restart"), List.of());
    }

    public synchronized Change<List<SigningKeys.KeyInfo>> retire(Actor actor, String kid) {
        actor.requireAdmin("retire token signing keys");
        keys.retire(kid);
        ctx.store().tx(h -> { TokenStore.save(h, ctx, keys); AuditRepo.audit(h, ctx.now(), actor.name(), "sipoauth.signing-key.retire", kid, null); return null; });
        return Change.of(keys.keys(), List.of("access tokens signed with " + kid + " are refused from now on"), List.of());
    }

    /** Whether a device may use OAuth now: it exists and its profile enables OAuth authentication (O8, O9). */
    public boolean oauthDevice(String device) {
        // one indexed query per REGISTER (the edge asks on every presentation: a device or profile change applies at once)
        return ctx.store().read(h -> h.createQuery("SELECT p.oauth FROM sipoauth_device d JOIN phone_security_profile p ON p.name = d.profile WHERE d.name = :n")
                .bind("n", device).mapTo(Boolean.class).findOne().orElse(false));
    }

    Map<String, Object> describe() { return Map.of("issuer", ISSUER, "audience", AUDIENCE, "signingKid", keys.signingKid()); }
}
