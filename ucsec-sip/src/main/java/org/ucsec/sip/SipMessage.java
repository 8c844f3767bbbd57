package org.ucsec.sip;

import java.util.List;

/** A parsed SIP message: a {@link SipRequest} or a {@link SipResponse}. The body is kept as bytes. */
public sealed interface SipMessage permits SipRequest, SipResponse {
    SipHeaders headers();
    List<Via> vias();
    NameAddr from();
    NameAddr to();
    String callId();
    CSeq cseq();
    byte[] body();
}
