package org.ucsec.sip;

import java.util.Optional;
import java.util.OptionalLong;

/** One Contact value: {@code *} (remove every binding, RFC 3261 10.2.2) or an address with an optional expires parameter. */
public record Contact(boolean star, Optional<NameAddr> address, OptionalLong expires) {
    static Contact starContact() { return new Contact(true, Optional.empty(), OptionalLong.empty()); }
}
