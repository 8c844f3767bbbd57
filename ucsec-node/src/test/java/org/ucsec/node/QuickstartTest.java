package org.ucsec.node;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The README's quick start runs as written (issue 6, item 7): every command line of its {@code sh}
 * blocks runs in order through bash in a fresh working directory and exits 0. The {@code ./ucsec serve} line starts
 * the node as a separate JVM, on free ports ({@code --port 0 --sip-tls-port 0} appended, so it runs beside any other
 * node); at the end the node gets SIGTERM and must exit promptly, without a stack trace in its output or in the store's
 * trace file.
 *
 * <p>In the working directory {@code ./ucsec} is a stand-in for the launcher: it runs the same main class with the same
 * JVM security properties on the classpath the build has just made, instead of building the node first (the launcher
 * builds with Maven when its jar is missing or older than the sources, which it is while the build runs these tests).
 * {@code bin/test-ca.sh} is the repository's script.
 */
class QuickstartTest {
    @TempDir Path work;

    static final Path DOC = SeparateNode.repo().resolve("README.md");

    /** The command lines of the {@code sh} blocks of the README's "Quick start" section, in order (comments and blank lines left out). */
    static List<String> commandLines() throws Exception {
        List<String> out = new ArrayList<>();
        boolean inSh = false, inSection = false;
        for (String line : Files.readAllLines(DOC)) {
            String t = line.strip();
            if (line.startsWith("## ")) { inSection = line.startsWith("## Quick start"); continue; }
            if (!inSection) continue;
            if (!inSh && t.equals("```sh")) { inSh = true; continue; }
            if (inSh && t.equals("```")) { inSh = false; continue; }
            if (inSh && !t.isEmpty() && !t.startsWith("#")) out.add(t);
        }
        return out;
    }

    @Test
    void quickstart_everyCommandRunsInOrderOnAFreshNode_andTheNodeStopsCleanlyOnSigterm() throws Exception {
        List<String> lines = commandLines();
        assertThat(lines).as("command lines in %s", DOC).hasSizeGreaterThan(3);
        assertThat(lines.get(0)).as("the quick start starts the node first").startsWith("./ucsec serve");
        assertThat(String.join("\n", lines)).contains("bin/test-ca.sh init", "bin/test-ca.sh sign", "set cert import trust", "set cert import own");

        writeLauncherStandIn();
        Process node = null;
        Path data = null;
        try {
            for (String line : lines) {
                if (line.startsWith("./ucsec serve")) {
                    Matcher m = Pattern.compile("--data\\s+(\\S+)").matcher(line);
                    assertThat(m.find()).as("the serve line names its data directory: %s", line).isTrue();
                    data = work.resolve(m.group(1));
                    node = new ProcessBuilder("bash", "-c", "exec " + line + " --port 0 --sip-tls-port 0 --provisioning-port 0").directory(work.toFile())
                            .redirectErrorStream(true).redirectOutput(work.resolve("serve.log").toFile()).start();
                    waitUntilUp(node, data);
                    continue;
                }
                Process p = new ProcessBuilder("bash", "-c", line).directory(work.toFile()).redirectErrorStream(true)
                        .redirectOutput(work.resolve("step.log").toFile()).start();
                boolean done = p.waitFor(120, TimeUnit.SECONDS);
                if (!done) p.destroyForcibly();
                String output = Files.readString(work.resolve("step.log"));
                assertThat(done && p.exitValue() == 0).as("`%s` exits 0; it printed:%n%s", line, output).isTrue();
            }
            // what the quick start promises: the admin listener now serves the certificate signed by the test CA
            List<String> issuers = new ArrayList<>();
            for (var c : CertificateFactory.getInstance("X.509").generateCertificates(new ByteArrayInputStream(Files.readAllBytes(data.resolve("admin-listener.pem"))))) {
                issuers.add(((X509Certificate) c).getIssuerX500Principal().getName());
            }
            assertThat(issuers).as("issuers of what the admin listener serves").anyMatch(i -> i.contains("CN=ucsec Test Issuing CA"));

            node.destroy(); // SIGTERM
            assertThat(node.waitFor(30, TimeUnit.SECONDS)).as("serve exits within 30 s of SIGTERM").isTrue();
            String log = Files.readString(work.resolve("serve.log"));
            // serve stops cleanly on SIGTERM and says so (issue 6, item 7)
            assertThat(node.exitValue()).as("serve's exit code after SIGTERM; it printed:%n%s", log).isEqualTo(0);
            assertThat(log).contains("stopped: listeners closed, store closed");
            assertThat(log).as("serve's output after SIGTERM").doesNotContain("Exception");
            Path trace = data.resolve("store/ucsec.trace.db");
            assertThat(Files.exists(trace) ? Files.readString(trace) : "").as("the store's trace file after SIGTERM").doesNotContain("Exception");
        } finally {
            if (node != null && node.isAlive()) {
                node.destroyForcibly();
                node.waitFor(10, TimeUnit.SECONDS);
            }
        }
    }

    /** {@code ./ucsec}: what the launcher's last line runs, on the test classpath. */
    private void writeLauncherStandIn() throws Exception {
        StringBuilder cmd = new StringBuilder("exec");
        for (String a : SeparateNode.launcherCommand()) cmd.append(" '").append(a.replace("'", "'\\''")).append("'");
        Path ucsec = work.resolve("ucsec");
        Files.writeString(ucsec, "#!/bin/sh\n# stand-in for the repository's ./ucsec launcher (QuickstartTest)\n" + cmd + " \"$@\"\n");
        Files.setPosixFilePermissions(ucsec, PosixFilePermissions.fromString("rwxr-xr-x"));
        Files.createDirectories(work.resolve("bin"));
        Files.createSymbolicLink(work.resolve("bin/test-ca.sh"), SeparateNode.repo().resolve("bin/test-ca.sh"));
    }

    private void waitUntilUp(Process node, Path data) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
        while (System.nanoTime() < deadline) {
            if (!node.isAlive()) throw new AssertionError("serve exited with " + node.exitValue() + ":\n" + Files.readString(work.resolve("serve.log")));
            if (Files.exists(data.resolve("cli.json"))) return;
            Thread.sleep(100);
        }
        throw new AssertionError("serve did not come up in 90 s:\n" + Files.readString(work.resolve("serve.log")));
    }
}
