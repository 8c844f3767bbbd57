package org.ucsec.tls.transport;

import java.nio.charset.StandardCharsets;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;

/**
 * HTTP/1.1 answers for handlers on {@link Framing#http}: status line, {@code Date} (RFC 9110 6.6.1; formatted once per
 * second), {@code Content-Type}, {@code Content-Length}, {@code Cache-Control: no-store} (what is served may hold
 * secrets), {@code Connection: close} when the connection ends after it. One byte array per answer, written at once.
 */
public final class HttpResponse {
    private HttpResponse() {}

    /** IMF-fixdate (RFC 9110 5.6.7). */
    private static final DateTimeFormatter IMF = DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss 'GMT'", java.util.Locale.US);
    private static volatile long dateSecond = -1;
    private static volatile String dateValue = "";

    /**
     * The answer's bytes. {@code head}: the answer to HEAD (the same fields, no body, RFC 9110 9.3.2).
     * {@code extraFields}: whole field lines without CRLF ({@code "Allow: GET, HEAD"}).
     */
    public static byte[] of(int status, String reason, String contentType, byte[] body, boolean head, boolean close, String... extraFields) {
        StringBuilder b = new StringBuilder(160).append("HTTP/1.1 ").append(status).append(' ').append(reason).append("\r\n")
                .append("Date: ").append(date()).append("\r\n")
                .append("Server: ucsec\r\n");
        if (contentType != null) b.append("Content-Type: ").append(contentType).append("\r\n");
        b.append("Content-Length: ").append(body.length).append("\r\n").append("Cache-Control: no-store\r\n");
        for (String f : extraFields) b.append(f).append("\r\n");
        if (close) b.append("Connection: close\r\n");
        b.append("\r\n");
        byte[] h = b.toString().getBytes(StandardCharsets.ISO_8859_1);
        if (head || body.length == 0) return h;
        byte[] out = new byte[h.length + body.length];
        System.arraycopy(h, 0, out, 0, h.length);
        System.arraycopy(body, 0, out, h.length, body.length);
        return out;
    }

    /** A refusal: {@code status reason}, a one-line text/plain body naming it, connection closed. */
    public static byte[] error(int status, String reason, String message) {
        return of(status, reason, "text/plain; charset=utf-8", (status + " " + reason + ": " + message + "\n").getBytes(StandardCharsets.UTF_8), false, true);
    }

    static String date() {
        long now = System.currentTimeMillis() / 1000;
        if (now != dateSecond) {
            dateValue = IMF.format(ZonedDateTime.ofInstant(java.time.Instant.ofEpochSecond(now), ZoneOffset.UTC));
            dateSecond = now;
        }
        return dateValue;
    }
}
