package org.ucsec.node.listeners;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.function.IntFunction;
import java.util.function.IntSupplier;

/**
 * A hosted listener whose port a capability decides from its settings (the SIP OAuth edge: off while the cluster's SIP
 * OAuth mode is disabled, on the node's O4 port otherwise). At start and at every restart of its service the port is
 * read again: -1 closes it, another port moves it (open connections on the old port end), the same port reloads the
 * TLS material in place.
 */
final class OnDemandListener implements HostedListener {
    private static final Logger LOG = LoggerFactory.getLogger(OnDemandListener.class);

    private final String service;
    private final IntSupplier port;
    private final IntFunction<HostedListener> open;
    private HostedListener current;

    OnDemandListener(String service, IntSupplier port, IntFunction<HostedListener> open) {
        this.service = service;
        this.port = port;
        this.open = open;
        int p = port.getAsInt();
        if (p < 0) { LOG.info("listener {} is off (its capability's setting)", service); return; }
        try {
            current = open.apply(p);
        } catch (org.ucsec.core.UcsecException e) {
            // the node still starts: the port is named in the log and the next restart of the service tries again
            if (!e.code().equals("listener.bind")) throw e;
            LOG.error("listener {} is off: {}", service, e.getMessage());
        }
    }

    @Override public String service() { return service; }

    @Override public synchronized int port() { return current == null ? -1 : current.port(); }

    @Override public synchronized String reload() throws Exception {
        int wanted = port.getAsInt();
        if (wanted < 0) {
            if (current == null) return service + " stays off";
            current.close();
            current = null;
            LOG.info("listener {} closed (its setting turned it off)", service);
            return service + " listener closed (off by its setting)";
        }
        if (current != null && (current.port() == wanted || wanted == 0)) return current.reload();
        HostedListener old = current;
        int oldPort = old == null ? -1 : old.port();
        if (old != null) { old.close(); current = null; }
        current = open.apply(wanted);
        return service + " listening on port " + current.port() + (old == null ? "" : " (moved from " + oldPort + "; its open connections were closed)");
    }

    @Override public synchronized Status status() {
        if (current == null) throw new IllegalStateException(service + " is off");
        return current.status();
    }

    /** The listener now serving, or null when off. */
    synchronized HostedListener current() { return current; }

    @Override public synchronized void close() { if (current != null) current.close(); current = null; }
}
