package org.ucsec.node.audit;

import com.fasterxml.jackson.core.type.TypeReference;
import org.ucsec.node.platform.Capability;
import org.ucsec.node.platform.Wiring;
import org.ucsec.node.platform.cli.CliTree;
import org.ucsec.node.platform.cli.ClientCommand;
import org.ucsec.node.platform.rest.Router;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.util.List;

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
    static final class ShowAudit extends ClientCommand {
        @Option(names = "--limit", defaultValue = "50", description = "how many lines (default ${DEFAULT-VALUE}, at most 10000)") int limit;

        @Override public Integer call() {
            return show("/api/v1/audit?limit=" + limit, new TypeReference<List<AuditRepo.AuditRow>>() {}, (out, a) -> {
                for (var x : a) out.printf("%s  %-14s %-26s %s  %s%n", x.occurredAt(), x.actor(), x.action(), x.target(), x.detail() == null ? "" : x.detail());
            });
        }
    }
}
