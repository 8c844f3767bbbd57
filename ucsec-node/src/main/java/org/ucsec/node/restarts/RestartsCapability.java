package org.ucsec.node.restarts;

import org.ucsec.node.platform.Capability;
import org.ucsec.node.platform.Wiring;
import org.ucsec.node.platform.cli.CliTree;
import org.ucsec.node.platform.rest.Router;

/** Restart tracking and {@code utils service list|restart} (SPEC C12). */
public final class RestartsCapability implements Capability {
    @Override public String name() { return "restarts"; }

    @Override public void commands(CliTree cli) { RestartsCommands.attach(cli); }

    @Override public Running start(Wiring w) {
        RestartService restarts = w.provide(RestartService.class, new RestartService(w.ctx()));
        return new Running() {
            @Override public void routes(Router r) {
                r.get("/api/v1/services", c -> restarts.list());
                r.post("/api/v1/services/{name}/restart", c -> restarts.restart(c.actor(), c.path("name")));
            }
        };
    }
}
