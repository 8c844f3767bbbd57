package org.ucsec.sip;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The header fields of a message in order, names in their canonical long form (compact forms of RFC 3261 7.3.3 and
 * the registry expanded: {@code v} is {@code Via}, {@code m} is {@code Contact}, ...), values unfolded (RFC 3261
 * 7.3.1) and trimmed. List headers (Via, Contact, Allow, ...) hold one entry per comma-separated value.
 */
public final class SipHeaders {
    /** One header field value; {@code name} is canonical. */
    public record Header(String name, String value) {}

    private static final Map<String, String> COMPACT = Map.ofEntries(
            Map.entry("i", "Call-ID"), Map.entry("m", "Contact"), Map.entry("e", "Content-Encoding"), Map.entry("l", "Content-Length"),
            Map.entry("c", "Content-Type"), Map.entry("f", "From"), Map.entry("s", "Subject"), Map.entry("k", "Supported"),
            Map.entry("t", "To"), Map.entry("v", "Via"), Map.entry("o", "Event"), Map.entry("u", "Allow-Events"),
            Map.entry("r", "Refer-To"), Map.entry("b", "Referred-By"), Map.entry("x", "Session-Expires"), Map.entry("a", "Accept-Contact"),
            Map.entry("j", "Reject-Contact"), Map.entry("d", "Request-Disposition"), Map.entry("y", "Identity"), Map.entry("n", "Identity-Info"));

    private static final Map<String, String> CANONICAL;
    static {
        String[] names = {"Via", "From", "To", "Call-ID", "CSeq", "Contact", "Expires", "Max-Forwards", "Content-Length", "Content-Type",
                "Content-Encoding", "Authorization", "WWW-Authenticate", "Proxy-Authorization", "Allow", "Accept", "Accept-Encoding",
                "Accept-Language", "Supported", "Require", "Proxy-Require", "Unsupported", "User-Agent", "Server", "Min-Expires", "Date",
                "Route", "Record-Route", "Path", "Subject", "Event", "Allow-Events", "Refer-To", "Referred-By", "Session-Expires",
                "Accept-Contact", "Reject-Contact", "Request-Disposition", "Identity", "Identity-Info", "Timestamp", "Organization",
                "Priority", "Retry-After", "Warning", "Call-Info", "Alert-Info", "Error-Info", "In-Reply-To", "Reply-To", "MIME-Version"};
        java.util.HashMap<String, String> m = new java.util.HashMap<>();
        for (String n : names) m.put(n.toLowerCase(Locale.ROOT), n);
        CANONICAL = Map.copyOf(m);
    }

    /** Headers whose value is a comma-separated list (RFC 3261 7.3.1), split into one entry per element. */
    static final java.util.Set<String> LIST_HEADERS = java.util.Set.of("Via", "Contact", "Route", "Record-Route", "Path", "Allow",
            "Supported", "Require", "Proxy-Require", "Unsupported", "Accept", "Accept-Encoding", "Accept-Language", "Allow-Events");

    private final List<Header> headers;

    SipHeaders(List<Header> headers) { this.headers = List.copyOf(headers); }

    /** The canonical name of {@code name} (any case, compact or long). */
    public static String canonical(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        String c = COMPACT.get(lower);
        if (c != null) return c;
        c = CANONICAL.get(lower);
        return c != null ? c : name;
    }

    public List<Header> all() { return headers; }

    /** Every value of {@code name} (any spelling), in order. */
    public List<String> values(String name) {
        String c = canonical(name);
        List<String> out = new ArrayList<>();
        for (Header h : headers) if (h.name.equalsIgnoreCase(c)) out.add(h.value);
        return out;
    }

    public Optional<String> first(String name) {
        String c = canonical(name);
        for (Header h : headers) if (h.name.equalsIgnoreCase(c)) return Optional.of(h.value);
        return Optional.empty();
    }

    public int size() { return headers.size(); }

    @Override public String toString() {
        StringBuilder b = new StringBuilder("SipHeaders[");
        for (Header h : headers) {
            b.append(h.name).append(": ");
            b.append(h.name.equals("Authorization") || h.name.equals("Proxy-Authorization") ? "****" : h.value).append("; ");
        }
        return b.append(']').toString();
    }
}
