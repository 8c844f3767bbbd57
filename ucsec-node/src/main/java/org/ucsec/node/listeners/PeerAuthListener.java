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
    /** The largest HTTP request head read (decision 0009: a phone's GET is a few hundred bytes; 8 KiB as common servers). */
    static final int MAX_HTTP_HEAD = 8 * 1024;
    /** An HTTP keep-alive connection idle this long is closed (decision 0009; a booting phone makes one or two requests). */
    static final java.time.Duration HTTP_IDLE = java.time.Duration.ofSeconds(20);

    private final ListenerDef def;
    private final String bind;
    private final Supplier<TlsMaterial.Resolved> material;
    private final TlsEngine requested;
    private final MessageHandler handler;
    private final InetSocketAddress address;
    private final String portOption;
    private volatile TlsTransport transport;
    private volatile TlsMaterial.Resolved current;
    /** The node's clock: the transport's cached chain decisions end at a certificate's notAfter on it, as the validator's do. */
    private final java.time.Clock clock;

    public PeerAuthListener(ListenerDef def, String bind, int port, Supplier<TlsMaterial.Resolved> material, MessageHandler handler,
                            TlsEngine engine, String portOption, java.time.Clock clock) {
        this.def = def;
        this.clock = clock;
        this.bind = bind;
        this.material = material;
        this.requested = engine;
        this.handler = handler;
        this.portOption = portOption;
        this.current = material.get();
        this.transport = start(new InetSocketAddress(bind, port), current);
        this.address = new InetSocketAddress(bind, transport.port());
        LOG.info("{} TLS (peer authentication, {} engine) listening on {}:{} ({})", def.service(), transport.engine(), bind, transport.port(), def.tlsContext());
    }

    /**
     * The engine for a policy: the one asked for, except that under FIPS or common criteria an {@code auto} request takes
     * the JDK engine. netty-tcnative's BoringSSL cannot switch TLS 1.3 suites off (ChaCha20 would be negotiated and only
     * then refused) and, in our tests, did not keep to a FIPS-narrowed TLS 1.2 list; the JDK engine negotiates exactly the
     * policy's suites. An explicit {@code --tls-engine openssl} is kept (ucsec's post-handshake check still refuses).
     */
    TlsEngine engineFor(TlsMaterial.Resolved r) {
        if (requested == TlsEngine.AUTO && (r.policy().modes().fips() || r.policy().modes().commonCriteria())) return TlsEngine.JDK;
        return requested;
    }

    private boolean nativeEngine(TlsEngine e) { return e == TlsEngine.OPENSSL || (e == TlsEngine.AUTO && TlsTransport.nativeEngineAvailable()); }

    private TlsTransport start(InetSocketAddress at, TlsMaterial.Resolved r) {
        TlsEngine engine = engineFor(r);
        TransportOptions options = TransportOptions.defaults().withEngine(engine).withFraming(framing(def)).withClock(clock);
        if (def.application().equals("http")) options = options.withIdleTimeout(HTTP_IDLE);
        // an established connection that completes no message in this time is closed (default 5 min; tests shorten it)
        long idle = Long.getLong("ucsec.listener.idle-timeout-seconds", 0);
        if (idle > 0) options = options.withIdleTimeout(java.time.Duration.ofSeconds(idle));
        try {
            return TlsTransport.start(def.service(), at, config(r, nativeEngine(engine)), options, handler);
        } catch (UcsecException e) {
            if (!e.code().equals("listener.bind")) throw e;
            throw new UcsecException("listener.bind", e.getMessage() + "; choose another port with " + portOption + " (-1 turns it off)", e);
        }
    }

    /** The BoringSSL engine of netty-tcnative negotiates TLS 1.2 and 1.3 only: TLS 1.0/1.1 (RFC 8996) need {@code --tls-engine jdk}. */
    private ListenerTlsConfig config(TlsMaterial.Resolved r, boolean nativeEngine) {
        if (!nativeEngine) return TlsMaterial.peerAuthConfig(r);
        List<String> protocols = r.protocols().stream().filter(p -> p.equals("TLSv1.2") || p.equals("TLSv1.3")).toList();
        if (protocols.size() < r.protocols().size())
            LOG.warn("{}: the BoringSSL engine does not offer {}; only {} are enabled (serve --tls-engine jdk for TLS 1.0/1.1)", def.service(),
                    r.protocols().stream().filter(p -> !protocols.contains(p)).toList(), protocols);
        return TlsMaterial.peerAuthConfig(new TlsMaterial.Resolved(r.keys(), r.anchors(), protocols, r.cipherSuites(), r.allowedPeerCns(), r.policy(),
                r.clientCertificateRequired(), r.clientTrust()));
    }

    private static Framing framing(ListenerDef def) {
        return switch (def.application()) {
            case "sip" -> Framing.sip(MAX_MESSAGE);
            case "http" -> Framing.http(MAX_HTTP_HEAD);
            default -> throw new IllegalStateException("listeners.tsv: no framing for the " + def.application() + " application of " + def.service());
        };
    }

    @Override public String service() { return def.service(); }

    @Override public int port() { return transport.port(); }

    public TlsTransport engine() { return transport; }

    @Override public synchronized String reload() {
        TlsMaterial.Resolved next = material.get();
        TlsEngine wanted = engineFor(next);
        if (wanted != engineFor(current)) {
            // a security mode switched engines: the port is handed over, which ends the open connections (logged; rare)
            TlsTransport old = transport;
            old.close();
            transport = start(address, next);
            current = next;
            LOG.warn("{}: the security mode needs the {} engine; the listener was restarted on it and its open connections were closed", def.service(), transport.engine());
            return def.service() + " listener restarted on the " + transport.engine() + " engine for the security mode (open connections closed)";
        }
        ListenerTlsConfig cfg = config(next, nativeEngine(wanted));
        transport.reload(cfg);
        current = next;
        return def.service() + " listener reloaded with " + (def.tlsContext() == null ? "the trust store " + def.trustStore() : def.tlsContext()) + ": peers " + cfg.allowedPeerCns() + ", " + cfg.cipherSuites().size()
                + " cipher suites, protocols " + cfg.protocols() + " (open connections kept)";
    }

    @Override public Status status() {
        TlsMaterial.Resolved r = current;
        ListenerTlsConfig cfg = transport.config();
        return new Status(def.service(), bind, port(), (transport.engine().name() + " on " + transport.io().name()).toLowerCase(), r.keys().stream().map(KeyMaterial::purpose).toList(),
                def.trustStore(), def.tlsContext(), r.clientCertificateRequired(), cfg.protocols(), cfg.cipherSuites(),
                r.allowedPeerCns().stream().filter(p -> !p.equals(TlsMaterial.NO_PEER_SELECTED)).toList());
    }

    @Override public void close() { transport.close(); }
}
