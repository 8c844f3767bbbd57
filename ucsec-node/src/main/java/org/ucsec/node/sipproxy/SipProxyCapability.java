package org.ucsec.node.sipproxy;

import org.ucsec.node.platform.Capability;
import org.ucsec.node.platform.Wiring;
import org.ucsec.tls.transport.MessageHandler;
import org.ucsec.tls.transport.SipOptionsHandler;

import java.util.Map;

/**
 * The SIP proxy's peer-authenticated TLS port (SPEC S4), hosted by ucsec: listeners.tsv binds it to cup/cup-ECDSA,
 * cup-trust and the default TLS context; this capability is its application, on the fast TLS transport: SIP OPTIONS
 * (keep-alive pings between peers) get 200, anything else 501 (the transport frames SIP messages, bounded). The SIP
 * OAuth edge (O11) brings a real SIP parser.
 */
public final class SipProxyCapability implements Capability {
    @Override public String name() { return "sipproxy"; }

    @Override public String openApi() { return null; }

    @Override public Running start(Wiring w) {
        MessageHandler options = new SipOptionsHandler();
        return new Running() {
            @Override public Map<String, MessageHandler> connectionHandlers() { return Map.of("sip-proxy", options); }
        };
    }
}
