package org.ucsec.node.phonesecurity;

import org.ucsec.node.platform.Capability;
import org.ucsec.node.platform.Wiring;
import org.ucsec.node.platform.cli.CliTree;
import org.ucsec.node.platform.rest.Router;

/** Phone security profiles (SPEC O8) and OAuth devices with their MRA settings (O9). */
public final class PhoneSecurityCapability implements Capability {
    @Override public String name() { return "phonesecurity"; }

    @Override public void commands(CliTree cli) { PhoneSecurityCommands.attach(cli); }

    @Override public Running start(Wiring w) {
        PhoneSecurityService svc = w.provide(PhoneSecurityService.class, new PhoneSecurityService(w.ctx()));
        return new Running() {
            @Override public void routes(Router r) {
                r.get("/api/v1/phone-security/profiles", c -> svc.profiles());
                r.get("/api/v1/phone-security/profiles/{name}", c -> svc.profile(c.path("name")));
                r.put("/api/v1/phone-security/profiles/{name}", c -> svc.putProfile(c.actor(), c.path("name"), c.json(PhoneSecurityService.ProfileChange.class)));
                r.delete("/api/v1/phone-security/profiles/{name}", c -> svc.deleteProfile(c.actor(), c.path("name")));
                r.get("/api/v1/phone-security/devices", c -> svc.devices());
                r.get("/api/v1/phone-security/devices/{name}", c -> svc.device(c.path("name")));
                r.put("/api/v1/phone-security/devices/{name}", c -> svc.putDevice(c.actor(), c.path("name"), c.json(PhoneSecurityService.DeviceChange.class)));
                r.delete("/api/v1/phone-security/devices/{name}", c -> svc.deleteDevice(c.actor(), c.path("name")));
            }
        };
    }
}
