package org.ucsec.sip;

import java.util.Map;
import java.util.Optional;

/**
 * A From/To/Contact value: optional display name, the URI and the header parameters (lower-case names; a parameter
 * without value maps to {@code ""}). {@code paramsRaw} is the parameter text after the URI, as written.
 */
public record NameAddr(Optional<String> displayName, SipUri uri, Map<String, String> params, String paramsRaw) {
    public Optional<String> tag() { return Optional.ofNullable(params.get("tag")); }
}
