package org.ucsec.node.xmpp;

import com.fasterxml.jackson.core.type.TypeReference;
import org.ucsec.node.platform.Change;
import org.ucsec.node.platform.cli.CliTree;
import org.ucsec.node.platform.cli.ClientOptions;
import org.ucsec.node.xmpp.XmppSecurityService.Settings;
import org.ucsec.node.xmpp.XmppSecurityService.XmppChange;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code show xmpp}, {@code set xmpp}. */
final class XmppCommands {
    private XmppCommands() {}

    static void attach(CliTree cli) {
        cli.add(new Show(), "show").add(new SetXmpp(), "set");
    }

    static void printXmpp(PrintWriter out, Settings s) {
        out.println("XMPP client to IM/P secure mode:   " + (s.xmppClientSecureMode() ? "on" : "off"));
        out.println("XMPP router-to-router secure mode: " + (s.routerToRouterSecureMode() ? "on" : "off"));
        out.println("Web client to IM/P secure mode:    " + (s.webClientSecureMode() ? "on" : "off"));
        out.println("Wildcard in XMPP federation certs: " + (s.federationWildcard() ? "on" : "off"));
        out.println("Hosted domains:                    " + (s.hostedDomains().isEmpty() ? "-" : String.join(", ", s.hostedDomains())));
    }

    @Command(name = "xmpp", mixinStandardHelpOptions = true, description = "Show the secure XMPP settings (S2), federation wildcard (C9) and hosted domains.")
    static final class Show implements Callable<Integer> {
        @Mixin ClientOptions c;
        @CommandLine.Spec CommandLine.Model.CommandSpec spec;

        @Override public Integer call() {
            Settings a = c.client().get("/api/v1/settings/xmpp", Settings.class);
            c.print(spec, a, out -> printXmpp(out, a));
            return 0;
        }
    }

    @Command(name = "xmpp", mixinStandardHelpOptions = true, description = "Change secure XMPP settings (S2), the federation wildcard (C9) and hosted domains.")
    static final class SetXmpp implements Callable<Integer> {
        @Option(names = "--client-secure", description = "on|off: XMPP client to IM/P secure mode (default on)") String client;
        @Option(names = "--router-secure", description = "on|off: XMPP router-to-router secure mode") String router;
        @Option(names = "--web-client-secure", description = "on|off: web client to IM/P secure mode") String web;
        @Option(names = "--wildcard", description = "on|off: wildcard in XMPP federation security certificates") String wildcard;
        @Option(names = "--hosted-domains", split = ",", description = "comma-separated hosted domains") List<String> domains;
        @Mixin ClientOptions c;
        @CommandLine.Spec CommandLine.Model.CommandSpec spec;

        @Override public Integer call() {
            XmppChange body = new XmppChange(bool("--client-secure", client), bool("--router-secure", router), bool("--web-client-secure", web),
                    bool("--wildcard", wildcard), domains);
            Change<Settings> a = c.client().put("/api/v1/settings/xmpp", body, new TypeReference<Change<Settings>>() {});
            c.printChange(spec, a, out -> printXmpp(out, a.value()));
            return 0;
        }

        private Boolean bool(String option, String v) {
            if (v == null) return null;
            return switch (v.toLowerCase()) {
                case "on", "true", "yes", "enable", "enabled" -> true;
                case "off", "false", "no", "disable", "disabled" -> false;
                default -> throw new CommandLine.ParameterException(spec.commandLine(), option + " takes on or off, not '" + v + "'");
            };
        }
    }
}
