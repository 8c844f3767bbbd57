package org.ucsec.node.listeners;

import org.eclipse.jetty.io.Connection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Cuts HTTP connections that trickle (issue 8, item 9): Jetty's idle timeout restarts with every byte, so a client
 * sending one byte a second would hold a connection forever. Every {@code window} each HTTP connection is looked at:
 * one that received bytes but completed no request during a whole window is closed. A silent connection is left to the
 * idle timeout; a client that completes requests is never touched.
 */
final class SlowClientGuard implements Connection.Listener, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(SlowClientGuard.class);

    private record Seen(long bytesIn, long messagesIn) {}

    private final Duration window;
    private final Map<Connection, Seen> open = new ConcurrentHashMap<>();
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "ucsec-slow-client-guard");
        t.setDaemon(true);
        return t;
    });

    SlowClientGuard(Duration window) {
        this.window = window;
        timer.scheduleWithFixedDelay(this::sweep, window.toMillis(), window.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override public void onOpened(Connection c) {
        if (c.getClass().getSimpleName().equals("HttpConnection")) open.put(c, new Seen(c.getBytesIn(), c.getMessagesIn()));
    }

    @Override public void onClosed(Connection c) { open.remove(c); }

    private void sweep() {
        open.forEach((c, before) -> {
            Seen now = new Seen(c.getBytesIn(), c.getMessagesIn());
            if (now.bytesIn() > before.bytesIn() && now.messagesIn() == before.messagesIn()) {
                LOG.warn("closing a slow HTTP client {}: {} bytes in {} s without completing a request", c.getEndPoint().getRemoteSocketAddress(),
                        now.bytesIn() - before.bytesIn(), window.toSeconds());
                open.remove(c);
                try { c.close(); } catch (Exception ignored) { /* already closing */ }
            } else {
                open.replace(c, before, now);
            }
        });
    }

    @Override public void close() { timer.shutdownNow(); }
}
