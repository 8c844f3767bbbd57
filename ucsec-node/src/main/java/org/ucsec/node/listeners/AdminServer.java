package org.ucsec.node.listeners;

import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.SecureRequestCustomizer;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.SslConnectionFactory;
import org.eclipse.jetty.util.ssl.SslContextFactory;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.ucsec.node.certs.CertificateService.KeyMaterial;
import org.ucsec.pki.CertInfo;

import java.security.KeyStore;
import java.security.cert.Certificate;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.function.Supplier;

/**
 * The hosted {@code admin} service: HTTPS for the REST API (and later the web console), serving the node's
 * tomcat certificate. "Restart" is a hot reload of the TLS material: new handshakes see the new certificate,
 * established connections are not dropped (Jetty's SslContextFactory.reload).
 */
public final class AdminServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(AdminServer.class);
    private static final char[] IN_MEMORY = "in-memory".toCharArray(); // protects nothing: the KeyStore never leaves memory

    private final Server server;
    private final ServerConnector connector;
    private final SslContextFactory.Server ssl;
    private final Supplier<KeyMaterial> material;
    private volatile KeyMaterial current;

    private final Supplier<List<String>> protocols;

    public AdminServer(String bind, int port, Supplier<KeyMaterial> material, Supplier<List<String>> protocols, org.eclipse.jetty.server.Handler handler) {
        this.material = material;
        this.protocols = protocols;
        QueuedThreadPool pool = new QueuedThreadPool(64, 4);
        pool.setName("admin");
        pool.setVirtualThreadsExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server = new Server(pool);
        ssl = new SslContextFactory.Server();
        current = material.get();
        ssl.setKeyStore(keyStore(current));
        ssl.setKeyStorePassword(new String(IN_MEMORY));
        ssl.setIncludeProtocols(protocols.get().toArray(String[]::new));
        ssl.setExcludeProtocols(); // the security mode (S5) decides; Jetty's own default excludes would override the minimum
        HttpConfiguration http = new HttpConfiguration();
        http.setSendServerVersion(false);
        SecureRequestCustomizer src = new SecureRequestCustomizer();
        src.setSniHostCheck(false);
        http.addCustomizer(src);
        connector = new ServerConnector(server, new SslConnectionFactory(ssl, "http/1.1"), new HttpConnectionFactory(http));
        connector.setHost(bind);
        connector.setPort(port);
        connector.setIdleTimeout(120_000);
        server.addConnector(connector);
        server.setHandler(handler);
    }

    public void start() throws Exception {
        server.start();
        LOG.info("admin HTTPS listening on {}:{} with {}", connector.getHost(), port(), CertInfo.of((java.security.cert.X509Certificate) current.chain().get(0)).subject());
    }

    public int port() { return connector.getLocalPort(); }

    public KeyMaterial current() { return current; }

    /** Hot reload with the current tomcat certificate; returns what is now served. */
    public String reload() throws Exception {
        KeyMaterial next = material.get();
        List<String> p = protocols.get();
        ssl.reload(f -> { f.setKeyStore(keyStore(next)); f.setIncludeProtocols(p.toArray(String[]::new)); });
        current = next;
        String fp = CertInfo.fingerprint(next.chain().get(0));
        LOG.info("admin HTTPS reloaded: now serving {}", fp);
        return "TLS reloaded; new connections get certificate " + fp + " with " + p + " (open connections kept)";
    }

    private static KeyStore keyStore(KeyMaterial m) {
        try {
            KeyStore ks = KeyStore.getInstance("PKCS12");
            ks.load(null, null);
            ks.setKeyEntry("tomcat", m.key(), IN_MEMORY, m.chain().toArray(new Certificate[0]));
            return ks;
        } catch (Exception e) {
            throw new IllegalStateException("cannot build the admin key store", e);
        }
    }

    @Override public void close() throws Exception { server.stop(); }
}
