package org.ucsec.tls.transport;

import org.ucsec.core.UcsecException;

import java.time.Clock;
import java.time.Duration;

/**
 * How a {@link TlsTransport} runs, apart from its TLS configuration (which is a
 * {@link org.ucsec.tls.listener.ListenerTlsConfig} and can be reloaded).
 *
 * @param engine          {@link TlsEngine#AUTO} by default
 * @param framing         how inbound bytes are cut into messages for the {@link MessageHandler}
 * @param maxConnections  open TCP connections at most (handshaking or established); more are closed at once and
 *                        counted as {@code connection.limit}
 * @param idleTimeout     an established connection that completes no message within this time is closed
 *                        ({@code connection.idle-timeout}); a byte now and then does not count, only whole messages
 * @param maxChainLength  a client chain longer than this is refused before any validation ({@code handshake.chain-too-long})
 * @param chainCacheSize  validated client chains remembered at most (0 = no cache)
 * @param chainCacheMaxAge a remembered decision is used at most this long (and never past a certificate's notAfter)
 * @param ioThreads       event-loop threads (0 = one per available processor)
 * @param backlog         the listen backlog
 * @param io              the event loop, {@link TransportIo#AUTO} by default (native epoll when it loads, else NIO)
 * @param clock           the time of the chain cache's decisions (a decision ends at the chain's earliest notAfter on
 *                        this clock): the node's injected clock, the system clock by default
 */
public record TransportOptions(TlsEngine engine, Framing framing, int maxConnections, Duration idleTimeout, int maxChainLength,
                               int chainCacheSize, Duration chainCacheMaxAge, int ioThreads, int backlog, TransportIo io, Clock clock) {
    public TransportOptions {
        if (engine == null || framing == null || io == null || clock == null) throw new UcsecException("transport.invalid", "engine, framing, io and clock are required");
        if (maxConnections < 1) throw new UcsecException("transport.invalid", "maxConnections must be at least 1, not " + maxConnections);
        if (idleTimeout == null || idleTimeout.isNegative() || idleTimeout.isZero()) throw new UcsecException("transport.invalid", "the idle timeout must be positive, not " + idleTimeout);
        if (maxChainLength < 1) throw new UcsecException("transport.invalid", "maxChainLength must be at least 1, not " + maxChainLength);
        if (chainCacheSize < 0) throw new UcsecException("transport.invalid", "chainCacheSize must not be negative");
        if (chainCacheMaxAge == null || chainCacheMaxAge.isNegative()) throw new UcsecException("transport.invalid", "chainCacheMaxAge must not be negative");
        if (ioThreads < 0 || backlog < 1) throw new UcsecException("transport.invalid", "ioThreads must be >= 0 and backlog >= 1");
    }

    /** AUTO engine, SIP framing (64 KB), 10,000 connections, 5 min idle, chains of at most 10, 10,000 cached chains for 5 min, AUTO event loop. */
    public static TransportOptions defaults() {
        return new TransportOptions(TlsEngine.AUTO, Framing.sip(65_536), 10_000, Duration.ofMinutes(5), 10, 10_000, Duration.ofMinutes(5), 0, 1024, TransportIo.AUTO, Clock.systemUTC());
    }

    public TransportOptions withEngine(TlsEngine e) { return new TransportOptions(e, framing, maxConnections, idleTimeout, maxChainLength, chainCacheSize, chainCacheMaxAge, ioThreads, backlog, io, clock); }
    public TransportOptions withFraming(Framing f) { return new TransportOptions(engine, f, maxConnections, idleTimeout, maxChainLength, chainCacheSize, chainCacheMaxAge, ioThreads, backlog, io, clock); }
    public TransportOptions withMaxConnections(int n) { return new TransportOptions(engine, framing, n, idleTimeout, maxChainLength, chainCacheSize, chainCacheMaxAge, ioThreads, backlog, io, clock); }
    public TransportOptions withIdleTimeout(Duration d) { return new TransportOptions(engine, framing, maxConnections, d, maxChainLength, chainCacheSize, chainCacheMaxAge, ioThreads, backlog, io, clock); }
    public TransportOptions withMaxChainLength(int n) { return new TransportOptions(engine, framing, maxConnections, idleTimeout, n, chainCacheSize, chainCacheMaxAge, ioThreads, backlog, io, clock); }
    public TransportOptions withChainCache(int size, Duration maxAge) { return new TransportOptions(engine, framing, maxConnections, idleTimeout, maxChainLength, size, maxAge, ioThreads, backlog, io, clock); }
    public TransportOptions withIoThreads(int n) { return new TransportOptions(engine, framing, maxConnections, idleTimeout, maxChainLength, chainCacheSize, chainCacheMaxAge, n, backlog, io, clock); }
    public TransportOptions withIo(TransportIo i) { return new TransportOptions(engine, framing, maxConnections, idleTimeout, maxChainLength, chainCacheSize, chainCacheMaxAge, ioThreads, backlog, i, clock); }
    public TransportOptions withBacklog(int n) { return new TransportOptions(engine, framing, maxConnections, idleTimeout, maxChainLength, chainCacheSize, chainCacheMaxAge, ioThreads, n, io, clock); }
    public TransportOptions withClock(Clock c) { return new TransportOptions(engine, framing, maxConnections, idleTimeout, maxChainLength, chainCacheSize, chainCacheMaxAge, ioThreads, backlog, io, c); }
}
