package org.ucsec.node.sipoauth;

import java.io.IOException;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * stunnel4 in client mode in front of a plain-TCP SIP client (Debian's sipp has no TLS; JAIN-SIP over TCP): accepts
 * on a local port, connects with TLS to the edge, verifies the node's tomcat certificate and host name.
 */
final class Stunnel implements AutoCloseable {
    final int port;
    private final Process p;

    private Stunnel(int port, Process p) { this.port = port; this.p = p; }

    static boolean available() { return onPath("stunnel4") || onPath("stunnel"); }

    static boolean onPath(String cmd) {
        for (String d : System.getenv().getOrDefault("PATH", "").split(":")) if (Files.isExecutable(Path.of(d, cmd))) return true;
        return false;
    }

    static Stunnel start(Path dir, Path caFile, int edgePort) throws Exception {
        int local = SipOAuthTestSupport.freePort();
        Path conf = dir.resolve("stunnel-" + local + ".conf");
        Files.writeString(conf, "foreground = yes\npid =\ndebug = 4\n[sip]\nclient = yes\naccept = 127.0.0.1:" + local + "\nconnect = 127.0.0.1:" + edgePort
                + "\nCAfile = " + caFile + "\nverifyChain = yes\ncheckHost = cucm1.example.com\n");
        Process p = new ProcessBuilder(onPath("stunnel4") ? "stunnel4" : "stunnel", conf.toString()).redirectErrorStream(true)
                .redirectOutput(dir.resolve("stunnel-" + local + ".log").toFile()).start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (System.nanoTime() < deadline) {
            try (Socket s = new Socket("127.0.0.1", local)) { return new Stunnel(local, p); } catch (IOException e) { Thread.sleep(100); }
            if (!p.isAlive()) break;
        }
        p.destroyForcibly();
        throw new AssertionError("stunnel did not start: " + Files.readString(dir.resolve("stunnel-" + local + ".log")));
    }

    @Override public void close() {
        p.destroy();
        try { if (!p.waitFor(5, TimeUnit.SECONDS)) p.destroyForcibly(); } catch (InterruptedException e) { Thread.currentThread().interrupt(); }
    }
}
