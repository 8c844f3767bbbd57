package org.ucsec.node.testing;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/** The real time plus an offset tests move by hand ("29 days later") instead of sleeping. */
public final class MutableClock extends Clock {
    private volatile Duration offset = Duration.ZERO;

    public static MutableClock now() { return new MutableClock(); }

    public void advance(Duration d) { offset = offset.plus(d); }
    public void set(Instant i) { offset = Duration.between(Instant.now(), i); }
    public void reset() { offset = Duration.ZERO; }

    @Override public Instant instant() { return Instant.now().plus(offset); }
    @Override public ZoneId getZone() { return ZoneOffset.UTC; }
    @Override public Clock withZone(ZoneId zone) { return this; }
}
