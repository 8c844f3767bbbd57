package org.ucsec.node.modes;

import org.ucsec.core.UcsecException;
import org.ucsec.node.platform.Capability;
import org.ucsec.node.platform.Wiring;
import org.ucsec.node.platform.cli.CliTree;
import org.ucsec.node.platform.rest.Router;
import org.ucsec.node.restarts.RestartService;
import org.ucsec.tls.policy.SecurityMode;

/** Security modes (SPEC S5: FIPS, enhanced security, common criteria, minimum TLS version) and Exchange authentication (S6). */
public final class ModesCapability implements Capability {
    @Override public String name() { return "modes"; }

    @Override public void commands(CliTree cli) { ModesCommands.attach(cli); }

    /** Body of {@code PUT /api/v1/security/min-tls} and {@code PUT /api/v1/security/exchange-authentication}. */
    public record ValueBody(String value) {}

    @Override public Running start(Wiring w) {
        w.provide(SecurityPolicies.class, new SecurityPolicies(w.ctx()));
        SecurityModeService modes = w.provide(SecurityModeService.class, new SecurityModeService(w.ctx(), w.require(RestartService.class), w.capabilities()));
        return new Running() {
            @Override public void routes(Router r) {
                r.get("/api/v1/security/modes", c -> modes.status());
                r.post("/api/v1/security/modes/{mode}/{action}", c -> {
                    SecurityMode mode = parseMode(c.path("mode"));
                    boolean enable = switch (c.path("action")) {
                        case "enable" -> true;
                        case "disable" -> false;
                        default -> throw new UcsecException("mode.action-unknown", "action must be enable or disable, not '" + c.path("action") + "'");
                    };
                    return modes.set(c.actor(), mode, enable, c.flag("force"));
                });
                r.put("/api/v1/security/min-tls", c -> modes.setMinTls(c.actor(), c.json(ValueBody.class).value(), c.flag("force")));
                r.put("/api/v1/security/exchange-authentication", c -> modes.setExchangeAuthentication(c.actor(), c.json(ValueBody.class).value()));
            }
        };
    }

    static SecurityMode parseMode(String s) {
        return switch (s.toLowerCase()) {
            case "fips" -> SecurityMode.FIPS;
            case "enhanced-security", "enhancedsecuritymode" -> SecurityMode.ENHANCED_SECURITY;
            case "common-criteria", "fips_common_criteria" -> SecurityMode.COMMON_CRITERIA;
            default -> throw new UcsecException("mode.unknown", "unknown security mode '" + s + "' (fips, enhanced-security, common-criteria)");
        };
    }
}
