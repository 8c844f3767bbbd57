package org.ucsec.node.tlscontext;

import com.fasterxml.jackson.core.type.TypeReference;
import org.ucsec.node.platform.Change;
import org.ucsec.node.platform.cli.CliTree;
import org.ucsec.node.platform.cli.ClientOptions;
import org.ucsec.node.platform.cli.NodeClient;
import org.ucsec.node.tlscontext.TlsContextCapability.PeerSubjectBody;
import org.ucsec.node.tlscontext.TlsContextService.AvailableSuite;
import org.ucsec.node.tlscontext.TlsContextService.ContextChange;
import org.ucsec.node.tlscontext.TlsContextService.PeerSubject;
import org.ucsec.node.tlscontext.TlsContextService.TlsContext;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code show tls ...}, {@code set tls peer-subject|context|context-delete}. */
final class TlsContextCommands {
    private TlsContextCommands() {}

    static final TypeReference<Change<TlsContext>> CONTEXT_CHANGE = new TypeReference<>() {};
    static final TypeReference<Change<PeerSubject>> SUBJECT_CHANGE = new TypeReference<>() {};

    static void attach(CliTree cli) {
        cli.add(new PeerSubjects(), "show", "tls").add(new Contexts(), "show", "tls").add(new ShowContext(), "show", "tls").add(new Ciphers(), "show", "tls");
        cli.add(new SetPeerSubject(), "set", "tls").add(new SetContext(), "set", "tls").add(new ContextDelete(), "set", "tls");
    }

    static void printContext(PrintWriter out, TlsContext x) {
        out.println(x.name() + (x.isDefault() ? " (default)" : "") + (x.description() != null ? " - " + x.description() : ""));
        out.println("  peer subjects: " + (x.peerSubjects().isEmpty() ? "-" : String.join(", ", x.peerSubjects())));
        out.println("  cipher suites: " + (x.cipherSuites().isEmpty() ? "-" : String.join(", ", x.cipherSuites())));
    }

    @Command(name = "peer-subjects", mixinStandardHelpOptions = true, description = "TLS peer subjects (S3).")
    static final class PeerSubjects implements Callable<Integer> {
        @Mixin ClientOptions c;
        @CommandLine.Spec CommandLine.Model.CommandSpec spec;
        @Override public Integer call() {
            List<PeerSubject> a = c.client().get("/api/v1/tls/peer-subjects", new TypeReference<List<PeerSubject>>() {});
            c.print(spec, a, out -> { for (PeerSubject p : a) out.printf("%-40s %s%n", p.cn(), p.description() == null ? "" : p.description()); });
            return 0;
        }
    }

    @Command(name = "contexts", mixinStandardHelpOptions = true, description = "TLS contexts (S4).")
    static final class Contexts implements Callable<Integer> {
        @Mixin ClientOptions c;
        @CommandLine.Spec CommandLine.Model.CommandSpec spec;
        @Override public Integer call() {
            List<TlsContext> a = c.client().get("/api/v1/tls/contexts", new TypeReference<List<TlsContext>>() {});
            c.print(spec, a, out -> { for (TlsContext x : a) printContext(out, x); });
            return 0;
        }
    }

    @Command(name = "context", mixinStandardHelpOptions = true, description = "One TLS context.")
    static final class ShowContext implements Callable<Integer> {
        @Parameters(index = "0", description = "context name") String name;
        @Mixin ClientOptions c;
        @CommandLine.Spec CommandLine.Model.CommandSpec spec;
        @Override public Integer call() {
            TlsContext a = c.client().get("/api/v1/tls/contexts/" + NodeClient.enc(name), TlsContext.class);
            c.print(spec, a, out -> printContext(out, a));
            return 0;
        }
    }

    @Command(name = "ciphers", mixinStandardHelpOptions = true, description = "Cipher suites available for TLS contexts on this node (engine, JDK and security mode).")
    static final class Ciphers implements Callable<Integer> {
        @Mixin ClientOptions c;
        @CommandLine.Spec CommandLine.Model.CommandSpec spec;
        @Override public Integer call() {
            List<AvailableSuite> a = c.client().get("/api/v1/tls/ciphers", new TypeReference<List<AvailableSuite>>() {});
            c.print(spec, a, out -> { for (AvailableSuite x : a) out.printf("%-48s %s%n", x.ianaName(), x.openSslName()); });
            return 0;
        }
    }

    @Command(name = "peer-subject", mixinStandardHelpOptions = true, description = "Add or delete a TLS peer subject (S3).")
    static final class SetPeerSubject implements Callable<Integer> {
        @Parameters(index = "0", description = "add | delete") String action;
        @Parameters(index = "1", description = "CN of the peer certificate (host name, FQDN or IP)") String cn;
        @Option(names = "--description") String description;
        @Mixin ClientOptions c;
        @CommandLine.Spec CommandLine.Model.CommandSpec spec;
        @Override public Integer call() {
            Change<PeerSubject> a = switch (action) {
                case "add" -> c.client().post("/api/v1/tls/peer-subjects", new PeerSubjectBody(cn, description), SUBJECT_CHANGE);
                case "delete" -> c.client().delete("/api/v1/tls/peer-subjects/" + NodeClient.enc(cn), SUBJECT_CHANGE);
                default -> throw new CommandLine.ParameterException(spec.commandLine(), "expected add or delete, got '" + action + "'");
            };
            c.printChange(spec, a, out -> out.println((action.equals("add") ? "added " : "deleted ") + a.value().cn()));
            return 0;
        }
    }

    @Command(name = "context", mixinStandardHelpOptions = true, description = "Create or change a TLS context (S4): selected peer subjects and cipher suites.")
    static final class SetContext implements Callable<Integer> {
        @Parameters(index = "0", description = "context name") String name;
        @Option(names = "--description") String description;
        @Option(names = "--peer-subjects", split = ",", description = "comma-separated CNs (replaces the selection)") List<String> peers;
        @Option(names = "--ciphers", split = ",", description = "comma-separated suite names, IANA or OpenSSL (replaces the selection)") List<String> ciphers;
        @Option(names = "--cipher-string", description = "OpenSSL cipher string, expanded by the engine (replaces the selection)") String cipherString;
        @Mixin ClientOptions c;
        @CommandLine.Spec CommandLine.Model.CommandSpec spec;
        @Override public Integer call() {
            Change<TlsContext> a = c.client().put("/api/v1/tls/contexts/" + NodeClient.enc(name), new ContextChange(description, peers, ciphers, cipherString), CONTEXT_CHANGE);
            c.printChange(spec, a, out -> printContext(out, a.value()));
            return 0;
        }
    }

    @Command(name = "context-delete", mixinStandardHelpOptions = true, description = "Delete a TLS context (not the default).")
    static final class ContextDelete implements Callable<Integer> {
        @Parameters(index = "0", description = "context name") String name;
        @Mixin ClientOptions c;
        @CommandLine.Spec CommandLine.Model.CommandSpec spec;
        @Override public Integer call() {
            Change<TlsContext> a = c.client().delete("/api/v1/tls/contexts/" + NodeClient.enc(name), CONTEXT_CHANGE);
            c.printChange(spec, a, out -> out.println("deleted " + a.value().name()));
            return 0;
        }
    }
}
