package org.ucsec.sip;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.Set;

/**
 * ucsec's SIP message parser (decision 0010): one whole message (the transport's {@code Framing.sip} cut it) in,
 * a {@link SipRequest} or {@link SipResponse} out, or a {@link SipParseException} with a stable code and the status
 * and reason phrase to answer. Nothing else escapes.
 *
 * <p>Bounded and linear: the size limits of {@link SipLimits} are checked before the work they bound; every pass
 * over the input is a single forward scan (no backtracking, no regular expressions), so the work is proportional to
 * the message size. Tests count the scanned characters ({@link #parseCounting}) instead of timing.
 *
 * <p>What it checks (RFC 3261 unless said): start line (7.1, 7.2; other SIP versions 505), header names and values
 * (7.3, 25.1: tokens, no control characters), line folding (7.3.1), compact forms (7.3.3), comma lists (7.3.1),
 * one value for From, To, Call-ID, CSeq, Max-Forwards, Content-Length, Expires; Via with a sent-protocol, a sent-by
 * and, on the top Via of a request, a branch starting with the magic cookie {@code z9hG4bK} (8.1.1.7); From/To as
 * name-addr or addr-spec with sip/sips URIs (20.10, 20.20, 20.39) and a From tag on requests (8.1.1.3); CSeq number
 * below 2^31 and method equal to the request method (8.1.1.5, 12.2.1.1); Contact {@code *} alone or addresses with
 * a numeric expires (20.10, 10.2.2); Expires (20.19, delta-seconds above 2^32-1 read as 2^32-1); Max-Forwards 0-255
 * (20.22); Content-Length required on stream transports and equal to the body (18.3, 20.14);
 * {@code Authorization: Bearer <b64token>} (RFC 8898 2.2, RFC 6750 2.1).
 */
public final class SipParser {
    /** Methods with a meaning in RFC 3261 and its extensions; anything else is still parsed (the edge answers 501). */
    public static final Set<String> KNOWN_METHODS = Set.of("REGISTER", "OPTIONS", "INVITE", "ACK", "BYE", "CANCEL", "SUBSCRIBE",
            "NOTIFY", "MESSAGE", "INFO", "PRACK", "UPDATE", "REFER", "PUBLISH");
    static final String MAGIC_COOKIE = "z9hG4bK";
    static final long MAX_DELTA_SECONDS = 4_294_967_295L;
    private static final Set<String> SINGLETONS = Set.of("From", "To", "Call-ID", "CSeq", "Max-Forwards", "Content-Length", "Expires");
    private static final Set<String> SALVAGE = Set.of("Via", "From", "To", "Call-ID", "CSeq");

    private final SipLimits limits;

    public SipParser(SipLimits limits) { this.limits = limits; }

    public SipParser() { this(SipLimits.defaults()); }

    public SipLimits limits() { return limits; }

    /** Parses one message. Throws only {@link SipParseException}. */
    public SipMessage parse(byte[] message) {
        Run r = new Run(message);
        try {
            return r.parse();
        } catch (SipParseException e) {
            throw e;
        } catch (RuntimeException | StackOverflowError e) {
            // a defect of this parser, never the caller's fault: still an answer, never a crash of the listener
            throw new SipParseException("sip.internal", 500, "Server Internal Error", "the SIP parser failed: " + e.getClass().getSimpleName(), r.salvage, true);
        }
    }

    /** The result and the number of characters scanned, for the linear-work tests. */
    record Counted(SipMessage message, SipParseException error, long steps) {}

    Counted parseCounting(byte[] message) {
        Run r = new Run(message);
        try {
            return new Counted(r.parse(), null, r.steps);
        } catch (SipParseException e) {
            return new Counted(null, e, r.steps);
        }
    }

    /** One parse: the scanned-character counter and the salvaged headers. */
    private final class Run {
        final byte[] m;
        long steps;
        final List<SipHeaders.Header> salvage = new ArrayList<>();

        Run(byte[] m) { this.m = m == null ? new byte[0] : m; }

        SipParseException fail(String code, String what) { return fail(code, 400, "Bad Request (" + what + ")", what, false); }

        SipParseException fail(String code, int status, String reason, String message, boolean close) {
            return new SipParseException(code, status, reason, message, salvage, close);
        }

        String sub(String s, int a, int b) { steps += b - a; return s.substring(a, b); }

        String trim(String s) {
            int a = 0, b = s.length();
            while (a < b && isWs(s.charAt(a))) { a++; steps++; }
            while (b > a && isWs(s.charAt(b - 1))) { b--; steps++; }
            return a == 0 && b == s.length() ? s : sub(s, a, b);
        }

        SipMessage parse() {
            int n = m.length;
            if (n > limits.maxMessageBytes())
                throw fail("sip.message-too-large", 513, "Message Too Large", "the message has " + n + " bytes, more than " + limits.maxMessageBytes(), true);
            int pos = 0;
            while (pos < n && (m[pos] == '\r' || m[pos] == '\n')) { pos++; steps++; }
            if (pos == n) throw fail("sip.empty", "empty message");

            // physical lines up to the empty line
            List<String> lines = new ArrayList<>();
            int bodyStart = -1;
            while (pos < n) {
                int start = pos;
                while (pos < n && m[pos] != '\n') {
                    pos++;
                    steps++;
                    if (pos - start > limits.maxLineBytes() + 1)
                        throw fail("sip.line-too-long", "a header line is longer than " + limits.maxLineBytes() + " bytes");
                }
                if (pos == n) throw fail("sip.headers-unterminated", "the header section does not end with an empty line");
                int end = pos > start && m[pos - 1] == '\r' ? pos - 1 : pos;
                pos++;
                if (end - start > limits.maxLineBytes())
                    throw fail("sip.line-too-long", "a header line is longer than " + limits.maxLineBytes() + " bytes");
                if (end == start) { bodyStart = pos; break; }
                steps += end - start;
                lines.add(new String(m, start, end - start, StandardCharsets.ISO_8859_1));
                if (lines.size() > 2L * limits.maxHeaders() + 1)
                    throw fail("sip.too-many-headers", "more than " + limits.maxHeaders() + " header fields");
            }
            if (bodyStart < 0) throw fail("sip.headers-unterminated", "the header section does not end with an empty line");

            List<SipHeaders.Header> headers = headers(lines);
            SipHeaders h = new SipHeaders(headers);
            String startLine = lines.get(0);
            checkChars(startLine, "start line");
            byte[] rest = Arrays.copyOfRange(m, bodyStart, n);
            steps += rest.length;

            if (startLine.regionMatches(true, 0, "SIP/", 0, 4)) return response(startLine, h, rest);
            return request(startLine, h, rest);
        }

        /** Unfolds, splits name and value, expands compact names, splits list values. */
        List<SipHeaders.Header> headers(List<String> lines) {
            List<SipHeaders.Header> out = new ArrayList<>();
            String name = null;
            StringBuilder value = null;
            int fields = 0;
            for (int i = 1; i <= lines.size(); i++) {
                String line = i < lines.size() ? lines.get(i) : null;
                if (line != null && isWs(line.charAt(0))) {
                    if (name == null) throw fail("sip.header-malformed", "a continuation line before any header");
                    String cont = trim(line);
                    if (value.length() + 1 + cont.length() > limits.maxLineBytes())
                        throw fail("sip.line-too-long", "header " + name + " is longer than " + limits.maxLineBytes() + " bytes after unfolding");
                    if (!cont.isEmpty()) value.append(' ').append(cont);
                    steps += cont.length();
                    continue;
                }
                if (name != null) addHeader(out, name, value.toString());
                if (line == null) break;
                if (++fields > limits.maxHeaders()) throw fail("sip.too-many-headers", "more than " + limits.maxHeaders() + " header fields");
                int colon = -1;
                for (int k = 0; k < line.length(); k++) {
                    steps++;
                    char c = line.charAt(k);
                    if (c == ':') { colon = k; break; }
                    if (!isTokenChar(c) && !isWs(c)) break;
                }
                if (colon < 0) throw fail("sip.header-malformed", "a header line without a name and colon");
                String raw = trim(sub(line, 0, colon));
                if (raw.isEmpty() || !isToken(raw)) throw fail("sip.header-malformed", "a header name is not a token");
                name = SipHeaders.canonical(raw);
                value = new StringBuilder(trim(sub(line, colon + 1, line.length())));
            }
            return out;
        }

        void addHeader(List<SipHeaders.Header> out, String name, String value) {
            checkChars(value, "header " + name);
            if (SipHeaders.LIST_HEADERS.contains(name)) {
                for (String v : splitList(value, name)) add(out, name, v);
            } else {
                add(out, name, value);
            }
        }

        void add(List<SipHeaders.Header> out, String name, String value) {
            if (out.size() >= limits.maxHeaders()) throw fail("sip.too-many-headers", "more than " + limits.maxHeaders() + " header values");
            SipHeaders.Header h = new SipHeaders.Header(name, value);
            out.add(h);
            if (SALVAGE.contains(name)) salvage.add(h);
        }

        void checkChars(String s, String where) {
            for (int i = 0; i < s.length(); i++) {
                steps++;
                char c = s.charAt(i);
                if ((c < 0x20 && c != '\t') || c == 0x7f) throw fail("sip.header-malformed", "a control character in the " + where);
            }
        }

        /** Splits on commas outside quoted strings and angle brackets; empty elements are dropped. */
        List<String> splitList(String v, String name) {
            List<String> out = new ArrayList<>();
            boolean quoted = false, angle = false;
            int start = 0;
            for (int i = 0; i < v.length(); i++) {
                steps++;
                char c = v.charAt(i);
                if (quoted) {
                    if (c == '\\') i++;
                    else if (c == '"') quoted = false;
                } else if (c == '"') quoted = true;
                else if (c == '<') angle = true;
                else if (c == '>') angle = false;
                else if (c == ',' && !angle) {
                    String e = trim(sub(v, start, i));
                    if (!e.isEmpty()) addElement(out, e);
                    start = i + 1;
                }
            }
            if (quoted) throw fail("sip.header-malformed", "an unterminated quoted string in " + name);
            String e = trim(sub(v, start, v.length()));
            if (!e.isEmpty()) addElement(out, e);
            return out;
        }

        void addElement(List<String> out, String e) {
            if (out.size() >= limits.maxHeaders()) throw fail("sip.too-many-headers", "more than " + limits.maxHeaders() + " header values");
            out.add(e);
        }

        // ---- start lines and typed headers

        SipRequest request(String line, SipHeaders h, byte[] rest) {
            int sp1 = line.indexOf(' '), sp2 = sp1 < 0 ? -1 : line.indexOf(' ', sp1 + 1);
            steps += line.length();
            if (sp1 <= 0 || sp2 < 0 || line.indexOf(' ', sp2 + 1) >= 0)
                throw fail("sip.start-line-malformed", "the request line is not Method SP Request-URI SP SIP-Version");
            String method = sub(line, 0, sp1), uriText = sub(line, sp1 + 1, sp2), version = sub(line, sp2 + 1, line.length());
            if (!isToken(method)) throw fail("sip.start-line-malformed", "the method is not a token");
            version(version);
            SipUri uri;
            try {
                uri = uri(uriText);
            } catch (SchemeException e) {
                throw fail("sip.uri-scheme", 416, "Unsupported URI Scheme", "the Request-URI scheme is not sip or sips", false);
            } catch (SipParseException e) {
                throw fail("sip.request-uri-malformed", "the Request-URI is not a valid SIP URI");
            }
            Common c = common(h, true);
            if (!c.cseq.method().equals(method))
                throw fail("sip.cseq-method-mismatch", "CSeq method " + printable(c.cseq.method()) + " is not the request method " + printable(method));
            int cl = contentLength(h, rest.length);
            List<Contact> contacts = contacts(h);
            OptionalLong expires = single(h, "Expires").map(v -> OptionalLong.of(deltaSeconds(v, "sip.expires-malformed", "Expires"))).orElse(OptionalLong.empty());
            OptionalInt maxForwards = single(h, "Max-Forwards").map(this::maxForwards).orElse(OptionalInt.empty());
            List<String> schemes = new ArrayList<>();
            Optional<String> bearer = authorization(h, schemes);
            return new SipRequest(method, uri, h, c.vias, c.from, c.to, c.callId, c.cseq, contacts, expires, maxForwards, cl, rest,
                    bearer, List.copyOf(schemes));
        }

        SipResponse response(String line, SipHeaders h, byte[] rest) {
            int sp1 = line.indexOf(' '), sp2 = sp1 < 0 ? -1 : line.indexOf(' ', sp1 + 1);
            steps += line.length();
            if (sp1 < 0) throw fail("sip.start-line-malformed", "the status line is not SIP-Version SP Status-Code SP Reason-Phrase");
            version(sub(line, 0, sp1));
            String code = sp2 < 0 ? sub(line, sp1 + 1, line.length()) : sub(line, sp1 + 1, sp2);
            if (code.length() != 3 || !allDigits(code) || code.charAt(0) < '1' || code.charAt(0) > '6')
                throw fail("sip.start-line-malformed", "the status code is not 100-699");
            String reason = sp2 < 0 ? "" : sub(line, sp2 + 1, line.length());
            Common c = common(h, false);
            contentLength(h, rest.length);
            return new SipResponse(Integer.parseInt(code), reason, h, c.vias, c.from, c.to, c.callId, c.cseq, rest);
        }

        void version(String v) {
            if (v.equalsIgnoreCase("SIP/2.0")) return;
            if (v.length() <= 16 && v.regionMatches(true, 0, "SIP/", 0, 4))
                throw fail("sip.version", 505, "Version Not Supported", "SIP version " + printable(v) + " is not supported", false);
            throw fail("sip.start-line-malformed", "the SIP version is missing");
        }

        record Common(List<Via> vias, NameAddr from, NameAddr to, String callId, CSeq cseq) {}

        Common common(SipHeaders h, boolean request) {
            for (String s : SINGLETONS)
                if (h.values(s).size() > 1) throw fail("sip.header-duplicate", "more than one " + s + " header");
            steps += (long) SINGLETONS.size() * h.size();
            List<String> viaValues = h.values("Via");
            steps += h.size();
            if (viaValues.isEmpty()) throw fail("sip.via-missing", "no Via header");
            List<Via> vias = new ArrayList<>();
            for (String v : viaValues) vias.add(via(v));
            if (request) {
                Optional<String> branch = vias.get(0).branch();
                if (branch.isEmpty() || branch.get().isEmpty()) throw fail("sip.via-branch-missing", "the top Via has no branch parameter");
                if (!branch.get().startsWith(MAGIC_COOKIE) || branch.get().length() == MAGIC_COOKIE.length())
                    throw fail("sip.via-branch-cookie", "the top Via branch does not start with the RFC 3261 magic cookie z9hG4bK");
            }
            NameAddr from = nameAddr(single(h, "From").orElseThrow(() -> fail("sip.from-missing", "no From header")), "From", "sip.from-malformed");
            if (request && (from.tag().isEmpty() || from.tag().get().isEmpty())) throw fail("sip.from-tag-missing", "the From header has no tag");
            NameAddr to = nameAddr(single(h, "To").orElseThrow(() -> fail("sip.to-missing", "no To header")), "To", "sip.to-malformed");
            String callId = single(h, "Call-ID").orElseThrow(() -> fail("sip.call-id-missing", "no Call-ID header"));
            if (callId.isEmpty() || callId.length() > 256 || !callId.chars().allMatch(c -> c > 0x20 && c < 0x7f))
                throw fail("sip.call-id-malformed", "the Call-ID is not a word[@word] of up to 256 characters");
            steps += callId.length();
            CSeq cseq = cseq(single(h, "CSeq").orElseThrow(() -> fail("sip.cseq-missing", "no CSeq header")));
            return new Common(List.copyOf(vias), from, to, callId, cseq);
        }

        Optional<String> single(SipHeaders h, String name) {
            steps += h.size();
            return h.first(name);
        }

        CSeq cseq(String v) {
            int i = 0;
            while (i < v.length() && v.charAt(i) >= '0' && v.charAt(i) <= '9') { i++; steps++; }
            if (i == 0 || i > 10) throw fail("sip.cseq-malformed", "the CSeq number is not a number below 2^31");
            long n = Long.parseLong(v.substring(0, i));
            if (n > Integer.MAX_VALUE) throw fail("sip.cseq-malformed", "the CSeq number is not a number below 2^31");
            int j = i;
            while (j < v.length() && isWs(v.charAt(j))) { j++; steps++; }
            if (j == i || j == v.length()) throw fail("sip.cseq-malformed", "the CSeq has no method after the number");
            String method = sub(v, j, v.length());
            if (!isToken(method)) throw fail("sip.cseq-malformed", "the CSeq method is not a token");
            return new CSeq(n, method);
        }

        int contentLength(SipHeaders h, int bodyLength) {
            Optional<String> v = single(h, "Content-Length");
            if (v.isEmpty()) {
                if (limits.streamTransport())
                    throw fail("sip.content-length-missing", 400, "Bad Request (Content-Length required)", "no Content-Length header on a stream transport", true);
                return bodyLength;
            }
            String s = v.get();
            steps += s.length();
            if (s.isEmpty() || s.length() > 9 || !allDigits(s))
                throw fail("sip.content-length-malformed", 400, "Bad Request (Content-Length malformed)", "the Content-Length is not a number", true);
            int cl = Integer.parseInt(s);
            if (cl != bodyLength)
                throw fail("sip.content-length-mismatch", 400, "Bad Request (Content-Length mismatch)",
                        "Content-Length " + cl + " but the body has " + bodyLength + " bytes", true);
            return cl;
        }

        long deltaSeconds(String v, String code, String what) {
            steps += v.length();
            if (v.isEmpty() || v.length() > 10 || !allDigits(v)) throw fail(code, what + " is not delta-seconds");
            return Math.min(Long.parseLong(v), MAX_DELTA_SECONDS);
        }

        OptionalInt maxForwards(String v) {
            steps += v.length();
            if (v.isEmpty() || v.length() > 3 || !allDigits(v) || Integer.parseInt(v) > 255)
                throw fail("sip.max-forwards-malformed", "Max-Forwards is not 0-255");
            return OptionalInt.of(Integer.parseInt(v));
        }

        List<Contact> contacts(SipHeaders h) {
            List<String> values = h.values("Contact");
            steps += h.size();
            List<Contact> out = new ArrayList<>();
            for (String v : values) {
                if (v.equals("*")) {
                    if (values.size() != 1) throw fail("sip.contact-malformed", "Contact * together with other contacts");
                    out.add(Contact.starContact());
                    continue;
                }
                NameAddr a = nameAddr(v, "Contact", "sip.contact-malformed");
                String e = a.params().get("expires");
                OptionalLong exp = e == null ? OptionalLong.empty() : OptionalLong.of(deltaSeconds(e, "sip.contact-malformed", "the Contact expires parameter"));
                out.add(new Contact(false, Optional.of(a), exp));
            }
            return List.copyOf(out);
        }

        Optional<String> authorization(SipHeaders h, List<String> schemes) {
            Optional<String> bearer = Optional.empty();
            steps += h.size();
            for (String v : h.values("Authorization")) {
                int sp = 0;
                while (sp < v.length() && !isWs(v.charAt(sp))) { sp++; steps++; }
                String scheme = sub(v, 0, sp);
                if (!isToken(scheme)) throw fail("sip.authorization-malformed", "the Authorization scheme is not a token");
                schemes.add(scheme);
                if (!scheme.equalsIgnoreCase("Bearer")) continue;
                if (bearer.isPresent()) throw fail("sip.bearer-malformed", "more than one Bearer credential");
                int i = sp;
                while (i < v.length() && v.charAt(i) == ' ') { i++; steps++; }
                String token = sub(v, i, v.length());
                if (i == sp || !isB64Token(token)) throw fail("sip.bearer-malformed", "the Bearer credential is not a b64token (RFC 6750 2.1)");
                bearer = Optional.of(token);
            }
            return bearer;
        }

        /** RFC 6750 2.1: b64token = 1*( ALPHA / DIGIT / "-" / "." / "_" / "~" / "+" / "/" ) *"=" */
        boolean isB64Token(String t) {
            int i = 0, n = t.length();
            while (i < n) {
                steps++;
                char c = t.charAt(i);
                if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '.' || c == '_' || c == '~' || c == '+' || c == '/') i++;
                else break;
            }
            if (i == 0) return false;
            while (i < n && t.charAt(i) == '=') { i++; steps++; }
            return i == n;
        }

        // ---- Via, name-addr, URI

        Via via(String v) {
            int i = 0, n = v.length();
            StringBuilder proto = new StringBuilder();
            int slashes = 0;
            // sent-protocol: "SIP" SLASH "2.0" SLASH transport, with optional LWS around the slashes (SWS "/" SWS)
            while (i < n) {
                steps++;
                char c = v.charAt(i);
                if (c == '/') { slashes++; proto.append(c); i++; while (i < n && isWs(v.charAt(i))) { i++; steps++; } continue; }
                if (isWs(c)) {
                    int j = i;
                    while (j < n && isWs(v.charAt(j))) { j++; steps++; }
                    if (j < n && v.charAt(j) == '/' && slashes < 2) { i = j; continue; }
                    i = j;
                    break;
                }
                if (!isTokenChar(c)) throw fail("sip.via-malformed", "the Via sent-protocol is not SIP/2.0/transport");
                proto.append(c);
                i++;
            }
            String p = proto.toString();
            int s1 = p.indexOf('/'), s2 = s1 < 0 ? -1 : p.indexOf('/', s1 + 1);
            if (slashes != 2 || s1 < 0 || s2 < 0 || !p.substring(0, s2).equalsIgnoreCase("SIP/2.0") || s2 + 1 >= p.length())
                throw fail("sip.via-malformed", "the Via sent-protocol is not SIP/2.0/transport");
            String transport = p.substring(s2 + 1).toUpperCase(Locale.ROOT);
            int semi = i;
            while (semi < n && v.charAt(semi) != ';') { semi++; steps++; }
            String sentBy = trim(sub(v, i, semi));
            if (sentBy.isEmpty() || !hostPort(removeWsAroundColon(sentBy)))
                throw fail("sip.via-malformed", "the Via sent-by is not host[:port]");
            Map<String, String> params = params(sub(v, semi, n), "sip.via-malformed", "Via");
            return new Via(transport, removeWsAroundColon(sentBy), params, v);
        }

        /** sent-by = host [ COLON port ], COLON = SWS ":" SWS: whitespace only next to the colon goes. */
        String removeWsAroundColon(String s) {
            StringBuilder b = new StringBuilder(s.length());
            int n = s.length();
            for (int i = 0; i < n; i++) {
                steps++;
                char c = s.charAt(i);
                if (isWs(c)) {
                    int j = i;
                    while (j < n && isWs(s.charAt(j))) { j++; steps++; }
                    boolean nextColon = j < n && s.charAt(j) == ':';
                    boolean prevColon = b.length() > 0 && b.charAt(b.length() - 1) == ':';
                    if (!nextColon && !prevColon) b.append(' ');
                    i = j - 1;
                    continue;
                }
                b.append(c);
            }
            return b.toString();
        }

        NameAddr nameAddr(String v, String header, String code) {
            int n = v.length(), i = 0;
            Optional<String> display = Optional.empty();
            int laquo = -1;
            if (i < n && v.charAt(i) == '"') {
                StringBuilder d = new StringBuilder();
                i++;
                boolean closed = false;
                while (i < n) {
                    steps++;
                    char c = v.charAt(i);
                    if (c == '\\') {
                        if (i + 1 >= n) break;
                        d.append(v.charAt(i + 1));
                        i += 2;
                        continue;
                    }
                    if (c == '"') { closed = true; i++; break; }
                    d.append(c);
                    i++;
                }
                if (!closed) throw fail(code, "an unterminated display name in " + header);
                while (i < n && isWs(v.charAt(i))) { i++; steps++; }
                if (i >= n || v.charAt(i) != '<') throw fail(code, "a quoted display name not followed by <URI> in " + header);
                laquo = i;
                display = Optional.of(d.toString());
            } else {
                for (int k = i; k < n; k++) {
                    steps++;
                    char c = v.charAt(k);
                    if (c == '<') { laquo = k; break; }
                    if (c == ';' || c == '"' || c == '>') break;
                }
                if (laquo > 0) {
                    String d = trim(sub(v, 0, laquo));
                    for (int k = 0; k < d.length(); k++) {
                        steps++;
                        if (!isTokenChar(d.charAt(k)) && !isWs(d.charAt(k)) && d.charAt(k) < 0x80) throw fail(code, "a display name that is neither tokens nor quoted in " + header);
                    }
                    if (!d.isEmpty()) display = Optional.of(d);
                }
            }
            String uriText, rest;
            if (laquo >= 0) {
                int raquo = -1;
                for (int k = laquo + 1; k < n; k++) { steps++; if (v.charAt(k) == '>') { raquo = k; break; } }
                if (raquo < 0) throw fail(code, "an unterminated <URI> in " + header);
                uriText = sub(v, laquo + 1, raquo);
                rest = sub(v, raquo + 1, n);
            } else {
                int semi = i;
                while (semi < n && v.charAt(semi) != ';') { semi++; steps++; }
                uriText = trim(sub(v, i, semi));
                rest = sub(v, semi, n);
            }
            SipUri uri;
            try {
                uri = uri(uriText);
            } catch (SchemeException e) {
                throw fail(code, "the " + header + " URI is not a sip or sips URI");
            } catch (SipParseException e) {
                throw fail(code, "the " + header + " URI is malformed");
            }
            String paramsRaw = trim(rest);
            Map<String, String> params = params(paramsRaw, code, header);
            return new NameAddr(display, uri, params, paramsRaw);
        }

        /** {@code *( SEMI name [= value] )}: value a token, a host or a quoted string; names lower case, no duplicates. */
        Map<String, String> params(String s, String code, String header) {
            Map<String, String> out = new LinkedHashMap<>();
            int i = 0, n = s.length();
            while (i < n && isWs(s.charAt(i))) { i++; steps++; }
            while (i < n) {
                if (s.charAt(i) != ';') throw fail(code, "text after the " + header + " value that is not a ;parameter");
                i++;
                while (i < n && isWs(s.charAt(i))) { i++; steps++; }
                int a = i;
                while (i < n && isTokenChar(s.charAt(i))) { i++; steps++; }
                if (a == i) throw fail(code, "an empty parameter name in " + header);
                String name = sub(s, a, i).toLowerCase(Locale.ROOT);
                while (i < n && isWs(s.charAt(i))) { i++; steps++; }
                String value = "";
                if (i < n && s.charAt(i) == '=') {
                    i++;
                    while (i < n && isWs(s.charAt(i))) { i++; steps++; }
                    if (i < n && s.charAt(i) == '"') {
                        StringBuilder q = new StringBuilder();
                        i++;
                        boolean closed = false;
                        while (i < n) {
                            steps++;
                            char c = s.charAt(i);
                            if (c == '\\' && i + 1 < n) { q.append(s.charAt(i + 1)); i += 2; continue; }
                            if (c == '"') { closed = true; i++; break; }
                            q.append(c);
                            i++;
                        }
                        if (!closed) throw fail(code, "an unterminated quoted parameter value in " + header);
                        value = q.toString();
                    } else {
                        int b = i;
                        while (i < n && (isTokenChar(s.charAt(i)) || s.charAt(i) == ':' || s.charAt(i) == '[' || s.charAt(i) == ']')) { i++; steps++; }
                        if (b == i) throw fail(code, "an empty value of parameter " + printable(name) + " in " + header);
                        value = sub(s, b, i);
                    }
                }
                while (i < n && isWs(s.charAt(i))) { i++; steps++; }
                if (out.putIfAbsent(name, value) != null) throw fail(code, "parameter " + printable(name) + " twice in " + header);
                if (out.size() > 64) throw fail(code, "more than 64 parameters in " + header);
            }
            return Collections.unmodifiableMap(out);
        }

        SipUri uri(String s) {
            int n = s.length();
            for (int k = 0; k < n; k++) {
                steps++;
                char c = s.charAt(k);
                if (c <= 0x20 || c >= 0x7f || c == '<' || c == '>' || c == '"') throw fail("sip.uri-malformed", "a URI with a space, quote, bracket or non-ASCII character");
            }
            int colon = -1;
            for (int k = 0; k < n && k < 16; k++) { steps++; if (s.charAt(k) == ':') { colon = k; break; } }
            if (colon <= 0) throw fail("sip.uri-malformed", "a URI without a scheme");
            String scheme = sub(s, 0, colon).toLowerCase(Locale.ROOT);
            if (!scheme.equals("sip") && !scheme.equals("sips")) throw new SchemeException();
            int at = -1, end = n;
            for (int k = colon + 1; k < n; k++) {
                steps++;
                char c = s.charAt(k);
                if (c == '@') { at = k; break; }
            }
            Optional<String> user = Optional.empty();
            int hostStart = colon + 1;
            if (at >= 0) {
                int pw = at;
                for (int k = colon + 1; k < at; k++) { steps++; if (s.charAt(k) == ':') { pw = k; break; } }
                String u = sub(s, colon + 1, pw);
                if (u.isEmpty() || !userChars(u)) throw fail("sip.uri-malformed", "a URI user part with a character outside RFC 3261 25.1 user");
                user = Optional.of(u);
                hostStart = at + 1;
            }
            int hostEnd = hostStart;
            while (hostEnd < end && s.charAt(hostEnd) != ';' && s.charAt(hostEnd) != '?') { hostEnd++; steps++; }
            String hp = sub(s, hostStart, hostEnd);
            if (!hostPort(hp)) throw fail("sip.uri-malformed", "a URI host that is not hostname, IPv4 or [IPv6] with an optional port");
            String host;
            OptionalInt port = OptionalInt.empty();
            int lastColon = hp.startsWith("[") ? hp.indexOf("]:") + 1 : hp.indexOf(':');
            if (lastColon > 0) {
                host = hp.substring(0, lastColon);
                port = OptionalInt.of(Integer.parseInt(hp.substring(lastColon + 1)));
            } else host = hp;
            int q = hostEnd;
            while (q < end && s.charAt(q) != '?') { q++; steps++; }
            Map<String, String> params = new LinkedHashMap<>();
            String ps = sub(s, hostEnd, q);
            int i = 0;
            while (i < ps.length()) {
                int j = i + 1;
                while (j < ps.length() && ps.charAt(j) != ';') { j++; steps++; }
                String p = ps.substring(i + 1, j);
                int eq = p.indexOf('=');
                String name = (eq < 0 ? p : p.substring(0, eq)).toLowerCase(Locale.ROOT);
                if (name.isEmpty()) throw fail("sip.uri-malformed", "an empty URI parameter");
                params.putIfAbsent(name, eq < 0 ? "" : p.substring(eq + 1));
                if (params.size() > 64) throw fail("sip.uri-malformed", "more than 64 URI parameters");
                i = j;
            }
            return new SipUri(scheme, user, host.toLowerCase(Locale.ROOT), port, Collections.unmodifiableMap(params), s);
        }

        boolean userChars(String u) {
            for (int k = 0; k < u.length(); k++) {
                steps++;
                char c = u.charAt(k);
                boolean ok = Character.isLetterOrDigit(c) && c < 0x80 || "-_.!~*'()&=+$,;?/%".indexOf(c) >= 0;
                if (!ok) return false;
            }
            return true;
        }

        boolean hostPort(String hp) {
            int n = hp.length();
            if (n == 0 || n > 262) return false;
            int i;
            if (hp.charAt(0) == '[') {
                int close = hp.indexOf(']');
                steps += n;
                if (close < 3) return false;
                for (int k = 1; k < close; k++) {
                    char c = hp.charAt(k);
                    if (!(Character.digit(c, 16) >= 0 || c == ':' || c == '.')) return false;
                }
                i = close + 1;
            } else {
                i = 0;
                while (i < n && (Character.isLetterOrDigit(hp.charAt(i)) && hp.charAt(i) < 0x80 || hp.charAt(i) == '-' || hp.charAt(i) == '.')) { i++; steps++; }
                if (i == 0 || i > 255) return false;
            }
            if (i == n) return true;
            if (hp.charAt(i) != ':') return false;
            String port = hp.substring(i + 1);
            steps += port.length();
            return !port.isEmpty() && port.length() <= 5 && allDigits(port) && Integer.parseInt(port) <= 65535;
        }
    }

    /** Raised inside the parser for a URI whose scheme is not sip/sips (the caller decides 416 or 400). */
    private static final class SchemeException extends RuntimeException {
        SchemeException() { super(null, null, false, false); }
    }

    static boolean isWs(char c) { return c == ' ' || c == '\t'; }

    /** RFC 3261 25.1 token characters. */
    static boolean isTokenChar(char c) {
        return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || "-.!%*_+`'~".indexOf(c) >= 0;
    }

    static boolean isToken(String s) {
        if (s.isEmpty()) return false;
        for (int i = 0; i < s.length(); i++) if (!isTokenChar(s.charAt(i))) return false;
        return true;
    }

    static boolean allDigits(String s) {
        for (int i = 0; i < s.length(); i++) if (s.charAt(i) < '0' || s.charAt(i) > '9') return false;
        return true;
    }

    /** Visible ASCII only, at most 32 characters (for messages). */
    static String printable(String s) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < s.length() && i < 32; i++) {
            char c = s.charAt(i);
            b.append(c >= 0x20 && c < 0x7f ? c : '?');
        }
        if (s.length() > 32) b.append("...");
        return b.toString();
    }
}
