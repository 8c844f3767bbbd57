package org.ucsec.node.importtool;

import org.ucsec.core.UcsecException;
import org.ucsec.node.platform.Capability;
import org.ucsec.node.platform.Wiring;
import org.ucsec.node.platform.cli.CliTree;
import org.ucsec.node.platform.rest.Router;
import org.ucsec.node.restarts.RestartService;
import org.ucsec.node.tlscontext.TlsContextService;
import org.ucsec.node.trust.TrustStoreService;

/** The certificate import tool (SPEC C7): fetch a live peer's chain over TLS and trust it. */
public final class ImportToolCapability implements Capability {
    @Override public String name() { return "importtool"; }

    @Override public void commands(CliTree cli) { ImportToolCommands.attach(cli); }

    /** Body of {@code POST /api/v1/trust/{store}/import-from-peer}. */
    /** {@code expectChain}: the SHA-256 fingerprints of the chain a dry run showed and the operator confirmed (optional). */
    public record PeerImportBody(String host, Integer port, String keyType, java.util.List<String> expectChain) {}

    @Override public Running start(Wiring w) {
        ImportToolService tool = w.provide(ImportToolService.class, new ImportToolService(w.ctx(), w.require(TrustStoreService.class),
                w.require(TlsContextService.class), w.require(RestartService.class), ImportToolService.defaultOptions()));
        return new Running() {
            @Override public void routes(Router r) {
                r.post("/api/v1/trust/{store}/import-from-peer", c -> {
                    var b = c.json(PeerImportBody.class);
                    if (b.host() == null || b.port() == null) throw new UcsecException("probe.invalid-target", "host and port are required");
                    return tool.importFrom(c.actor(), c.path("store"), b.host(), b.port(), b.keyType(), c.flag("dryRun"), b.expectChain());
                });
            }
        };
    }
}
