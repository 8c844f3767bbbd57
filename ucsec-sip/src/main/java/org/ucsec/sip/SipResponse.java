package org.ucsec.sip;

import java.util.List;

/** A parsed response (the edge ignores responses; parsed so a stray one is recognised and never answered). */
public record SipResponse(int status, String reason, SipHeaders headers, List<Via> vias, NameAddr from, NameAddr to,
                          String callId, CSeq cseq, byte[] body) implements SipMessage {}
