package org.ucsec.node.certs;

import org.jdbi.v3.core.Handle;
import org.ucsec.node.modes.SecurityPolicies;
import org.ucsec.node.platform.Capability;
import org.ucsec.node.platform.ClusterRepo;
import org.ucsec.node.platform.InstalledIdentities;
import org.ucsec.node.platform.Wiring;
import org.ucsec.node.platform.cli.CliTree;
import org.ucsec.node.platform.rest.Router;
import org.ucsec.node.restarts.RestartService;
import org.ucsec.node.trust.TrustStoreService;
import org.ucsec.pki.Pem;
import org.ucsec.tls.policy.Inventory;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** Identity certificates: self-signed (SPEC C3), CSR (C4), CA-signed upload (C6), listing and export (C8). */
public final class CertsCapability implements Capability {
    @Override public String name() { return "certs"; }

    @Override public void commands(CliTree cli) { CertsCommands.attach(cli); }

    /** JSON body of regenerate / CSR calls. */
    public record OptionsBody(Integer keySize, String hash, Integer validityDays, String o, String ou, String l, String st, String c,
                              List<String> sans, Boolean multiServer) {
        CertificateService.Options toOptions() {
            return new CertificateService.Options(keySize, hash, validityDays, o, ou, l, st, c, sans == null ? List.of() : sans,
                    multiServer != null && multiServer);
        }
    }

    private interface CertsRunning extends Running, InstalledIdentities {}

    @Override public Running start(Wiring w) {
        CertificateService certs = w.provide(CertificateService.class, new CertificateService(w.ctx(), w.require(TrustStoreService.class),
                w.require(RestartService.class), w.require(SecurityPolicies.class), w.capabilities()));
        return new CertsRunning() {
            @Override public void routes(Router r) {
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
            }

            @Override public void bootstrap() { certs.ensureIdentities(); }

            @Override public void inventory(Handle h, Inventory.Builder b) {
                for (var n : ClusterRepo.nodes(h))
                    for (var r : IdentityRepo.identities(h, n.name())) b.certificate(r.purpose() + " on " + r.node(), Pem.certificates(r.certPem().getBytes()).get(0));
            }

            @Override public List<Installed> installed(Handle h) {
                List<Installed> out = new ArrayList<>();
                for (var n : ClusterRepo.nodes(h))
                    for (var r : IdentityRepo.identities(h, n.name())) out.add(new Installed(r.node(), r.purpose(), r.caSigned(), r.installedAt(), r.chainPem()));
                return out;
            }
        };
    }

    private static Router.Raw pem(String text, String fileName) {
        return new Router.Raw("application/x-pem-file", text.getBytes(StandardCharsets.US_ASCII), fileName);
    }
}
