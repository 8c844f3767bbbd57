package org.ucsec.node.nodeinfo;

import com.fasterxml.jackson.core.type.TypeReference;
import org.ucsec.node.listeners.HostedListener;
import org.ucsec.node.listeners.ListenerRegistry;
import org.ucsec.node.platform.Capability;
import org.ucsec.node.platform.NodeContext;
import org.ucsec.node.platform.Wiring;
import org.ucsec.node.platform.cli.CliTree;
import org.ucsec.node.platform.cli.ClientCommand;
import org.ucsec.node.platform.rest.Router;
import picocli.CommandLine.Command;

import java.util.List;

/** This node, the catalogue it serves (C1/C2) and its hosted listeners with what each serves now. */
public final class NodeInfoCapability implements Capability {
    @Override public String name() { return "nodeinfo"; }

    @Override public void commands(CliTree cli) { cli.add(new ShowListeners(), "show"); }

    /** {@code GET /api/v1/node}. */
    public record NodeInfo(String node, String fqdn, String product, boolean publisher, int adminPort, String actor, String role) {}

    @Override public Running start(Wiring w) {
        NodeContext ctx = w.ctx();
        ListenerRegistry listeners = w.require(ListenerRegistry.class);
        return new Running() {
            @Override public void routes(Router r) {
                r.get("/api/v1/node", c -> new NodeInfo(ctx.node(), ctx.config().fqdn(), ctx.product().id(), ctx.config().publisher(),
                        listeners.port("admin"), c.actor().name(), c.actor().role().name()));
                r.get("/api/v1/catalogue/purposes", c -> ctx.catalogue().purposes(ctx.product()));
                r.get("/api/v1/catalogue/trust-stores", c -> ctx.catalogue().trustStores(ctx.product()));
                r.get("/api/v1/listeners", c -> listeners.status());
                r.get("/api/v1/listeners/{service}", c -> listeners.status(c.path("service")));
            }
        };
    }

    @Command(name = "listeners", mixinStandardHelpOptions = true, description = "Hosted TLS listeners: port, keys, trust, protocols and suites they serve now.")
    static final class ShowListeners extends ClientCommand {
        @Override public Integer call() {
            return show("/api/v1/listeners", new TypeReference<List<HostedListener.Status>>() {}, (out, a) -> {
                for (var s : a) {
                    out.println(s.service() + " on " + s.bind() + ":" + s.port() + " (" + s.engine() + "), keys " + String.join(", ", s.keyPurposes())
                            + (s.clientCertificateRequired() ? ", client certificates from " + s.trustStore() : ", no client certificates")
                            + (s.tlsContext() != null ? ", context " + s.tlsContext() : ""));
                    out.println("  protocols: " + String.join(", ", s.protocols()));
                    out.println("  suites:    " + String.join(", ", s.cipherSuites()));
                    if (s.tlsContext() != null) out.println("  peers:     " + (s.peerSubjects().isEmpty() ? "none selected: nobody is admitted" : String.join(", ", s.peerSubjects())));
                }
            });
        }
    }
}
