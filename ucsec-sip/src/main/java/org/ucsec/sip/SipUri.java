package org.ucsec.sip;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * A sip: or sips: URI (RFC 3261 19.1): {@code user} is kept as written (case-sensitive, RFC 3261 19.1.4), the host in
 * lower case, parameters by lower-case name. {@code raw} is the URI as it appeared.
 */
public record SipUri(String scheme, Optional<String> user, String host, OptionalInt port, Map<String, String> params, String raw) {
    /** The address-of-record form {@code scheme:user@host} (no port, no parameters), the registrar's key (RFC 3261 10.3 step 5). */
    public String aor() { return scheme + ":" + user.map(u -> u + "@").orElse("") + host; }

    /** A comparison key: scheme, user, host, port and the transport parameter (RFC 3261 19.1.4, simplified). */
    public String comparisonKey() {
        String t = params.get("transport");
        return scheme + ":" + user.map(u -> u + "@").orElse("") + host + (port.isPresent() ? ":" + port.getAsInt() : "")
                + (t != null ? ";transport=" + t.toLowerCase(Locale.ROOT) : "");
    }
}
