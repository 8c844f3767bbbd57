package org.ucsec.tls.listener;

import java.util.Map;

/**
 * Counters of a listener since it started.
 *
 * @param accepted    TCP connections accepted
 * @param established connections that passed the handshake and every peer check and were handed to the handler
 * @param active      connections currently in the handler
 * @param rejected    refused connections by reason code ({@code handshake.*} during the TLS handshake,
 *                    {@code peer.*} by the listener's own checks after it)
 */
public record ListenerStats(long accepted, long established, long active, Map<String, Long> rejected) {
    public ListenerStats { rejected = Map.copyOf(rejected); }

    public long rejected(String code) { return rejected.getOrDefault(code, 0L); }

    public long rejectedTotal() { return rejected.values().stream().mapToLong(Long::longValue).sum(); }
}
