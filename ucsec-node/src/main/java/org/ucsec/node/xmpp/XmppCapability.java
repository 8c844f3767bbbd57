package org.ucsec.node.xmpp;

import org.jdbi.v3.core.Handle;
import org.ucsec.node.platform.Capability;
import org.ucsec.node.platform.ClusterRepo.NodeRow;
import org.ucsec.node.platform.SanContributor;
import org.ucsec.node.platform.Wiring;
import org.ucsec.node.platform.cli.CliTree;
import org.ucsec.node.platform.rest.Router;
import org.ucsec.node.restarts.RestartService;
import org.ucsec.pki.catalogue.Purpose;

import java.util.List;

/** Secure XMPP settings (SPEC S2), the federation wildcard and hosted domains (C9). */
public final class XmppCapability implements Capability {
    @Override public String name() { return "xmpp"; }

    @Override public void commands(CliTree cli) { XmppCommands.attach(cli); }

    private interface XmppRunning extends Running, SanContributor {}

    @Override public Running start(Wiring w) {
        XmppSecurityService xmpp = w.provide(XmppSecurityService.class, new XmppSecurityService(w.ctx(), w.require(RestartService.class)));
        return new XmppRunning() {
            @Override public void routes(Router r) {
                r.get("/api/v1/settings/xmpp", c -> xmpp.get());
                r.put("/api/v1/settings/xmpp", c -> xmpp.update(c.actor(), c.json(XmppSecurityService.XmppChange.class)));
            }

            @Override public List<String> extraSans(Handle h, Purpose purpose, NodeRow node) { return xmpp.federationSans(h, purpose); }
        };
    }
}
