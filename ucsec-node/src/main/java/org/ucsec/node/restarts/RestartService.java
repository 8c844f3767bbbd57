package org.ucsec.node.restarts;

import org.ucsec.node.platform.Actor;
import org.ucsec.node.platform.Change;
import org.ucsec.node.platform.NodeContext;

import org.ucsec.node.platform.ClusterRepo;
import org.ucsec.node.restarts.RestartRepo;
import org.ucsec.node.audit.AuditRepo;

import org.jdbi.v3.core.Handle;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.ucsec.core.UcsecException;
import org.ucsec.pki.catalogue.RestartTarget;
import org.ucsec.pki.catalogue.ServiceDef;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * Restart tracking (SPEC C12): every change records which services need a restart on which node; a restart
 * clears it. Hosted services reload their TLS material in place (no dropped connections); managed services
 * run the configured hook ({@code DATA/hooks/SERVICE}, an executable) and stay pending if it fails.
 */
public final class RestartService {
    private static final Logger LOG = LoggerFactory.getLogger(RestartService.class);

    /** A hosted service's hot reload. */
    public interface Reloadable {
        String reload() throws Exception;

        /** Whether it serves now (a listener its setting turned off is registered, so a restart can open it, but not running). */
        default boolean running() { return true; }
    }

    private final NodeContext ctx;
    private final Map<String, Reloadable> hosted = new ConcurrentHashMap<>();

    public RestartService(NodeContext ctx) { this.ctx = ctx; }

    public void registerHosted(String serviceId, Reloadable r) { hosted.put(serviceId, r); }

    /** Records the restarts a change needs, inside the change's transaction; returns them as {@code service@node}. */
    public List<String> mark(Handle h, List<RestartTarget> targets, String reason) {
        List<String> marked = new ArrayList<>();
        for (RestartTarget t : targets) {
            ctx.catalogue().requireService(t.service()); // a target that is not in the services catalogue is a bug in the data
            for (String node : nodesFor(h, t.scope())) {
                RestartRepo.markRestart(h, node, t.service(), reason, ctx.now());
                if (!marked.contains(t.service() + "@" + node)) marked.add(t.service() + "@" + node);
            }
        }
        return marked;
    }

    private List<String> nodesFor(Handle h, RestartTarget.Scope scope) {
        return switch (scope) {
            case NODE -> List.of(ctx.node());
            case CLUSTER -> ClusterRepo.nodes(h).stream().map(ClusterRepo.NodeRow::name).toList();
            case FEDERATION -> ClusterRepo.nodes(h).stream().filter(ClusterRepo.NodeRow::federation).map(ClusterRepo.NodeRow::name).toList();
        };
    }

    public record ServiceStatus(String id, String name, String kind, String node, String state, boolean restartPending,
                                String pendingReason, java.time.Instant pendingSince, java.time.Instant lastRestart, String lastResult) {}

    /** Every known service on every node, with its state and pending restart. */
    public List<ServiceStatus> list() {
        return ctx.store().read(h -> {
            var pending = RestartRepo.restarts(h);
            var states = RestartRepo.serviceStates(h);
            List<ServiceStatus> out = new ArrayList<>();
            for (ClusterRepo.NodeRow n : ClusterRepo.nodes(h)) {
                for (ServiceDef s : ctx.catalogue().services()) {
                    var p = pending.stream().filter(r -> r.node().equals(n.name()) && r.service().equals(s.id())).findFirst();
                    var st = states.stream().filter(r -> r.node().equals(n.name()) && r.service().equals(s.id())).findFirst();
                    boolean runsHere = n.name().equals(ctx.node()) && hosted.containsKey(s.id()) && hosted.get(s.id()).running();
                    String state = runsHere ? "running" : s.hosted() ? "not running" : "managed";
                    out.add(new ServiceStatus(s.id(), s.displayName(), s.hosted() ? "hosted" : "managed", n.name(), state, p.isPresent(),
                            p.map(RestartRepo.RestartRow::reason).orElse(null), p.map(RestartRepo.RestartRow::requestedAt).orElse(null),
                            st.map(RestartRepo.ServiceStateRow::lastRestart).orElse(null), st.map(RestartRepo.ServiceStateRow::lastResult).orElse(null)));
                }
            }
            return out;
        });
    }

    public record RestartResult(String service, String node, String result) {}

    /** {@code utils service restart NAME} on this node. */
    public Change<RestartResult> restart(Actor actor, String nameOrAlias) {
        actor.requireAdmin("restart services");
        ServiceDef def = ctx.catalogue().requireService(nameOrAlias);
        String result;
        List<String> warnings = new ArrayList<>();
        Reloadable r = hosted.get(def.id());
        if (def.hosted() || r != null) {
            if (r == null) {
                result = "not running on this node: nothing to reload";
                warnings.add(def.displayName() + " is not running on " + ctx.node() + "; its pending restart is cleared");
            } else {
                try {
                    result = r.reload();
                } catch (UcsecException e) {
                    throw e;
                } catch (Exception e) {
                    LOG.warn("reload of {} failed: {}", def.id(), e.toString());
                    throw new UcsecException("service.reload-failed",
                            "reload of " + def.displayName() + " failed: " + e.getMessage() + " (restart still pending)");
                }
            }
        } else {
            result = runHook(def);
        }
        String finalResult = result;
        ctx.store().tx(h -> {
            RestartRepo.clearRestart(h, ctx.node(), def.id(), ctx.now(), finalResult);
            AuditRepo.audit(h, ctx.now(), actor.name(), "service.restart", ctx.node() + "/" + def.id(), finalResult);
            return null;
        });
        LOG.info("service {} restarted on {}: {}", def.id(), ctx.node(), result);
        return Change.of(new RestartResult(def.id(), ctx.node(), result), warnings, List.of());
    }

    private String runHook(ServiceDef def) {
        Path hook = ctx.config().dataDir().resolve("hooks").resolve(def.id());
        String shown = "DATA/hooks/" + def.id(); // messages name the hook relative to the data directory, never a file-system path
        if (!Files.isExecutable(hook)) return "managed service: no deploy/reload hook configured (" + shown + "); marked as restarted";
        try {
            Process p = new ProcessBuilder(hook.toString(), ctx.node()).redirectErrorStream(true).start();
            if (!p.waitFor(120, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new UcsecException("service.hook-timeout", "hook " + shown + " for " + def.displayName() + " did not finish in 120 s (restart still pending)");
            }
            String out = new String(p.getInputStream().readAllBytes()).trim();
            if (p.exitValue() != 0) throw new UcsecException("service.hook-failed",
                    "hook " + shown + " for " + def.displayName() + " exited " + p.exitValue() + ": " + out + " (restart still pending)");
            return "hook ran: " + (out.length() > 500 ? out.substring(0, 500) : out);
        } catch (java.io.IOException e) {
            throw new UcsecException("service.hook-failed", "hook " + shown + " could not be started (is it an executable file with a valid interpreter line?)");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new UcsecException("service.hook-failed", "interrupted");
        }
    }
}
