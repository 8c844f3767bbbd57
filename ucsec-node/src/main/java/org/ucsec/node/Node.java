package org.ucsec.node;

import org.ucsec.node.platform.ClusterRepo;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.ucsec.node.rest.Api;
import org.ucsec.node.platform.rest.Json;
import org.ucsec.node.platform.rest.Router;
import org.ucsec.node.listeners.AdminServer;
import org.ucsec.node.auth.AuthService;
import org.ucsec.node.certs.CertificateService;
import org.ucsec.node.platform.NodeContext;
import org.ucsec.node.restarts.RestartService;
import org.ucsec.node.importtool.ImportToolService;
import org.ucsec.node.modes.SecurityModeService;
import org.ucsec.node.tlscontext.TlsContextService;
import org.ucsec.node.sipproxy.SipTlsListener;
import org.ucsec.node.trust.TrustStoreService;
import org.ucsec.node.xmpp.XmppSecurityService;
import org.ucsec.pki.Pem;
import org.ucsec.pki.catalogue.Catalogue;
import org.ucsec.store.MasterKey;
import org.ucsec.node.platform.ClusterRepo.NodeRow;
import org.ucsec.store.Store;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;

/** A running ucsec node: store, services and hosted listeners wired together. */
public final class Node implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Node.class);

    private final NodeContext ctx;
    private final RestartService restarts;
    private final TrustStoreService trust;
    private final CertificateService certificates;
    private final AuthService auth;
    private final XmppSecurityService xmpp;
    private final TlsContextService tls;
    private final SecurityModeService modes;
    private final ImportToolService importTool;
    private SipTlsListener sipTls;
    private AdminServer admin;
    private Path tokenFile;

    private Node(NodeContext ctx) {
        this.ctx = ctx;
        this.restarts = new RestartService(ctx);
        this.trust = new TrustStoreService(ctx, restarts);
        this.xmpp = new XmppSecurityService(ctx, restarts);
        this.tls = new TlsContextService(ctx, restarts);
        this.modes = new SecurityModeService(ctx, restarts);
        this.certificates = new CertificateService(ctx, trust, restarts, new CertificateService.SecurityHooks() {
            @Override public java.util.List<String> extraSans(org.jdbi.v3.core.Handle h, org.ucsec.pki.catalogue.Purpose p, NodeRow node) {
                return xmpp.federationSans(h, p);
            }
            @Override public void checkKey(org.ucsec.pki.KeySpec key) { modes.policy().checkKey(key); }
            @Override public void checkHash(org.ucsec.pki.SignatureHash hash) { modes.policy().checkSignatureHash(hash); }
            @Override public void checkCertificate(String what, java.security.cert.X509Certificate c) { modes.policy().checkCertificate(c); }
        });
        modes.onChange(p -> tls.setPolicy(s -> p.allowsCipherSuite(s.ianaName())));
        this.importTool = new ImportToolService(ctx, trust, tls, restarts, ImportToolService.defaultOptions());
        this.auth = new AuthService(ctx);
    }

    /** Opens the store, creates what a first start needs, and starts the hosted listeners. */
    public static Node start(NodeConfig cfg) throws Exception {
        if (!Files.exists(cfg.dataDir())) {
            // created owner-only; an existing directory the operator chose is left as it is (the secrets in it are 0600)
            Files.createDirectories(cfg.dataDir().getParent());
            Files.createDirectory(cfg.dataDir(), PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        }
        MasterKey key = MasterKey.loadOrCreate(cfg.dataDir().resolve("master.key"));
        Store store = cfg.jdbcUrl() == null ? Store.embedded(cfg.dataDir()) : Store.jdbc(cfg.jdbcUrl(), cfg.jdbcUser(), cfg.jdbcPassword());
        Node node = new Node(new NodeContext(store, key, cfg.clock(), Catalogue.get(), cfg));
        try {
            node.bootstrap();
            node.startListeners();
        } catch (Exception e) {
            node.close();
            throw e;
        }
        return node;
    }

    private void bootstrap() {
        ctx.store().tx(h -> {
            if (ClusterRepo.node(h, ctx.node()).isEmpty()) {
                ClusterRepo.insertNode(h, new NodeRow(ctx.node(), ctx.config().fqdn(), ctx.config().hostname(), ctx.product().id(),
                        ctx.config().publisher() ? "publisher" : "subscriber", true, ctx.now()));
            }
            return null;
        });
        certificates.ensureIdentities();
        tokenFile = auth.ensureLocalAdminToken();
    }

    private void startListeners() throws Exception {
        Router router = Api.routes(this, new Router(auth));
        admin = new AdminServer(ctx.config().bind(), ctx.config().port(), () -> certificates.keyMaterial("tomcat"),
                () -> modes.policy().allowedProtocols(), router);
        admin.start();
        restarts.registerHosted("admin", () -> {
            String r = admin.reload();
            writeClientFiles();
            return r;
        });
        writeClientFiles();
        if (ctx.config().sipTlsPort() >= 0) {
            sipTls = new SipTlsListener(ctx.config().bind(), ctx.config().sipTlsPort(), certificates, trust, tls, modes::policy);
            restarts.registerHosted("sip-proxy", sipTls::reload);
        }
    }

    /** Where the local CLI finds this node: URL, and the certificate it serves (so the CLI can pin it). */
    private void writeClientFiles() throws IOException {
        Path dir = ctx.config().dataDir();
        ObjectNode cli = Json.MAPPER.createObjectNode();
        String host = ctx.config().bind().equals("0.0.0.0") || ctx.config().bind().equals("::") ? "127.0.0.1" : ctx.config().bind();
        if (host.contains(":")) host = "[" + host + "]";
        cli.put("url", "https://" + host + ":" + admin.port());
        cli.put("node", ctx.node());
        cli.put("tokenFile", tokenFile.toString());
        cli.put("serverCertFile", dir.resolve("admin-listener.pem").toString());
        atomicWrite(dir.resolve("admin-listener.pem"), Pem.toPem(admin.current().chain()));
        atomicWrite(dir.resolve("cli.json"), Json.write(cli));
    }

    private static void atomicWrite(Path file, String text) throws IOException {
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        Files.writeString(tmp, text, StandardCharsets.UTF_8);
        Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

    public NodeContext context() { return ctx; }
    public CertificateService certificates() { return certificates; }
    public TrustStoreService trust() { return trust; }
    public RestartService restarts() { return restarts; }
    public AuthService auth() { return auth; }
    public XmppSecurityService xmpp() { return xmpp; }
    public TlsContextService tls() { return tls; }
    public SecurityModeService modes() { return modes; }
    public ImportToolService importTool() { return importTool; }
    public int sipTlsPort() { return sipTls == null ? -1 : sipTls.port(); }
    public SipTlsListener sipTls() { return sipTls; }
    public int adminPort() { return admin.port(); }
    public Path tokenFile() { return tokenFile; }

    @Override public void close() {
        try { if (admin != null) admin.close(); } catch (Exception e) { LOG.warn("admin listener stop: {}", e.toString()); }
        try { if (sipTls != null) sipTls.close(); } catch (Exception e) { LOG.warn("SIP TLS listener stop: {}", e.toString()); }
        ctx.store().close();
    }
}
