package org.ucsec.tls.testing;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** {@code openssl s_server} on 127.0.0.1 and a port the kernel picks ({@code -accept 127.0.0.1:0}); destroyed on close. */
public final class OpenSslServer implements AutoCloseable {
    private final Proc proc;
    private final int port;

    private OpenSslServer(Proc proc, int port) {
        this.proc = proc;
        this.port = port;
    }

    /** Starts {@code openssl s_server -accept 127.0.0.1:0 ARGS...} and waits for its "ACCEPT 127.0.0.1:PORT" line. */
    public static OpenSslServer start(Path dir, String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of("openssl", "s_server", "-accept", "127.0.0.1:0"));
        cmd.addAll(List.of(args));
        Proc p = Proc.start(dir, cmd);
        try {
            String line = p.awaitLine(l -> l.startsWith("ACCEPT"), Duration.ofSeconds(10));
            if (line == null) throw new IllegalStateException("s_server did not start: " + p.stderr() + p.stdout());
            return new OpenSslServer(p, Integer.parseInt(line.substring(line.lastIndexOf(':') + 1).trim()));
        } catch (RuntimeException | InterruptedException e) {
            p.close();
            throw e;
        }
    }

    public int port() { return port; }

    public String output() { return proc.stdout() + proc.stderr(); }

    @Override public void close() { proc.close(); }
}
