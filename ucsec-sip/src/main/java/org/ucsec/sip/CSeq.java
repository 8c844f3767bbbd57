package org.ucsec.sip;

/** CSeq: a sequence number below 2^31 and the method (RFC 3261 8.1.1.5). */
public record CSeq(long number, String method) {}
