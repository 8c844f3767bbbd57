package org.ucsec.node.certs;

import com.fasterxml.jackson.core.type.TypeReference;
import org.ucsec.node.certs.CertificateService.CsrInfo;
import org.ucsec.node.certs.CertificateService.OwnCert;
import org.ucsec.node.platform.Change;
import org.ucsec.node.platform.cli.CertText;
import org.ucsec.node.platform.cli.CliTree;
import org.ucsec.node.platform.cli.ClientCommand;
import org.ucsec.node.platform.cli.NodeClient;
import org.ucsec.pki.CertInfo;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** {@code show cert list own}, {@code show cert own}, {@code show csr}, {@code set cert regen}, {@code set cert import own}, {@code set csr gen}. */
final class CertsCommands {
    private CertsCommands() {}

    static final TypeReference<Change<OwnCert>> OWN_CHANGE = new TypeReference<>() {};
    static final TypeReference<Change<CsrInfo>> CSR_CHANGE = new TypeReference<>() {};

    static void attach(CliTree cli) {
        cli.add(new ListOwn(), "show", "cert", "list").add(new ShowOwn(), "show", "cert").add(new ShowCsr(), "show");
        cli.add(new Regen(), "set", "cert").add(new ImportOwn(), "set", "cert", "import").add(new CsrGen(), "set", "csr");
    }

    /** Key, hash, subject and SAN options of regen / CSR. */
    static final class CertOptions {
        @Option(names = "--key-size", description = "RSA 2048|3072|4096, EC 256|384") Integer keySize;
        @Option(names = "--hash", description = "SHA256 (default) | SHA384 | SHA512") String hash;
        @Option(names = "--o", description = "organization") String o;
        @Option(names = "--ou", description = "organizational unit") String ou;
        @Option(names = "--l", description = "locality") String l;
        @Option(names = "--st", description = "state") String st;
        @Option(names = "--c", description = "two-letter country") String country;
        @Option(names = "--san", description = "extra subject alternative name (repeatable)") List<String> sans = new ArrayList<>();
        @Option(names = "--multi-server", description = "multi-server (SAN) certificate for every cluster node (tomcat, cup-xmpp, cup-xmpp-s2s and -ECDSA only)") boolean multi;

        CertsCapability.OptionsBody body(Integer validityDays) {
            return new CertsCapability.OptionsBody(keySize, hash, validityDays, o, ou, l, st, country, sans, multi);
        }
    }

    static void printCsr(PrintWriter out, CsrInfo a) {
        out.println("CSR for " + a.purpose() + " on " + a.node() + (a.multiServer() ? " (multi-server)" : "") + ", generated " + a.createdAt());
        out.println("  subject:     " + a.subject());
        out.println("  key:         " + a.keyType());
        out.println("  SANs:        " + CertText.join(a.subjectAltNames()));
        out.println("  key usage:   " + CertText.join(a.keyUsage()));
        out.println("  ext. usage:  " + CertText.join(a.extendedKeyUsage()));
    }

    static String own(String unit) { return "/api/v1/certs/own/" + NodeClient.enc(unit); }

    static void printOwn(PrintWriter out, OwnCert a) {
        out.println("[" + a.purpose() + " on " + a.node() + "] " + (a.caSigned() ? "CA-signed" : "self-signed")
                + (a.multiServer() ? ", multi-server" : "") + ", trust store " + a.trustStore() + (a.csrPending() ? ", CSR pending" : "")
                + (a.regenerateRequired() ? ", REGENERATE REQUIRED" : ""));
        CertText.describe(out, a.certificate());
        if (a.chain().size() > 1) {
            out.println("chain:");
            for (CertInfo x : a.chain()) out.println("  " + x.subject());
        }
    }

    @Command(name = "own", mixinStandardHelpOptions = true, description = "List this node's identity certificates.")
    static final class ListOwn extends ClientCommand {
        @Override public Integer call() {
            return show("/api/v1/certs/own", new TypeReference<List<OwnCert>>() {}, (out, a) -> {
                for (OwnCert o : a) {
                    CertInfo cert = o.certificate();
                    out.printf("%-42s %-3s %4d  %-11s %-16s expires %s%s%s%n", o.purpose() + "/" + o.purpose() + ".pem", cert.keyType(), cert.keySize(),
                            o.caSigned() ? "CA-signed" : "self-signed", o.node(), cert.notAfter(), o.csrPending() ? "  (CSR pending)" : "",
                            o.regenerateRequired() ? "  (REGENERATE REQUIRED)" : "");
                }
            });
        }
    }

    @Command(name = "own", mixinStandardHelpOptions = true, description = "Show one identity certificate (--pem prints it, --out FILE saves it as PEM).")
    static final class ShowOwn extends ClientCommand {
        @Parameters(index = "0", description = "certificate unit (purpose), e.g. tomcat, cup-ECDSA") String unit;
        @Option(names = "--pem", description = "print the PEM") boolean pem;
        @Option(names = "--chain", description = "with --pem/--out: include the CA chain") boolean chain;
        @Option(names = "--out", description = "save the PEM to this file (e.g. cup.pem)") Path outFile;

        @Override public Integer call() throws Exception {
            if (!pem && outFile == null) return show(own(unit), new TypeReference<OwnCert>() {}, CertsCommands::printOwn);
            return pem(new String(client().getBytes(own(unit) + "/pem" + (chain ? "?chain=true" : "")), java.nio.charset.StandardCharsets.US_ASCII), outFile);
        }
    }

    @Command(name = "csr", mixinStandardHelpOptions = true, description = "Show the pending CSR of a unit (--pem prints it for the CA).")
    static final class ShowCsr extends ClientCommand {
        @Parameters(index = "0", description = "certificate unit (purpose)") String unit;
        @Option(names = "--pem", description = "print the PEM") boolean pem;

        @Override public Integer call() throws Exception {
            if (!pem) return show("/api/v1/csr/" + NodeClient.enc(unit), new TypeReference<CsrInfo>() {}, CertsCommands::printCsr);
            return pem(client().get("/api/v1/csr/" + NodeClient.enc(unit), CsrInfo.class).pem(), null);
        }
    }

    @Command(name = "regen", mixinStandardHelpOptions = true, description = "Regenerate the self-signed certificate of a unit (C3).")
    static final class Regen extends ClientCommand {
        @Parameters(index = "0", description = "certificate unit (purpose), e.g. tomcat") String unit;
        @Option(names = "--validity-days", description = "default 1825 (5 years)") Integer validityDays;
        @Mixin CertOptions opts;

        @Override public Integer call() {
            return printed(client().post(own(unit) + "/regenerate", opts.body(validityDays), OWN_CHANGE), (out, o) -> {
                out.println("Successfully regenerated the self-signed " + o.purpose() + " certificate on " + o.node() + ".");
                CertText.describe(out, o.certificate());
            });
        }
    }

    @Command(name = "own", mixinStandardHelpOptions = true, description = "Install the CA-signed certificate for a unit's pending CSR (C6).")
    static final class ImportOwn extends ClientCommand {
        @Parameters(index = "0", description = "certificate unit (purpose)") String unit;
        @Parameters(index = "1", description = "the signed certificate (PEM; may include the chain)") Path file;
        @Option(names = "--allow-key-usage-change", description = "install even if the CA dropped requested key usages") boolean allow;

        @Override public Integer call() throws Exception {
            return upload(file, own(unit) + (allow ? "?allowKeyUsageChange=true" : ""), OWN_CHANGE, (out, o) -> {
                out.println("Installed the CA-signed " + o.purpose() + " certificate" + (o.multiServer() ? " on every cluster node" : " on " + o.node()) + ".");
                CertText.describe(out, o.certificate());
            });
        }
    }

    @Command(name = "gen", mixinStandardHelpOptions = true, description = "Generate a CSR for a unit; the private key stays on the node (C4).")
    static final class CsrGen extends ClientCommand {
        @Parameters(index = "0", description = "certificate unit (purpose)") String unit;
        @Option(names = "--out", description = "save the CSR PEM to this file") Path outFile;
        @Mixin CertOptions opts;

        @Override public Integer call() throws Exception {
            Change<CsrInfo> a = client().post("/api/v1/csr/" + NodeClient.enc(unit), opts.body(null), CSR_CHANGE);
            if (outFile != null) Files.writeString(outFile, a.value().pem());
            return printed(a, (out, csr) -> {
                out.println("Successfully generated a CSR for " + csr.purpose() + ".");
                printCsr(out, csr);
                if (outFile != null) out.println("saved " + outFile);
                else out.print(csr.pem());
            });
        }
    }
}
