package org.ucsec.node;

import org.ucsec.core.Secret;
import org.ucsec.pki.catalogue.Product;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

/** {@code ucsec serve}: runs a node on its embedded store until SIGTERM / Ctrl-C, then stops it cleanly and says so. */
@Command(name = "serve", mixinStandardHelpOptions = true,
        description = "Run a node on its embedded store (first start creates certificates, master key and the local admin token).")
public final class Serve implements Callable<Integer> {
    @Option(names = "--data", description = "data directory (default: $UCSEC_DATA or ./.ucsec)") Path data;
    @Option(names = "--port", defaultValue = "" + Defaults.ADMIN_PORT, description = "admin HTTPS port (default ${DEFAULT-VALUE}; 0 = any free port)") int port;
    @Option(names = "--bind", defaultValue = Defaults.BIND, description = "address to listen on (default ${DEFAULT-VALUE})") String bind;
    @Option(names = "--node-name", description = "node name (default: this machine's hostname)") String nodeName;
    @Option(names = "--fqdn", description = "node FQDN, used as certificate CN/SAN (default: from the hostname)") String fqdn;
    @Option(names = "--product", defaultValue = "imp", description = "imp (IM and Presence) or cucm (call control)") String product;
    @Option(names = "--subscriber", description = "this node is a subscriber (default: publisher)") boolean subscriber;
    @Option(names = "--sip-tls-port", defaultValue = "" + Defaults.SIP_TLS_PORT,
            description = "SIP proxy peer-auth TLS port bound to the default TLS context (default ${DEFAULT-VALUE}; 0 = any free port; -1 = off)") int sipTlsPort;
    @Option(names = "--provisioning-port", defaultValue = "" + Defaults.PROVISIONING_PORT,
            description = "phone HTTPS provisioning port (P6; client certificates from phone-provisioning-trust; default ${DEFAULT-VALUE}; 0 = any free port; -1 = off)") int provisioningPort;
    @Option(names = "--tls-engine", defaultValue = "auto",
            description = "TLS engine of the peer-authenticating listeners: auto (BoringSSL when it loads, else the JDK's, logged), openssl, jdk (default ${DEFAULT-VALUE})") String tlsEngine;
    @Option(names = "--jdbc-url", description = "PostgreSQL URL for a cluster store (default: embedded H2); password from $UCSEC_JDBC_PASSWORD") String jdbcUrl;
    @Option(names = "--jdbc-user", description = "store user") String jdbcUser;
    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Override public Integer call() throws Exception {
        Path dir = Defaults.dataDir(data);
        String pw = System.getenv("UCSEC_JDBC_PASSWORD");
        NodeConfig cfg = new NodeConfig(dir, bind, port, nodeName, fqdn, Product.byId(product), !subscriber, jdbcUrl, jdbcUser,
                pw == null ? null : Secret.of(pw), null, sipTlsPort, org.ucsec.tls.transport.TlsEngine.parse(tlsEngine), provisioningPort);
        Node node = Node.start(cfg);
        PrintWriter out = spec.commandLine().getOut();
        out.println("ucsec node '" + cfg.nodeName() + "' (" + cfg.fqdn() + ", " + cfg.product().id() + ") is up");
        out.println("  REST API:   https://" + cfg.bind() + ":" + node.adminPort() + "/api/v1   (OpenAPI: /openapi.yaml)");
        if (node.sipTlsPort() > 0) out.println("  SIP TLS:    " + cfg.bind() + ":" + node.sipTlsPort() + " (peer authentication, Default_Cisco_UPS_SIP_Proxy_Peer_Auth_TLS_Context)");
        if (node.provisioningPort() > 0) out.println("  Provision:  https://" + cfg.bind() + ":" + node.provisioningPort() + "/$MA.xml (phones, client certificates from phone-provisioning-trust)");
        out.println("  data:       " + cfg.dataDir() + " (master key: master.key, 0600)");
        out.println("  local CLI:  authenticated by the token in " + node.tokenFile() + " (readable only by its owner)");
        out.println("              e.g.  ./ucsec show cert list own" + (data != null ? " --data " + dir : ""));
        out.println("  stop:       Ctrl-C or SIGTERM");
        out.flush();
        // SIGTERM / SIGINT end the wait; the node then stops in this thread and serve exits 0, saying so
        CountDownLatch stop = new CountDownLatch(1);
        for (String sig : new String[]{"TERM", "INT"}) {
            try {
                sun.misc.Signal.handle(new sun.misc.Signal(sig), s -> stop.countDown());
            } catch (IllegalArgumentException e) {
                Runtime.getRuntime().addShutdownHook(new Thread(stop::countDown)); // a JVM that does not let us take the signal
            }
        }
        stop.await();
        out.println("ucsec node '" + cfg.nodeName() + "' stopping ...");
        out.flush();
        node.close();
        out.println("ucsec node '" + cfg.nodeName() + "' stopped: listeners closed, store closed");
        out.flush();
        return 0;
    }

}
