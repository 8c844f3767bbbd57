package org.ucsec.tls.testing;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code openssl s_client -quiet} connected to 127.0.0.1:PORT: lines written to its stdin go to the server, lines
 * the server sends come out of its stdout. Destroyed on close.
 */
public final class SClient implements AutoCloseable {
    private final Proc proc;

    private SClient(Proc proc) { this.proc = proc; }

    /** {@code openssl s_client -connect 127.0.0.1:PORT -quiet ARGS...} */
    public static SClient connect(Path dir, int port, String... args) throws IOException {
        List<String> cmd = new ArrayList<>(List.of("openssl", "s_client", "-connect", "127.0.0.1:" + port, "-quiet"));
        cmd.addAll(List.of(args));
        return new SClient(Proc.start(dir, cmd));
    }

    /** Sends a line and returns the echoed line, or null if the connection ended (or nothing came within the timeout). */
    public String roundTrip(String line, Duration timeout) throws IOException, InterruptedException {
        try {
            proc.send(line + "\n");
        } catch (IOException e) {
            return null; // s_client already exited: the connection was refused
        }
        return proc.awaitLine(l -> true, timeout);
    }

    public boolean exited(Duration timeout) throws InterruptedException { return proc.awaitExit(timeout); }

    public String stderr() { return proc.stderr(); }

    @Override public void close() { proc.close(); }
}
