package org.ucsec.node.xmpp;

import com.fasterxml.jackson.core.type.TypeReference;
import org.ucsec.node.platform.Change;
import org.ucsec.node.platform.cli.CliTree;
import org.ucsec.node.platform.cli.ClientCommand;
import org.ucsec.node.xmpp.XmppSecurityService.Settings;
import org.ucsec.node.xmpp.XmppSecurityService.XmppChange;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.PrintWriter;
import java.util.List;

/** {@code show xmpp}, {@code set xmpp}. */
final class XmppCommands {
    private XmppCommands() {}

    static void attach(CliTree cli) { cli.add(new Show(), "show").add(new SetXmpp(), "set"); }

    static void printXmpp(PrintWriter out, Settings s) {
        out.println("XMPP client to IM/P secure mode:   " + (s.xmppClientSecureMode() ? "on" : "off"));
        out.println("XMPP router-to-router secure mode: " + (s.routerToRouterSecureMode() ? "on" : "off"));
        out.println("Web client to IM/P secure mode:    " + (s.webClientSecureMode() ? "on" : "off"));
        out.println("Wildcard in XMPP federation certs: " + (s.federationWildcard() ? "on" : "off"));
        out.println("Hosted domains:                    " + (s.hostedDomains().isEmpty() ? "-" : String.join(", ", s.hostedDomains())));
    }

    @Command(name = "xmpp", mixinStandardHelpOptions = true, description = "Show the secure XMPP settings (S2), federation wildcard (C9) and hosted domains.")
    static final class Show extends ClientCommand {
        @Override public Integer call() { return show("/api/v1/settings/xmpp", new TypeReference<Settings>() {}, XmppCommands::printXmpp); }
    }

    @Command(name = "xmpp", mixinStandardHelpOptions = true, description = "Change secure XMPP settings (S2), the federation wildcard (C9) and hosted domains.")
    static final class SetXmpp extends ClientCommand {
        @Option(names = "--client-secure", description = "on|off: XMPP client to IM/P secure mode (default on)") String client;
        @Option(names = "--router-secure", description = "on|off: XMPP router-to-router secure mode") String router;
        @Option(names = "--web-client-secure", description = "on|off: web client to IM/P secure mode") String web;
        @Option(names = "--wildcard", description = "on|off: wildcard in XMPP federation security certificates") String wildcard;
        @Option(names = "--hosted-domains", split = ",", description = "comma-separated hosted domains") List<String> domains;

        @Override public Integer call() {
            XmppChange body = new XmppChange(bool("--client-secure", client), bool("--router-secure", router), bool("--web-client-secure", web),
                    bool("--wildcard", wildcard), domains);
            return printed(client().put("/api/v1/settings/xmpp", body, new TypeReference<Change<Settings>>() {}), XmppCommands::printXmpp);
        }

        private Boolean bool(String option, String v) {
            if (v == null) return null;
            return switch (v.toLowerCase()) {
                case "on", "true", "yes", "enable", "enabled" -> true;
                case "off", "false", "no", "disable", "disabled" -> false;
                default -> throw usage(option + " takes on or off, not '" + v + "'");
            };
        }
    }
}
