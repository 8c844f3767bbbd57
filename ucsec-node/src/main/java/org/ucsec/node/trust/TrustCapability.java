package org.ucsec.node.trust;

import org.jdbi.v3.core.Handle;
import org.ucsec.node.platform.Capability;
import org.ucsec.node.platform.InstalledIdentities;
import org.ucsec.node.platform.Wiring;
import org.ucsec.node.platform.cli.CliTree;
import org.ucsec.node.platform.rest.Router;
import org.ucsec.node.restarts.RestartService;
import org.ucsec.pki.Pem;
import org.ucsec.tls.policy.Inventory;

import java.nio.charset.StandardCharsets;

/** Trust stores: upload (SPEC C5), listing and export, deletion rules (C10). */
public final class TrustCapability implements Capability {
    @Override public String name() { return "trust"; }

    @Override public void commands(CliTree cli) { TrustCommands.attach(cli); }

    @Override public Running start(Wiring w) {
        TrustStoreService trust = w.provide(TrustStoreService.class,
                new TrustStoreService(w.ctx(), w.require(RestartService.class), InstalledIdentities.of(w.capabilities())));
        return new Running() {
            @Override public void routes(Router r) {
                r.get("/api/v1/trust", c -> trust.list(null));
                r.get("/api/v1/trust/{store}", c -> trust.list(c.path("store")));
                r.post("/api/v1/trust/{store}", c -> trust.importCertificates(c.actor(), c.path("store"), c.body(), c.query("description")));
                r.get("/api/v1/trust/{store}/{name}", c -> {
                    if ("pem".equals(c.query("format")))
                        return new Router.Raw("application/x-pem-file", trust.pem(c.path("store"), c.path("name")).getBytes(StandardCharsets.US_ASCII), c.path("name"));
                    return trust.get(c.path("store"), c.path("name"));
                });
                r.delete("/api/v1/trust/{store}/{name}", c -> trust.delete(c.actor(), c.path("store"), c.path("name")));
                // CRLs per trust store (issue 7), and what a missing revocation answer does
                r.get("/api/v1/crls/{store}", c -> trust.crls(c.path("store")));
                r.post("/api/v1/crls/{store}", c -> trust.importCrl(c.actor(), c.path("store"), c.body(), c.query("description")));
                r.delete("/api/v1/crls/{store}/{id}", c -> trust.deleteCrl(c.actor(), c.path("store"), c.path("id")));
                r.get("/api/v1/revocation", c -> new TrustStoreService.RevocationSetting(trust.revocationMode() == org.ucsec.pki.path.ValidationPolicy.RevocationMode.HARD_FAIL ? "hard-fail" : "soft-fail"));
                r.put("/api/v1/revocation", c -> trust.setRevocationMode(c.actor(), c.json(TrustStoreService.RevocationSetting.class).mode()));
            }

            /** Every trust-store entry is checked by the security modes (S5): a weak key or hash in a store is a violation. */
            @Override public void inventory(Handle h, Inventory.Builder b) {
                for (var row : TrustRepo.allTrust(h)) b.certificate("trust " + row.store() + "/" + row.name(), Pem.certificates(row.certPem().getBytes()).get(0));
            }
        };
    }
}
