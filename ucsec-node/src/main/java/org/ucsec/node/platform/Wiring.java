package org.ucsec.node.platform;

import org.ucsec.core.UcsecException;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * How capabilities are put together when a node starts: each capability, in list order, may {@link #require} the
 * services of the ones before it and {@link #provide} its own. Used only while the node starts; nothing looks a
 * service up at request time.
 */
public final class Wiring {
    private final NodeContext ctx;
    private final Map<Class<?>, Object> services = new LinkedHashMap<>();
    private final List<Capability.Running> running = new ArrayList<>();

    public Wiring(NodeContext ctx) { this.ctx = ctx; }

    public NodeContext ctx() { return ctx; }

    public <T> T provide(Class<T> type, T service) {
        if (services.putIfAbsent(type, service) != null) throw new IllegalStateException(type.getSimpleName() + " is provided twice");
        return service;
    }

    public <T> T require(Class<T> type) {
        Object s = services.get(type);
        if (s == null) throw new IllegalStateException(type.getSimpleName() + " is required but not provided by an earlier capability (order in Capabilities)");
        return type.cast(s);
    }

    /** A service an earlier capability may provide (a capability that works without it, e.g. with no phones yet). */
    public <T> java.util.Optional<T> find(Class<T> type) { return java.util.Optional.ofNullable(type.cast(services.get(type))); }

    /** Starts every capability of the list, in order. */
    public Wiring startAll(List<Capability> capabilities) {
        for (Capability c : capabilities) {
            try {
                running.add(c.start(this));
            } catch (UcsecException e) {
                throw e;
            } catch (RuntimeException e) {
                throw new IllegalStateException("capability " + c.name() + " failed to start: " + e.getMessage(), e);
            }
        }
        return this;
    }

    /** Every started capability, in list order; a live view, complete once the node has started. */
    public List<Capability.Running> capabilities() { return Collections.unmodifiableList(running); }

}
