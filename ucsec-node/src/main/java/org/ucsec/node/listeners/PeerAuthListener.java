package org.ucsec.node.listeners;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.ucsec.core.UcsecException;
import org.ucsec.node.certs.CertificateService.KeyMaterial;
import org.ucsec.pki.catalogue.ListenerDef;
import org.ucsec.tls.listener.ConnectionHandler;
import org.ucsec.tls.listener.ListenerTlsConfig;
import org.ucsec.tls.listener.PeerAuthTlsListener;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.function.Supplier;

/**
 * A hosted TLS listener that authenticates its clients (SPEC S4): the SIP proxy's peer-auth port today, the SIP OAuth
 * MRA port next. Keys, trust store, TLS context and policy come from {@link TlsMaterial}; the application protocol is
 * the capability's {@link ConnectionHandler}. "Restart" reloads it for new connections; established ones stay.
 */
public final class PeerAuthListener implements HostedListener {
    private static final Logger LOG = LoggerFactory.getLogger(PeerAuthListener.class);

    private final ListenerDef def;
    private final String bind;
    private final Supplier<TlsMaterial.Resolved> material;
    private final PeerAuthTlsListener listener;
    private volatile TlsMaterial.Resolved current;

    public PeerAuthListener(ListenerDef def, String bind, int port, Supplier<TlsMaterial.Resolved> material, ConnectionHandler handler, String portOption) throws IOException {
        this.def = def;
        this.bind = bind;
        this.material = material;
        this.current = material.get();
        PeerAuthTlsListener l;
        try {
            l = PeerAuthTlsListener.start(def.service(), new InetSocketAddress(bind, port), TlsMaterial.peerAuthConfig(current), handler);
        } catch (UcsecException e) {
            if (!e.code().equals("listener.bind")) throw e;
            throw new UcsecException("listener.bind", e.getMessage() + "; choose another port with " + portOption + " (-1 turns it off)", e);
        }
        this.listener = l;
        LOG.info("{} TLS (peer authentication) listening on {}:{} ({})", def.service(), bind, listener.port(), def.tlsContext());
    }

    @Override public String service() { return def.service(); }

    @Override public int port() { return listener.port(); }

    public PeerAuthTlsListener engine() { return listener; }

    @Override public String reload() {
        TlsMaterial.Resolved next = material.get();
        ListenerTlsConfig cfg = TlsMaterial.peerAuthConfig(next);
        listener.reload(cfg);
        current = next;
        return def.service() + " listener reloaded with " + def.tlsContext() + ": peers " + cfg.allowedPeerCns() + ", " + cfg.cipherSuites().size()
                + " cipher suites, protocols " + cfg.protocols() + " (open connections kept)";
    }

    @Override public Status status() {
        TlsMaterial.Resolved r = current;
        return new Status(def.service(), bind, port(), "jdk", r.keys().stream().map(KeyMaterial::purpose).toList(), def.trustStore(), def.tlsContext(),
                r.clientCertificateRequired(), listener.config().protocols(), listener.config().cipherSuites(), List.copyOf(r.allowedPeerCns()));
    }

    @Override public void close() { listener.close(); }
}
