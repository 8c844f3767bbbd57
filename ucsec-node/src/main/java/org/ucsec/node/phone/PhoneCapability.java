package org.ucsec.node.phone;

import org.ucsec.node.platform.Capability;
import org.ucsec.node.platform.Wiring;
import org.ucsec.node.platform.cli.CliTree;
import org.ucsec.node.platform.rest.Router;
import org.ucsec.node.provisioning.PhoneDirectory;

import java.nio.charset.StandardCharsets;

/**
 * Phone profiles (SPEC P1-P5, P7-P15): cluster defaults, groups and phones as cfg.xml values (catalogue, validation,
 * render and lint in {@code ucsec-phone}); provides the {@link PhoneDirectory} the provisioning listener (P6) serves from.
 */
public final class PhoneCapability implements Capability {
    @Override public String name() { return "phone"; }

    @Override public void commands(CliTree cli) { PhoneCommands.attach(cli); }

    @Override public Running start(Wiring w) {
        PhoneService phones = w.provide(PhoneService.class, new PhoneService(w.ctx()));
        w.provide(PhoneDirectory.class, phones);
        phones.refresh();
        return new Running() {
            @Override public void routes(Router r) {
                r.get("/api/v1/phone/catalogue", c -> PhoneService.catalogue());
                r.get("/api/v1/phone/cluster", c -> phones.cluster());
                r.put("/api/v1/phone/cluster", c -> phones.setCluster(c.actor(), c.json(PhoneService.ProfileChange.class)));
                r.get("/api/v1/phone/groups", c -> phones.groups());
                r.get("/api/v1/phone/groups/{name}", c -> phones.group(c.path("name")));
                r.put("/api/v1/phone/groups/{name}", c -> phones.setGroup(c.actor(), c.path("name"), c.json(PhoneService.ProfileChange.class)));
                r.delete("/api/v1/phone/groups/{name}", c -> phones.deleteGroup(c.actor(), c.path("name")));
                r.get("/api/v1/phone/phones", c -> phones.phones());
                r.get("/api/v1/phone/phones/{mac}", c -> phones.phone(c.path("mac")));
                r.put("/api/v1/phone/phones/{mac}", c -> phones.setPhone(c.actor(), c.path("mac"), c.json(PhoneService.PhoneChange.class)));
                r.delete("/api/v1/phone/phones/{mac}", c -> phones.deletePhone(c.actor(), c.path("mac")));
                r.get("/api/v1/phone/phones/{mac}/effective", c -> phones.effective(c.path("mac")));
                r.get("/api/v1/phone/phones/{mac}/firewall", c -> phones.firewall(c.path("mac")));
                r.get("/api/v1/phone/phones/{mac}/cfg.xml", c -> {
                    String mac = org.ucsec.phone.Mac.normalize(c.path("mac"));
                    return new Router.Raw("application/xml", phones.render(mac).getBytes(StandardCharsets.UTF_8), mac + ".xml");
                });
                r.post("/api/v1/phone/import", c -> phones.importCfg(c.actor(), c.body(), c.query("group"), c.query("phone"), c.query("model")));
            }
        };
    }
}
