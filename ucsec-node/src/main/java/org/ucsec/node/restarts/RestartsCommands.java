package org.ucsec.node.restarts;

import com.fasterxml.jackson.core.type.TypeReference;
import org.ucsec.node.platform.Change;
import org.ucsec.node.platform.cli.CliTree;
import org.ucsec.node.platform.cli.ClientCommand;
import org.ucsec.node.platform.cli.NodeClient;
import org.ucsec.node.restarts.RestartService.RestartResult;
import org.ucsec.node.restarts.RestartService.ServiceStatus;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

import java.util.List;
import java.util.Map;

/** {@code utils service list}, {@code utils service restart NAME}. */
final class RestartsCommands {
    private RestartsCommands() {}

    static void attach(CliTree cli) { cli.add(new ListCmd(), "utils", "service").add(new Restart(), "utils", "service"); }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "Services with state and pending restarts (C12).")
    static final class ListCmd extends ClientCommand {
        @Override public Integer call() {
            return show("/api/v1/services", new TypeReference<List<ServiceStatus>>() {}, (out, a) -> {
                for (ServiceStatus s : a) out.printf("%-48s %-10s %-12s %s%n", s.name() + " [" + s.id() + "]", s.node(), s.state(),
                        s.restartPending() ? "RESTART REQUIRED: " + s.pendingReason() : "");
            });
        }
    }

    @Command(name = "restart", mixinStandardHelpOptions = true, description = "Restart a service: hosted = hot reload (open connections kept), managed = run its hook.")
    static final class Restart extends ClientCommand {
        @Parameters(index = "0", arity = "1..*", description = "service id or name, e.g. admin or \"Cisco Tomcat\"") List<String> name;

        @Override public Integer call() {
            return printed(client().post("/api/v1/services/" + NodeClient.enc(String.join(" ", name)) + "/restart", Map.of(),
                    new TypeReference<Change<RestartResult>>() {}), (out, r) -> out.println(r.service() + " restarted on " + r.node() + ": " + r.result()));
        }
    }
}
