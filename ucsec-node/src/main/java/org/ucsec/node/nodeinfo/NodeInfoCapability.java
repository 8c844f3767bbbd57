package org.ucsec.node.nodeinfo;

import com.fasterxml.jackson.core.type.TypeReference;
import org.ucsec.node.listeners.HostedListener;
import org.ucsec.node.listeners.ListenerRegistry;
import org.ucsec.node.platform.Capability;
import org.ucsec.node.platform.NodeContext;
import org.ucsec.node.platform.Wiring;
import org.ucsec.node.platform.cli.CliTree;
import org.ucsec.node.platform.cli.ClientOptions;
import org.ucsec.node.platform.rest.Router;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

import java.util.List;
import java.util.concurrent.Callable;

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
    static final class ShowListeners implements Callable<Integer> {
        @Mixin ClientOptions c;
        @CommandLine.Spec CommandLine.Model.CommandSpec spec;

        @Override public Integer call() {
            List<HostedListener.Status> a = c.client().get("/api/v1/listeners", new TypeReference<List<HostedListener.Status>>() {});
            c.print(spec, a, out -> {
                for (var s : a) {
                    out.println(s.service() + " on " + s.bind() + ":" + s.port() + " (" + s.engine() + "), keys " + String.join(", ", s.keyPurposes())
                            + (s.clientCertificateRequired() ? ", client certificates from " + s.trustStore() : ", no client certificates")
                            + (s.tlsContext() != null ? ", context " + s.tlsContext() : ""));
                    out.println("  protocols: " + String.join(", ", s.protocols()));
                    out.println("  suites:    " + String.join(", ", s.cipherSuites()));
                    if (s.tlsContext() != null) out.println("  peers:     " + String.join(", ", s.peerSubjects()));
                }
            });
            return 0;
        }
    }
}
