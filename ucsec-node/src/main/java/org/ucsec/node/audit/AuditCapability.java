package org.ucsec.node.audit;

import com.fasterxml.jackson.core.type.TypeReference;
import org.ucsec.node.platform.Capability;
import org.ucsec.node.platform.Wiring;
import org.ucsec.node.platform.cli.CliTree;
import org.ucsec.node.platform.cli.ClientOptions;
import org.ucsec.node.platform.rest.Router;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.util.List;
import java.util.concurrent.Callable;

/** The audit log over REST and CLI (SPEC X5). */
public final class AuditCapability implements Capability {
    @Override public String name() { return "audit"; }

    @Override public void commands(CliTree cli) { cli.add(new ShowAudit(), "show"); }

    @Override public Running start(Wiring w) {
        AuditService audit = w.provide(AuditService.class, new AuditService(w.ctx()));
        return new Running() {
            @Override public void routes(Router r) {
                r.get("/api/v1/audit", c -> audit.recent(c.queryInt("limit", AuditService.DEFAULT_LIMIT, 1, AuditService.MAX_LIMIT)));
            }
        };
    }

    @Command(name = "audit", mixinStandardHelpOptions = true, description = "The audit log: who changed what, when (newest first).")
    static final class ShowAudit implements Callable<Integer> {
        @Option(names = "--limit", defaultValue = "50", description = "how many lines (default ${DEFAULT-VALUE}, at most 10000)") int limit;
        @Mixin ClientOptions c;
        @CommandLine.Spec CommandLine.Model.CommandSpec spec;

        @Override public Integer call() {
            List<AuditRepo.AuditRow> a = c.client().get("/api/v1/audit?limit=" + limit, new TypeReference<List<AuditRepo.AuditRow>>() {});
            c.print(spec, a, out -> {
                for (var x : a) out.printf("%s  %-14s %-26s %s  %s%n", x.occurredAt(), x.actor(), x.action(), x.target(), x.detail() == null ? "" : x.detail());
            });
            return 0;
        }
    }
}
