package org.ucsec.tls.transport;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * One HTTP/1.x request head as {@link Framing#http} frames it (RFC 9112 2-3, 5-6): the request line and the header
 * fields, no body (the framing refuses requests that announce one). {@link #parse} is strict, and the framing has
 * already refused (with a 4xx answer) anything it would throw on, so a handler parses the bytes it is given safely.
 *
 * @param method       the method token as sent (case-sensitive, RFC 9110 9.1)
 * @param target       the request-target, undecoded
 * @param minorVersion 0 or 1 (HTTP/1.0, HTTP/1.1)
 * @param keepAlive    whether the connection stays open after the answer (RFC 9112 9.3: 1.1 unless {@code close},
 *                     1.0 only with {@code keep-alive})
 * @param fields       the header fields in order, names lowercased, values trimmed
 */
public record HttpRequestHead(String method, String target, int minorVersion, boolean keepAlive, List<Field> fields) {
    /** Header fields at most (beyond: 431). */
    public static final int MAX_FIELDS = 64;

    public record Field(String name, String value) {}

    /** The first value of field {@code lowerName}, or null. */
    public String field(String lowerName) {
        for (Field f : fields) if (f.name.equals(lowerName)) return f.value;
        return null;
    }

    /**
     * Parses a head of {@code len} bytes (request line to the empty line, inclusive or not). RFC 9112: one SP between
     * the three parts of the request line, no whitespace before a field's colon (5.1), no obs-fold (5.2), no CTL in
     * values, exactly one Host in HTTP/1.1 (3.2), a body announced by Content-Length or Transfer-Encoding is refused
     * (6.3: this server takes none), at most {@link #MAX_FIELDS} fields.
     *
     * @throws Framing.Refused with the status to answer
     */
    public static HttpRequestHead parse(byte[] head, int len) throws Framing.Refused {
        int lineEnd = indexOf(head, 0, len, (byte) '\n');
        if (lineEnd < 0) lineEnd = len;
        int requestLineEnd = lineEnd > 0 && head[lineEnd - 1] == '\r' ? lineEnd - 1 : lineEnd;
        String requestLine = ascii(head, 0, requestLineEnd);
        int sp1 = requestLine.indexOf(' ');
        int sp2 = sp1 < 0 ? -1 : requestLine.indexOf(' ', sp1 + 1);
        if (sp1 <= 0 || sp2 < 0 || requestLine.indexOf(' ', sp2 + 1) >= 0 || sp2 == sp1 + 1)
            throw Framing.Refused.bad("the request line is not 'METHOD SP target SP HTTP-version'");
        String method = requestLine.substring(0, sp1);
        String target = requestLine.substring(sp1 + 1, sp2);
        String version = requestLine.substring(sp2 + 1);
        if (!isToken(method)) throw Framing.Refused.bad("the method is not a token");
        for (int i = 0; i < target.length(); i++) {
            char c = target.charAt(i);
            if (c <= ' ' || c >= 0x7f) throw Framing.Refused.bad("the request-target has a control, space or non-ASCII character");
        }
        int minor;
        if (version.equals("HTTP/1.1")) minor = 1;
        else if (version.equals("HTTP/1.0")) minor = 0;
        else if (version.startsWith("HTTP/")) throw new Framing.Refused("request.bad", 505, "HTTP Version Not Supported", "HTTP version '" + printable(version) + "' is not supported (HTTP/1.0 and 1.1 are)");
        else throw Framing.Refused.bad("the request line does not end with an HTTP version");

        List<Field> fields = new ArrayList<>();
        int hosts = 0, lengths = 0;
        String connection = null;
        int pos = lineEnd + 1;
        while (pos < len) {
            int end = indexOf(head, pos, len, (byte) '\n');
            if (end < 0) end = len;
            int valueEnd = end > pos && head[end - 1] == '\r' ? end - 1 : end;
            if (valueEnd == pos) break; // the empty line
            byte first = head[pos];
            if (first == ' ' || first == '\t') throw Framing.Refused.bad("obsolete line folding in the header fields (RFC 9112 5.2)");
            int colon = indexOf(head, pos, valueEnd, (byte) ':');
            if (colon <= pos) throw Framing.Refused.bad("a header line without a field name and colon");
            String name = ascii(head, pos, colon);
            if (!isToken(name)) throw Framing.Refused.bad("the header field name '" + printable(name) + "' is not a token (no whitespace before the colon, RFC 9112 5.1)");
            for (int i = colon + 1; i < valueEnd; i++) {
                int b = head[i] & 0xff;
                if ((b < 0x20 && b != '\t') || b == 0x7f) throw Framing.Refused.bad("a control character in the value of header field '" + name + "'");
            }
            if (fields.size() >= MAX_FIELDS)
                throw new Framing.Refused("request.headers-too-large", 431, "Request Header Fields Too Large", "more than " + MAX_FIELDS + " header fields");
            String lower = name.toLowerCase(Locale.ROOT);
            String value = new String(head, colon + 1, valueEnd - colon - 1, StandardCharsets.ISO_8859_1).strip();
            fields.add(new Field(lower, value));
            switch (lower) {
                case "host" -> hosts++;
                case "content-length" -> {
                    lengths++;
                    if (!value.matches("[0-9]{1,18}")) throw Framing.Refused.bad("Content-Length '" + printable(value) + "' is not a number");
                    if (Long.parseLong(value) != 0) throw Framing.Refused.body("Content-Length " + value);
                }
                case "transfer-encoding" -> throw Framing.Refused.body("Transfer-Encoding " + printable(value));
                case "connection" -> connection = connection == null ? value.toLowerCase(Locale.ROOT) : connection + "," + value.toLowerCase(Locale.ROOT);
                default -> { }
            }
            pos = end + 1;
        }
        if (lengths > 1) throw Framing.Refused.bad("more than one Content-Length");
        if (minor == 1 && hosts != 1) throw Framing.Refused.bad(hosts == 0 ? "an HTTP/1.1 request without Host (RFC 9112 3.2)" : "more than one Host field");
        boolean keepAlive = minor == 1 ? !hasToken(connection, "close") : hasToken(connection, "keep-alive");
        return new HttpRequestHead(method, target, minor, keepAlive, List.copyOf(fields));
    }

    private static boolean hasToken(String list, String token) {
        if (list == null) return false;
        for (String t : list.split(",")) if (t.strip().equals(token)) return true;
        return false;
    }

    static boolean isToken(String s) {
        if (s.isEmpty()) return false;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            boolean ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || "!#$%&'*+-.^_`|~".indexOf(c) >= 0;
            if (!ok) return false;
        }
        return true;
    }

    static int indexOf(byte[] b, int from, int to, byte x) {
        for (int i = from; i < to; i++) if (b[i] == x) return i;
        return -1;
    }

    private static String ascii(byte[] b, int from, int to) { return new String(b, from, to - from, StandardCharsets.ISO_8859_1); }

    /** At most 64 characters, controls shown as '?', for messages. */
    static String printable(String s) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < s.length() && i < 64; i++) {
            char c = s.charAt(i);
            b.append(c < 0x20 || c >= 0x7f ? '?' : c);
        }
        if (s.length() > 64) b.append("...");
        return b.toString();
    }
}
