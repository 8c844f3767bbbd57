package org.ucsec.sip;

import org.ucsec.core.UcsecException;

/**
 * Bounds of the parser. Every limit is checked before the work it bounds is done.
 *
 * @param maxMessageBytes  the whole message, headers and body (larger: 513 Message Too Large, RFC 3261 21.5.14)
 * @param maxHeaders       header fields after unfolding, plus comma-separated values of list headers
 * @param maxLineBytes     one physical header line, and one header's value after unfolding
 * @param streamTransport  TLS/TCP: Content-Length is required (RFC 3261 18.3, 20.14)
 */
public record SipLimits(int maxMessageBytes, int maxHeaders, int maxLineBytes, boolean streamTransport) {
    public SipLimits {
        if (maxMessageBytes < 256 || maxMessageBytes > 16 * 1024 * 1024)
            throw new UcsecException("sip.limits-invalid", "maxMessageBytes must be 256 to 16 MiB: " + maxMessageBytes);
        if (maxHeaders < 8 || maxHeaders > 4096) throw new UcsecException("sip.limits-invalid", "maxHeaders must be 8 to 4096: " + maxHeaders);
        if (maxLineBytes < 128 || maxLineBytes > maxMessageBytes)
            throw new UcsecException("sip.limits-invalid", "maxLineBytes must be 128 to maxMessageBytes: " + maxLineBytes);
    }

    /** 64 KiB messages (the largest a UDP datagram could carry), 128 header fields, 8 KiB lines, stream transport. */
    public static SipLimits defaults() { return new SipLimits(65_535, 128, 8192, true); }
}
