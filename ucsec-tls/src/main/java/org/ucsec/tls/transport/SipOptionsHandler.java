package org.ucsec.tls.transport;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Minimal SIP over TLS for {@link Framing#sip} messages, equivalent to the node's blocking {@code SipTlsListener.handle}:
 * OPTIONS gets 200 OK, anything else 501, with Via/From/To/Call-ID/CSeq echoed (RFC 3261 8.2.6) and the verified peer
 * named in {@code Server}. Responses (a message starting {@code SIP/2.0}) are ignored.
 */
public final class SipOptionsHandler implements MessageHandler {
    @Override public void onMessage(TlsConnection c, byte[] message) {
        String text = new String(message, StandardCharsets.UTF_8);
        int headersEnd = text.indexOf("\r\n\r\n");
        String head = headersEnd < 0 ? text : text.substring(0, headersEnd);
        String[] lines = head.split("\r?\n");
        String requestLine = lines[0];
        if (requestLine.startsWith("SIP/2.0")) return;
        List<String> echo = new ArrayList<>();
        for (int i = 1; i < lines.length; i++) {
            String lower = lines[i].toLowerCase(Locale.ROOT);
            if (lower.startsWith("via:") || lower.startsWith("from:") || lower.startsWith("to:") || lower.startsWith("call-id:") || lower.startsWith("cseq:")) echo.add(lines[i]);
        }
        String method = requestLine.split(" ", 2)[0];
        String status = method.equals("OPTIONS") ? "200 OK" : "501 Not Implemented";
        StringBuilder resp = new StringBuilder("SIP/2.0 ").append(status).append("\r\n");
        for (String h : echo) resp.append(h).append("\r\n");
        resp.append("Server: ucsec (peer ").append(c.peer().commonName()).append(")\r\nContent-Length: 0\r\n\r\n");
        c.write(resp.toString().getBytes(StandardCharsets.UTF_8));
    }
}
