package org.ucsec.sip;

import java.util.Map;
import java.util.Optional;

/** One Via value: {@code SIP/2.0/<transport> <sent-by>;params}; {@code branch} is required (RFC 3261 8.1.1.7). */
public record Via(String transport, String sentBy, Map<String, String> params, String raw) {
    public Optional<String> branch() { return Optional.ofNullable(params.get("branch")); }
}
