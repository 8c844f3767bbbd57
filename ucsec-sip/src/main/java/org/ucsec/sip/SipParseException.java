package org.ucsec.sip;

import org.ucsec.core.UcsecException;

import java.util.List;

/**
 * The only exception {@link SipParser} throws: a stable {@code sip.*} code, the SIP status and reason phrase to
 * answer with (400 Bad Request with the fault named, 413/513 for size, 416, 505), and the Via, From, To, Call-ID and
 * CSeq header fields read before the fault so the error response can still be matched by the client
 * (RFC 3261 8.2.6.2). {@link #closeConnection()} is true when the stream may be out of step (size, Content-Length).
 */
public final class SipParseException extends UcsecException {
    private final int status;
    private final String reason;
    private final List<SipHeaders.Header> salvaged;
    private final boolean closeConnection;

    SipParseException(String code, int status, String reason, String message, List<SipHeaders.Header> salvaged, boolean closeConnection) {
        super(code, message);
        this.status = status;
        this.reason = reason;
        this.salvaged = List.copyOf(salvaged);
        this.closeConnection = closeConnection;
    }

    /** The SIP status code of the response. */
    public int status() { return status; }

    /** The reason phrase of the response (ASCII, no CR/LF), e.g. {@code Bad Request (CSeq method mismatch)}. */
    public String reason() { return reason; }

    /** Via, From, To, Call-ID, CSeq header fields read before the fault (raw values), in message order. */
    public List<SipHeaders.Header> salvaged() { return salvaged; }

    public boolean closeConnection() { return closeConnection; }
}
