package org.ucsec.sip;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * Builds a response to a request (RFC 3261 8.2.6): every Via in order, From, To (with a To tag added when the request
 * had none, 8.2.6.2), Call-ID and CSeq copied; then the extra headers, {@code Content-Length} last. Header values given
 * here are checked for CR, LF and other control characters (no header injection from data that reached a value).
 */
public final class SipResponseBuilder {
    private static final SecureRandom RANDOM = new SecureRandom();
    /** RFC 3261 20.17: rfc1123-date, always GMT. */
    public static final DateTimeFormatter SIP_DATE = DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss 'GMT'", Locale.ROOT).withZone(ZoneOffset.UTC);

    private final int status;
    private final String reason;
    private final List<SipHeaders.Header> copied;
    private final boolean toHasTag;
    private final List<String[]> extra = new ArrayList<>();
    private String toTag;
    private byte[] body = new byte[0];

    private SipResponseBuilder(int status, String reason, List<SipHeaders.Header> copied, boolean toHasTag) {
        if (status < 100 || status > 699) throw new IllegalArgumentException("status " + status);
        this.status = status;
        this.reason = clean(reason);
        this.copied = copied;
        this.toHasTag = toHasTag;
    }

    /** A response to {@code request}. */
    public static SipResponseBuilder to(SipRequest request, int status, String reason) {
        List<SipHeaders.Header> c = new ArrayList<>();
        for (SipHeaders.Header h : request.headers().all())
            if (h.name().equals("Via")) c.add(h);
        for (String n : new String[]{"From", "To", "Call-ID", "CSeq"})
            request.headers().first(n).ifPresent(v -> c.add(new SipHeaders.Header(n, v)));
        return new SipResponseBuilder(status, reason, c, request.to().tag().isPresent());
    }

    /**
     * A response to a message that did not parse, from the headers read before the fault ({@link SipParseException#salvaged()}).
     * Unparsed values are copied only if they carry no control characters.
     */
    public static SipResponseBuilder toUnparsed(SipParseException e) {
        List<SipHeaders.Header> c = new ArrayList<>();
        boolean toTag = false;
        boolean seenFrom = false, seenTo = false, seenCallId = false, seenCseq = false;
        for (SipHeaders.Header h : e.salvaged()) {
            if (!safe(h.value()) || h.value().length() > 1024) continue;
            switch (h.name()) {
                case "Via" -> c.add(h);
                case "From" -> { if (!seenFrom) c.add(h); seenFrom = true; }
                case "To" -> { if (!seenTo) { c.add(h); toTag = h.value().toLowerCase(Locale.ROOT).contains(";tag="); } seenTo = true; }
                case "Call-ID" -> { if (!seenCallId) c.add(h); seenCallId = true; }
                case "CSeq" -> { if (!seenCseq) c.add(h); seenCseq = true; }
                default -> { }
            }
        }
        // Vias first, as in a response to a parsed request
        List<SipHeaders.Header> ordered = new ArrayList<>();
        for (SipHeaders.Header h : c) if (h.name().equals("Via")) ordered.add(h);
        for (SipHeaders.Header h : c) if (!h.name().equals("Via")) ordered.add(h);
        return new SipResponseBuilder(e.status(), e.reason(), ordered, toTag);
    }

    /** Adds a header (name and value checked: no CR, LF or other control characters). */
    public SipResponseBuilder header(String name, String value) {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(value, "value");
        if (!SipParser.isToken(name)) throw new IllegalArgumentException("header name is not a token: " + SipParser.printable(name));
        if (!safe(value)) throw new IllegalArgumentException("header " + name + " value has a control character");
        extra.add(new String[]{name, value});
        return this;
    }

    /** The To tag to add when the request's To has none (otherwise a random one is used). */
    public SipResponseBuilder toTag(String tag) {
        if (!SipParser.isToken(tag)) throw new IllegalArgumentException("tag is not a token");
        this.toTag = tag;
        return this;
    }

    public SipResponseBuilder date(Instant at) { return header("Date", SIP_DATE.format(at)); }

    public SipResponseBuilder body(String contentType, byte[] body) {
        header("Content-Type", contentType);
        this.body = body.clone();
        return this;
    }

    public int status() { return status; }

    public byte[] build() {
        StringBuilder b = new StringBuilder(512);
        b.append("SIP/2.0 ").append(status).append(' ').append(reason).append("\r\n");
        for (SipHeaders.Header h : copied) {
            b.append(h.name()).append(": ").append(h.value());
            if (h.name().equals("To") && !toHasTag && status > 100) b.append(";tag=").append(toTag != null ? toTag : randomTag());
            b.append("\r\n");
        }
        for (String[] h : extra) b.append(h[0]).append(": ").append(h[1]).append("\r\n");
        b.append("Content-Length: ").append(body.length).append("\r\n\r\n");
        byte[] head = b.toString().getBytes(StandardCharsets.ISO_8859_1);
        byte[] out = new byte[head.length + body.length];
        System.arraycopy(head, 0, out, 0, head.length);
        System.arraycopy(body, 0, out, head.length, body.length);
        return out;
    }

    static String randomTag() {
        byte[] b = new byte[8];
        RANDOM.nextBytes(b);
        return HexFormat.of().formatHex(b);
    }

    private static boolean safe(String v) {
        for (int i = 0; i < v.length(); i++) {
            char c = v.charAt(i);
            if ((c < 0x20 && c != '\t') || c == 0x7f || c > 0xff) return false;
        }
        return true;
    }

    private static String clean(String reason) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < reason.length() && i < 128; i++) {
            char c = reason.charAt(i);
            b.append(c >= 0x20 && c < 0x7f ? c : '?');
        }
        return b.toString();
    }
}
