package org.ucsec.node.rest;

import org.ucsec.node.platform.rest.Router;

import org.ucsec.node.audit.AuditRepo;

import org.ucsec.node.Node;
import org.ucsec.node.certs.CertificateService;
import org.ucsec.core.UcsecException;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The REST API (X2): every CLI operation is one of these calls; all rules live in the services. Documented in openapi.yaml. */
public final class Api {
    private Api() {}

    public static Router routes(Node node, Router r) {
        var certs = node.certificates();
        var trust = node.trust();
        var restarts = node.restarts();
        var catalogue = node.context().catalogue();

        r.open("GET", "/openapi.yaml", c -> new Router.Raw("application/yaml", resource("/openapi.yaml"), null));
        r.open("GET", "/api/v1/health", c -> Map.of("status", "up", "node", node.context().node()));

        r.get("/api/v1/node", c -> {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("node", node.context().node());
            m.put("fqdn", node.context().config().fqdn());
            m.put("product", node.context().product().id());
            m.put("publisher", node.context().config().publisher());
            m.put("adminPort", node.adminPort());
            m.put("actor", c.actor().name());
            m.put("role", c.actor().role());
            return m;
        });
        r.get("/api/v1/catalogue/purposes", c -> catalogue.purposes(node.context().product()));
        r.get("/api/v1/catalogue/trust-stores", c -> catalogue.trustStores(node.context().product()));

        // identity certificates (C3, C4, C6, C8)
        r.get("/api/v1/certs/own", c -> certs.listOwn());
        r.get("/api/v1/certs/own/{purpose}", c -> {
            if ("pem".equals(c.query("format"))) return pem(certs.pem(c.path("purpose"), c.flag("chain")), c.path("purpose") + ".pem");
            return certs.get(c.path("purpose"));
        });
        r.get("/api/v1/certs/own/{purpose}/pem", c -> pem(certs.pem(c.path("purpose"), c.flag("chain")), c.path("purpose") + ".pem"));
        r.post("/api/v1/certs/own/{purpose}/regenerate", c -> certs.regenerate(c.actor(), c.path("purpose"), c.json(OptionsBody.class).toOptions()));
        r.post("/api/v1/certs/own/{purpose}", c -> certs.importSigned(c.actor(), c.path("purpose"), c.body(), c.flag("allowKeyUsageChange")));
        r.post("/api/v1/csr/{purpose}", c -> certs.generateCsr(c.actor(), c.path("purpose"), c.json(OptionsBody.class).toOptions()));
        r.get("/api/v1/csr/{purpose}", c -> {
            var info = certs.pendingCsr(c.path("purpose"));
            if ("pem".equals(c.query("format"))) return pem(info.pem(), c.path("purpose") + ".csr");
            return info;
        });

        // trust stores (C5, C10)
        r.get("/api/v1/trust", c -> trust.list(null));
        r.get("/api/v1/trust/{store}", c -> trust.list(c.path("store")));
        r.post("/api/v1/trust/{store}", c -> trust.importCertificates(c.actor(), c.path("store"), c.body(), c.query("description")));
        r.get("/api/v1/trust/{store}/{name}", c -> {
            if ("pem".equals(c.query("format"))) return pem(trust.pem(c.path("store"), c.path("name")), c.path("name"));
            return trust.get(c.path("store"), c.path("name"));
        });
        r.delete("/api/v1/trust/{store}/{name}", c -> trust.delete(c.actor(), c.path("store"), c.path("name")));
        r.post("/api/v1/trust/{store}/import-from-peer", c -> {
            var b = c.json(PeerImportBody.class);
            if (b.host() == null || b.port() == null) throw new UcsecException("probe.invalid-target", "host and port are required");
            return node.importTool().importFrom(c.actor(), c.path("store"), b.host(), b.port(), b.keyType());
        });

        // secure XMPP (S2) and the federation wildcard (C9)
        r.get("/api/v1/settings/xmpp", c -> node.xmpp().get());
        r.put("/api/v1/settings/xmpp", c -> node.xmpp().update(c.actor(), c.json(org.ucsec.node.xmpp.XmppSecurityService.Change.class)));

        // TLS peer subjects (S3) and contexts (S4)
        var tls = node.tls();
        r.get("/api/v1/tls/ciphers", c -> tls.available());
        r.get("/api/v1/tls/peer-subjects", c -> tls.peerSubjects());
        r.post("/api/v1/tls/peer-subjects", c -> { var b = c.json(PeerSubjectBody.class); return tls.addPeerSubject(c.actor(), b.cn(), b.description()); });
        r.delete("/api/v1/tls/peer-subjects/{cn}", c -> tls.deletePeerSubject(c.actor(), c.path("cn")));
        r.get("/api/v1/tls/contexts", c -> tls.contexts());
        r.get("/api/v1/tls/contexts/{name}", c -> tls.context(c.path("name")));
        r.put("/api/v1/tls/contexts/{name}", c -> tls.update(c.actor(), c.path("name"), c.json(org.ucsec.node.tlscontext.TlsContextService.ContextChange.class)));
        r.delete("/api/v1/tls/contexts/{name}", c -> tls.delete(c.actor(), c.path("name")));

        // security modes (S5) and Exchange authentication (S6)
        var modes = node.modes();
        r.get("/api/v1/security/modes", c -> modes.status());
        r.post("/api/v1/security/modes/{mode}/{action}", c -> {
            var mode = switch (c.path("mode").toLowerCase()) {
                case "fips" -> org.ucsec.tls.policy.SecurityMode.FIPS;
                case "enhanced-security", "enhancedsecuritymode" -> org.ucsec.tls.policy.SecurityMode.ENHANCED_SECURITY;
                case "common-criteria", "fips_common_criteria" -> org.ucsec.tls.policy.SecurityMode.COMMON_CRITERIA;
                default -> throw new UcsecException("mode.unknown", "unknown security mode '" + c.path("mode") + "' (fips, enhanced-security, common-criteria)");
            };
            boolean enable = switch (c.path("action")) {
                case "enable" -> true;
                case "disable" -> false;
                default -> throw new UcsecException("mode.action-unknown", "action must be enable or disable, not '" + c.path("action") + "'");
            };
            return modes.set(c.actor(), mode, enable, c.flag("force"));
        });
        r.put("/api/v1/security/min-tls", c -> { var b = c.json(ValueBody.class); return modes.setMinTls(c.actor(), b.value(), c.flag("force")); });
        r.put("/api/v1/security/exchange-authentication", c -> modes.setExchangeAuthentication(c.actor(), c.json(ValueBody.class).value()));

        // audit log (X5): who changed what, when
        r.get("/api/v1/audit", c -> {
            int limit = c.query("limit") == null ? 100 : Math.max(1, Math.min(10_000, Integer.parseInt(c.query("limit"))));
            return node.context().store().read(h -> org.ucsec.node.audit.AuditRepo.auditLog(h, limit));
        });

        // services (C12)
        r.get("/api/v1/services", c -> restarts.list());
        r.post("/api/v1/services/{name}/restart", c -> restarts.restart(c.actor(), c.path("name")));
        return r;
    }

    private static Router.Raw pem(String text, String fileName) {
        return new Router.Raw("application/x-pem-file", text.getBytes(StandardCharsets.US_ASCII), fileName);
    }

    private static byte[] resource(String name) {
        try (var in = Api.class.getResourceAsStream(name)) {
            if (in == null) throw new UcsecException("request.no-such-endpoint", name + " is not packaged");
            return in.readAllBytes();
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    public record ValueBody(String value) {}

    public record PeerImportBody(String host, Integer port, String keyType) {}

    public record PeerSubjectBody(String cn, String description) {}

    /** JSON body of regenerate / CSR calls. */
    public record OptionsBody(Integer keySize, String hash, Integer validityDays, String o, String ou, String l, String st, String c,
                              List<String> sans, Boolean multiServer) {
        CertificateService.Options toOptions() {
            return new CertificateService.Options(keySize, hash, validityDays, o, ou, l, st, c, sans == null ? List.of() : sans,
                    multiServer != null && multiServer);
        }
    }
}
