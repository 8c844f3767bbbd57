package org.ucsec.node.provisioning;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.format.DateTimeFormatter;
import java.util.concurrent.atomic.LongAdder;

/**
 * RFC 5424 messages over UDP (RFC 5426): {@code <PRI>1 TIMESTAMP HOSTNAME APP-NAME - MSGID - MSG}, facility local0
 * (16), the severity of the event, one datagram each of at most {@link #MAX_DATAGRAM} bytes (RFC 5426 3.2: receivers
 * should take 2048). One non-blocking channel for the node: a send never blocks the event loop that calls it; a
 * datagram the socket buffer has no room for is dropped and counted.
 */
final class SyslogSender implements AutoCloseable {
    static final int FACILITY_LOCAL0 = 16;
    static final int MAX_DATAGRAM = 2048;
    static final String APP_NAME = "ucsec-provisioning";
    private static final DateTimeFormatter TIMESTAMP = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSXXX").withZone(java.time.ZoneOffset.UTC);

    private final DatagramChannel channel;
    private final Clock clock;
    private final String hostname;
    final LongAdder sent = new LongAdder(), dropped = new LongAdder();

    SyslogSender(Clock clock, String hostname) {
        this.clock = clock;
        this.hostname = field(hostname, 255);
        try {
            channel = DatagramChannel.open();
            channel.configureBlocking(false);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Sends one message; {@code msg} is already expanded (control characters are replaced here). */
    void send(InetSocketAddress to, int severity, String msgId, String msg) {
        byte[] d = format(FACILITY_LOCAL0 * 8 + severity, TIMESTAMP.format(clock.instant()), hostname, msgId, msg);
        try {
            if (channel.send(ByteBuffer.wrap(d), to) == 0) dropped.increment(); else sent.increment();
        } catch (IOException | RuntimeException e) {
            dropped.increment();
        }
    }

    static byte[] format(int pri, String timestamp, String hostname, String msgId, String msg) {
        String header = "<" + pri + ">1 " + timestamp + " " + hostname + " " + APP_NAME + " - " + field(msgId, 32) + " - ";
        StringBuilder m = new StringBuilder(header.length() + msg.length()).append(header);
        for (int i = 0; i < msg.length(); i++) {
            char c = msg.charAt(i);
            m.append(c < 0x20 || c == 0x7f ? ' ' : c); // no line breaks: one event is one line at the receiver
        }
        byte[] b = m.toString().getBytes(StandardCharsets.UTF_8);
        if (b.length <= MAX_DATAGRAM) return b;
        return java.util.Arrays.copyOf(b, MAX_DATAGRAM);
    }

    /** An RFC 5424 header field: printable US-ASCII without spaces, at most {@code max}, "-" when empty. */
    static String field(String s, int max) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < s.length() && b.length() < max; i++) {
            char c = s.charAt(i);
            if (c > 32 && c < 127) b.append(c);
        }
        return b.isEmpty() ? "-" : b.toString();
    }

    @Override public void close() {
        try { channel.close(); } catch (IOException ignored) { /* closing */ }
    }
}
