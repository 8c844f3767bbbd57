package org.ucsec.node;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.ucsec.node.auth.AuthService;
import org.ucsec.node.certs.CertificateService;
import org.ucsec.node.listeners.HttpsListener;
import org.ucsec.node.listeners.ListenerRegistry;
import org.ucsec.node.listeners.TlsMaterial;
import org.ucsec.node.modes.SecurityPolicies;
import org.ucsec.node.platform.Capability;
import org.ucsec.node.platform.ClusterRepo;
import org.ucsec.node.platform.ClusterRepo.NodeRow;
import org.ucsec.node.platform.NodeContext;
import org.ucsec.node.platform.Wiring;
import org.ucsec.node.platform.rest.Json;
import org.ucsec.node.platform.rest.OpenApi;
import org.ucsec.node.platform.rest.Router;
import org.ucsec.node.restarts.RestartService;
import org.ucsec.node.tlscontext.TlsContextService;
import org.ucsec.node.trust.TrustStoreService;
import org.ucsec.pki.Pem;
import org.ucsec.pki.catalogue.Catalogue;
import org.ucsec.store.MasterKey;
import org.ucsec.store.Store;
import org.ucsec.tls.transport.MessageHandler;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A running ucsec node: the store, the capabilities of {@link Capabilities} started in order, the REST router assembled
 * from their routes, and the hosted listeners of the catalogue (listeners.tsv).
 */
public final class Node implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Node.class);

    private final NodeContext ctx;
    private final List<Capability> capabilities;
    private final ListenerRegistry listeners;
    private Wiring wiring;
    private Router router;
    private Path tokenFile;

    private Node(NodeContext ctx, List<Capability> capabilities) {
        this.ctx = ctx;
        this.capabilities = capabilities;
        this.listeners = new ListenerRegistry(ctx);
    }

    /** Opens the store, starts every capability, creates what a first start needs, and starts the hosted listeners. */
    public static Node start(NodeConfig cfg) throws Exception { return start(cfg, Capabilities.all()); }

    /** {@link #start(NodeConfig)} with another list of capabilities (tests: a capability of their own before the others). */
    public static Node start(NodeConfig cfg, List<Capability> capabilities) throws Exception {
        DataDirectory.prepare(cfg.dataDir());
        MasterKey key = MasterKey.loadOrCreate(cfg.dataDir().resolve("master.key"));
        Store store = cfg.jdbcUrl() == null ? Store.embedded(cfg.dataDir()) : Store.jdbc(cfg.jdbcUrl(), cfg.jdbcUser(), cfg.jdbcPassword());
        Node node = new Node(new NodeContext(store, key, cfg.clock(), Catalogue.get(), cfg), capabilities);
        try {
            node.wire();
            node.bootstrap();
            node.startListeners();
        } catch (Exception e) {
            node.close();
            throw e;
        }
        return node;
    }

    private void wire() {
        Wiring w = new Wiring(ctx);
        w.provide(ListenerRegistry.class, listeners);
        w.startAll(capabilities);
        this.wiring = w;
        AuthService auth = w.require(AuthService.class);
        router = new Router(auth::authenticate);
        String openApi = OpenApi.document(capabilities);
        router.open("GET", "/openapi.yaml", c -> new Router.Raw("application/yaml", openApi.getBytes(StandardCharsets.UTF_8), null));
        router.open("GET", "/api/v1/health", c -> Map.of("status", "up", "node", ctx.node()));
        for (Capability.Running r : w.capabilities()) r.routes(router);
    }

    private void bootstrap() {
        ctx.store().tx(h -> {
            if (ClusterRepo.node(h, ctx.node()).isEmpty()) {
                ClusterRepo.insertNode(h, new NodeRow(ctx.node(), ctx.config().fqdn(), ctx.config().hostname(), ctx.product().id(),
                        ctx.config().publisher() ? "publisher" : "subscriber", true, ctx.now()));
            }
            return null;
        });
        for (Capability.Running r : wiring.capabilities()) r.bootstrap();
        tokenFile = ctx.config().dataDir().resolve("admin.token");
    }

    private void startListeners() throws Exception {
        Map<String, MessageHandler> handlers = new HashMap<>();
        Map<String, java.util.function.IntSupplier> ports = new HashMap<>();
        Map<String, org.eclipse.jetty.server.Handler> https = new HashMap<>();
        for (Capability.Running r : wiring.capabilities()) { handlers.putAll(r.connectionHandlers()); ports.putAll(r.listenerPorts()); https.putAll(r.httpsHandlers()); }
        TlsMaterial material = new TlsMaterial(wiring.require(CertificateService.class), wiring.require(TrustStoreService.class),
                wiring.require(TlsContextService.class), wiring.require(SecurityPolicies.class), ctx.clock());
        RestartService restarts = wiring.require(RestartService.class);
        listeners.start(material, router, https, handlers, ctx.config().listenerBindings(), ports, ctx.config().tlsEngine(), restarts);
        // the admin listener's reload also rewrites the files the local CLI uses to find and pin it
        restarts.registerHosted("admin", () -> { String r = listeners.get("admin").orElseThrow().reload(); writeClientFiles(); return r; });
        writeClientFiles();
    }

    /** Where the local CLI finds this node: URL, and the certificates the admin listener serves (so the CLI can pin them). */
    private void writeClientFiles() throws IOException {
        Path dir = ctx.config().dataDir();
        var admin = (HttpsListener) listeners.get("admin").orElseThrow(() -> new IllegalStateException("the admin listener is not running"));
        ObjectNode cli = Json.MAPPER.createObjectNode();
        String host = ctx.config().bind().equals("0.0.0.0") || ctx.config().bind().equals("::") ? "127.0.0.1" : ctx.config().bind();
        if (host.contains(":")) host = "[" + host + "]";
        cli.put("url", "https://" + host + ":" + admin.port());
        cli.put("node", ctx.node());
        cli.put("tokenFile", tokenFile.toString());
        cli.put("serverCertFile", dir.resolve("admin-listener.pem").toString());
        StringBuilder pems = new StringBuilder();
        for (var k : admin.served()) pems.append(Pem.toPem(k.chain()));
        DataDirectory.atomicWrite(dir.resolve("admin-listener.pem"), pems.toString());
        DataDirectory.atomicWrite(dir.resolve("cli.json"), Json.write(cli));
    }

    public NodeContext context() { return ctx; }
    public <T> T service(Class<T> type) { return wiring.require(type); }
    public ListenerRegistry listeners() { return listeners; }
    public Router router() { return router; }
    public List<Capability> capabilities() { return capabilities; }
    public int adminPort() { return listeners.port("admin"); }
    public int sipTlsPort() { return listeners.port("sip-proxy"); }
    public int provisioningPort() { return listeners.port("provisioning"); }
    public Path tokenFile() { return tokenFile; }

    /** Closes the listeners (no new connections; open ones end), then the store. Idempotent. */
    @Override public void close() {
        listeners.close();
        try { ctx.store().close(); } catch (RuntimeException e) { LOG.warn("store close: {}", e.toString()); }
    }

    /** The data directory: owner-only, whatever existed before (issue 8: an existing 0755 directory is tightened). */
    static final class DataDirectory {
        private DataDirectory() {}

        static void prepare(Path dir) throws IOException {
            var owner = PosixFilePermissions.fromString("rwx------");
            if (!Files.exists(dir)) {
                if (dir.getParent() != null) Files.createDirectories(dir.getParent());
                Files.createDirectory(dir, PosixFilePermissions.asFileAttribute(owner));
            } else if (!Files.getPosixFilePermissions(dir).equals(owner)) {
                LOG.warn("data directory {} was {}; made owner-only (rwx------)", dir, PosixFilePermissions.toString(Files.getPosixFilePermissions(dir)));
                Files.setPosixFilePermissions(dir, owner);
            }
        }

        static void atomicWrite(Path file, String text) throws IOException {
            Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
            Files.writeString(tmp, text, StandardCharsets.UTF_8);
            Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        }
    }
}
