package org.ucsec.sip;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** Test messages: a REGISTER like a Cisco phone's over TLS (RFC 3261 10.2 example shape), editable header by header. */
final class Msg {
    String startLine = "REGISTER sip:cucm1.example.com SIP/2.0";
    final List<String> headers = new ArrayList<>(List.of(
            "Via: SIP/2.0/TLS 192.0.2.10:51234;branch=z9hG4bK776asdhds;rport",
            "Max-Forwards: 70",
            "From: \"Phone 1001\" <sip:SEP001122334455@cucm1.example.com>;tag=456248",
            "To: <sip:SEP001122334455@cucm1.example.com>",
            "Call-ID: 843817637684230@998sdasdh09",
            "CSeq: 1826 REGISTER",
            "Contact: <sip:SEP001122334455@192.0.2.10:51234;transport=tls>;+sip.instance=\"<urn:uuid:00000000-0000-0000-0000-001122334455>\"",
            "Expires: 3600",
            "User-Agent: Cisco-CP8845/14.2.1"));
    String body = "";
    boolean contentLength = true;

    static Msg register() { return new Msg(); }

    static Msg register(String token) { return new Msg().with("Authorization: Bearer " + token); }

    Msg with(String header) { headers.add(header); return this; }

    Msg without(String prefix) { headers.removeIf(h -> h.toLowerCase().startsWith(prefix.toLowerCase())); return this; }

    Msg replace(String prefix, String header) { without(prefix); headers.add(header); return this; }

    Msg start(String line) { startLine = line; return this; }

    Msg noContentLength() { contentLength = false; return this; }

    String text() {
        StringBuilder b = new StringBuilder(startLine).append("\r\n");
        for (String h : headers) b.append(h).append("\r\n");
        if (contentLength) b.append("Content-Length: ").append(body.getBytes(StandardCharsets.UTF_8).length).append("\r\n");
        return b.append("\r\n").append(body).toString();
    }

    byte[] bytes() { return text().getBytes(StandardCharsets.ISO_8859_1); }
}
