package org.ucsec.node.testing;

import com.fasterxml.jackson.databind.JsonNode;
import org.ucsec.node.Node;
import org.ucsec.node.NodeConfig;
import org.ucsec.node.certs.CertificateService;
import org.ucsec.node.modes.SecurityModeService;
import org.ucsec.node.platform.Actor;
import org.ucsec.node.platform.rest.Json;
import org.ucsec.node.restarts.RestartService;
import org.ucsec.node.tlscontext.TlsContextService;
import org.ucsec.node.trust.TrustStoreService;
import org.ucsec.pki.catalogue.Product;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A real node on loopback (admin port 0, {@code --sip-tls-port 0}, {@code --provisioning-port 0}) in a temporary data directory, with a
 * {@link MutableClock}. Tests drive it through the real CLI ({@link #cli}: picocli -> HTTPS REST -> services) or call
 * its services directly ({@link #service}, as {@link #admin()}). Usually injected by {@link TestNodeExtension}.
 */
public final class TestNode implements AutoCloseable {
    /** The data directory ({@code --data}). */
    public final Path dir;
    /** Where tests put the files they hand to the CLI (uploads, exports, CAs); beside the data directory. */
    public final Path scratch;
    public final MutableClock clock;
    public Node node;
    private final AtomicInteger files = new AtomicInteger();
    private final Product product;
    private final boolean publisher;

    /** The capabilities this node runs: {@link org.ucsec.node.Capabilities#all()} unless a test adds its own. */
    private final java.util.function.UnaryOperator<List<org.ucsec.node.platform.Capability>> capabilities;

    public TestNode(Path dir, MutableClock clock) throws Exception { this(dir, clock, Product.IMP, true); }

    /** A node of {@code product} ({@code cucm1.example.com} for call control, {@code imp1.example.com} otherwise); a subscriber unless {@code publisher}. */
    public TestNode(Path dir, MutableClock clock, Product product, boolean publisher) throws Exception {
        this(dir, clock, product, publisher, java.util.function.UnaryOperator.identity());
    }

    /**
     * A node whose capability list is {@code capabilities} applied to {@link org.ucsec.node.Capabilities#all()}: the test
     * seam for replacing or adding a capability in one test.
     */
    public TestNode(Path dir, MutableClock clock, java.util.function.UnaryOperator<List<org.ucsec.node.platform.Capability>> capabilities) throws Exception {
        this(dir, clock, Product.IMP, true, capabilities);
    }

    public TestNode(Path dir, MutableClock clock, Product product, boolean publisher,
                    java.util.function.UnaryOperator<List<org.ucsec.node.platform.Capability>> capabilities) throws Exception {
        this.capabilities = capabilities;
        this.dir = dir;
        this.clock = clock;
        this.product = product;
        this.publisher = publisher;
        this.scratch = dir.resolveSibling(dir.getFileName() + "-files");
        Files.createDirectories(scratch);
        start();
    }

    /** A node on a data directory of its own (a first start unless the directory holds a node already). */
    public static TestNode start(Path dir) throws Exception { return new TestNode(dir, MutableClock.now()); }

    /** A real first start of a {@code product} node on its own data directory. */
    public static TestNode start(Path dir, Product product, boolean publisher) throws Exception { return new TestNode(dir, MutableClock.now(), product, publisher); }

    public NodeConfig config() {
        String name = product == Product.CUCM ? "cucm1" : "imp1";
        return new NodeConfig(dir, "127.0.0.1", 0, name, name + ".example.com", product, publisher, null, null, null, clock, 0,
                org.ucsec.tls.transport.TlsEngine.AUTO, 0);
    }

    public void start() throws Exception { node = Node.start(config(), capabilities.apply(org.ucsec.node.Capabilities.all())); }

    /** Closes and starts the node again on the same data directory (new ports). */
    public void restart() throws Exception { node.close(); start(); }

    // ------------------------------------------------------------------ services
    /** A service of the running node, as wired by {@code Node.start}. */
    public <T> T service(Class<T> type) { return node.service(type); }

    public TrustStoreService trust() { return service(TrustStoreService.class); }
    public CertificateService certs() { return service(CertificateService.class); }
    public TlsContextService tls() { return service(TlsContextService.class); }
    public SecurityModeService modes() { return service(SecurityModeService.class); }
    public RestartService restarts() { return service(RestartService.class); }

    /** An administrator with delete rights (what the local admin token is). */
    public static Actor admin() { return new Actor("test-admin", Actor.Role.ADMIN, true); }

    // ------------------------------------------------------------------ files
    /** Writes {@code text} to a new file in {@link #scratch} and returns its path, for the CLI. */
    public Path file(String name, String text) {
        try {
            Path f = scratch.resolve(files.incrementAndGet() + "-" + name);
            Files.writeString(f, text, StandardCharsets.UTF_8);
            return f;
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    /** {@link #file} as the string the CLI takes. */
    public String fileArg(String name, String text) { return file(name, text).toString(); }

    // ------------------------------------------------------------------ CLI
    /** What a CLI invocation printed and returned. */
    public record Run(int exit, String out, String err) {
        public JsonNode json() {
            try { return Json.MAPPER.readTree(out); } catch (Exception e) { throw new AssertionError("not JSON: " + out + err, e); }
        }
        /** The {@code value} of a change's answer ({@code Change}: value, warnings, restartsMarked). */
        public JsonNode value() {
            JsonNode v = json().get("value");
            if (v == null) throw new AssertionError("not a change answer: " + out);
            return v;
        }
        public Run ok() { if (exit != 0) throw new AssertionError("exit " + exit + ": " + err + out); return this; }

        /** Asserts the node refused (exit 1) with {@code code} on stderr; returns the run for more checks. */
        public Run refused(String code) {
            if (exit != 1 || !err.contains(code)) throw new AssertionError("expected a refusal with " + code + " (exit 1), got exit " + exit + ": " + err + out);
            return this;
        }
    }

    /** Runs `ucsec ARGS --data DIR` in-process. */
    public Run cli(String... args) {
        List<String> a = new ArrayList<>(List.of(args));
        a.add("--data");
        a.add(dir.toString());
        StringWriter out = new StringWriter(), err = new StringWriter();
        var cl = org.ucsec.node.Main.commandLine();
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        int exit = cl.execute(a.toArray(String[]::new));
        return new Run(exit, out.toString(), err.toString());
    }

    /**
     * JSON snapshot of everything a refusal must leave unchanged: identities, pending CSRs, trust stores, restarts, TLS
     * peer subjects and contexts, security modes. Read through the services (the store), so it works for service-level
     * and CLI tests alike.
     */
    public String snapshot() {
        return Json.write(List.of(certs().listOwn(), trust().list(null), restarts().list(), tls().peerSubjects(), tls().contexts(), modes().status()));
    }

    @Override public void close() { if (node != null) node.close(); }
}
