package org.ucsec.tls.transport;

import java.util.Map;

/**
 * Counters of a {@link TlsTransport} since it started.
 *
 * @param engine      the engine in use (never AUTO)
 * @param accepted    TCP connections accepted
 * @param open        TCP connections open now (handshaking, established or closing)
 * @param established connections that passed the handshake and every peer check
 * @param active      established connections open now
 * @param rejected    refused or dropped connections by reason code ({@code handshake.*}, {@code peer.*}, {@code connection.*})
 * @param chainCacheHits   client chains accepted from the cache
 * @param chainCacheMisses client chains the trust hook had to decide
 */
public record TransportStats(TlsEngine engine, long accepted, long open, long established, long active, Map<String, Long> rejected,
                             long chainCacheHits, long chainCacheMisses) {
    public TransportStats { rejected = Map.copyOf(rejected); }

    public long rejected(String code) { return rejected.getOrDefault(code, 0L); }

    public long rejectedTotal() { return rejected.values().stream().mapToLong(Long::longValue).sum(); }
}
