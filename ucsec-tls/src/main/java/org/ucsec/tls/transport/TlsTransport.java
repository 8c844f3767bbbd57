package org.ucsec.tls.transport;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.channel.IoHandlerFactory;
import io.netty.channel.ServerChannel;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.handler.ssl.OpenSslCertificateException;
import io.netty.internal.tcnative.CertificateVerifier;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.DecoderException;
import io.netty.handler.codec.TooLongFrameException;
import io.netty.handler.ssl.ClientAuth;
import io.netty.handler.ssl.IdentityCipherSuiteFilter;
import io.netty.handler.ssl.NotSslRecordException;
import io.netty.handler.ssl.OpenSsl;
import io.netty.handler.ssl.OpenSslCachingX509KeyManagerFactory;
import io.netty.handler.ssl.OpenSslContextOption;
import io.netty.handler.ssl.OpenSslX509KeyManagerFactory;
import io.netty.handler.ssl.ReferenceCountedOpenSslContext;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslHandler;
import io.netty.handler.ssl.SslHandshakeCompletionEvent;
import io.netty.handler.ssl.SslHandshakeTimeoutException;
import io.netty.handler.ssl.SslProvider;
import io.netty.util.concurrent.DefaultThreadFactory;
import io.netty.util.concurrent.GlobalEventExecutor;
import io.netty.util.concurrent.ScheduledFuture;
import org.ucsec.core.SecretAccess;
import org.ucsec.core.UcsecException;
import org.ucsec.tls.listener.ListenerTlsConfig;
import org.ucsec.tls.listener.PeerAuthTlsListener;
import org.ucsec.tls.listener.PeerInfo;
import org.ucsec.tls.listener.ServerIdentity;
import org.ucsec.tls.policy.Violation;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLPeerUnverifiedException;
import javax.net.ssl.SSLSession;
import javax.net.ssl.X509ExtendedTrustManager;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketAddress;
import java.nio.channels.ClosedChannelException;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * The TLS transport under every hosted listener (decision 0005): Netty, BoringSSL through netty-tcnative or the JDK's
 * {@code SSLEngine} ({@link TlsEngine}), event-loop threads only (no thread per connection), and the same contract as
 * {@link PeerAuthTlsListener}: an immutable {@link ListenerTlsConfig} per connection, {@link #reload} for new
 * connections only, the same reason codes.
 *
 * <pre>{@code
 * ListenerTlsConfig cfg = ListenerTlsConfig.builder().serverKey(key, chain).trustAnchors(anchors)
 *         .clientTrust(validator.trustManager())          // optional: ucsec's validator decides client chains
 *         .allowedPeerCns(peers).policy(policy).build();
 * TlsTransport t = TlsTransport.start("sip-tls", new InetSocketAddress(5062), cfg,
 *         TransportOptions.defaults().withEngine(TlsEngine.AUTO), new SipOptionsHandler());
 * t.reload(next);  t.stats();  t.engine();  t.close();
 * }</pre>
 *
 * <p>Per reload, not per handshake: the key is held in memory and handed to the engine once (BoringSSL keeps it in
 * native form), the suites, protocols and client CA names are set on one {@code SslContext}, and its session cache is
 * that config's own. Per connection: {@code TCP_NODELAY}, a handshake deadline, the trust hook (through the chain
 * cache), the peer checks of {@link PeerAuthTlsListener} (protocol, suite, client key policy, CN allowlist), then an
 * idle deadline that only whole messages reset. Client-initiated renegotiation is refused on both engines.
 *
 * <p>Reason codes besides the listener's: {@code connection.limit}, {@code connection.idle-timeout},
 * {@code connection.message-too-large}, {@code handshake.chain-too-long}, {@code handshake.renegotiation-refused},
 * {@code handshake.too-large}; and what a framing refuses with an answer ({@link Framing.Refused}: for HTTP
 * {@code request.bad}, {@code request.uri-too-long}, {@code request.headers-too-large}, {@code request.body-refused}).
 */
public final class TlsTransport implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(TlsTransport.class.getName());

    static {
        // the JDK engine accepts a client's renegotiation unless told otherwise; the record guard below refuses it anyway
        if (System.getProperty("jdk.tls.rejectClientInitiatedRenegotiation") == null) System.setProperty("jdk.tls.rejectClientInitiatedRenegotiation", "true");
        // the JDK engine's stateless tickets would let a client resume without its chain going through the trust hook
        if (System.getProperty("jdk.tls.server.enableSessionTicketExtension") == null) System.setProperty("jdk.tls.server.enableSessionTicketExtension", "false");
    }

    private final String name;
    private final TransportOptions options;
    private final TlsEngine engine;
    private final TransportIo eventLoop;
    private final MessageHandler handler;
    private final EventLoopGroup group;
    private final ChannelGroup channels;
    private final ChainDecisionCache cache;
    private volatile Channel server;
    private volatile Prepared current;
    private final AtomicBoolean closed = new AtomicBoolean();
    private final Map<SSLEngine, Conn> byEngine = new ConcurrentHashMap<>();
    private final AtomicInteger open = new AtomicInteger();
    private final AtomicLong ids = new AtomicLong();
    private final LongAdder accepted = new LongAdder();
    private final LongAdder established = new LongAdder();
    private final AtomicLong active = new AtomicLong();
    private final Map<String, LongAdder> rejected = new ConcurrentHashMap<>();

    /**
     * Everything prepared once per config: the engine's context and the suites a connection may end up with, and the
     * RSA keys libcrypto holds for its contexts (decision 0012). {@code holds} counts the transport's reference (while
     * this is the current config) and each connection whose handshake is running under it: the native keys are freed
     * when it reaches 0, so a reload never frees a key a running handshake still needs.
     */
    private record Prepared(ListenerTlsConfig config, SslContext context, List<String> allowedSuites, SslContext ecContext, SslContext rsaContext,
                            List<LibcryptoRsa.Key> nativeKeys, AtomicInteger holds) {
        /** BoringSSL through Netty picks the server key by the server's suite order, not the client's: one context per key type. */
        boolean choosesByClientHello() { return ecContext != null && rsaContext != null; }

        boolean retain() {
            int n;
            do {
                n = holds.get();
                if (n == 0) return false;
            } while (!holds.compareAndSet(n, n + 1));
            return true;
        }

        void release() {
            if (holds.decrementAndGet() == 0) nativeKeys.forEach(LibcryptoRsa.Key::close);
        }
    }

    private TlsTransport(String name, TransportOptions options, TlsEngine engine, TransportIo eventLoop, MessageHandler handler) {
        this.name = name;
        this.options = options;
        this.engine = engine;
        this.eventLoop = eventLoop;
        this.handler = handler;
        this.cache = new ChainDecisionCache(options.chainCacheSize(), options.chainCacheMaxAge(), options.clock()::millis);
        int threads = options.ioThreads() == 0 ? Runtime.getRuntime().availableProcessors() : options.ioThreads();
        this.group = new MultiThreadIoEventLoopGroup(threads, new DefaultThreadFactory("ucsec-" + name + "-io", true), ioHandlerFactory(eventLoop));
        this.channels = new DefaultChannelGroup("ucsec-" + name, GlobalEventExecutor.INSTANCE);
    }

    /**
     * Binds {@code bind} (port 0 = any free port, see {@link #port()}) and starts accepting.
     *
     * @throws UcsecException {@code transport.engine-unavailable} when {@link TlsEngine#OPENSSL} is asked for and the
     *                        native library cannot load; {@code listener.bind} when the address cannot be bound;
     *                        {@code transport.context} when the engine refuses the config
     */
    public static TlsTransport start(String name, InetSocketAddress bind, ListenerTlsConfig config, TransportOptions options, MessageHandler handler) {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(bind, "bind");
        Objects.requireNonNull(config, "config");
        Objects.requireNonNull(options, "options");
        Objects.requireNonNull(handler, "handler");
        TlsTransport t = new TlsTransport(name, options, engineFor(name, options.engine()), ioFor(name, options.io()), handler);
        try {
            t.current = t.prepare(config);
            t.bind(bind);
        } catch (RuntimeException e) {
            if (t.current != null) t.current.release();
            t.group.shutdownGracefully(0, 1, TimeUnit.SECONDS);
            throw e;
        }
        return t;
    }

    private void bind(InetSocketAddress bind) {
        ServerBootstrap b = new ServerBootstrap().group(group).channel(serverChannelClass(eventLoop))
                .option(ChannelOption.SO_BACKLOG, options.backlog())
                .option(ChannelOption.SO_REUSEADDR, true)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override protected void initChannel(SocketChannel ch) { init(ch); }
                });
        try {
            server = b.bind(bind).syncUninterruptibly().channel();
        } catch (Exception e) {
            throw new UcsecException("listener.bind", "listener " + name + " cannot bind " + bind + ": " + e.getMessage(), e);
        }
        LOG.log(System.Logger.Level.INFO, "listener {0} listening on {1} (TLS engine {2}, event loop {3}, RSA signer {4}) with {5}", name, server.localAddress(), engine, eventLoop, rsaSigner(), current.config());
    }

    private static TlsEngine engineFor(String name, TlsEngine requested) {
        boolean available = OpenSsl.isAvailable();
        TlsEngine e = TlsEngine.resolve(requested, available);
        if (e == TlsEngine.OPENSSL && !available) {
            throw new UcsecException("transport.engine-unavailable", "listener " + name
                    + ": the BoringSSL engine was asked for but its native library cannot load: " + OpenSsl.unavailabilityCause());
        }
        if (requested == TlsEngine.AUTO && e == TlsEngine.JDK) {
            LOG.log(System.Logger.Level.WARNING, "listener {0}: BoringSSL (netty-tcnative) cannot load ({1}); using the JDK TLS engine, which costs"
                    + " several times the CPU per handshake", name, String.valueOf(OpenSsl.unavailabilityCause()));
        }
        return e;
    }

    private static TransportIo ioFor(String name, TransportIo requested) {
        boolean available = Epoll.isAvailable();
        TransportIo io = TransportIo.resolve(requested, available);
        if (requested != TransportIo.NIO && io == TransportIo.NIO) {
            LOG.log(requested == TransportIo.EPOLL ? System.Logger.Level.WARNING : System.Logger.Level.INFO,
                    "listener {0}: native epoll (netty-transport-native-epoll) cannot load ({1}); using the Java NIO event loop",
                    name, String.valueOf(Epoll.unavailabilityCause()));
        }
        return io;
    }

    private static IoHandlerFactory ioHandlerFactory(TransportIo io) {
        return io == TransportIo.EPOLL ? EpollIoHandler.newFactory() : NioIoHandler.newFactory();
    }

    private static Class<? extends ServerChannel> serverChannelClass(TransportIo io) {
        return io == TransportIo.EPOLL ? EpollServerSocketChannel.class : NioServerSocketChannel.class;
    }

    /** Whether Netty's native epoll event loop can be used in this process. */
    public static boolean epollAvailable() { return Epoll.isAvailable(); }

    /** Whether the BoringSSL engine can be used in this process. */
    public static boolean nativeEngineAvailable() { return OpenSsl.isAvailable(); }

    public String name() { return name; }

    /** The engine in use: {@link TlsEngine#OPENSSL} or {@link TlsEngine#JDK}, never AUTO. */
    public TlsEngine engine() { return engine; }

    /** The event loop in use (never {@link TransportIo#AUTO}). */
    public TransportIo io() { return eventLoop; }

    public int port() { return ((InetSocketAddress) server.localAddress()).getPort(); }

    public ListenerTlsConfig config() { return current.config(); }

    /**
     * Who makes the server's RSA signatures for new connections (decision 0012): {@code libcrypto (OpenSSL 3.x ...)}
     * when ucsec's signer holds the RSA key, else the engine itself ({@code boringssl} or {@code jdk}).
     */
    public String rsaSigner() {
        Prepared p = current;
        if (!p.nativeKeys().isEmpty()) return "libcrypto (" + LibcryptoRsa.status().detail() + ")";
        return engine == TlsEngine.OPENSSL ? "boringssl" : "jdk";
    }

    /** RSA signatures libcrypto made for the current config (tests, diagnostics). */
    long libcryptoSignatures() { return current.nativeKeys().stream().mapToLong(LibcryptoRsa.Key::signatures).sum(); }

    /** The current config's native RSA keys (tests: that a replaced config's are freed). */
    List<LibcryptoRsa.Key> nativeKeys() { return current.nativeKeys(); }

    /** The cache of accepted client chains (e.g. to {@link ChainDecisionCache#clear} it when revocation data changes). */
    public ChainDecisionCache chainCache() { return cache; }

    /**
     * New connections use {@code next} (its context is prepared here, before the swap: a config the engine refuses
     * leaves the current one in place); established and handshaking ones keep the config they were accepted with.
     */
    public synchronized void reload(ListenerTlsConfig next) {
        Objects.requireNonNull(next, "config");
        if (closed.get()) throw new UcsecException("listener.closed", "listener " + name + " is closed");
        Prepared old = current;
        current = prepare(next);
        old.release();
        LOG.log(System.Logger.Level.INFO, "listener {0} reloaded (new connections only): {1}", name, next);
    }

    public TransportStats stats() {
        Map<String, Long> r = new TreeMap<>();
        rejected.forEach((k, v) -> r.put(k, v.sum()));
        return new TransportStats(engine, accepted.sum(), open.get(), established.sum(), active.get(), r, cache.hits(), cache.misses());
    }

    /** Stops accepting and closes every open connection. Idempotent. */
    @Override public void close() {
        if (!closed.compareAndSet(false, true)) return;
        server.close().syncUninterruptibly();
        channels.close().awaitUninterruptibly(5, TimeUnit.SECONDS);
        group.shutdownGracefully(0, 2, TimeUnit.SECONDS).awaitUninterruptibly(5, TimeUnit.SECONDS);
        synchronized (this) { current.release(); }
        LOG.log(System.Logger.Level.INFO, "listener {0} closed", name);
    }

    @Override public String toString() { return "TlsTransport[" + name + " " + engine + "/" + eventLoop + (closed.get() ? " closed" : " port " + port()) + "]"; }

    // ------------------------------------------------------------------------------------------------ per config

    private Prepared prepare(ListenerTlsConfig cfg) {
        List<String> suites = engineSuites(cfg);
        List<LibcryptoRsa.Key> nativeKeys = new ArrayList<>();
        try {
            SslContext all = context(cfg, cfg.serverIdentities(), suites, nativeKeys);
            SslContext ec = null, rsa = null;
            if (engine == TlsEngine.OPENSSL) {
                List<ServerIdentity> ecIds = cfg.serverIdentities().stream().filter(i -> i.leaf().getPublicKey().getAlgorithm().equals("EC")).toList();
                List<ServerIdentity> rsaIds = cfg.serverIdentities().stream().filter(i -> i.leaf().getPublicKey().getAlgorithm().equals("RSA")).toList();
                if (!ecIds.isEmpty() && !rsaIds.isEmpty()) {
                    ec = context(cfg, ecIds, suites.stream().filter(x -> !x.contains("_WITH_") || x.contains("_ECDSA_")).toList(), nativeKeys);
                    rsa = context(cfg, rsaIds, suites.stream().filter(x -> !x.contains("_WITH_") || x.contains("_RSA_")).toList(), nativeKeys);
                }
            }
            return new Prepared(cfg, all, suites, ec, rsa, List.copyOf(nativeKeys), new AtomicInteger(1));
        } catch (RuntimeException e) {
            nativeKeys.forEach(LibcryptoRsa.Key::close);
            throw e;
        }
    }

    /**
     * The RSA key of a BoringSSL context with one identity, in libcrypto's hands (decision 0012), or null: BoringSSL
     * signs itself when the key is not RSA (its ECDSA is faster than libcrypto's), the context has several keys, the
     * config offers RSA key exchange or TLS 1.0/1.1 (a decryption or an MD5+SHA-1 signature, which this signer does
     * not make), or the signer is disabled or cannot load.
     */
    private LibcryptoRsa.Key nativeRsaKey(ListenerTlsConfig cfg, List<ServerIdentity> ids, List<String> suites) {
        if (engine != TlsEngine.OPENSSL || ids.size() != 1 || !ids.get(0).leaf().getPublicKey().getAlgorithm().equals("RSA")) return null;
        if (suites.stream().anyMatch(s -> s.startsWith("TLS_RSA_WITH_"))) return null;
        if (cfg.protocols().stream().anyMatch(p -> !p.equals("TLSv1.2") && !p.equals("TLSv1.3"))) return null;
        if (!LibcryptoRsa.enabled()) return null;
        try {
            return LibcryptoRsa.key(ids.get(0).privateKey(SecretAccess.granted()));
        } catch (java.security.InvalidKeyException e) {
            LOG.log(System.Logger.Level.WARNING, "listener {0}: libcrypto refuses the RSA key of ''{1}'' ({2}); BoringSSL signs with it",
                    name, ids.get(0).leaf().getSubjectX500Principal().getName(), e.getMessage());
            return null;
        }
    }

    private SslContext context(ListenerTlsConfig cfg, List<ServerIdentity> ids, List<String> suites, List<LibcryptoRsa.Key> nativeKeys) {
        try {
            LibcryptoRsa.Key nativeKey = nativeRsaKey(cfg, ids, suites);
            KeyManagerFactory keys;
            if (nativeKey != null) {
                nativeKeys.add(nativeKey); // freed with the config (Prepared.release), or at once if the context fails
                // BoringSSL gets the chain only; each signature goes to the key method
                keys = OpenSslX509KeyManagerFactory.newKeyless(ids.get(0).chain().toArray(X509Certificate[]::new));
            } else {
                KeyStore mem = KeyStore.getInstance("PKCS12");
                mem.load(null, null);
                int i = 0;
                for (ServerIdentity id : ids) mem.setKeyEntry("id-" + i++, id.privateKey(SecretAccess.granted()), new char[0], id.chain().toArray(X509Certificate[]::new));
                KeyManagerFactory kmf = KeyManagerFactory.getInstance("SunX509"); // holds the decrypted keys in memory
                kmf.init(mem, new char[0]);
                // BoringSSL: the key material is converted to native form once and cached, not per handshake
                keys = engine == TlsEngine.OPENSSL ? new OpenSslCachingX509KeyManagerFactory(kmf) : kmf;
            }
            SslContextBuilder b = SslContextBuilder.forServer(keys)
                    .sslProvider(engine == TlsEngine.OPENSSL ? SslProvider.OPENSSL : SslProvider.JDK)
                    .protocols(cfg.protocols())
                    .ciphers(suites, IdentityCipherSuiteFilter.INSTANCE)
                    .sessionCacheSize(1)
                    .sessionTimeout(1);
            if (cfg.clientTrust() != null) b.trustManager(new HookTrustManager(cfg));
            b.clientAuth(cfg.requireClientCert() ? ClientAuth.REQUIRE : cfg.clientTrust() != null ? ClientAuth.OPTIONAL : ClientAuth.NONE);
            if (engine == TlsEngine.OPENSSL) b.option(OpenSslContextOption.MAX_CERTIFICATE_LIST_BYTES, MAX_CLIENT_CHAIN_BYTES);
            if (nativeKey != null) b.option(OpenSslContextOption.PRIVATE_KEY_METHOD, nativeKey);
            SslContext ctx = b.build();
            noResumption(ctx);
            return ctx;
        } catch (GeneralSecurityException | IOException e) {
            throw new UcsecException("transport.context", "listener " + name + ": the " + engine + " engine refuses the TLS configuration: " + e.getMessage());
        }
    }

    /**
     * BoringSSL refuses a client's certificate message above this many bytes before the trust hook sees it (it hands
     * the hook at most 10 certificates, its verify depth, so a longer chain is caught by size): ten 2 KB certificates
     * plus room. It also bounds the ClientHello (BoringSSL's limit is the larger of this and 16 KB).
     */
    static final int MAX_CLIENT_CHAIN_BYTES = 24 * 1024;

    /**
     * No session cache and no tickets: every connection is a full handshake whose client chain goes through the trust
     * hook (a resumed session would skip revocation); the chain cache keeps reconnects cheap instead. BoringSSL also
     * refuses renegotiation itself.
     */
    private static void noResumption(SslContext ctx) {
        if (ctx instanceof ReferenceCountedOpenSslContext o) {
            o.setRejectRemoteInitiatedRenegotiation(true);
            o.sessionContext().setSessionCacheEnabled(false);
            // netty sets SSL_OP_NO_TICKET on every context it builds (tickets only with setTicketKeys, never called here)
        }
    }

    /**
     * The config's suites this engine can negotiate. BoringSSL has no DHE or DSS suites: the JDK-default suite list a
     * config computes when it names none loses those here (a suite named explicitly that BoringSSL lacks is refused).
     */
    private List<String> engineSuites(ListenerTlsConfig cfg) {
        if (engine != TlsEngine.OPENSSL) return cfg.allowedSuites();
        List<String> out = new ArrayList<>();
        List<String> missing = new ArrayList<>();
        for (String s : cfg.allowedSuites()) {
            boolean tls13 = !s.contains("_WITH_");
            if (tls13 || OpenSsl.isCipherSuiteAvailable(s)) out.add(s); else missing.add(s);
        }
        if (!missing.isEmpty() && !cfg.cipherSuites().isEmpty() && cfg.cipherSuites().stream().anyMatch(missing::contains)
                && cfg.cipherSuites().stream().filter(x -> x.contains("_WITH_")).noneMatch(out::contains)) {
            throw new UcsecException("listener.suite-unsupported", "listener " + name + ": the BoringSSL engine has none of the cipher suites " + missing
                    + " (use the jdk engine, or ECDHE suites)");
        }
        if (!missing.isEmpty()) LOG.log(System.Logger.Level.DEBUG, "listener {0}: BoringSSL lacks {1}; offered without them", name, missing);
        return out;
    }

    /**
     * The engine's trust manager: the chain-length bound, then the chain cache, then the config's hook. The engine's
     * own chain verification never decides: netty-tcnative hands the chain to this manager and uses its verdict.
     */
    private final class HookTrustManager extends X509ExtendedTrustManager {
        private final ListenerTlsConfig cfg;
        private final X509Certificate[] issuers;

        HookTrustManager(ListenerTlsConfig cfg) {
            this.cfg = cfg;
            X509Certificate[] a = cfg.clientTrust().getAcceptedIssuers();
            this.issuers = a == null ? new X509Certificate[0] : a;
        }

        private void check(X509Certificate[] chain, String authType, SSLEngine sslEngine) throws CertificateException {
            Conn conn = sslEngine == null ? null : byEngine.get(sslEngine);
            if (chain == null || chain.length == 0) throw refuse(conn, "handshake.no-client-certificate", "the client sent no certificate");
            String subject = chain[0].getSubjectX500Principal().getName();
            if (chain.length > options.maxChainLength()) {
                throw refuse(conn, "handshake.chain-too-long", "client certificate '" + subject + "' came with a chain of " + chain.length
                        + " certificates; at most " + options.maxChainLength() + " are accepted");
            }
            ChainDecisionCache.Key key = ChainDecisionCache.key(chain, cfg.trustVersion(), cfg.policyVersion());
            if (cache.accepted(key)) return;
            try {
                cfg.clientTrust().checkClientTrusted(chain, authType);
            } catch (CertificateException e) {
                String m = e.getMessage() != null && e.getMessage().contains(subject) ? e.getMessage() : "client certificate '" + subject + "' is not trusted: " + e.getMessage();
                if (conn != null) conn.refusal("handshake.untrusted-client-certificate", m);
                throw e;
            }
            cache.remember(key, chain, cfg.clientTrust() instanceof ChainDecisionCache.DecisionLifetime l ? l.decisionValidUntil(chain) : null);
        }

        private static CertificateException refuse(Conn conn, String code, String message) {
            if (conn != null) conn.refusal(code, message);
            return new CertificateException(message);
        }

        @Override public void checkClientTrusted(X509Certificate[] c, String a, Socket s) throws CertificateException { check(c, a, null); }
        @Override public void checkClientTrusted(X509Certificate[] c, String a, SSLEngine e) throws CertificateException {
            try {
                check(c, a, e);
            } catch (CertificateException ex) {
                throw engine == TlsEngine.OPENSSL ? withVerifyError(ex) : ex;
            }
        }

        /**
         * A refusal as BoringSSL should report it: netty-tcnative maps an exception it does not recognise to
         * {@code X509_V_ERR_UNSPECIFIED}, which Netty 4.2.18 sends as an internal-error alert (4.2.20 maps a plain
         * {@code CertificateException} to "untrusted"); so the error code is chosen here, the same way on every version:
         * revoked, expired and not-yet-valid as such, any other refusal as untrusted (a certificate-unknown alert).
         */
        private static CertificateException withVerifyError(CertificateException ex) {
            if (ex instanceof OpenSslCertificateException) return ex;
            int code = CertificateVerifier.X509_V_ERR_CERT_UNTRUSTED;
            for (Throwable t = ex; t != null; t = t.getCause()) {
                if (t instanceof java.security.cert.CertificateRevokedException) { code = CertificateVerifier.X509_V_ERR_CERT_REVOKED; break; }
                if (t instanceof java.security.cert.CertificateExpiredException) { code = CertificateVerifier.X509_V_ERR_CERT_HAS_EXPIRED; break; }
                if (t instanceof java.security.cert.CertificateNotYetValidException) { code = CertificateVerifier.X509_V_ERR_CERT_NOT_YET_VALID; break; }
                if (t instanceof java.security.cert.CertPathValidatorException v) {
                    if (v.getReason() == java.security.cert.CertPathValidatorException.BasicReason.EXPIRED) { code = CertificateVerifier.X509_V_ERR_CERT_HAS_EXPIRED; break; }
                    if (v.getReason() == java.security.cert.CertPathValidatorException.BasicReason.NOT_YET_VALID) { code = CertificateVerifier.X509_V_ERR_CERT_NOT_YET_VALID; break; }
                    if (v.getReason() == java.security.cert.CertPathValidatorException.BasicReason.REVOKED) { code = CertificateVerifier.X509_V_ERR_CERT_REVOKED; break; }
                }
            }
            OpenSslCertificateException mapped = new OpenSslCertificateException(ex.getMessage(), code);
            mapped.initCause(ex);
            return mapped;
        }
        @Override public void checkClientTrusted(X509Certificate[] c, String a) throws CertificateException { check(c, a, null); }
        @Override public void checkServerTrusted(X509Certificate[] c, String a, Socket s) throws CertificateException { throw new CertificateException("a listener does not validate servers"); }
        @Override public void checkServerTrusted(X509Certificate[] c, String a, SSLEngine e) throws CertificateException { throw new CertificateException("a listener does not validate servers"); }
        @Override public void checkServerTrusted(X509Certificate[] c, String a) throws CertificateException { throw new CertificateException("a listener does not validate servers"); }
        @Override public X509Certificate[] getAcceptedIssuers() { return issuers.clone(); }
    }

    // ------------------------------------------------------------------------------------------------ per connection

    private void init(SocketChannel ch) {
        accepted.increment();
        if (closed.get()) { ch.close(); return; }
        int n;
        do {
            n = open.get();
        } while (n < options.maxConnections() && !open.compareAndSet(n, n + 1));
        if (n >= options.maxConnections()) {
            reject("connection.limit", ch.remoteAddress(), "listener has " + options.maxConnections() + " open connections, its bound");
            ch.config().setOption(ChannelOption.SO_LINGER, 0);
            ch.close();
            return;
        }
        Prepared p; // this connection's config, for its whole life, held until its handshake ends
        while (!(p = current).retain()) {
            if (closed.get()) { open.decrementAndGet(); ch.close(); return; }
            Thread.onSpinWait(); // a reload just replaced it
        }
        Conn conn = new Conn(ch, p);
        channels.add(ch);
        ch.closeFuture().addListener((ChannelFutureListener) f -> {
            if (conn.sslEngine != null) byEngine.remove(conn.sslEngine);
            conn.handshakeEnded();
            open.decrementAndGet();
        });
        // the handshake deadline runs from accept, whatever stage the handshake is in
        conn.deadline = ch.eventLoop().schedule(() -> conn.handshakeDeadline(), p.config().handshakeTimeout().toMillis(), TimeUnit.MILLISECONDS);
        ch.pipeline().addLast("record-guard", new RecordGuard(conn));
        if (p.choosesByClientHello()) ch.pipeline().addLast("tls", new KeySelector(conn));
        else ch.pipeline().addLast("tls", conn.sslHandler(p.context()));
        ch.pipeline().addLast("framing", options.framing().newDecoder()).addLast("app", conn);
    }

    /** Reads the ClientHello and puts in the TLS handler whose key the client can use (ECDSA preferred if offered). */
    private final class KeySelector extends io.netty.handler.ssl.SslClientHelloHandler<SslContext> {
        private final Conn conn;

        KeySelector(Conn conn) {
            super(MAX_CLIENT_CHAIN_BYTES);
            this.conn = conn;
        }

        @Override protected io.netty.util.concurrent.Future<SslContext> lookup(ChannelHandlerContext ctx, ByteBuf hello) {
            Prepared p = conn.prepared;
            SslContext chosen = hello == null ? p.context() : wantsEcdsa(hello, p.config().protocols().contains("TLSv1.3")) ? p.ecContext() : p.rsaContext();
            return ctx.executor().newSucceededFuture(chosen);
        }

        @Override protected void onLookupComplete(ChannelHandlerContext ctx, io.netty.util.concurrent.Future<SslContext> f) {
            ctx.pipeline().replace(this, "tls", conn.sslHandler(f.getNow()));
        }
    }

    /**
     * Whether the ECDSA key suits a ClientHello (body, from client_version): for a TLS 1.3 handshake (the client offers
     * it and the config enables it) the client's signature algorithms decide, for TLS 1.2 its ECDSA suites.
     */
    static boolean wantsEcdsa(ByteBuf in, boolean tls13Enabled) {
        boolean ecdsaSuite = false, ecdsaSig = false, offers13 = false;
        try {
            int o = in.readerIndex() + 34;
            o += 1 + in.getUnsignedByte(o);
            int suitesLen = in.getUnsignedShort(o);
            o += 2;
            for (int i = 0; i < suitesLen; i += 2) {
                int s = in.getUnsignedShort(o + i);
                if (s == 0xc02b || s == 0xc02c || s == 0xcca9 || s == 0xc023 || s == 0xc024 || s == 0xc009 || s == 0xc00a) ecdsaSuite = true;
            }
            o += suitesLen;
            o += 1 + in.getUnsignedByte(o);
            int end = o + 2 + in.getUnsignedShort(o);
            o += 2;
            while (o + 4 <= end) {
                int type = in.getUnsignedShort(o), len = in.getUnsignedShort(o + 2);
                if (type == 13) { // signature_algorithms
                    int n = in.getUnsignedShort(o + 4);
                    for (int i = 0; i < n; i += 2) {
                        int alg = in.getUnsignedShort(o + 6 + i);
                        if (alg == 0x0403 || alg == 0x0503 || alg == 0x0603) ecdsaSig = true;
                    }
                } else if (type == 43) { // supported_versions
                    int n = in.getUnsignedByte(o + 4);
                    for (int i = 0; i < n; i += 2) if (in.getUnsignedShort(o + 5 + i) == 0x0304) offers13 = true;
                }
                o += 4 + len;
            }
        } catch (IndexOutOfBoundsException e) {
            // a malformed hello: the TLS engine refuses it
        }
        return offers13 && tls13Enabled ? ecdsaSig : ecdsaSuite;
    }

    /**
     * Watches the raw TLS records a client sends. Once a TLS 1.2 (or older) handshake is done, a handshake record from
     * the client is a renegotiation attempt (TLS 1.3 has none): refused and the connection closed, on every engine.
     */
    private final class RecordGuard extends ChannelDuplexHandler {
        private final Conn conn;
        private final byte[] header = new byte[5];
        private int headerLen;
        private int bodyLeft;
        volatile boolean armed;

        RecordGuard(Conn conn) { this.conn = conn; conn.guard = this; }

        /** Whether the server has sent anything yet (its first flight answers the ClientHello). */
        volatile boolean serverSpoke;

        @Override public void write(ChannelHandlerContext ctx, Object msg, io.netty.channel.ChannelPromise promise) {
            // a handshake record (not an alert): the server's flight, so the ClientHello was taken
            if (!serverSpoke && msg instanceof ByteBuf b && b.isReadable() && b.getByte(b.readerIndex()) == 22) serverSpoke = true;
            ctx.write(msg, promise);
        }

        @Override public void channelRead(ChannelHandlerContext ctx, Object msg) {
            if (msg instanceof ByteBuf buf && conn.established) {
                int i = buf.readerIndex(), end = buf.writerIndex();
                while (i < end) {
                    if (bodyLeft > 0) { int n = Math.min(bodyLeft, end - i); i += n; bodyLeft -= n; continue; }
                    header[headerLen++] = buf.getByte(i++);
                    if (headerLen == 5) {
                        headerLen = 0;
                        bodyLeft = ((header[3] & 0xff) << 8) | (header[4] & 0xff);
                        if (armed && header[0] == 22) {
                            buf.release();
                            conn.drop("handshake.renegotiation-refused", "the client asked to renegotiate the TLS session; renegotiation is refused");
                            return;
                        }
                    }
                }
            }
            ctx.fireChannelRead(msg);
        }
    }

    /** One connection: handshake result, peer checks, idle deadline, messages to the handler. */
    private final class Conn extends ChannelDuplexHandler implements TlsConnection {
        private final Channel ch;
        private final Prepared prepared;
        private volatile SSLEngine sslEngine;
        ScheduledFuture<?> deadline;
        private boolean handshakeDone;
        private final long id = ids.incrementAndGet();
        private final SocketAddress remote;
        private volatile PeerInfo peer;
        private volatile String refusalCode, refusalMessage;
        volatile boolean established;
        RecordGuard guard;
        private boolean counted;
        private long lastMessageNanos;
        private ScheduledFuture<?> idleCheck;
        private final AtomicBoolean holdsConfig = new AtomicBoolean(true);

        Conn(Channel ch, Prepared prepared) {
            this.ch = ch;
            this.prepared = prepared;
            this.remote = ch.remoteAddress();
        }

        SslHandler sslHandler(SslContext context) {
            SslHandler ssl = context.newHandler(ch.alloc());
            ssl.setHandshakeTimeoutMillis(prepared.config().handshakeTimeout().toMillis());
            sslEngine = ssl.engine();
            byEngine.put(sslEngine, this);
            return ssl;
        }

        /** The handshake is over (done, failed or the connection closed): its config's keys are no longer needed by it. */
        void handshakeEnded() {
            if (holdsConfig.compareAndSet(true, false)) prepared.release();
        }

        void handshakeDeadline() {
            if (handshakeDone || !ch.isOpen()) return;
            handshakeDone = true;
            onHandshakeFailure(new SslHandshakeTimeoutException("handshake timed out after " + prepared.config().handshakeTimeout().toMillis() + "ms"));
        }

        void refusal(String code, String message) {
            if (refusalCode == null) { refusalCode = code; refusalMessage = message; }
        }

        @Override public PeerInfo peer() { return peer; }
        @Override public long id() { return id; }
        @Override public SocketAddress localAddress() { return ch.localAddress(); }
        @Override public boolean isOpen() { return ch.isActive(); }
        @Override public void write(byte[] bytes) { ch.writeAndFlush(Unpooled.wrappedBuffer(bytes)); }
        @Override public void close() { ch.close(); }

        @Override public void userEventTriggered(ChannelHandlerContext ctx, Object evt) throws Exception {
            if (evt instanceof SslHandshakeCompletionEvent e) {
                handshakeEnded();
                if (handshakeDone) return; // the deadline already decided
                handshakeDone = true;
                if (deadline != null) deadline.cancel(false);
                if (e.isSuccess()) onHandshake(ctx);
                else onHandshakeFailure(e.cause());
                return;
            }
            super.userEventTriggered(ctx, evt);
        }

        private void onHandshake(ChannelHandlerContext ctx) {
            SSLSession session = sslEngine.getSession();
            PeerInfo p;
            try {
                p = verify(session);
            } catch (Refusal r) {
                drop(r.code, r.getMessage());
                return;
            }
            peer = p;
            established = true;
            String protocol = session.getProtocol();
            if (guard != null) guard.armed = !"TLSv1.3".equals(protocol);
            TlsTransport.this.established.increment();
            active.incrementAndGet();
            counted = true;
            lastMessageNanos = System.nanoTime();
            scheduleIdleCheck(options.idleTimeout().toNanos());
            LOG.log(System.Logger.Level.DEBUG, "listener {0}: accepted {1}", name, p);
            try {
                handler.onOpen(this);
            } catch (RuntimeException ex) {
                LOG.log(System.Logger.Level.WARNING, "listener " + name + ": handler failed on open for " + remote, ex);
                ch.close();
            }
        }

        private void scheduleIdleCheck(long delayNanos) {
            idleCheck = ch.eventLoop().schedule(() -> {
                long idle = System.nanoTime() - lastMessageNanos;
                long limit = options.idleTimeout().toNanos();
                if (idle >= limit) drop("connection.idle-timeout", "no complete message within " + options.idleTimeout().toMillis() + " ms");
                else scheduleIdleCheck(limit - idle);
            }, delayNanos, TimeUnit.NANOSECONDS);
        }

        private void onHandshakeFailure(Throwable cause) {
            if (closed.get()) { ch.close(); return; }
            String code, reason;
            if (refusalCode != null) {
                code = refusalCode;
                reason = refusalMessage;
            } else {
                code = handshakeCode(cause);
                // too large after the server's first flight: the client's Certificate message, not its ClientHello
                if (code.equals("handshake.too-large") && guard != null && guard.serverSpoke) code = "handshake.chain-too-long";
                ListenerTlsConfig cfg = prepared.config();
                String context = switch (code) {
                    case "handshake.no-common-suite" -> " (selected cipher suites: " + prepared.allowedSuites() + ")";
                    case "handshake.protocol-refused" -> " (enabled protocols: " + cfg.protocols() + ")";
                    case "handshake.timeout" -> " (handshake timeout " + cfg.handshakeTimeout().toMillis() + " ms)";
                    default -> "";
                };
                reason = "TLS handshake failed: " + describe(cause) + context;
            }
            reject(code, remote, reason);
            ch.close();
        }

        /** Closes the connection and counts it under {@code code}. */
        void drop(String code, String reason) {
            if (!ch.isOpen()) return;
            reject(code, remote, reason + (peer != null ? " (peer " + peer.commonName() + ")" : ""));
            ch.close();
        }

        @Override public void channelRead(ChannelHandlerContext ctx, Object msg) {
            if (!established) { io.netty.util.ReferenceCountUtil.release(msg); return; }
            byte[] bytes;
            if (msg instanceof byte[] b) bytes = b;
            else if (msg instanceof ByteBuf buf) {
                try { bytes = io.netty.buffer.ByteBufUtil.getBytes(buf); } finally { buf.release(); }
            } else { io.netty.util.ReferenceCountUtil.release(msg); return; }
            lastMessageNanos = System.nanoTime();
            try {
                handler.onMessage(this, bytes);
            } catch (Exception ex) {
                LOG.log(System.Logger.Level.WARNING, "listener " + name + ": handler failed for " + remote + "; closing", ex);
                ch.close();
            }
        }

        @Override public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            Throwable c = cause instanceof DecoderException && cause.getCause() != null ? cause.getCause() : cause;
            if (!established && !handshakeDone && c instanceof TooLongFrameException) {
                handshakeDone = true;
                if (deadline != null) deadline.cancel(false);
                drop("handshake.too-large", "the ClientHello is larger than " + MAX_CLIENT_CHAIN_BYTES + " bytes");
            } else if (c instanceof Framing.Refused r && established) {
                // the framing's answer (an HTTP 4xx), then the connection closes: TLS close_notify after the answer is flushed
                ch.writeAndFlush(Unpooled.wrappedBuffer(r.answer()));
                drop(r.code(), r.getMessage());
            } else if (c instanceof TooLongFrameException) drop("connection.message-too-large", "message larger than " + options.framing().maxMessageBytes() + " bytes: " + c.getMessage());
            else if (!established) { /* the handshake completion event reports it */ }
            else {
                LOG.log(System.Logger.Level.DEBUG, "listener " + name + ": connection from " + remote + " ended: " + c);
                ch.close();
            }
        }

        @Override public void channelInactive(ChannelHandlerContext ctx) throws Exception {
            if (idleCheck != null) idleCheck.cancel(false);
            if (deadline != null) deadline.cancel(false);
            if (counted) {
                counted = false;
                active.decrementAndGet();
                try { handler.onClose(this); } catch (RuntimeException ex) { LOG.log(System.Logger.Level.WARNING, "listener " + name + ": handler failed on close", ex); }
            }
            super.channelInactive(ctx);
        }

        /** The checks after the handshake (as {@link PeerAuthTlsListener}'s); the trust hook already accepted the chain. */
        private PeerInfo verify(SSLSession session) throws Refusal {
            ListenerTlsConfig cfg = prepared.config();
            String protocol = session.getProtocol();
            String suite = session.getCipherSuite();
            if (!cfg.protocols().contains(protocol)) throw new Refusal("peer.protocol-not-allowed", "protocol " + protocol + " is not allowed " + cfg.protocols());
            if (!prepared.allowedSuites().contains(suite)) throw new Refusal("peer.suite-not-allowed", "cipher suite " + suite + " is not allowed " + prepared.allowedSuites());
            List<X509Certificate> chain = new ArrayList<>();
            try {
                for (Certificate c : session.getPeerCertificates()) if (c instanceof X509Certificate x) chain.add(x);
            } catch (SSLPeerUnverifiedException e) {
                // no client certificate
            }
            if (chain.isEmpty()) {
                if (cfg.requireClientCert()) throw new Refusal("peer.no-certificate", "the client sent no certificate; one is required");
                return new PeerInfo("", List.of(), protocol, suite, remote);
            }
            X509Certificate leaf = chain.get(0);
            String subject = leaf.getSubjectX500Principal().getName();
            if (cfg.clientTrust() == null) throw new Refusal("peer.untrusted", "client certificate '" + subject + "' cannot be validated: the listener has no trust anchors");
            List<Violation> violations = cfg.policy().certificateViolations(subject, leaf);
            if (!violations.isEmpty()) throw new Refusal("peer.policy", violations.get(0).message());
            List<String> cns = PeerAuthTlsListener.commonNames(subject);
            String cn = cns.size() == 1 ? cns.get(0) : "";
            if (!cfg.allowedPeerCns().isEmpty()) {
                if (cns.isEmpty()) throw new Refusal("peer.cn-missing", "client certificate '" + subject + "' has no subject CN to match the allowed peer subjects");
                if (cns.size() > 1) throw new Refusal("peer.cn-ambiguous", "client certificate '" + subject + "' has " + cns.size() + " subject CNs " + cns + "; exactly one is required");
                if (!cfg.allowsPeerCn(cn)) throw new Refusal("peer.cn-not-allowed", "peer subject CN '" + cn + "' is not one of the allowed peer subjects " + cfg.allowedPeerCns());
            }
            return new PeerInfo(cn, chain, protocol, suite, remote);
        }
    }

    private static final class Refusal extends Exception {
        final String code;

        Refusal(String code, String message) {
            super(message, null, false, false);
            this.code = code;
        }
    }

    /** Stable reason codes for what either engine reports during a server-side handshake. */
    static String handshakeCode(Throwable cause) {
        for (Throwable t = cause; t != null; t = t.getCause()) {
            if (t instanceof SslHandshakeTimeoutException) return "handshake.timeout";
            if (t instanceof NotSslRecordException) return "handshake.not-tls";
        }
        String m = describe(cause);
        String u = m.toUpperCase(java.util.Locale.ROOT);
        if (u.contains("PEER_DID_NOT_RETURN_A_CERTIFICATE") || u.contains("CERTIFICATE_REQUIRED")) return "handshake.no-client-certificate";
        if (u.contains("NO_SHARED_CIPHER") || u.contains("NO_CIPHERS_AVAILABLE")) return "handshake.no-common-suite";
        if (u.contains("UNSUPPORTED_PROTOCOL") || u.contains("VERSION_TOO_LOW") || u.contains("WRONG_VERSION_NUMBER") || u.contains("UNKNOWN_PROTOCOL")) return "handshake.protocol-refused";
        if (u.contains("EXCESSIVE_MESSAGE_SIZE") || u.contains("ENCRYPTED_LENGTH_TOO_LONG") || u.contains("RECORD_TOO_LARGE") || u.contains("TOO LARGE") || u.contains("MAXIMUM") && u.contains("SIZE")) return "handshake.too-large";
        if (u.contains("CERTIFICATE CHAIN LENGTH")) return "handshake.chain-too-long";
        if (u.contains("CERTIFICATE_VERIFY_FAILED")) return "handshake.untrusted-client-certificate";
        if (u.contains("HTTP_REQUEST") || u.contains("WRONG_VERSION") ) return "handshake.not-tls";
        IOException io = cause instanceof IOException e ? e : new SSLException(m, cause);
        if (cause instanceof ClosedChannelException || u.contains("CLOSED")) return "handshake.peer-closed";
        return PeerAuthTlsListener.handshakeCode(io);
    }

    private static String describe(Throwable cause) {
        StringBuilder m = new StringBuilder(String.valueOf(cause));
        for (Throwable t = cause.getCause(); t != null; t = t.getCause()) m.append(" | ").append(t);
        return m.toString();
    }

    private void reject(String code, SocketAddress remote, String reason) {
        rejected.computeIfAbsent(code, k -> new LongAdder()).increment();
        LOG.log(System.Logger.Level.WARNING, "listener {0}: refused connection from {1}: {2} ({3})", name, remote, reason, code);
    }
}
