package org.ucsec.sip;

import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;

/**
 * A parsed request. {@code bearerToken} is the b64token of an {@code Authorization: Bearer} header (RFC 8898 2.2,
 * RFC 6750 2.1); other schemes are listed in {@code authorizationSchemes} and give no token. {@code toString} never
 * shows the token.
 */
public record SipRequest(String method, SipUri requestUri, SipHeaders headers, List<Via> vias, NameAddr from, NameAddr to,
                         String callId, CSeq cseq, List<Contact> contacts, OptionalLong expires, OptionalInt maxForwards,
                         int contentLength, byte[] body, Optional<String> bearerToken, List<String> authorizationSchemes) implements SipMessage {
    @Override public String toString() {
        return "SipRequest[" + method + " " + requestUri.raw() + ", call-id=" + callId + ", cseq=" + cseq.number() + " " + cseq.method()
                + ", contacts=" + contacts.size() + ", bearer=" + (bearerToken.isPresent() ? "****" : "none") + "]";
    }
}
