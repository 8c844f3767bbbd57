package org.ucsec.node.listeners;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.ucsec.core.UcsecException;
import org.ucsec.node.platform.NodeContext;
import org.ucsec.node.restarts.RestartService;
import org.ucsec.pki.catalogue.ListenerDef;
import org.ucsec.tls.transport.MessageHandler;
import org.ucsec.tls.transport.TlsEngine;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The node's hosted listeners, described by data (listeners.tsv: service, default port, key purposes, trust store, TLS
 * context, client-auth, application): {@code https} listeners serve the REST router, every other application is a
 * capability's {@link MessageHandler} on the fast TLS transport (Netty + BoringSSL, or the JDK's engine). Each listener is registered with the restart service under its service id, so
 * {@code utils service restart NAME} reloads exactly that listener.
 */
public final class ListenerRegistry implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ListenerRegistry.class);

    /** Where a listener binds: its port (0 = any free port, -1 = off) and the serve option that sets it (for error messages). */
    public record Binding(int port, String option) {}

    private final NodeContext ctx;
    private final Map<String, HostedListener> listeners = new LinkedHashMap<>();

    public ListenerRegistry(NodeContext ctx) { this.ctx = ctx; }

    /** Starts every listener of the catalogue that this node's product can serve and whose port is not -1. */
    public void start(TlsMaterial material, org.eclipse.jetty.server.Handler https, Map<String, MessageHandler> handlers, Map<String, Binding> bindings,
                      TlsEngine engine, RestartService restarts) throws Exception {
        start(material, https, Map.of(), handlers, bindings, Map.of(), engine, restarts);
    }

    /**
     * As above; a service in {@code dynamicPorts} takes its port from its capability (-1 = off) at start and at every
     * restart of the service ({@link OnDemandListener}: opened, moved or closed then).
     */
    public void start(TlsMaterial material, org.eclipse.jetty.server.Handler https, Map<String, org.eclipse.jetty.server.Handler> httpsApps,
                      Map<String, MessageHandler> handlers, Map<String, Binding> bindings,
                      Map<String, java.util.function.IntSupplier> dynamicPorts, TlsEngine engine, RestartService restarts) throws Exception {
        for (ListenerDef def : ctx.catalogue().listeners()) {
            boolean servable = def.keyPurposes().stream().allMatch(p -> ctx.catalogue().purpose(ctx.product(), p).isPresent());
            if (!servable) { LOG.info("listener {} not started: {} has no {} certificates", def.service(), ctx.product().id(), def.keyPurposes()); continue; }
            java.util.function.IntSupplier dynamic = dynamicPorts.get(def.service());
            org.eclipse.jetty.server.Handler app = httpsApps.getOrDefault(def.service(), https);
            if (dynamic != null) {
                MessageHandler h = handlers.get(def.service());
                boolean web = def.application().equals("https");
                if (h == null && !web) throw new IllegalStateException("no capability serves the " + def.application() + " application of listener " + def.service());
                String option = "the " + def.service() + " port setting";
                OnDemandListener l = new OnDemandListener(def.service(), dynamic, port -> web
                        ? new HttpsListener(def, ctx.config().bind(), port, () -> material.resolve(def), app, option)
                        : new PeerAuthListener(def, ctx.config().bind(), port, () -> material.resolve(def), h, engine, option, ctx.clock()));
                listeners.put(def.service(), l);
                restarts.registerHosted(def.service(), new RestartService.Reloadable() {
                    @Override public String reload() throws Exception { return l.reload(); }
                    @Override public boolean running() { return l.port() >= 0; }
                });
                continue;
            }
            Binding b = bindings.getOrDefault(def.service(), new Binding(def.defaultPort(), "serve"));
            if (b.port() < 0) { LOG.info("listener {} is off ({} -1)", def.service(), b.option()); continue; }
            HostedListener l;
            MessageHandler h = null;
            if (def.application().equals("https")) {
                l = new HttpsListener(def, ctx.config().bind(), b.port(), () -> material.resolve(def), app, b.option());
            } else {
                h = handlers.get(def.service());
                if (h == null) throw new IllegalStateException("no capability serves the " + def.application() + " application of listener " + def.service());
                l = new PeerAuthListener(def, ctx.config().bind(), b.port(), () -> material.resolve(def), h, engine, b.option(), ctx.clock());
            }
            listeners.put(def.service(), l);
            if (h instanceof org.ucsec.node.platform.ReloadAware aware) {
                HostedListener listener = l;
                restarts.registerHosted(def.service(), () -> {
                    String r = listener.reload();
                    String more = aware.reloaded();
                    return more == null ? r : r + "; " + more;
                });
            } else {
                restarts.registerHosted(def.service(), l::reload);
            }
        }
    }

    public Optional<HostedListener> get(String service) { return Optional.ofNullable(listeners.get(service)); }

    /** The bound port of a service's listener, or -1 when it does not run here. */
    public int port(String service) { return get(service).map(HostedListener::port).orElse(-1); }

    public List<HostedListener.Status> status() {
        List<HostedListener.Status> out = new ArrayList<>();
        for (HostedListener l : listeners.values()) if (l.port() >= 0) out.add(l.status());
        return out;
    }

    public HostedListener.Status status(String service) {
        return get(service).filter(l -> l.port() >= 0).map(HostedListener::status).orElseThrow(() -> new UcsecException("listener.unknown", "no hosted listener for service '" + service
                + "' runs on this node (running: " + String.join(", ", listeners.keySet()) + ")"));
    }

    /** Closes every listener, newest first. */
    @Override public void close() {
        List<HostedListener> all = new ArrayList<>(listeners.values());
        java.util.Collections.reverse(all);
        for (HostedListener l : all) {
            try { l.close(); } catch (RuntimeException e) { LOG.warn("listener {} stop: {}", l.service(), e.toString()); }
        }
        listeners.clear();
    }
}
