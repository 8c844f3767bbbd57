package org.ucsec.node.testing;

import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.platform.commons.support.AnnotationSupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * Starts real nodes for tests ({@link NodeTest}, {@link FreshNode}): admin port 0, {@code --sip-tls-port 0}, a temporary
 * data directory, a {@link MutableClock}; injects them as {@link TestNode} parameters and closes and deletes them when
 * their scope (the class, or the test) ends. A class-scoped node's clock is reset after every test, so a test that moves
 * time ("29 minutes later") needs no try/finally.
 *
 * <p>Nodes start on a copy of a data directory that one real first start of this JVM prepared (store, master key, local
 * admin token): the same state as a first start, without generating the nine identity keys again. {@code
 * @FreshNode(firstStart = true)} gets a real first start on an empty directory.
 */
public final class TestNodeExtension implements ParameterResolver, AfterEachCallback {
    private static final ExtensionContext.Namespace NS = ExtensionContext.Namespace.create(TestNodeExtension.class);
    private static Path template;

    @Override public boolean supportsParameter(ParameterContext p, ExtensionContext c) throws ParameterResolutionException {
        return p.getParameter().getType() == TestNode.class;
    }

    @Override public Object resolveParameter(ParameterContext p, ExtensionContext c) throws ParameterResolutionException {
        FreshNode fresh = p.findAnnotation(FreshNode.class).orElse(null);
        if (fresh != null) {
            if (c.getTestMethod().isEmpty()) throw new ParameterResolutionException("@FreshNode belongs on a test's parameter, not on " + p.getDeclaringExecutable());
            return c.getStore(NS).computeIfAbsent(fresh.firstStart() ? "fresh-first-start" : "fresh", k -> start(fresh.firstStart()), Holder.class).node;
        }
        boolean perTest = scope(c) == NodeTest.Scope.PER_TEST;
        if (perTest) {
            if (c.getTestMethod().isEmpty()) throw new ParameterResolutionException("a PER_TEST node cannot be injected into " + p.getDeclaringExecutable() + " (no test is running)");
            return c.getStore(NS).computeIfAbsent("node", k -> start(false), Holder.class).node;
        }
        return classContext(c).getStore(NS).computeIfAbsent("node", k -> start(false), Holder.class).node;
    }

    @Override public void afterEach(ExtensionContext c) {
        Holder shared = classContext(c).getStore(NS).get("node", Holder.class);
        if (shared != null) shared.node.clock.reset();
    }

    private static NodeTest.Scope scope(ExtensionContext c) {
        return c.getTestClass().flatMap(k -> AnnotationSupport.findAnnotation(k, NodeTest.class)).map(NodeTest::value).orElse(NodeTest.Scope.PER_CLASS);
    }

    private static ExtensionContext classContext(ExtensionContext c) {
        ExtensionContext x = c;
        while (x.getTestMethod().isPresent() && x.getParent().isPresent()) x = x.getParent().get();
        return x;
    }

    /** A started node and the temporary directory it lives in; closing stops the node and deletes the directory. */
    record Holder(TestNode node, Path root) implements AutoCloseable {
        @Override public void close() {
            try { node.close(); } finally { delete(root); }
        }
    }

    static Holder start(boolean firstStart) {
        try {
            Path root = Files.createTempDirectory("ucsec-node-test-");
            Path data = root.resolve("node");
            if (!firstStart) copy(template(), data);
            try {
                return new Holder(new TestNode(data, MutableClock.now()), root);
            } catch (Exception e) {
                delete(root);
                throw e;
            }
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new ParameterResolutionException("cannot start a test node: " + e, e);
        }
    }

    /** The data directory of one real first start, stopped; made once per JVM. */
    private static synchronized Path template() throws Exception {
        if (template == null) {
            Path root = Files.createTempDirectory("ucsec-node-template-");
            Runtime.getRuntime().addShutdownHook(new Thread(() -> delete(root)));
            Path data = root.resolve("node");
            try (TestNode first = TestNode.start(data)) { first.node.adminPort(); }
            template = data;
        }
        return template;
    }

    private static void copy(Path from, Path to) throws IOException {
        Files.createDirectory(to, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        try (Stream<Path> all = Files.walk(from)) {
            for (Path f : all.toList()) {
                String name = f.getFileName().toString();
                if (name.equals("cli.json") || name.endsWith(".lock.db") || name.endsWith(".trace.db")) continue; // rewritten / per process
                Path t = to.resolve(from.relativize(f).toString());
                if (f.equals(from)) continue;
                if (Files.isDirectory(f)) Files.createDirectories(t);
                else Files.copy(f, t, StandardCopyOption.COPY_ATTRIBUTES);
            }
        }
    }

    static void delete(Path root) {
        if (!Files.exists(root)) return;
        try (Stream<Path> all = Files.walk(root)) {
            for (Path f : all.sorted(Comparator.reverseOrder()).toList()) Files.deleteIfExists(f);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
