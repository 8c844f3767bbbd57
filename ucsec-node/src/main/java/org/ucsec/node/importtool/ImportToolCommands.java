package org.ucsec.node.importtool;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import org.ucsec.node.importtool.ImportToolCapability.PeerImportBody;
import org.ucsec.node.importtool.ImportToolService.Phase;
import org.ucsec.node.importtool.ImportToolService.Report;
import org.ucsec.node.platform.Change;
import org.ucsec.node.platform.cli.CliTree;
import org.ucsec.node.platform.cli.ClientCommand;
import org.ucsec.node.platform.cli.NodeClient;
import org.ucsec.node.platform.cli.Terminal;
import org.ucsec.node.platform.rest.Json;
import org.ucsec.pki.CertInfo;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.PrintWriter;

/** {@code cert import-tool --store S --host H --port P}. */
final class ImportToolCommands {
    private ImportToolCommands() {}

    static void attach(CliTree cli) { cli.add(new ImportTool(), "cert"); }

    @Command(name = "import-tool", mixinStandardHelpOptions = true, description = "Connect to a live peer with TLS, show its chain and import it into a trust store (C7).")
    static final class ImportTool extends ClientCommand {
        @Option(names = "--store", required = true, description = "trust store, e.g. cup-trust, CallManager-trust") String store;
        @Option(names = "--host", required = true, description = "IP address, host name or FQDN") String host;
        @Option(names = "--port", required = true, description = "TLS port of the peer") int port;
        @Option(names = "--key-type", description = "rsa | ecdsa | any (default): which certificate of a dual-certificate peer") String keyType;
        @Option(names = "--yes", description = "import without asking (the chain is still shown)") boolean yes;
        @Option(names = "--dry-run", description = "show what would be imported; import nothing") boolean dryRun;

        @Override public Integer call() throws Exception {
            String path = "/api/v1/trust/" + NodeClient.enc(store) + "/import-from-peer";
            // 1. the preview: the node connects, validates the peer's own chain and answers what it would import
            Change<Report> preview = call(path + "?dryRun=true", new PeerImportBody(host, port, keyType, null));
            if (dryRun) return printed(preview, (out, r) -> print(out, r, true));
            PrintWriter out = Terminal.safeWriter(spec.commandLine().getOut());
            if (!yes) {
                if (!c.json()) { print(out, preview.value(), true); for (String w : preview.warnings()) out.println("warning: " + w); }
                out.flush();
                if (!confirm(out, preview.value())) return 1;
            }
            // 2. the import, of exactly the chain shown (refused if the peer now sends another)
            Change<Report> a = call(path, new PeerImportBody(host, port, keyType, preview.value().chain().stream().map(CertInfo::sha256Fingerprint).toList()));
            return printed(a, (o, r) -> print(o, r, false));
        }

        private Change<Report> call(String path, PeerImportBody body) {
            try {
                return client().post(path, body, new TypeReference<Change<Report>>() {});
            } catch (NodeClient.CliError e) {
                if (!c.json() && e.problem != null && e.problem.has("phases")) {
                    PrintWriter err = Terminal.safeWriter(spec.commandLine().getErr());
                    for (JsonNode p : e.problem.get("phases")) printPhase(err, Json.MAPPER.convertValue(p, Phase.class));
                    err.flush();
                }
                throw e;
            }
        }

        /**
         * Asks on the terminal. Without a terminal (a script, a pipe) and without --yes nothing is imported: refused with
         * {@code importtool.confirmation-required}, so a script never imports a chain nobody looked at.
         */
        private boolean confirm(PrintWriter out, Report r) {
            java.io.Console console = interactiveConsole();
            if (console == null) throw new org.ucsec.core.UcsecException("importtool.confirmation-required", "import of " + r.chain().size()
                    + " certificate(s) from " + host + ":" + port + " into " + store + " needs confirmation, and stdin is not a terminal: "
                    + "look at the chain (--dry-run) and run again with --yes; nothing was imported");
            String answer = console.readLine("Import %d certificate(s) into %s? [y/N] ", r.imported().size(), store);
            if (answer != null && (answer.trim().equalsIgnoreCase("y") || answer.trim().equalsIgnoreCase("yes"))) return true;
            out.println("not imported");
            out.flush();
            return false;
        }

        private static java.io.Console interactiveConsole() {
            java.io.Console c = System.console();
            if (c == null) return null;
            try { // JDK 22+: a Console exists without a terminal too
                Object t = java.io.Console.class.getMethod("isTerminal").invoke(c);
                return Boolean.TRUE.equals(t) ? c : null;
            } catch (ReflectiveOperationException e) {
                return c; // JDK 21: System.console() is null without a terminal
            }
        }

        private void print(PrintWriter out, Report r, boolean preview) {
            for (Phase p : r.phases()) printPhase(out, p);
            out.println("negotiated: " + r.protocol() + " " + r.cipherSuite() + ", server key " + r.keyType() + " " + r.keySize());
            out.println("chain (the server's certificate up to its root, validated):");
            for (CertInfo x : r.chain()) out.println("  " + x.subject() + "  (issuer " + x.issuer() + ", SHA-256 " + x.sha256Fingerprint() + ")");
            for (CertInfo x : r.ignored()) out.println("ignored (sent by the peer, not on its chain): " + x.subject() + "  (SHA-256 " + x.sha256Fingerprint() + ")");
            String verb = preview ? "would import " : "imported ";
            for (String x : r.imported()) out.println(verb + r.store() + "/" + x);
            for (String x : r.alreadyPresent()) out.println("already present " + r.store() + "/" + x);
            if (r.peerSubjectAdded() != null) out.println("TLS peer subject " + r.peerSubjectAdded() + (preview ? " would be" : "") + " added to the list and to the default TLS context");
            out.flush();
        }

        static void printPhase(PrintWriter out, Phase p) {
            out.printf("%-12s %-7s %5d ms  %s%n", p.phase(), p.status(), p.millis(), p.message() == null ? "" : p.message());
            out.flush();
        }
    }
}
