package org.ucsec.node.trust;

import com.fasterxml.jackson.core.type.TypeReference;
import org.ucsec.node.platform.Change;
import org.ucsec.node.platform.cli.CertText;
import org.ucsec.node.platform.cli.CliTree;
import org.ucsec.node.platform.cli.ClientCommand;
import org.ucsec.node.platform.cli.NodeClient;
import org.ucsec.node.trust.TrustStoreService.ImportResult;
import org.ucsec.node.trust.TrustStoreService.TrustEntry;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.nio.file.Path;
import java.util.List;

/** {@code show cert list trust}, {@code show cert trust}, {@code set cert import trust}, {@code set cert delete trust}. */
final class TrustCommands {
    private TrustCommands() {}

    static void attach(CliTree cli) {
        cli.add(new ListTrust(), "show", "cert", "list").add(new ShowTrust(), "show", "cert");
        cli.add(new ImportTrust(), "set", "cert", "import").add(new DeleteTrust(), "set", "cert", "delete");
    }

    static String path(String store, String name) { return "/api/v1/trust/" + NodeClient.enc(store) + (name == null ? "" : "/" + NodeClient.enc(name)); }

    @Command(name = "trust", mixinStandardHelpOptions = true, description = "List trust certificates, of one store or all.")
    static final class ListTrust extends ClientCommand {
        @Parameters(index = "0", arity = "0..1", description = "trust store, e.g. tomcat-trust") String store;

        @Override public Integer call() {
            return show(store == null ? "/api/v1/trust" : path(store, null), new TypeReference<List<TrustEntry>>() {}, (out, a) -> {
                for (TrustEntry t : a) out.printf("%-44s %-11s %s  (issuer %s)%n", t.store() + "/" + t.name(),
                        t.certificate().selfSigned() ? "self-signed" : "CA-signed", t.certificate().subject(), t.certificate().issuer());
            });
        }
    }

    @Command(name = "trust", mixinStandardHelpOptions = true, description = "Show one trust certificate: show cert trust STORE NAME.")
    static final class ShowTrust extends ClientCommand {
        @Parameters(index = "0", description = "trust store, e.g. tomcat-trust") String store;
        @Parameters(index = "1", description = "entry name (as listed) or SHA-256 fingerprint prefix") String name;
        @Option(names = "--pem", description = "print the PEM") boolean pem;

        @Override public Integer call() throws Exception {
            if (pem) return pem(new String(client().getBytes(path(store, name) + "?format=pem"), java.nio.charset.StandardCharsets.US_ASCII), null);
            return show(path(store, name), new TypeReference<TrustEntry>() {}, (out, a) -> {
                out.println("[" + a.store() + "/" + a.name() + "] " + a.origin() + (a.description() != null ? " - " + a.description() : ""));
                CertText.describe(out, a.certificate());
            });
        }
    }

    @Command(name = "trust", mixinStandardHelpOptions = true, description = "Upload a CA root, an intermediate, or a PEM bundle (any order) into a trust store (C5).")
    static final class ImportTrust extends ClientCommand {
        @Parameters(index = "0", description = "trust store, e.g. tomcat-trust") String store;
        @Parameters(index = "1", description = "PEM or DER file") Path file;
        @Option(names = "--description", description = "what these certificates are (shown in listings)") String description;

        @Override public Integer call() throws Exception {
            String q = description == null ? "" : "?description=" + NodeClient.enc(description);
            return upload(file, path(store, null) + q, new TypeReference<Change<ImportResult>>() {}, (out, r) -> {
                for (TrustEntry e : r.added()) out.println("imported " + e.store() + "/" + e.name() + ": " + e.certificate().subject());
                for (TrustEntry e : r.alreadyPresent()) out.println("already present " + e.store() + "/" + e.name() + ": " + e.certificate().subject());
            });
        }
    }

    @Command(name = "trust", mixinStandardHelpOptions = true, description = "Delete a trust certificate under the C10 rules: set cert delete trust STORE NAME.")
    static final class DeleteTrust extends ClientCommand {
        @Parameters(index = "0", description = "trust store") String store;
        @Parameters(index = "1", description = "entry name or SHA-256 fingerprint prefix") String name;

        @Override public Integer call() {
            return printed(client().delete(path(store, name), new TypeReference<Change<TrustEntry>>() {}),
                    (out, e) -> out.println("deleted " + e.store() + "/" + e.name() + " (" + e.certificate().subject() + ")"));
        }
    }
}
