package org.ucsec.node.testing;

import com.fasterxml.jackson.databind.JsonNode;
import org.ucsec.node.Node;
import org.ucsec.node.NodeConfig;
import org.ucsec.node.platform.rest.Json;
import org.ucsec.pki.catalogue.Product;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** A real node on loopback (port 0) in a temporary directory, driven through the real CLI (picocli -> HTTPS REST -> services). */
public final class TestNode implements AutoCloseable {
    public final Path dir;
    public final MutableClock clock;
    public Node node;

    public TestNode(Path dir, MutableClock clock) throws Exception {
        this.dir = dir;
        this.clock = clock;
        start();
    }

    public static TestNode start(Path dir) throws Exception { return new TestNode(dir, MutableClock.now()); }

    public NodeConfig config() {
        return new NodeConfig(dir, "127.0.0.1", 0, "imp1", "imp1.example.com", Product.IMP, true, null, null, null, clock, 0);
    }

    public void start() throws Exception { node = Node.start(config()); }

    public void restart() throws Exception { node.close(); start(); }

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

    /** JSON snapshot of everything a refusal must leave unchanged: identities, trust stores, pending CSRs, restarts. */
    public String snapshot() {
        return cli("show", "cert", "list", "own", "--json").ok().out() + cli("show", "cert", "list", "trust", "--json").ok().out()
                + cli("utils", "service", "list", "--json").ok().out();
    }

    @Override public void close() { node.close(); }
}
