package org.ucsec.node.restarts;

import com.fasterxml.jackson.core.type.TypeReference;
import org.ucsec.node.platform.Change;
import org.ucsec.node.platform.cli.CliTree;
import org.ucsec.node.platform.cli.ClientOptions;
import org.ucsec.node.platform.cli.NodeClient;
import org.ucsec.node.restarts.RestartService.RestartResult;
import org.ucsec.node.restarts.RestartService.ServiceStatus;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

/** {@code utils service list}, {@code utils service restart NAME}. */
final class RestartsCommands {
    private RestartsCommands() {}

    static void attach(CliTree cli) { cli.add(new ListCmd(), "utils", "service").add(new Restart(), "utils", "service"); }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "Services with state and pending restarts (C12).")
    static final class ListCmd implements Callable<Integer> {
        @Mixin ClientOptions c;
        @CommandLine.Spec CommandLine.Model.CommandSpec spec;

        @Override public Integer call() {
            List<ServiceStatus> a = c.client().get("/api/v1/services", new TypeReference<List<ServiceStatus>>() {});
            c.print(spec, a, out -> {
                for (ServiceStatus s : a) out.printf("%-48s %-10s %-12s %s%n", s.name() + " [" + s.id() + "]", s.node(), s.state(),
                        s.restartPending() ? "RESTART REQUIRED: " + s.pendingReason() : "");
            });
            return 0;
        }
    }

    @Command(name = "restart", mixinStandardHelpOptions = true, description = "Restart a service: hosted = hot reload (open connections kept), managed = run its hook.")
    static final class Restart implements Callable<Integer> {
        @Parameters(index = "0", arity = "1..*", description = "service id or name, e.g. admin or \"Cisco Tomcat\"") List<String> name;
        @Mixin ClientOptions c;
        @CommandLine.Spec CommandLine.Model.CommandSpec spec;

        @Override public Integer call() {
            Change<RestartResult> a = c.client().post("/api/v1/services/" + NodeClient.enc(String.join(" ", name)) + "/restart", Map.of(),
                    new TypeReference<Change<RestartResult>>() {});
            c.printChange(spec, a, out -> out.println(a.value().service() + " restarted on " + a.value().node() + ": " + a.value().result()));
            return 0;
        }
    }
}
