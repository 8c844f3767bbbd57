package org.ucsec.node.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** The real `openssl s_client` as a TLS peer: connects, sends one request, collects what comes back (bounded in time). */
public final class SClient implements AutoCloseable {
    private final Process p;
    private final StringBuffer output = new StringBuffer();

    private SClient(Process p) {
        this.p = p;
        Thread.ofVirtual().start(() -> {
            try (InputStream in = p.getInputStream()) {
                byte[] buf = new byte[4096];
                for (int n; (n = in.read(buf)) > 0; ) output.append(new String(buf, 0, n, StandardCharsets.UTF_8));
            } catch (IOException ignored) { /* process ended */ }
        });
    }

    public static SClient connect(Path dir, int port, String... extra) throws IOException {
        List<String> cmd = new ArrayList<>(List.of("openssl", "s_client", "-connect", "127.0.0.1:" + port, "-quiet", "-no_ign_eof"));
        cmd.addAll(List.of(extra));
        return new SClient(new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true).start());
    }

    /** Sends text and waits up to {@code seconds} for {@code expect} in the output (or for the process to end). */
    public String exchange(String text, String expect, int seconds) throws Exception {
        try {
            OutputStream out = p.getOutputStream();
            out.write(text.getBytes(StandardCharsets.UTF_8));
            out.flush();
        } catch (IOException e) { /* the peer already closed: the output says why */ }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (System.nanoTime() < deadline && p.isAlive() && !output.toString().contains(expect)) Thread.sleep(50);
        if (!p.isAlive()) p.waitFor(2, TimeUnit.SECONDS);
        Thread.sleep(100);
        return output.toString();
    }

    public static String options(String callId) {
        return "OPTIONS sip:imp1.example.com SIP/2.0\r\nVia: SIP/2.0/TLS 127.0.0.1;branch=z9hG4bK" + callId + "\r\nFrom: <sip:peer@example.com>;tag=1\r\n"
                + "To: <sip:imp1.example.com>\r\nCall-ID: " + callId + "\r\nCSeq: 1 OPTIONS\r\nMax-Forwards: 70\r\nContent-Length: 0\r\n\r\n";
    }

    @Override public void close() {
        p.destroyForcibly();
        try { p.waitFor(5, TimeUnit.SECONDS); } catch (InterruptedException e) { Thread.currentThread().interrupt(); }
    }
}
