package org.ucsec.node.trust;

import com.fasterxml.jackson.core.type.TypeReference;
import org.ucsec.node.platform.Change;
import org.ucsec.node.platform.cli.CertText;
import org.ucsec.node.platform.cli.CliTree;
import org.ucsec.node.platform.cli.ClientCommand;
import org.ucsec.node.platform.cli.NodeClient;
import org.ucsec.node.trust.TrustStoreService.ImportResult;
import org.ucsec.node.trust.TrustStoreService.TrustEntry;
import org.ucsec.node.trust.TrustStoreService.CrlEntry;
import org.ucsec.node.trust.TrustStoreService.RevocationSetting;
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
        cli.add(new ListCrl(), "show", "cert", "list").add(new ImportCrl(), "set", "cert", "import").add(new DeleteCrl(), "set", "cert", "delete");
        cli.add(new ShowRevocation(), "show", "cert").add(new SetRevocation(), "set", "cert");
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

    @Command(name = "trust", mixinStandardHelpOptions = true, description = "Delete a trust certificate: an uploaded or imported one unless it anchors an installed chain; ucsec's own self-signed entries under the C10 rules.")
    static final class DeleteTrust extends ClientCommand {
        @Parameters(index = "0", description = "trust store") String store;
        @Parameters(index = "1", description = "entry name or SHA-256 fingerprint prefix") String name;

        @Override public Integer call() {
            return printed(client().delete(path(store, name), new TypeReference<Change<TrustEntry>>() {}),
                    (out, e) -> out.println("deleted " + e.store() + "/" + e.name() + " (" + e.certificate().subject() + ")"));
        }
    }

    static String crlPath(String store, String id) { return "/api/v1/crls/" + NodeClient.enc(store) + (id == null ? "" : "/" + NodeClient.enc(id)); }

    private static void printCrl(java.io.PrintWriter out, CrlEntry e) {
        out.printf("%-18s %s  (thisUpdate %s, nextUpdate %s, %d revoked)%s%n", e.id(), e.issuer(), e.thisUpdate(), e.nextUpdate(), e.revokedEntries(),
                e.description() == null ? "" : " - " + e.description());
    }

    @Command(name = "crl", mixinStandardHelpOptions = true, description = "List the CRLs uploaded for a trust store.")
    static final class ListCrl extends ClientCommand {
        @Parameters(index = "0", description = "trust store, e.g. cup-trust") String store;

        @Override public Integer call() {
            return show(crlPath(store, null), new TypeReference<List<CrlEntry>>() {}, (out, a) -> { for (CrlEntry e : a) printCrl(out, e); });
        }
    }

    @Command(name = "crl", mixinStandardHelpOptions = true, description = "Upload a CRL (DER or PEM) for a trust store; it must be signed by a certificate of the store.")
    static final class ImportCrl extends ClientCommand {
        @Parameters(index = "0", description = "trust store, e.g. cup-trust") String store;
        @Parameters(index = "1", description = "CRL file, DER or PEM") Path file;
        @Option(names = "--description", description = "what this CRL is") String description;

        @Override public Integer call() throws Exception {
            String q = description == null ? "" : "?description=" + NodeClient.enc(description);
            return upload(file, crlPath(store, null) + q, new TypeReference<Change<CrlEntry>>() {}, (out, e) -> { out.print("CRL "); printCrl(out, e); });
        }
    }

    @Command(name = "crl", mixinStandardHelpOptions = true, description = "Delete a CRL of a trust store: set cert delete crl STORE ID.")
    static final class DeleteCrl extends ClientCommand {
        @Parameters(index = "0", description = "trust store") String store;
        @Parameters(index = "1", description = "CRL id (as listed) or SHA-256 prefix") String id;

        @Override public Integer call() {
            return printed(client().delete(crlPath(store, id), new TypeReference<Change<CrlEntry>>() {}), (out, e) -> { out.print("deleted CRL "); printCrl(out, e); });
        }
    }

    @Command(name = "revocation", mixinStandardHelpOptions = true, description = "Show what a missing revocation answer does: soft-fail or hard-fail.")
    static final class ShowRevocation extends ClientCommand {
        @Override public Integer call() {
            return show("/api/v1/revocation", new TypeReference<RevocationSetting>() {}, (out, a) -> out.println("revocation checking: " + a.mode()));
        }
    }

    @Command(name = "revocation", mixinStandardHelpOptions = true, description = "set cert revocation soft-fail|hard-fail: whether a certificate whose revocation status is unknown is refused.")
    static final class SetRevocation extends ClientCommand {
        @Parameters(index = "0", description = "soft-fail | hard-fail") String mode;

        @Override public Integer call() {
            return printed(client().put("/api/v1/revocation", new RevocationSetting(mode), new TypeReference<Change<RevocationSetting>>() {}),
                    (out, a) -> out.println("revocation checking: " + a.mode()));
        }
    }
}
