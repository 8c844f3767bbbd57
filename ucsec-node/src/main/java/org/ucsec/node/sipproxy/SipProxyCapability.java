package org.ucsec.node.sipproxy;

import org.ucsec.node.platform.Capability;
import org.ucsec.node.platform.Wiring;
import org.ucsec.tls.listener.ConnectionHandler;
import org.ucsec.tls.listener.PeerInfo;

import javax.net.ssl.SSLSocket;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The SIP proxy's peer-authenticated TLS port (SPEC S4), hosted by ucsec: listeners.tsv binds it to cup/cup-ECDSA,
 * cup-trust and the default TLS context; this capability is its application. It answers SIP OPTIONS (keep-alive pings
 * between peers) with 200 and anything else with 501. The SIP OAuth edge (O11) brings a real SIP parser.
 */
public final class SipProxyCapability implements Capability {
    /** The longest request line or header line read (RFC 3261 sets none; 8 KiB is far above any real one). */
    static final int MAX_LINE = 8 * 1024;
    /** The most header lines read per request. */
    static final int MAX_HEADERS = 100;

    @Override public String name() { return "sipproxy"; }

    @Override public String openApi() { return null; }

    @Override public Running start(Wiring w) {
        return new Running() {
            @Override public Map<String, ConnectionHandler> connectionHandlers() { return Map.of("sip-proxy", SipProxyCapability::handle); }
        };
    }

    /** Minimal SIP over TLS: OPTIONS gets 200 OK, anything else 501, with the dialog headers echoed (RFC 3261 8.2.6). */
    static void handle(SSLSocket socket, PeerInfo peer) throws IOException {
        BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8), MAX_LINE);
        OutputStream out = socket.getOutputStream();
        while (true) {
            String requestLine = readLine(in);
            if (requestLine == null) return;
            if (requestLine.isBlank()) continue;
            List<String> echo = new ArrayList<>();
            int contentLength = 0;
            int headers = 0;
            for (String line; (line = readLine(in)) != null && !line.isEmpty(); ) {
                if (++headers > MAX_HEADERS) return; // not a SIP peer: close
                String lower = line.toLowerCase();
                if (lower.startsWith("via:") || lower.startsWith("from:") || lower.startsWith("to:") || lower.startsWith("call-id:") || lower.startsWith("cseq:")) echo.add(line);
                if (lower.startsWith("content-length:")) {
                    try { contentLength = Integer.parseInt(line.substring(15).trim()); } catch (NumberFormatException e) { contentLength = 0; }
                }
            }
            if (contentLength > 0) in.skip(Math.min(contentLength, 65536));
            String method = requestLine.split(" ", 2)[0];
            String status = method.equals("OPTIONS") ? "200 OK" : "501 Not Implemented";
            StringBuilder resp = new StringBuilder("SIP/2.0 ").append(status).append("\r\n");
            for (String h : echo) resp.append(h).append("\r\n");
            resp.append("Server: ucsec (peer ").append(peer.commonName()).append(")\r\nContent-Length: 0\r\n\r\n");
            out.write(resp.toString().getBytes(StandardCharsets.UTF_8));
            out.flush();
        }
    }

    /** One line, at most {@link #MAX_LINE} characters (a longer one ends the connection: no unbounded buffering). */
    private static String readLine(BufferedReader in) throws IOException {
        StringBuilder sb = new StringBuilder();
        for (int c; (c = in.read()) >= 0; ) {
            if (c == '\n') {
                int n = sb.length();
                if (n > 0 && sb.charAt(n - 1) == '\r') sb.setLength(n - 1);
                return sb.toString();
            }
            if (sb.length() >= MAX_LINE) return null;
            sb.append((char) c);
        }
        return sb.isEmpty() ? null : sb.toString();
    }
}
