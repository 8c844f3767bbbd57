package org.ucsec.node.listeners;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.ucsec.core.UcsecException;
import org.ucsec.node.certs.CertificateService.KeyMaterial;
import org.ucsec.pki.catalogue.ListenerDef;
import org.ucsec.tls.listener.ListenerTlsConfig;
import org.ucsec.tls.transport.Framing;
import org.ucsec.tls.transport.MessageHandler;
import org.ucsec.tls.transport.TlsEngine;
import org.ucsec.tls.transport.TlsTransport;
import org.ucsec.tls.transport.TransportOptions;

import java.net.InetSocketAddress;
import java.util.List;
import java.util.function.Supplier;

/**
 * A hosted TLS listener that authenticates its clients (SPEC S4): the SIP proxy's peer-auth port today, the SIP OAuth
 * MRA port next, on the fast TLS transport (decision 0005: Netty with BoringSSL, or the JDK's engine as a logged
 * fallback or by choice, {@code serve --tls-engine}). Keys, trust store, TLS context and policy come from
 * {@link TlsMaterial}; the application protocol is the capability's {@link MessageHandler}. "Restart" reloads it for
 * new connections; established ones stay.
 */
public final class PeerAuthListener implements HostedListener {
    private static final Logger LOG = LoggerFactory.getLogger(PeerAuthListener.class);
    /** The largest SIP message read (RFC 3261 sets no limit; 64 KiB is far above any real REGISTER or OPTIONS). */
    static final int MAX_MESSAGE = 64 * 1024;

    private final ListenerDef def;
    private final String bind;
    private final Supplier<TlsMaterial.Resolved> material;
    private final TlsTransport transport;
    private volatile TlsMaterial.Resolved current;

    public PeerAuthListener(ListenerDef def, String bind, int port, Supplier<TlsMaterial.Resolved> material, MessageHandler handler,
                            TlsEngine engine, String portOption) {
        this.def = def;
        this.bind = bind;
        this.material = material;
        this.current = material.get();
        TransportOptions options = TransportOptions.defaults().withEngine(engine).withFraming(framing(def));
        TlsTransport t;
        try {
            t = TlsTransport.start(def.service(), new InetSocketAddress(bind, port), TlsMaterial.peerAuthConfig(current), options, handler);
        } catch (UcsecException e) {
            if (!e.code().equals("listener.bind")) throw e;
            throw new UcsecException("listener.bind", e.getMessage() + "; choose another port with " + portOption + " (-1 turns it off)", e);
        }
        this.transport = t;
        LOG.info("{} TLS (peer authentication, {} engine) listening on {}:{} ({})", def.service(), transport.engine(), bind, transport.port(), def.tlsContext());
    }

    private static Framing framing(ListenerDef def) {
        return switch (def.application()) {
            case "sip" -> Framing.sip(MAX_MESSAGE);
            default -> throw new IllegalStateException("listeners.tsv: no framing for the " + def.application() + " application of " + def.service());
        };
    }

    @Override public String service() { return def.service(); }

    @Override public int port() { return transport.port(); }

    public TlsTransport engine() { return transport; }

    @Override public String reload() {
        TlsMaterial.Resolved next = material.get();
        ListenerTlsConfig cfg = TlsMaterial.peerAuthConfig(next);
        transport.reload(cfg);
        current = next;
        return def.service() + " listener reloaded with " + def.tlsContext() + ": peers " + cfg.allowedPeerCns() + ", " + cfg.cipherSuites().size()
                + " cipher suites, protocols " + cfg.protocols() + " (open connections kept)";
    }

    @Override public Status status() {
        TlsMaterial.Resolved r = current;
        ListenerTlsConfig cfg = transport.config();
        return new Status(def.service(), bind, port(), transport.engine().name().toLowerCase(), r.keys().stream().map(KeyMaterial::purpose).toList(),
                def.trustStore(), def.tlsContext(), r.clientCertificateRequired(), cfg.protocols(), cfg.cipherSuites(), List.copyOf(r.allowedPeerCns()));
    }

    @Override public void close() { transport.close(); }
}
