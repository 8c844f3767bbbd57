package org.ucsec.sip;

import org.ucsec.core.UcsecException;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An in-memory registrar (RFC 3261 10.3), thread-safe, on an injected clock. Bindings are kept per address-of-record;
 * each binding is a contact URI with its expiry. One REGISTER is applied to its AOR atomically (all its contacts or
 * none). Expired bindings are never returned and {@link #sweep()} drops them.
 *
 * <p>Expiry of a contact: its {@code expires} parameter, else the request's Expires header, else the policy default;
 * above the maximum it is shortened to the maximum; 0 removes the binding; above 0 and below the minimum the whole
 * request is refused with 423 Interval Too Brief and Min-Expires (10.3 step 7). {@code Contact: *} needs Expires: 0 and
 * removes every binding of the AOR (10.3 step 6). A binding with the same Call-ID and a CSeq not higher than the
 * stored one aborts the request (out of order, 10.3 step 7).
 */
public final class Registrar {
    /**
     * @param maxBindingsPerAor contacts one AOR may hold (403 beyond)
     * @param maxAors           AORs with bindings (503 beyond): bounds memory whatever the devices send
     */
    public record Policy(Duration minExpires, Duration defaultExpires, Duration maxExpires, int maxBindingsPerAor, int maxAors) {
        public Policy {
            if (minExpires == null || defaultExpires == null || maxExpires == null || minExpires.isNegative()
                    || defaultExpires.compareTo(minExpires) < 0 || maxExpires.compareTo(defaultExpires) < 0
                    || maxExpires.toSeconds() > SipParser.MAX_DELTA_SECONDS)
                throw new UcsecException("sip.limits-invalid", "registrar expiry must satisfy 0 <= min <= default <= max");
            if (maxBindingsPerAor < 1 || maxBindingsPerAor > 1000 || maxAors < 1)
                throw new UcsecException("sip.limits-invalid", "registrar bounds must be positive (bindings per AOR at most 1000)");
        }

        /** Min 60 s (RFC 3261 10.2.1.1 recommends a minimum above 0), default 3600 s (10.2.1.1), max 7200 s, 10 contacts per AOR, 100 000 AORs. */
        public static Policy defaults() { return new Policy(Duration.ofSeconds(60), Duration.ofSeconds(3600), Duration.ofSeconds(7200), 10, 100_000); }
    }

    /** One binding; {@code contact} is what the 200 OK lists (the URI in angle brackets with its header parameters but expires). */
    public record Binding(String aor, String deviceId, String contactKey, String contact, String callId, long cseq,
                          Instant registeredAt, Instant expiresAt, String source) {
        /** Seconds left, rounded up (a binding registered for 600 s a few milliseconds ago still shows 600). */
        public long remainingSeconds(Instant now) {
            long ms = Duration.between(now, expiresAt).toMillis();
            return ms <= 0 ? 0 : (ms + 999) / 1000;
        }
    }

    /** What a REGISTER did. */
    public sealed interface Outcome {
        /** Accepted: the AOR's bindings after the request (possibly none). */
        record Ok(List<Binding> bindings) implements Outcome {}
        /** 423 Interval Too Brief with Min-Expires. */
        record IntervalTooBrief(long minExpiresSeconds) implements Outcome {}
        /** Any other refusal: status, reason phrase, registered code. */
        record Refused(int status, String reason, String code) implements Outcome {}
    }

    private final Clock clock;
    private final Policy policy;
    private final ConcurrentHashMap<String, Map<String, Binding>> byAor = new ConcurrentHashMap<>();
    private final AtomicInteger aors = new AtomicInteger();

    public Registrar(Clock clock, Policy policy) {
        this.clock = Objects.requireNonNull(clock, "clock");
        this.policy = Objects.requireNonNull(policy, "policy");
    }

    public Policy policy() { return policy; }

    /**
     * Applies a REGISTER for {@code aor} (the To URI's {@link SipUri#aor()}) of an authenticated {@code deviceId}.
     *
     * @param source where it came from (remote address), shown by {@code show registrations}
     */
    public Outcome register(String aor, String deviceId, SipRequest req, String source) {
        return register(aor, deviceId, req, source, java.util.Optional.empty());
    }

    /**
     * As {@link #register(String, String, SipRequest, String)}, with bindings ending no later than {@code notAfter}
     * (the credential's end; at least one second). The 423 check applies to what the client asked for, not to the cap.
     */
    public Outcome register(String aor, String deviceId, SipRequest req, String source, java.util.Optional<Instant> notAfter) {
        Instant now = clock.instant();
        long cap = notAfter.map(na -> Math.max(1, (Duration.between(now, na).toMillis() + 999) / 1000)).orElse(Long.MAX_VALUE);
        List<Contact> contacts = req.contacts();
        boolean star = contacts.size() == 1 && contacts.get(0).star();
        if (star && (req.expires().isEmpty() || req.expires().getAsLong() != 0))
            return new Outcome.Refused(400, "Bad Request (Contact * needs Expires: 0)", "sip.contact-star");

        // expiry of every contact first: a 423 changes nothing
        List<long[]> expiries = new ArrayList<>();
        if (!star) for (Contact c : contacts) {
            long e = expiresOf(c, req.expires());
            if (e > 0 && e < policy.minExpires().toSeconds()) return new Outcome.IntervalTooBrief(policy.minExpires().toSeconds());
            expiries.add(new long[]{e == 0 ? 0 : Math.min(Math.min(e, policy.maxExpires().toSeconds()), cap)});
        }

        Outcome[] result = new Outcome[1];
        byAor.compute(aor, (k, existing) -> {
            Map<String, Binding> live = new LinkedHashMap<>();
            if (existing != null) existing.forEach((ck, b) -> { if (b.expiresAt().isAfter(now)) live.put(ck, b); });
            else if (!contacts.isEmpty() && !star && aors.get() >= policy.maxAors()) {
                result[0] = new Outcome.Refused(503, "Service Unavailable (registrar full)", "sip.registrar-full");
                return null;
            }
            Map<String, Binding> next = new LinkedHashMap<>(live);
            if (star) {
                for (Binding b : live.values())
                    if (b.callId().equals(req.callId()) && req.cseq().number() <= b.cseq()) { result[0] = outOfOrder(); return existing; }
                next.clear();
            } else {
                for (int i = 0; i < contacts.size(); i++) {
                    NameAddr a = contacts.get(i).address().orElseThrow();
                    String key = a.uri().comparisonKey();
                    Binding old = next.get(key);
                    if (old != null && old.callId().equals(req.callId()) && req.cseq().number() <= old.cseq()) { result[0] = outOfOrder(); return existing; }
                    long e = expiries.get(i)[0];
                    if (e == 0) { next.remove(key); continue; }
                    next.put(key, new Binding(aor, deviceId, key, render(a), req.callId(), req.cseq().number(), now, now.plusSeconds(e), source));
                }
                if (next.size() > policy.maxBindingsPerAor()) {
                    result[0] = new Outcome.Refused(403, "Forbidden (more than " + policy.maxBindingsPerAor() + " contacts)", "sip.register-too-many-bindings");
                    return existing;
                }
            }
            List<Binding> list = new ArrayList<>(next.values());
            list.sort(Comparator.comparing(Binding::registeredAt));
            result[0] = new Outcome.Ok(List.copyOf(list));
            if (existing == null && !next.isEmpty()) aors.incrementAndGet();
            if (existing != null && next.isEmpty()) aors.decrementAndGet();
            return next.isEmpty() ? null : Map.copyOf(next);
        });
        return result[0];
    }

    /** The live bindings of one AOR. */
    public List<Binding> bindings(String aor) {
        Instant now = clock.instant();
        Map<String, Binding> m = byAor.get(aor);
        if (m == null) return List.of();
        return m.values().stream().filter(b -> b.expiresAt().isAfter(now)).sorted(Comparator.comparing(Binding::registeredAt)).toList();
    }

    /** Every live binding, by AOR then registration time (for {@code show registrations}). */
    public List<Binding> all() {
        Instant now = clock.instant();
        List<Binding> out = new ArrayList<>();
        for (Map<String, Binding> m : byAor.values()) for (Binding b : m.values()) if (b.expiresAt().isAfter(now)) out.add(b);
        out.sort(Comparator.comparing(Binding::aor).thenComparing(Binding::registeredAt).thenComparing(Binding::contactKey));
        return out;
    }

    /** Drops expired bindings; returns how many. */
    public int sweep() {
        Instant now = clock.instant();
        int[] removed = {0};
        for (String aor : byAor.keySet()) {
            byAor.computeIfPresent(aor, (k, m) -> {
                Map<String, Binding> next = new LinkedHashMap<>();
                m.forEach((ck, b) -> { if (b.expiresAt().isAfter(now)) next.put(ck, b); else removed[0]++; });
                if (next.isEmpty()) { aors.decrementAndGet(); return null; }
                return next.size() == m.size() ? m : Map.copyOf(next);
            });
        }
        return removed[0];
    }

    /** Removes every binding of a device (its tokens were revoked); returns how many. */
    public int removeDevice(String deviceId) {
        int[] removed = {0};
        for (String aor : byAor.keySet()) {
            byAor.computeIfPresent(aor, (k, m) -> {
                Map<String, Binding> next = new LinkedHashMap<>();
                m.forEach((ck, b) -> { if (!b.deviceId().equals(deviceId)) next.put(ck, b); else removed[0]++; });
                if (next.isEmpty()) { aors.decrementAndGet(); return null; }
                return next.size() == m.size() ? m : Map.copyOf(next);
            });
        }
        return removed[0];
    }

    private long expiresOf(Contact c, OptionalLong header) {
        if (c.expires().isPresent()) return c.expires().getAsLong();
        if (header.isPresent()) return header.getAsLong();
        return policy.defaultExpires().toSeconds();
    }

    private static Outcome outOfOrder() {
        return new Outcome.Refused(500, "Server Internal Error (CSeq out of order)", "sip.register-out-of-order");
    }

    /** {@code <uri>;param...} without the expires parameter (the 200 OK adds the remaining time). */
    static String render(NameAddr a) {
        StringBuilder b = new StringBuilder("<").append(a.uri().raw()).append('>');
        for (Map.Entry<String, String> p : a.params().entrySet()) {
            if (p.getKey().equals("expires")) continue;
            b.append(';').append(p.getKey());
            if (!p.getValue().isEmpty()) {
                String v = p.getValue();
                boolean token = SipParser.isToken(v) || v.chars().allMatch(ch -> SipParser.isTokenChar((char) ch) || ch == ':' || ch == '[' || ch == ']');
                b.append('=').append(token ? v : '"' + v.replace("\\", "\\\\").replace("\"", "\\\"") + '"');
            }
        }
        return b.toString();
    }
}
