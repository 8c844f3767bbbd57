package org.ucsec.tls.testing;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * A spawned process (no shell) with line-wise stdout/stderr readers; {@link #close()} always destroys it
 * (forcibly if it does not exit). Use in try-with-resources.
 */
public final class Proc implements AutoCloseable {
    private static final String EOF = "\u0000EOF";
    private final Process process;
    private final List<String> command;
    private final BlockingQueue<String> out = new LinkedBlockingQueue<>();
    private final StringBuffer outText = new StringBuffer();
    private final StringBuffer errText = new StringBuffer();
    private final OutputStream stdin;

    private Proc(List<String> command, Path dir) throws IOException {
        this.command = List.copyOf(command);
        ProcessBuilder pb = new ProcessBuilder(command).directory(dir.toFile());
        process = pb.start();
        stdin = process.getOutputStream();
        pump(process.inputReader(StandardCharsets.UTF_8), out, outText);
        pump(process.errorReader(StandardCharsets.UTF_8), null, errText);
    }

    public static Proc start(Path dir, String... command) throws IOException { return new Proc(List.of(command), dir); }

    public static Proc start(Path dir, List<String> command) throws IOException { return new Proc(command, dir); }

    private static void pump(BufferedReader r, BlockingQueue<String> q, StringBuffer all) {
        Thread.ofVirtual().start(() -> {
            try (r) {
                String line;
                while ((line = r.readLine()) != null) {
                    all.append(line).append('\n');
                    if (q != null) q.add(line);
                }
            } catch (IOException ignored) {
                // process gone
            } finally {
                if (q != null) q.add(EOF);
            }
        });
    }

    /** Next stdout line matching {@code p}, or null on EOF or timeout. */
    public String awaitLine(Predicate<String> p, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            long left = deadline - System.nanoTime();
            if (left <= 0) return null;
            String line = out.poll(left, TimeUnit.NANOSECONDS);
            if (line == null) return null;
            if (line.equals(EOF)) { out.add(EOF); return null; }
            if (p.test(line)) return line;
        }
    }

    public void send(String text) throws IOException {
        stdin.write(text.getBytes(StandardCharsets.UTF_8));
        stdin.flush();
    }

    /** Waits for the process to exit; true if it did. */
    public boolean awaitExit(Duration timeout) throws InterruptedException { return process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS); }

    public boolean alive() { return process.isAlive(); }

    public String stdout() { return outText.toString(); }

    public String stderr() { return errText.toString(); }

    public long pid() { return process.pid(); }

    @Override public void close() {
        try { stdin.close(); } catch (IOException ignored) { /* already closed */ }
        process.destroy();
        try {
            if (!process.waitFor(3, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                process.waitFor(3, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    @Override public String toString() { return "Proc" + new ArrayList<>(command); }
}
