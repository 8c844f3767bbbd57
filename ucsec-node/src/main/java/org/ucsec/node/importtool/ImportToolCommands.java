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
        @Override public Integer call() {
            Change<Report> a;
            try {
                a = client().post("/api/v1/trust/" + NodeClient.enc(store) + "/import-from-peer", new PeerImportBody(host, port, keyType),
                        new TypeReference<Change<Report>>() {});
            } catch (NodeClient.CliError e) {
                if (!c.json() && e.problem != null && e.problem.has("phases")) {
                    PrintWriter err = Terminal.safeWriter(spec.commandLine().getErr());
                    for (JsonNode p : e.problem.get("phases")) printPhase(err, Json.MAPPER.convertValue(p, Phase.class));
                    err.flush();
                }
                throw e;
            }
            return printed(a, (out, r) -> {
                for (Phase p : r.phases()) printPhase(out, p);
                out.println("negotiated: " + r.protocol() + " " + r.cipherSuite() + ", server key " + r.keyType() + " " + r.keySize());
                out.println("chain:");
                for (CertInfo x : r.chain()) out.println("  " + x.subject() + "  (issuer " + x.issuer() + ", SHA-256 " + x.sha256Fingerprint() + ")");
                for (String x : r.imported()) out.println("imported " + r.store() + "/" + x);
                for (String x : r.alreadyPresent()) out.println("already present " + r.store() + "/" + x);
                if (r.peerSubjectAdded() != null) out.println("TLS peer subject " + r.peerSubjectAdded() + " added to the list and to the default TLS context");
            });
        }

        static void printPhase(PrintWriter out, Phase p) {
            out.printf("%-12s %-7s %5d ms  %s%n", p.phase(), p.status(), p.millis(), p.message() == null ? "" : p.message());
            out.flush();
        }
    }
}
