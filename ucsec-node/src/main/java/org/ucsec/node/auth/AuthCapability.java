package org.ucsec.node.auth;

import org.ucsec.node.platform.Capability;
import org.ucsec.node.platform.Wiring;

/** API tokens and the local administrator's token file (SPEC X5). Routes authenticate through it. */
public final class AuthCapability implements Capability {
    @Override public String name() { return "auth"; }

    @Override public String openApi() { return null; }

    @Override public Running start(Wiring w) {
        AuthService auth = w.provide(AuthService.class, new AuthService(w.ctx()));
        return new Running() {
            @Override public void bootstrap() { auth.ensureLocalAdminToken(); }
        };
    }
}
