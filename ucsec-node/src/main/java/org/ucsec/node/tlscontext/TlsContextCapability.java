package org.ucsec.node.tlscontext;

import org.jdbi.v3.core.Handle;
import org.ucsec.node.platform.Capability;
import org.ucsec.node.platform.Wiring;
import org.ucsec.node.platform.cli.CliTree;
import org.ucsec.node.platform.rest.Router;
import org.ucsec.node.restarts.RestartService;
import org.ucsec.node.tlscontext.TlsContextRepo.TlsContextRow;
import org.ucsec.tls.policy.Inventory;

/** TLS peer subjects (SPEC S3) and named TLS contexts (S4). */
public final class TlsContextCapability implements Capability {
    @Override public String name() { return "tlscontext"; }

    @Override public void commands(CliTree cli) { TlsContextCommands.attach(cli); }

    /** Body of {@code POST /api/v1/tls/peer-subjects}. */
    public record PeerSubjectBody(String cn, String description) {}

    @Override public Running start(Wiring w) {
        TlsContextService tls = w.provide(TlsContextService.class, new TlsContextService(w.ctx(), w.require(RestartService.class)));
        return new Running() {
            @Override public void routes(Router r) {
                r.get("/api/v1/tls/ciphers", c -> tls.available());
                r.get("/api/v1/tls/peer-subjects", c -> tls.peerSubjects());
                r.post("/api/v1/tls/peer-subjects", c -> { var b = c.json(PeerSubjectBody.class); return tls.addPeerSubject(c.actor(), b.cn(), b.description()); });
                r.delete("/api/v1/tls/peer-subjects/{cn}", c -> tls.deletePeerSubject(c.actor(), c.path("cn")));
                r.get("/api/v1/tls/contexts", c -> tls.contexts());
                r.get("/api/v1/tls/contexts/{name}", c -> tls.context(c.path("name")));
                r.put("/api/v1/tls/contexts/{name}", c -> tls.update(c.actor(), c.path("name"), c.json(TlsContextService.ContextChange.class)));
                r.delete("/api/v1/tls/contexts/{name}", c -> tls.delete(c.actor(), c.path("name")));
            }

            @Override public void bootstrap() { w.ctx().store().tx(tls::ensureDefault); }

            @Override public void inventory(Handle h, Inventory.Builder b) {
                for (TlsContextRow c : TlsContextRepo.tlsContexts(h)) b.cipherList("TLS context " + c.name(), TlsContextService.split(c.cipherSuites()));
            }
        };
    }
}
