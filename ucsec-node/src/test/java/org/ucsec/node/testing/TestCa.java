package org.ucsec.node.testing;

import com.fasterxml.jackson.databind.JsonNode;
import org.ucsec.node.certs.CertificateService;
import org.ucsec.node.platform.rest.Json;
import org.ucsec.pki.catalogue.Catalogue;
import org.ucsec.pki.testing.OpenSsl;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A CA made by the openssl binary (root > intermediate, RSA 2048 or EC P-256; {@link OpenSsl.Ca}) and the one recipe
 * tests use to get a CA-signed identity onto a node: upload the CA chain into a trust store, generate a CSR for a purpose
 * on the node, sign it with this CA (given extensions and validity), import it.
 * <pre>
 * TestCa ca = TestCa.rsa(n, "Lifecycle");
 * JsonNode cup = ca.install(n, "cup");                                   // all four steps, through the services
 * ca.forPurpose(n, "cup-xmpp").extensions("keyUsage=critical,digitalSignature").viaCli().install();
 * String leaf = ca.forPurpose(n, "ipsec").days(30).signed();             // steps 1-3: upload, CSR, sign
 * </pre>
 */
public final class TestCa {
    public final OpenSsl.Ca openssl;
    public final String name;
    private int serial;

    private TestCa(OpenSsl.Ca openssl, String name) { this.openssl = openssl; this.name = name; }

    /** {@code alg}: "rsa" or "ec". */
    public static TestCa create(Path dir, String name, String alg) {
        try {
            return new TestCa(OpenSsl.Ca.create(dir, name, alg), name);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** An RSA CA in the node's scratch directory: "NAME Root CA" > "NAME Issuing CA". */
    public static TestCa rsa(TestNode n, String name) { return create(n.scratch.resolve("ca-" + name), name, "rsa"); }

    /** An EC (P-256) CA in the node's scratch directory. */
    public static TestCa ec(TestNode n, String name) { return create(n.scratch.resolve("ca-" + name), name, "ec"); }

    public Path dir() { return openssl.dir; }
    public String rootPem() { return read(openssl.rootCert); }
    public String intPem() { return read(openssl.intCert); }
    /** Intermediate then root: one bundle (the node takes bundles in any order). */
    public String chainPem() { return intPem() + rootPem(); }
    public String rootSubject() { return name + " Root CA"; }
    public String intSubject() { return name + " Issuing CA"; }

    /** Signs a CSR (PEM) with the intermediate: {@code extensions} null copies the CSR's extensions (a CA that honours requests). */
    public String sign(String csrPem, int days, String extensions) {
        try {
            return openssl.sign(csrPem, "leaf" + (++serial), days, extensions);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A certificate for a key made outside the node (a peer: CUCM, Expressway), signed by the intermediate. */
    public record Peer(String cn, Path cert, Path key, Path chain) {}

    /** A TLS peer {@code CN=cn} with an {@code alg} ("rsa" / "ec") key, serverAuth + clientAuth, and its chain file (leaf + intermediate). */
    public Peer peer(String cn, String alg) {
        return peer(cn, alg, "extendedKeyUsage=serverAuth,clientAuth\nkeyUsage=critical,digitalSignature,keyEncipherment");
    }

    public Peer peer(String cn, String alg, String extensions) {
        String base = "peer" + (++serial);
        List<String> req = new ArrayList<>(List.of("req", "-nodes"));
        req.addAll(alg.equals("ec") ? List.of("-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256") : List.of("-newkey", "rsa:2048"));
        req.addAll(List.of("-keyout", base + ".key", "-out", base + ".csr", "-subj", "/CN=" + cn));
        OpenSsl.run(openssl.dir, req.toArray(String[]::new)).ok();
        String pem = sign(read(openssl.dir.resolve(base + ".csr")), 365, extensions);
        Path chain = openssl.dir.resolve(base + "-chain.pem");
        write(chain, pem + intPem());
        Path cert = openssl.dir.resolve(base + ".pem");
        write(cert, pem);
        return new Peer(cn, cert, openssl.dir.resolve(base + ".key"), chain);
    }

    /**
     * A multiplatform phone's own certificate with the seed's subject layout (seed 003: {@code OU=CP-8841-3PCC,
     * L=88012BA01234, S=000e08abcdef}; S is stateOrProvinceName, {@code ST} to openssl), an RSA 2048 key, clientAuth,
     * {@code days} valid. {@code mac} null: a generic certificate without S.
     */
    public Peer phone(String product, String serial, String mac, int days) {
        String subject = "/OU=" + product + (serial == null ? "" : "/L=" + serial) + (mac == null ? "" : "/ST=" + mac);
        return withSubject(subject, days, "basicConstraints=CA:FALSE\nextendedKeyUsage=clientAuth\nkeyUsage=critical,digitalSignature,keyEncipherment");
    }

    /** A leaf with this openssl {@code -subj}, RSA 2048, signed by the intermediate; cn of the result is the subject. */
    public Peer withSubject(String subject, int days, String extensions) {
        String base = "peer" + (++serial);
        OpenSsl.run(openssl.dir, "req", "-nodes", "-newkey", "rsa:2048", "-keyout", base + ".key", "-out", base + ".csr", "-subj", subject).ok();
        String pem = sign(read(openssl.dir.resolve(base + ".csr")), days, extensions);
        Path chain = openssl.dir.resolve(base + "-chain.pem");
        write(chain, pem + intPem());
        Path cert = openssl.dir.resolve(base + ".pem");
        write(cert, pem);
        return new Peer(subject, cert, openssl.dir.resolve(base + ".key"), chain);
    }

    // ------------------------------------------------------------------ the recipe
    /** The recipe with its defaults: the chain into the purpose's trust store, CA copies the CSR's extensions, 365 days, through the services. */
    public Recipe forPurpose(TestNode n, String purpose) { return new Recipe(n, purpose); }

    /** The whole recipe with its defaults; the installed identity ({@code OwnCert}) as JSON. */
    public JsonNode install(TestNode n, String purpose) { return forPurpose(n, purpose).install(); }

    /** Upload CA chain, make CSR, sign with this CA, import. Each step through the services (default) or the CLI. */
    public final class Recipe {
        private final TestNode n;
        private final String purpose;
        private String store;
        private String extensions;
        private int days = 365;
        private boolean cli, multiServer, allowKeyUsageChange, uploadChain = true;

        private Recipe(TestNode n, String purpose) {
            this.n = n;
            this.purpose = purpose;
            this.store = Catalogue.get().requirePurpose(n.config().product(), purpose).trustStore();
        }

        /** Upload the chain into this store instead of the purpose's. */
        public Recipe store(String s) { store = s; return this; }
        /** The chain is in the store already. */
        public Recipe chainPresent() { uploadChain = false; return this; }
        /** openssl extension lines for the leaf ("keyUsage=...\nextendedKeyUsage=...") instead of copying the CSR's. */
        public Recipe extensions(String e) { extensions = e; return this; }
        public Recipe days(int d) { days = d; return this; }
        public Recipe multiServer() { multiServer = true; return this; }
        public Recipe allowKeyUsageChange() { allowKeyUsageChange = true; return this; }
        /** Every step as an operator types it ({@code set cert import trust}, {@code set csr gen}, {@code set cert import own}). */
        public Recipe viaCli() { cli = true; return this; }

        /** Steps 1-3: the signed leaf (PEM), not imported. */
        public String signed() {
            if (uploadChain) uploadChain();
            return sign(csr(), days, extensions);
        }

        /** Steps 1-4: the installed identity as JSON (the change's value). */
        public JsonNode install() { return importSigned(signed()); }

        /** The import step alone (for a leaf from {@link #signed}). */
        public JsonNode importSigned(String leafPem) {
            if (cli) {
                List<String> a = new ArrayList<>(List.of("set", "cert", "import", "own", purpose, n.fileArg(purpose + ".pem", leafPem), "--json"));
                if (allowKeyUsageChange) a.add("--allow-key-usage-change");
                return n.cli(a.toArray(String[]::new)).ok().value();
            }
            return Json.MAPPER.valueToTree(n.certs().importSigned(TestNode.admin(), purpose, leafPem.getBytes(StandardCharsets.US_ASCII), allowKeyUsageChange).value());
        }

        private void uploadChain() {
            if (cli) n.cli("set", "cert", "import", "trust", store, n.fileArg(name + "-chain.pem", chainPem()), "--description", name + " CA").ok();
            else n.trust().importCertificates(TestNode.admin(), store, chainPem().getBytes(StandardCharsets.US_ASCII), name + " CA");
        }

        private String csr() {
            if (cli) {
                List<String> a = new ArrayList<>(List.of("set", "csr", "gen", purpose, "--json"));
                if (multiServer) a.add("--multi-server");
                return n.cli(a.toArray(String[]::new)).ok().value().get("pem").asText();
            }
            var o = CertificateService.Options.defaults();
            o = new CertificateService.Options(o.keySize(), o.hash(), o.validityDays(), o.o(), o.ou(), o.l(), o.st(), o.c(), o.sans(), multiServer);
            return n.certs().generateCsr(TestNode.admin(), purpose, o).value().pem();
        }
    }

    private static String read(Path p) {
        try { return Files.readString(p); } catch (IOException e) { throw new UncheckedIOException(e); }
    }

    private static void write(Path p, String s) {
        try { Files.writeString(p, s); } catch (IOException e) { throw new UncheckedIOException(e); }
    }
}
