package org.ucsec.node.provisioning;

import com.fasterxml.jackson.core.type.TypeReference;
import org.ucsec.node.platform.Change;
import org.ucsec.node.platform.cli.CliTree;
import org.ucsec.node.platform.cli.ClientCommand;
import org.ucsec.node.provisioning.ProvisioningService.Status;
import org.ucsec.node.provisioning.ProvisioningService.SyslogChange;
import org.ucsec.node.provisioning.ProvisioningService.SyslogSettings;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.PrintWriter;

/** {@code show provisioning}, {@code set provisioning syslog}. */
final class ProvisioningCommands {
    private ProvisioningCommands() {}

    static void attach(CliTree cli) { cli.add(new Show(), "show").add(new SetSyslog(), "set", "provisioning"); }

    static void printSyslog(PrintWriter out, SyslogSettings s) {
        out.println("Syslog:          " + (s.enabled() ? "on" : "off") + (s.receiver() == null ? " (no receiver)" : " -> " + s.receiver() + " (RFC 5424 over UDP)"));
        out.println("Log_Request_Msg: " + s.logRequestMsg());
        out.println("Log_Success_Msg: " + s.logSuccessMsg());
        out.println("Log_Failure_Msg: " + s.logFailureMsg());
    }

    static void printStatus(PrintWriter out, Status s) {
        out.println("Served:          " + s.served());
        out.println("Refused:         " + (s.refused().isEmpty() ? "0" : s.refused().toString()));
        printSyslog(out, s.syslog());
        out.println("Syslog messages: " + s.syslogSent() + " sent, " + s.syslogDropped() + " dropped");
    }

    @Command(name = "provisioning", mixinStandardHelpOptions = true,
            description = "Show what the HTTPS provisioning listener (P6) served and refused, and its syslog settings (the listener itself: show listeners).")
    static final class Show extends ClientCommand {
        @Override public Integer call() { return show("/api/v1/provisioning", new TypeReference<Status>() {}, ProvisioningCommands::printStatus); }
    }

    @Command(name = "syslog", mixinStandardHelpOptions = true,
            description = "Set where the provisioning listener sends its request/success/failure syslog messages (RFC 5424 over UDP) and their templates (macros: $PN $MAC $MA $MAU $SN $CCERT $SCHEME $SERVIP $PORT $PATH $IP $ERR $$).")
    static final class SetSyslog extends ClientCommand {
        @Option(names = "--enabled", description = "on|off") String enabled;
        @Option(names = "--receiver", description = "host:port of the syslog receiver (port 514 when omitted; IPv6 as [addr]:port; empty clears it)") String receiver;
        @Option(names = "--request-msg", description = "Log_Request_Msg template (empty: no message)") String request;
        @Option(names = "--success-msg", description = "Log_Success_Msg template (empty: no message)") String success;
        @Option(names = "--failure-msg", description = "Log_Failure_Msg template (empty: no message)") String failure;

        @Override public Integer call() {
            Boolean on = enabled == null ? null : switch (enabled.toLowerCase()) {
                case "on", "true", "yes", "enable", "enabled" -> true;
                case "off", "false", "no", "disable", "disabled" -> false;
                default -> throw usage("--enabled takes on or off, not '" + enabled + "'");
            };
            return printed(client().put("/api/v1/provisioning/syslog", new SyslogChange(on, receiver, request, success, failure),
                    new TypeReference<Change<SyslogSettings>>() {}), ProvisioningCommands::printSyslog);
        }
    }
}
