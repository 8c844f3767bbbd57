package org.ucsec.node.trust;

import com.fasterxml.jackson.core.type.TypeReference;
import org.ucsec.node.platform.Change;
import org.ucsec.node.platform.cli.CertText;
import org.ucsec.node.platform.cli.CliTree;
import org.ucsec.node.platform.cli.ClientOptions;
import org.ucsec.node.platform.cli.NodeClient;
import org.ucsec.node.platform.cli.Uploads;
import org.ucsec.node.trust.TrustStoreService.ImportResult;
import org.ucsec.node.trust.TrustStoreService.TrustEntry;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code show cert list trust}, {@code show cert trust}, {@code set cert import trust}, {@code set cert delete trust}. */
final class TrustCommands {
    private TrustCommands() {}

    static void attach(CliTree cli) {
        cli.add(new ListTrust(), "show", "cert", "list").add(new ShowTrust(), "show", "cert");
        cli.add(new ImportTrust(), "set", "cert", "import").add(new DeleteTrust(), "set", "cert", "delete");
    }

    @Command(name = "trust", mixinStandardHelpOptions = true, description = "List trust certificates, of one store or all.")
    static final class ListTrust implements Callable<Integer> {
        @Parameters(index = "0", arity = "0..1", description = "trust store, e.g. tomcat-trust") String store;
        @Mixin ClientOptions c;
        @CommandLine.Spec CommandLine.Model.CommandSpec spec;

        @Override public Integer call() {
            List<TrustEntry> a = c.client().get(store == null ? "/api/v1/trust" : "/api/v1/trust/" + NodeClient.enc(store), new TypeReference<List<TrustEntry>>() {});
            c.print(spec, a, out -> {
                for (TrustEntry t : a) out.printf("%-44s %-11s %s  (issuer %s)%n", t.store() + "/" + t.name(),
                        t.certificate().selfSigned() ? "self-signed" : "CA-signed", t.certificate().subject(), t.certificate().issuer());
            });
            return 0;
        }
    }

    @Command(name = "trust", mixinStandardHelpOptions = true, description = "Show one trust certificate: show cert trust STORE NAME.")
    static final class ShowTrust implements Callable<Integer> {
        @Parameters(index = "0", description = "trust store, e.g. tomcat-trust") String store;
        @Parameters(index = "1", description = "entry name (as listed) or SHA-256 fingerprint prefix") String name;
        @Option(names = "--pem", description = "print the PEM") boolean pem;
        @Mixin ClientOptions c;
        @CommandLine.Spec CommandLine.Model.CommandSpec spec;

        @Override public Integer call() {
            String path = "/api/v1/trust/" + NodeClient.enc(store) + "/" + NodeClient.enc(name);
            if (pem) { spec.commandLine().getOut().print(new String(c.client().getBytes(path + "?format=pem"))); spec.commandLine().getOut().flush(); return 0; }
            TrustEntry a = c.client().get(path, TrustEntry.class);
            c.print(spec, a, out -> {
                out.println("[" + a.store() + "/" + a.name() + "] " + a.origin() + (a.description() != null ? " - " + a.description() : ""));
                CertText.describe(out, a.certificate());
            });
            return 0;
        }
    }

    @Command(name = "trust", mixinStandardHelpOptions = true, description = "Upload a CA root, an intermediate, or a PEM bundle (any order) into a trust store (C5).")
    static final class ImportTrust implements Callable<Integer> {
        @Parameters(index = "0", description = "trust store, e.g. tomcat-trust") String store;
        @Parameters(index = "1", description = "PEM or DER file") Path file;
        @Option(names = "--description") String description;
        @Mixin ClientOptions c;
        @CommandLine.Spec CommandLine.Model.CommandSpec spec;

        @Override public Integer call() throws Exception {
            byte[] b = Uploads.read(file);
            String q = description == null ? "" : "?description=" + NodeClient.enc(description);
            Change<ImportResult> a = Uploads.naming(file, () -> c.client().upload("/api/v1/trust/" + NodeClient.enc(store) + q, b, "application/x-pem-file",
                    new TypeReference<Change<ImportResult>>() {}));
            c.printChange(spec, a, out -> {
                for (TrustEntry e : a.value().added()) out.println("imported " + e.store() + "/" + e.name() + ": " + e.certificate().subject());
                for (TrustEntry e : a.value().alreadyPresent()) out.println("already present " + e.store() + "/" + e.name() + ": " + e.certificate().subject());
            });
            return 0;
        }
    }

    @Command(name = "trust", mixinStandardHelpOptions = true, description = "Delete a trust certificate under the C10 rules: set cert delete trust STORE NAME.")
    static final class DeleteTrust implements Callable<Integer> {
        @Parameters(index = "0", description = "trust store") String store;
        @Parameters(index = "1", description = "entry name or SHA-256 fingerprint prefix") String name;
        @Mixin ClientOptions c;
        @CommandLine.Spec CommandLine.Model.CommandSpec spec;

        @Override public Integer call() {
            Change<TrustEntry> a = c.client().delete("/api/v1/trust/" + NodeClient.enc(store) + "/" + NodeClient.enc(name), new TypeReference<Change<TrustEntry>>() {});
            c.printChange(spec, a, out -> out.println("deleted " + a.value().store() + "/" + a.value().name() + " (" + a.value().certificate().subject() + ")"));
            return 0;
        }
    }
}
