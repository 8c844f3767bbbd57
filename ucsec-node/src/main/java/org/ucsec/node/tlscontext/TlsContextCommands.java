package org.ucsec.node.tlscontext;

import com.fasterxml.jackson.core.type.TypeReference;
import org.ucsec.node.platform.Change;
import org.ucsec.node.platform.cli.CliTree;
import org.ucsec.node.platform.cli.ClientCommand;
import org.ucsec.node.platform.cli.NodeClient;
import org.ucsec.node.tlscontext.TlsContextCapability.PeerSubjectBody;
import org.ucsec.node.tlscontext.TlsContextService.AvailableSuite;
import org.ucsec.node.tlscontext.TlsContextService.ContextChange;
import org.ucsec.node.tlscontext.TlsContextService.PeerSubject;
import org.ucsec.node.tlscontext.TlsContextService.TlsContext;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.PrintWriter;
import java.util.List;

/** {@code show tls ...}, {@code set tls peer-subject|context|context-delete}. */
final class TlsContextCommands {
    private TlsContextCommands() {}

    static final TypeReference<Change<TlsContext>> CONTEXT_CHANGE = new TypeReference<>() {};
    static final TypeReference<Change<PeerSubject>> SUBJECT_CHANGE = new TypeReference<>() {};

    static void attach(CliTree cli) {
        cli.add(new PeerSubjects(), "show", "tls").add(new Contexts(), "show", "tls").add(new ShowContext(), "show", "tls").add(new Ciphers(), "show", "tls");
        cli.add(new SetPeerSubject(), "set", "tls").add(new SetContext(), "set", "tls").add(new ContextDelete(), "set", "tls");
    }

    static String path(String name) { return "/api/v1/tls/contexts/" + NodeClient.enc(name); }

    static void printContext(PrintWriter out, TlsContext x) {
        out.println(x.name() + (x.isDefault() ? " (default)" : "") + (x.description() != null ? " - " + x.description() : ""));
        out.println("  peer subjects: " + (x.peerSubjects().isEmpty() ? "-" : String.join(", ", x.peerSubjects())));
        out.println("  cipher suites: " + (x.cipherSuites().isEmpty() ? "-" : String.join(", ", x.cipherSuites())));
    }

    @Command(name = "peer-subjects", mixinStandardHelpOptions = true, description = "TLS peer subjects (S3).")
    static final class PeerSubjects extends ClientCommand {
        @Override public Integer call() {
            return show("/api/v1/tls/peer-subjects", new TypeReference<List<PeerSubject>>() {}, (out, a) -> {
                for (PeerSubject p : a) out.printf("%-40s %s%n", p.cn(), p.description() == null ? "" : p.description());
            });
        }
    }

    @Command(name = "contexts", mixinStandardHelpOptions = true, description = "TLS contexts (S4).")
    static final class Contexts extends ClientCommand {
        @Override public Integer call() {
            return show("/api/v1/tls/contexts", new TypeReference<List<TlsContext>>() {}, (out, a) -> a.forEach(x -> printContext(out, x)));
        }
    }

    @Command(name = "context", mixinStandardHelpOptions = true, description = "One TLS context.")
    static final class ShowContext extends ClientCommand {
        @Parameters(index = "0", description = "context name") String name;

        @Override public Integer call() { return show(path(name), new TypeReference<TlsContext>() {}, TlsContextCommands::printContext); }
    }

    @Command(name = "ciphers", mixinStandardHelpOptions = true, description = "Cipher suites available for TLS contexts on this node (engine, JDK and security mode).")
    static final class Ciphers extends ClientCommand {
        @Override public Integer call() {
            return show("/api/v1/tls/ciphers", new TypeReference<List<AvailableSuite>>() {}, (out, a) -> {
                for (AvailableSuite x : a) out.printf("%-48s %s%n", x.ianaName(), x.openSslName());
            });
        }
    }

    @Command(name = "peer-subject", mixinStandardHelpOptions = true, description = "Add or delete a TLS peer subject (S3).")
    static final class SetPeerSubject extends ClientCommand {
        @Parameters(index = "0", description = "add | delete") String action;
        @Parameters(index = "1", description = "CN of the peer certificate (host name, FQDN or IP)") String cn;
        @Option(names = "--description", description = "what this peer is") String description;

        @Override public Integer call() {
            Change<PeerSubject> a = switch (action) {
                case "add" -> client().post("/api/v1/tls/peer-subjects", new PeerSubjectBody(cn, description), SUBJECT_CHANGE);
                case "delete" -> client().delete("/api/v1/tls/peer-subjects/" + NodeClient.enc(cn), SUBJECT_CHANGE);
                default -> throw usage("expected add or delete, got '" + action + "'");
            };
            return printed(a, (out, p) -> out.println((action.equals("add") ? "added " : "deleted ") + p.cn()));
        }
    }

    @Command(name = "context", mixinStandardHelpOptions = true, description = "Create or change a TLS context (S4): selected peer subjects and cipher suites.")
    static final class SetContext extends ClientCommand {
        @Parameters(index = "0", description = "context name") String name;
        @Option(names = "--description", description = "what the context is for") String description;
        @Option(names = "--peer-subjects", split = ",", description = "comma-separated CNs (replaces the selection)") List<String> peers;
        @Option(names = "--ciphers", split = ",", description = "comma-separated suite names, IANA or OpenSSL (replaces the selection)") List<String> ciphers;
        @Option(names = "--cipher-string", description = "OpenSSL cipher string, expanded by the engine (replaces the selection)") String cipherString;

        @Override public Integer call() {
            return printed(client().put(path(name), new ContextChange(description, peers, ciphers, cipherString), CONTEXT_CHANGE), TlsContextCommands::printContext);
        }
    }

    @Command(name = "context-delete", mixinStandardHelpOptions = true, description = "Delete a TLS context (not the default).")
    static final class ContextDelete extends ClientCommand {
        @Parameters(index = "0", description = "context name") String name;

        @Override public Integer call() { return printed(client().delete(path(name), CONTEXT_CHANGE), (out, x) -> out.println("deleted " + x.name())); }
    }
}
