package org.ucsec.node;

import org.ucsec.core.Secret;
import org.ucsec.node.listeners.ListenerRegistry;
import org.ucsec.pki.catalogue.Product;
import org.ucsec.tls.transport.TlsEngine;

import java.net.InetAddress;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Locale;
import java.util.Map;

/**
 * Start-up configuration of a node, frozen once built (what may change at runtime goes through the services).
 *
 * @param dataDir   where the embedded store, master key and local CLI credentials live
 * @param bind      address the admin HTTPS listener binds (default 127.0.0.1)
 * @param port      admin HTTPS port (default {@link Defaults#ADMIN_PORT}; 0 = any free port)
 * @param nodeName  this node's name in the cluster (default: the machine's hostname)
 * @param fqdn      this node's FQDN: CN and SAN of its certificates
 * @param jdbcUrl   null for the embedded H2 store; a PostgreSQL URL for a cluster
 * @param provisioningPort the phone HTTPS provisioning listener's port (SPEC P6; default {@link Defaults#PROVISIONING_PORT},
 *                  0 = any free port, -1 = off)
 */
public record NodeConfig(Path dataDir, String bind, int port, String nodeName, String fqdn, Product product, boolean publisher,
                         String jdbcUrl, String jdbcUser, Secret jdbcPassword, Clock clock, int sipTlsPort, TlsEngine tlsEngine,
                         int provisioningPort) {


    public NodeConfig {
        if (provisioningPort < -1 || provisioningPort > 65535) throw new IllegalArgumentException("provisioning port out of range: " + provisioningPort);
        if (dataDir == null) throw new IllegalArgumentException("dataDir is required");
        dataDir = dataDir.toAbsolutePath().normalize();
        if (bind == null || bind.isBlank()) bind = Defaults.BIND;
        if (port < 0 || port > 65535) throw new IllegalArgumentException("port out of range: " + port);
        if (sipTlsPort < -1 || sipTlsPort > 65535) throw new IllegalArgumentException("SIP TLS port out of range: " + sipTlsPort);
        if ((nodeName == null || nodeName.isBlank()) && fqdn != null && !fqdn.isBlank()) nodeName = fqdn.split("\\.")[0];
        if (nodeName == null || nodeName.isBlank()) nodeName = defaultHostname();
        if (fqdn == null || fqdn.isBlank()) fqdn = defaultFqdn(nodeName);
        nodeName = nodeName.toLowerCase(Locale.ROOT);
        fqdn = fqdn.toLowerCase(Locale.ROOT);
        if (product == null) product = Product.IMP;
        if (clock == null) clock = Clock.systemUTC();
        if (tlsEngine == null) tlsEngine = TlsEngine.AUTO;
    }

    /** With the default TLS engine ({@link TlsEngine#AUTO}: BoringSSL when it loads, else the JDK's) and the provisioning listener off. */
    public NodeConfig(Path dataDir, String bind, int port, String nodeName, String fqdn, Product product, boolean publisher,
                      String jdbcUrl, String jdbcUser, Secret jdbcPassword, Clock clock, int sipTlsPort) {
        this(dataDir, bind, port, nodeName, fqdn, product, publisher, jdbcUrl, jdbcUser, jdbcPassword, clock, sipTlsPort, TlsEngine.AUTO, -1);
    }

    /** With the provisioning listener off. */
    public NodeConfig(Path dataDir, String bind, int port, String nodeName, String fqdn, Product product, boolean publisher,
                      String jdbcUrl, String jdbcUser, Secret jdbcPassword, Clock clock, int sipTlsPort, TlsEngine tlsEngine) {
        this(dataDir, bind, port, nodeName, fqdn, product, publisher, jdbcUrl, jdbcUser, jdbcPassword, clock, sipTlsPort, tlsEngine, -1);
    }



    /** Where each hosted listener binds, and the serve option that changes it. */
    public Map<String, ListenerRegistry.Binding> listenerBindings() {
        return Map.of("admin", new ListenerRegistry.Binding(port, "--port"), "sip-proxy", new ListenerRegistry.Binding(sipTlsPort, "--sip-tls-port"),
                "provisioning", new ListenerRegistry.Binding(provisioningPort, "--provisioning-port"));
    }

    /** Short host name: the first label of the FQDN. */
    public String hostname() { int dot = fqdn.indexOf('.'); return dot > 0 ? fqdn.substring(0, dot) : fqdn; }

    static String defaultHostname() {
        try {
            String h = InetAddress.getLocalHost().getHostName();
            int dot = h.indexOf('.');
            return dot > 0 ? h.substring(0, dot) : h;
        } catch (Exception e) {
            String env = System.getenv("HOSTNAME");
            return env == null || env.isBlank() ? "localhost" : env;
        }
    }

    static String defaultFqdn(String name) {
        try {
            String c = InetAddress.getLocalHost().getCanonicalHostName();
            if (c != null && c.contains(".") && !c.matches("[0-9.]+") && c.startsWith(name)) return c;
        } catch (Exception ignored) { /* fall through */ }
        return name;
    }

    /** The JDBC URL with any {@code password=} parameter masked, for logs, status and messages. */
    public String maskedJdbcUrl() { return jdbcUrl == null ? null : jdbcUrl.replaceAll("(?i)password=[^&;]*", "password=****"); }

    @Override public String toString() {
        return "NodeConfig[dataDir=" + dataDir + ", bind=" + bind + ", port=" + port + ", node=" + nodeName + ", fqdn=" + fqdn
                + ", sipTls=" + sipTlsPort + ", provisioning=" + provisioningPort + ", tlsEngine=" + tlsEngine + ", product=" + product.id() + ", store=" + (jdbcUrl == null ? "embedded" : maskedJdbcUrl()) + ", password=****]";
    }
}
