package org.ucsec.node.sipoauth;

import com.fasterxml.jackson.core.type.TypeReference;
import org.ucsec.node.platform.Change;
import org.ucsec.node.platform.cli.CliTree;
import org.ucsec.node.platform.cli.ClientCommand;
import org.ucsec.node.platform.cli.NodeClient;
import org.ucsec.node.sipoauth.SipOAuthService.Expressway;
import org.ucsec.node.sipoauth.SipOAuthService.ExpresswayChange;
import org.ucsec.node.sipoauth.SipOAuthService.Mode;
import org.ucsec.node.sipoauth.SipOAuthService.NodePorts;
import org.ucsec.node.sipoauth.SipOAuthService.ParameterChange;
import org.ucsec.node.sipoauth.SipOAuthService.ParameterView;
import org.ucsec.node.sipoauth.SipOAuthService.PortsChange;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** {@code show sipoauth ...}, {@code set sipoauth ...}, {@code utils sipOAuth-mode enable|disable|status}. */
final class SipOAuthCommands {
    private SipOAuthCommands() {}

    static void attach(CliTree cli) {
        cli.add(new ShowParameters(), "show", "sipoauth").add(new ShowPorts(), "show", "sipoauth").add(new ShowExpressways(), "show", "sipoauth");
        cli.add(new SetParameter(), "set", "sipoauth").add(new SetPorts(), "set", "sipoauth").add(new SetExpressway(), "set", "sipoauth");
        cli.add(new ModeCommand(), "utils");
        cli.add(new ActivationCode(), "set", "sipoauth").add(new Revoke(), "set", "sipoauth").add(new SigningKey(), "set", "sipoauth");
        cli.add(new ShowTokens(), "show", "sipoauth").add(new ShowKeys(), "show", "sipoauth");
        cli.add(new ShowRegistrations(), "show");
    }

    static void printParameter(PrintWriter out, ParameterView p) {
        out.println(p.name() + ": " + p.valueName() + (p.writable() ? "" : " (read-only)"));
    }

    static void printPorts(PrintWriter out, NodePorts p) {
        out.println(p.node() + ": SIP Phone OAuth Port " + p.phoneOAuthPort() + ", SIP Mobile and Remote Access Port " + p.mraPort() + ", token endpoint port "
                + p.tokenPort() + (p.configured() ? "" : " (defaults)"));
    }

    static void printExpressway(PrintWriter out, Expressway e) {
        out.println(e.host() + (e.description() != null ? " - " + e.description() : ""));
        out.println("  subject names: " + String.join(", ", e.subjects()));
        out.println("  certificate:   " + (e.certificateSubject() == null ? "-" : e.certificateSubject() + " (" + e.certificateFingerprint() + ")"));
        out.println("  tomcat-trust:  " + e.verification());
    }

    @Command(name = "parameters", mixinStandardHelpOptions = true, description = "SIP OAuth enterprise parameters (O2, O3, O6).")
    static final class ShowParameters extends ClientCommand {
        @Override public Integer call() {
            return show("/api/v1/sipoauth/parameters", new TypeReference<List<ParameterView>>() {}, (out, a) -> a.forEach(p -> printParameter(out, p)));
        }
    }

    @Command(name = "ports", mixinStandardHelpOptions = true, description = "SIP OAuth ports of each call-control node (O4).")
    static final class ShowPorts extends ClientCommand {
        @Override public Integer call() {
            return show("/api/v1/sipoauth/ports", new TypeReference<List<NodePorts>>() {}, (out, a) -> {
                if (a.isEmpty()) out.println("no call-control (cucm) node in the cluster");
                a.forEach(p -> printPorts(out, p));
            });
        }
    }

    @Command(name = "expressway-c", mixinStandardHelpOptions = true, description = "Expressway-C connections for MRA (O5).")
    static final class ShowExpressways extends ClientCommand {
        @Override public Integer call() {
            return show("/api/v1/sipoauth/expressway-c", new TypeReference<List<Expressway>>() {}, (out, a) -> {
                if (a.isEmpty()) out.println("no Expressway-C connection");
                a.forEach(e -> printExpressway(out, e));
            });
        }
    }

    @Command(name = "parameter", mixinStandardHelpOptions = true, description = "Set a SIP OAuth enterprise parameter (O2, O3) by its id or name.")
    static final class SetParameter extends ClientCommand {
        @Parameters(index = "0", description = "oauth-access-token-for-devices | oauth-with-refresh-login (or the parameter's name)") String name;
        @Parameters(index = "1", description = "the value: implicit | explicit | enabled | disabled (or the value's text)") String value;

        @Override public Integer call() {
            return printed(client().put("/api/v1/sipoauth/parameters/" + NodeClient.enc(name), new ParameterChange(value), new TypeReference<Change<ParameterView>>() {}),
                    SipOAuthCommands::printParameter);
        }
    }

    @Command(name = "ports", mixinStandardHelpOptions = true, description = "Set the SIP OAuth ports of a call-control node (O4; 1024-49151).")
    static final class SetPorts extends ClientCommand {
        @Parameters(index = "0", arity = "0..1", description = "node name (default: this node)") String node;
        @Option(names = "--phone-oauth-port", description = "SIP Phone OAuth Port (default 5090)") Integer phone;
        @Option(names = "--mra-port", description = "SIP Mobile and Remote Access Port (default 5091)") Integer mra;
        @Option(names = "--token-port", description = "token endpoint port (phone-facing Tomcat HTTPS with client certificates; default 6972)") Integer token;

        @Override public Integer call() {
            String n = node == null ? client().get("/api/v1/node").get("node").asText() : node;
            return printed(client().put("/api/v1/sipoauth/ports/" + NodeClient.enc(n), new PortsChange(phone, mra, token), new TypeReference<Change<NodePorts>>() {}),
                    SipOAuthCommands::printPorts);
        }
    }

    @Command(name = "expressway-c", mixinStandardHelpOptions = true, description = "Add, change or delete an Expressway-C connection (O5).")
    static final class SetExpressway extends ClientCommand {
        @Parameters(index = "0", description = "add | delete") String action;
        @Parameters(index = "1", description = "IP address, hostname or FQDN of the Expressway-C") String host;
        @Option(names = "--description", description = "what it is") String description;
        @Option(names = "--subjects", split = ",", description = "X.509 subject names / SANs of its certificate (default: from --certificate, or the host)") List<String> subjects;
        @Option(names = "--certificate", description = "its certificate (PEM, chain optional): checked against tomcat-trust") Path certificate;

        @Override public Integer call() throws Exception {
            TypeReference<Change<Expressway>> t = new TypeReference<>() {};
            String path = "/api/v1/sipoauth/expressway-c/" + NodeClient.enc(host);
            return switch (action) {
                case "add" -> {
                    String pem = certificate == null ? null : new String(org.ucsec.node.platform.cli.Uploads.read(certificate), java.nio.charset.StandardCharsets.US_ASCII);
                    yield printed(client().put(path, new ExpresswayChange(description, subjects, pem), t), SipOAuthCommands::printExpressway);
                }
                case "delete" -> printed(client().delete(path, t), (out, e) -> out.println("deleted " + e.host()));
                default -> throw usage("expected add or delete, got '" + action + "'");
            };
        }
    }

    @Command(name = "sipOAuth-mode", mixinStandardHelpOptions = true, description = "Enable, disable or show the cluster's SIP OAuth mode (O6; enable/disable on the publisher).")
    static final class ModeCommand extends ClientCommand {
        @Parameters(index = "0", description = "enable | disable | status") String action;

        @Override public Integer call() {
            TypeReference<Change<Mode>> t = new TypeReference<>() {};
            return switch (action) {
                case "status" -> show("/api/v1/sipoauth/mode", new TypeReference<Mode>() {}, SipOAuthCommands::printMode);
                case "enable", "disable" -> printed(client().put("/api/v1/sipoauth/mode", new SipOAuthCapability.ModeChange(action.equals("enable")), t), SipOAuthCommands::printMode);
                default -> throw usage("expected enable, disable or status, got '" + action + "'");
            };
        }
    }

    static void printMode(PrintWriter out, Mode m) {
        out.println("SIP OAuth mode is " + m.mode() + " (Cluster SIPOAuth mode: " + m.clusterParameter() + ")");
    }

    @Command(name = "activation-code", mixinStandardHelpOptions = true, description = "Create a one-time activation code for an OAuth device (O10; shown once).")
    static final class ActivationCode extends ClientCommand {
        @Parameters(index = "0", description = "device name") String device;

        @Override public Integer call() {
            return printed(client().post("/api/v1/sipoauth/activation-codes/" + NodeClient.enc(device), java.util.Map.of(),
                    new TypeReference<Change<SipOAuthTokens.ActivationCode>>() {}), (out, c) -> {
                out.println("activation code for " + c.device() + ": " + c.code());
                out.println("  valid once, until " + c.expiresAt());
            });
        }
    }

    @Command(name = "revoke", mixinStandardHelpOptions = true, description = "Revoke an OAuth device: its access and refresh tokens and activation code (O10).")
    static final class Revoke extends ClientCommand {
        @Parameters(index = "0", description = "device name") String device;

        @Override public Integer call() {
            return printed(client().post("/api/v1/sipoauth/revocations/" + NodeClient.enc(device), java.util.Map.of(),
                    new TypeReference<Change<org.ucsec.oauth.TokenService.Revocation>>() {}), (out, r) ->
                    out.println("revoked " + r.deviceId() + ": tokens issued until " + r.revokedBefore() + ", " + r.refreshFamilies() + " refresh families, "
                            + r.activationCodes() + " activation codes"));
        }
    }

    @Command(name = "signing-key", mixinStandardHelpOptions = true, description = "Rotate the token signing key, or retire an old one (O10).")
    static final class SigningKey extends ClientCommand {
        @Parameters(index = "0", description = "rotate | retire") String action;
        @Parameters(index = "1", arity = "0..1", description = "kid (retire)") String kid;

        @Override public Integer call() {
            TypeReference<Change<List<org.ucsec.oauth.SigningKeys.KeyInfo>>> t = new TypeReference<>() {};
            return switch (action) {
                case "rotate" -> printed(client().post("/api/v1/sipoauth/signing-keys", java.util.Map.of(), t), SipOAuthCommands::printKeys);
                case "retire" -> {
                    if (kid == null) throw usage("retire needs the kid");
                    yield printed(client().delete("/api/v1/sipoauth/signing-keys/" + NodeClient.enc(kid), t), SipOAuthCommands::printKeys);
                }
                default -> throw usage("expected rotate or retire, got '" + action + "'");
            };
        }
    }

    static void printKeys(PrintWriter out, List<org.ucsec.oauth.SigningKeys.KeyInfo> keys) {
        for (var k : keys) out.println(k.kid() + "  " + k.created() + (k.signing() ? "  (signing)" : "  (verifies only)"));
    }

    @Command(name = "tokens", mixinStandardHelpOptions = true, description = "Live activation codes and refresh tokens by device (dates only).")
    static final class ShowTokens extends ClientCommand {
        @Override public Integer call() {
            return show("/api/v1/sipoauth/tokens", new TypeReference<List<SipOAuthTokens.TokenState>>() {}, (out, a) -> {
                if (a.isEmpty()) out.println("no live activation code or refresh token");
                for (var s : a) out.println(s.device() + "  " + s.kind() + "  issued " + s.issuedAt() + "  expires " + s.expiresAt() + "  " + s.detail());
            });
        }
    }

    @Command(name = "signing-keys", mixinStandardHelpOptions = true, description = "Token signing keys (ES256) by kid.")
    static final class ShowKeys extends ClientCommand {
        @Override public Integer call() {
            return show("/api/v1/sipoauth/signing-keys", new TypeReference<List<org.ucsec.oauth.SigningKeys.KeyInfo>>() {}, SipOAuthCommands::printKeys);
        }
    }

    @Command(name = "registrations", mixinStandardHelpOptions = true, description = "SIP OAuth registrations on this node (O11): AOR, device, contact, expiry, listener.")
    static final class ShowRegistrations extends ClientCommand {
        @Override public Integer call() {
            return show("/api/v1/sipoauth/registrations", new TypeReference<List<RegistrationEdge.Registration>>() {}, (out, a) -> {
                if (a.isEmpty()) out.println("no registration");
                for (var r : a) out.println(r.aor() + "  " + r.device() + "  " + r.contact() + "  expires in " + r.expiresInSeconds() + " s  (" + r.listener() + " from " + r.source() + ")");
            });
        }
    }
}
