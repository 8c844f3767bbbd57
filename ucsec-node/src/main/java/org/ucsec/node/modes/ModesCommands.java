package org.ucsec.node.modes;

import com.fasterxml.jackson.core.type.TypeReference;
import org.ucsec.node.modes.ModesCapability.ValueBody;
import org.ucsec.node.modes.SecurityModeService.Status;
import org.ucsec.node.platform.Change;
import org.ucsec.node.platform.cli.CliTree;
import org.ucsec.node.platform.cli.ClientCommand;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.PrintWriter;
import java.util.Map;

/** {@code utils fips|EnhancedSecurityMode|fips_common_criteria enable|disable|status}, {@code set tls min-version}, {@code set exchange-auth}. */
final class ModesCommands {
    private ModesCommands() {}

    static final TypeReference<Change<Status>> CHANGE = new TypeReference<>() {};

    static void attach(CliTree cli) {
        cli.add(new Fips(), "utils").add(new Enhanced(), "utils").add(new CommonCriteria(), "utils");
        cli.add(new MinVersion(), "set", "tls").add(new ExchangeAuth(), "set");
    }

    static void printModes(PrintWriter out, Status s) {
        out.println("FIPS mode:               " + (s.fips() ? "on" : "off"));
        out.println("Enhanced security mode:  " + (s.enhancedSecurity() ? "on" : "off"));
        out.println("Common criteria mode:    " + (s.commonCriteria() ? "on" : "off"));
        out.println("Minimum TLS version:     " + s.minTlsVersion() + "  (protocols " + String.join(", ", s.protocols()) + ")");
        out.println("Exchange authentication: " + s.exchangeAuthentication() + " -> " + String.join(", ", s.exchangeMechanisms()));
        out.println("Audit logging required:  " + (s.auditLogging() ? "yes" : "no"));
        if (!s.currentViolations().isEmpty()) {
            out.println("Current violations:");
            for (var v : s.currentViolations()) out.println("  - " + v);
        }
    }

    /** enable | disable | status of one security mode (S5). */
    abstract static class ModeCommand extends ClientCommand {
        @Parameters(index = "0", description = "enable | disable | status") String action;
        @Option(names = "--force", description = "apply even though objects violate the mode (they are listed)") boolean force;

        abstract String mode();

        @Override public Integer call() {
            if (action.equals("status")) return show("/api/v1/security/modes", new TypeReference<Status>() {}, ModesCommands::printModes);
            if (!action.equals("enable") && !action.equals("disable")) throw usage("expected enable, disable or status, not '" + action + "'");
            return printed(client().post("/api/v1/security/modes/" + mode() + "/" + action + (force ? "?force=true" : ""), Map.of(), CHANGE), ModesCommands::printModes);
        }
    }

    @Command(name = "fips", mixinStandardHelpOptions = true, description = "utils fips enable|disable|status [--force]")
    static final class Fips extends ModeCommand { String mode() { return "fips"; } }

    @Command(name = "EnhancedSecurityMode", mixinStandardHelpOptions = true, description = "utils EnhancedSecurityMode enable|disable|status [--force] (requires FIPS)")
    static final class Enhanced extends ModeCommand { String mode() { return "enhanced-security"; } }

    @Command(name = "fips_common_criteria", mixinStandardHelpOptions = true, description = "utils fips_common_criteria enable|disable|status [--force] (requires FIPS; TLS 1.2+)")
    static final class CommonCriteria extends ModeCommand { String mode() { return "common-criteria"; } }

    @Command(name = "min-version", mixinStandardHelpOptions = true, description = "Set the minimum TLS version of every listener: 1.0, 1.1, 1.2 or 1.3 (S5).")
    static final class MinVersion extends ClientCommand {
        @Parameters(index = "0", description = "1.0 | 1.1 | 1.2 | 1.3") String version;
        @Option(names = "--force", description = "apply even though objects violate it") boolean force;

        @Override public Integer call() {
            return printed(client().put("/api/v1/security/min-tls" + (force ? "?force=true" : ""), new ValueBody(version), CHANGE), ModesCommands::printModes);
        }
    }

    @Command(name = "exchange-auth", mixinStandardHelpOptions = true, description = "FIPS mode Exchange server authentication: Auto or Basic (S6).")
    static final class ExchangeAuth extends ClientCommand {
        @Parameters(index = "0", description = "Auto | Basic") String value;

        @Override public Integer call() {
            return printed(client().put("/api/v1/security/exchange-authentication", new ValueBody(value), CHANGE), ModesCommands::printModes);
        }
    }
}
