package org.ucsec.tls.listener;

import org.ucsec.tls.transport.MessageHandler;
import org.ucsec.tls.transport.TlsConnection;
import org.ucsec.tls.transport.TlsEngine;
import org.ucsec.tls.transport.TlsTransport;
import org.ucsec.tls.transport.TransportOptions;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;

/**
 * One server under test, whatever runs it: today's blocking {@link PeerAuthTlsListener} or the {@link TlsTransport} on
 * either engine; every one echoes lines and reports each verified peer.
 */
public interface Served extends AutoCloseable {
    enum Kind {
        BLOCKING_LISTENER, TRANSPORT_OPENSSL, TRANSPORT_JDK;

        public Served start(ListenerTlsConfig cfg, Consumer<PeerInfo> peers) throws IOException {
            return start(cfg, TransportOptions.defaults(), peers);
        }

        public Served start(ListenerTlsConfig cfg, TransportOptions options, Consumer<PeerInfo> peers) throws IOException {
            InetSocketAddress bind = new InetSocketAddress(InetAddress.getLoopbackAddress(), 0);
            if (this == BLOCKING_LISTENER) {
                PeerAuthTlsListener l = PeerAuthTlsListener.start("test-peer-auth", bind, cfg, (s, peer) -> {
                    peers.accept(peer);
                    BufferedReader in = new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.UTF_8));
                    OutputStream out = s.getOutputStream();
                    for (String line; (line = in.readLine()) != null; ) {
                        out.write((line + "\n").getBytes(StandardCharsets.UTF_8));
                        out.flush();
                    }
                });
                return new Served() {
                    public int port() { return l.port(); }
                    public ListenerStats stats() { return l.stats(); }
                    public void reload(ListenerTlsConfig c) { l.reload(c); }
                    public ListenerTlsConfig config() { return l.config(); }
                    public void close() { l.close(); }
                };
            }
            TlsEngine engine = this == TRANSPORT_OPENSSL ? TlsEngine.OPENSSL : TlsEngine.JDK;
            TlsTransport t = TlsTransport.start("test-transport", bind, cfg, options.withEngine(engine), echo(peers));
            return new Served() {
                public int port() { return t.port(); }
                public ListenerStats stats() {
                    var s = t.stats();
                    return new ListenerStats(s.accepted(), s.established(), s.active(), s.rejected());
                }
                public void reload(ListenerTlsConfig c) { t.reload(c); }
                public ListenerTlsConfig config() { return t.config(); }
                public void close() { t.close(); }
                public TlsTransport transport() { return t; }
            };
        }
    }

    /** A line echo for {@code Framing.lines}. */
    static MessageHandler echo(Consumer<PeerInfo> peers) {
        return new MessageHandler() {
            @Override public void onOpen(TlsConnection c) { peers.accept(c.peer()); }
            @Override public void onMessage(TlsConnection c, byte[] line) {
                byte[] out = new byte[line.length + 1];
                System.arraycopy(line, 0, out, 0, line.length);
                out[line.length] = '\n';
                c.write(out);
            }
        };
    }

    int port();
    ListenerStats stats();
    void reload(ListenerTlsConfig c);
    ListenerTlsConfig config();
    @Override void close();
    default TlsTransport transport() { throw new UnsupportedOperationException("not a transport"); }
}
