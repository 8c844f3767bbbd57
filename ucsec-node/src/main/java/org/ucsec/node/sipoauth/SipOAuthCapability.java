package org.ucsec.node.sipoauth;

import org.ucsec.node.listeners.ListenerRegistry;
import org.ucsec.node.platform.Capability;
import org.ucsec.node.platform.Wiring;
import org.ucsec.node.platform.cli.CliTree;
import org.ucsec.node.platform.rest.Router;
import org.ucsec.node.trust.TrustStoreService;
import org.ucsec.tls.transport.MessageHandler;

import java.util.Map;
import java.util.function.IntSupplier;

/**
 * SIP OAuth (SPEC O1-O11, seed 004): enterprise parameters, per-node OAuth ports, Expressway-C connections, the
 * cluster SIP OAuth mode, and the registration edge on the OAuth ports (hosted listeners {@code sip-oauth} and
 * {@code sip-oauth-mra}, listening only while the mode is enabled).
 */
public final class SipOAuthCapability implements Capability {
    @Override public String name() { return "sipoauth"; }

    @Override public void commands(CliTree cli) { SipOAuthCommands.attach(cli); }

    @Override public Running start(Wiring w) {
        SipOAuthService svc = w.provide(SipOAuthService.class, new SipOAuthService(w.ctx(), w.require(TrustStoreService.class), w.require(ListenerRegistry.class)));
        SipOAuthTokens tokens = w.provide(SipOAuthTokens.class, new SipOAuthTokens(w.ctx()));
        TokenEndpoint endpoint = new TokenEndpoint(w.ctx(), tokens);
        org.eclipse.jetty.server.Handler tokenApp = endpoint.router();
        // RFC 8898 authz_server: where this node's devices get tokens (its token port when the edge starts)
        java.util.Optional<String> authz = java.util.Optional.of("https://" + w.ctx().config().fqdn() + ":"
                + w.ctx().store().read(h -> SipOAuthService.portsOf(h, w.ctx().node()).tokenPort()) + TokenEndpoint.PATH);
        RegistrationEdge edge = new RegistrationEdge(w.ctx(), tokens, authz);
        MessageHandler phones = edge.handler(false), mra = edge.handler(true);
        return new Running() {
            @Override public void routes(Router r) {
                r.get("/api/v1/sipoauth/parameters", c -> svc.parameters());
                r.get("/api/v1/sipoauth/parameters/{id}", c -> svc.parameter(c.path("id")));
                r.put("/api/v1/sipoauth/parameters/{id}", c -> svc.setParameter(c.actor(), c.path("id"), c.json(SipOAuthService.ParameterChange.class)));
                r.get("/api/v1/sipoauth/ports", c -> svc.ports());
                r.get("/api/v1/sipoauth/ports/{node}", c -> svc.ports(c.path("node")));
                r.put("/api/v1/sipoauth/ports/{node}", c -> svc.setPorts(c.actor(), c.path("node"), c.json(SipOAuthService.PortsChange.class)));
                r.get("/api/v1/sipoauth/expressway-c", c -> svc.expressways());
                r.get("/api/v1/sipoauth/expressway-c/{host}", c -> svc.expressway(c.path("host")));
                r.put("/api/v1/sipoauth/expressway-c/{host}", c -> svc.putExpressway(c.actor(), c.path("host"), c.json(SipOAuthService.ExpresswayChange.class)));
                r.delete("/api/v1/sipoauth/expressway-c/{host}", c -> svc.deleteExpressway(c.actor(), c.path("host")));
                r.get("/api/v1/sipoauth/mode", c -> svc.mode());
                r.put("/api/v1/sipoauth/mode", c -> svc.setMode(c.actor(), c.json(ModeChange.class).enabled()));
                r.post("/api/v1/sipoauth/activation-codes/{device}", c -> tokens.createActivationCode(c.actor(), c.path("device")));
                r.post("/api/v1/sipoauth/revocations/{device}", c -> {
                    var change = tokens.revoke(c.actor(), c.path("device"));
                    int removed = edge.registrar().removeDevice(change.value().deviceId()); // this node's bindings end now
                    return removed == 0 ? change : org.ucsec.node.platform.Change.of(change.value(),
                            java.util.List.of(removed + " registration(s) of " + change.value().deviceId() + " on " + w.ctx().node() + " removed"), change.restartsMarked());
                });
                r.get("/api/v1/sipoauth/tokens", c -> tokens.state());
                r.get("/api/v1/sipoauth/registrations", c -> edge.registrations());
                r.get("/api/v1/sipoauth/signing-keys", c -> tokens.signingKeys());
                r.post("/api/v1/sipoauth/signing-keys", c -> tokens.rotate(c.actor()));
                r.delete("/api/v1/sipoauth/signing-keys/{kid}", c -> tokens.retire(c.actor(), c.path("kid")));
            }

            @Override public Map<String, MessageHandler> connectionHandlers() {
                return Map.of(SipOAuthService.EDGE_SERVICE, phones, SipOAuthService.MRA_SERVICE, mra);
            }

            @Override public Map<String, IntSupplier> listenerPorts() {
                return Map.of(SipOAuthService.EDGE_SERVICE, () -> svc.listenerPort(SipOAuthService.EDGE_SERVICE),
                        SipOAuthService.MRA_SERVICE, () -> svc.listenerPort(SipOAuthService.MRA_SERVICE),
                        SipOAuthService.TOKEN_SERVICE, () -> svc.listenerPort(SipOAuthService.TOKEN_SERVICE));
            }

            @Override public Map<String, org.eclipse.jetty.server.Handler> httpsHandlers() { return Map.of(SipOAuthService.TOKEN_SERVICE, tokenApp); }
        };
    }

    /** Body of {@code PUT /api/v1/sipoauth/mode}. */
    public record ModeChange(boolean enabled) {}
}
