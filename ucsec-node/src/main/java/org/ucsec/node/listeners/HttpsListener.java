package org.ucsec.node.listeners;

import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.SecureRequestCustomizer;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.SslConnectionFactory;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.ssl.SslContextFactory;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.ucsec.core.SecretAccess;
import org.ucsec.core.UcsecException;
import org.ucsec.node.certs.CertificateService.KeyMaterial;
import org.ucsec.node.platform.rest.Json;
import org.ucsec.node.platform.rest.Router;
import org.ucsec.pki.CertInfo;
import org.ucsec.pki.catalogue.ListenerDef;

import java.net.BindException;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.security.cert.Certificate;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.function.Supplier;

/**
 * A hosted HTTPS listener on Jetty (the {@code admin} service: REST API, later the web console). It serves every key
 * purpose of its listener row (tomcat and tomcat-ECDSA: the client's offer picks RSA or ECDSA), only the protocols and
 * suites the security policy allows. "Restart" is a hot reload of the TLS material (Jetty's SslContextFactory.reload):
 * new handshakes see it, established connections are not dropped. Errors Jetty produces itself (400, 414, 431) are
 * problem+json too.
 */
public final class HttpsListener implements HostedListener {
    private static final Logger LOG = LoggerFactory.getLogger(HttpsListener.class);

    private final ListenerDef def;
    private final String bind;
    private final Server server;
    private final ServerConnector connector;
    private final SslContextFactory.Server ssl;
    private final Supplier<TlsMaterial.Resolved> material;
    private volatile TlsMaterial.Resolved current;
    /** The material being applied (read by the trust manager hook while the SSL context is built). */
    private volatile TlsMaterial.Resolved configuring;
    private final SlowClientGuard slowClients = new SlowClientGuard(Duration.ofSeconds(Long.getLong("ucsec.http.slow-client-window-seconds", 20)));

    public HttpsListener(ListenerDef def, String bind, int port, Supplier<TlsMaterial.Resolved> material, Handler handler, String portOption) {
        this.def = def;
        this.bind = bind;
        this.material = material;
        QueuedThreadPool pool = new QueuedThreadPool(64, 4);
        pool.setName(def.service());
        pool.setVirtualThreadsExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server = new Server(pool);
        current = material.get();
        ssl = new SslContextFactory.Server() {
            // a listener with a trust store (want client auth): the client's certificate is decided by ucsec's validator
            @Override protected javax.net.ssl.TrustManager[] getTrustManagers(KeyStore ts, java.util.Collection<? extends java.security.cert.CRL> crls) throws Exception {
                TlsMaterial.Resolved r = configuring;
                if (r != null && r.clientTrust() != null) return new javax.net.ssl.TrustManager[]{r.clientTrust()};
                return super.getTrustManagers(ts, crls);
            }
        };
        configure(ssl, current);
        HttpConfiguration http = new HttpConfiguration();
        http.setSendServerVersion(false);
        http.setRequestHeaderSize(16 * 1024);
        http.setIdleTimeout(30_000);
        http.setMinRequestDataRate(1024); // a request body slower than 1 KiB/s is aborted
        SecureRequestCustomizer src = new SecureRequestCustomizer();
        src.setSniHostCheck(false);
        http.addCustomizer(src);
        connector = new ServerConnector(server, new SslConnectionFactory(ssl, "http/1.1"), new HttpConnectionFactory(http));
        connector.setHost(bind);
        connector.setPort(port);
        connector.setIdleTimeout(30_000);
        connector.addBean(slowClients);
        server.addConnector(connector);
        server.setHandler(handler);
        server.setErrorHandler(new ProblemErrorHandler());
        try {
            server.start();
        } catch (Exception e) {
            try { server.stop(); } catch (Exception ignored) { /* already failed */ }
            if (e instanceof BindException || e.getCause() instanceof BindException || String.valueOf(e.getMessage()).contains("bind"))
                throw new UcsecException("listener.bind", def.service() + " cannot listen on " + bind + ":" + port + " (" + e.getMessage() + "); choose another port with "
                        + portOption + ", or stop what uses it", e);
            throw new IllegalStateException(def.service() + " listener failed to start: " + e.getMessage(), e);
        }
        LOG.info("{} HTTPS listening on {}:{} with {}", def.service(), bind, port(), current);
    }

    private void configure(SslContextFactory.Server f, TlsMaterial.Resolved r) {
        configuring = r;
        if (r.clientTrust() != null) {
            // a trust store without required client certificates: ask for one, admit clients without (the application decides)
            f.setNeedClientAuth(r.clientCertificateRequired());
            f.setWantClientAuth(!r.clientCertificateRequired());
        }
        char[] pw = randomPassword();
        f.setKeyStore(keyStore(r.keys(), pw));
        f.setKeyStorePassword(new String(pw));
        f.setKeyManagerFactoryAlgorithm("SunX509"); // holds the keys in memory: no key store read per handshake
        f.setIncludeProtocols(r.protocols().toArray(String[]::new));
        f.setExcludeProtocols(); // the security mode (S5) decides; Jetty's own default excludes would override the minimum
        f.setIncludeCipherSuites(r.cipherSuites().toArray(String[]::new));
        f.setExcludeCipherSuites();
        f.setRenegotiationAllowed(false);
    }

    private static char[] randomPassword() {
        byte[] b = new byte[18];
        new SecureRandom().nextBytes(b);
        return Base64.getEncoder().encodeToString(b).toCharArray();
    }

    private static KeyStore keyStore(List<KeyMaterial> keys, char[] pw) {
        try {
            KeyStore ks = KeyStore.getInstance("PKCS12");
            ks.load(null, null);
            for (KeyMaterial m : keys) ks.setKeyEntry(m.purpose(), m.key().reveal(SecretAccess.granted()), pw, m.chain().toArray(new Certificate[0]));
            return ks;
        } catch (Exception e) {
            throw new IllegalStateException("cannot build the key store of the HTTPS listener", e);
        }
    }

    @Override public String service() { return def.service(); }

    @Override public int port() { return connector.getLocalPort(); }

    /** The certificate chains served now (RSA first when both exist). */
    public List<KeyMaterial> served() { return current.keys(); }

    @Override public String reload() throws Exception {
        TlsMaterial.Resolved next = material.get();
        ssl.reload(f -> configure((SslContextFactory.Server) f, next));
        current = next;
        String fps = String.join(", ", next.keys().stream().map(k -> k.purpose() + " " + CertInfo.fingerprint(k.chain().get(0))).toList());
        LOG.info("{} HTTPS reloaded: now serving {}", def.service(), fps);
        return "TLS reloaded; new connections get " + fps + " with " + next.protocols() + " (open connections kept)";
    }

    @Override public Status status() {
        TlsMaterial.Resolved r = current;
        return new Status(def.service(), bind, port(), "jdk (Jetty)", r.keys().stream().map(KeyMaterial::purpose).toList(), def.trustStore(),
                def.tlsContext(), r.clientCertificateRequired(), r.protocols(), r.cipherSuites(), List.copyOf(r.allowedPeerCns()));
    }

    @Override public void close() {
        try { server.stop(); } catch (Exception e) { LOG.warn("{} listener stop: {}", def.service(), e.toString()); }
        slowClients.close();
    }

    /** Jetty's own refusals (bad request line, URI too long, headers too large) as problem+json with a stable code. */
    static final class ProblemErrorHandler extends org.eclipse.jetty.server.handler.ErrorHandler {
        @Override public boolean handle(Request request, Response response, Callback callback) {
            int status = response.getStatus();
            String code = switch (status) {
                case HttpStatus.URI_TOO_LONG_414 -> "request.uri-too-long";
                case HttpStatus.REQUEST_HEADER_FIELDS_TOO_LARGE_431 -> "request.headers-too-large";
                case HttpStatus.PAYLOAD_TOO_LARGE_413 -> "upload.too-large";
                case HttpStatus.NOT_FOUND_404 -> "request.no-such-endpoint";
                default -> status >= 500 ? "internal" : "request.bad";
            };
            Object cause = request.getAttribute(org.eclipse.jetty.server.handler.ErrorHandler.ERROR_MESSAGE);
            UcsecException e = new UcsecException(code, "the HTTP request was refused by the server (" + status + (cause == null ? "" : ": " + cause) + ")");
            Router.securityHeaders(response);
            response.getHeaders().put(org.eclipse.jetty.http.HttpHeader.CONTENT_TYPE, "application/problem+json; charset=utf-8");
            var body = Router.problemBody(e, null);
            body.put("status", status);
            org.eclipse.jetty.io.Content.Sink.write(response, true, Json.write(body), callback);
            return true;
        }
    }
}
