package org.ucsec.node.xmpp;

import org.ucsec.node.certs.CertificateService;
import org.ucsec.node.platform.Actor;
import org.ucsec.node.platform.Change;
import org.ucsec.node.platform.NodeContext;
import org.ucsec.node.restarts.RestartService;

import org.ucsec.node.platform.ClusterRepo;
import org.ucsec.node.platform.SettingsRepo;
import org.ucsec.node.trust.TrustRepo;
import org.ucsec.node.audit.AuditRepo;

import org.jdbi.v3.core.Handle;
import org.ucsec.pki.SanNames;
import org.ucsec.core.UcsecException;
import org.ucsec.pki.catalogue.Purpose;
import org.ucsec.node.platform.ClusterRepo.NodeRow;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

/**
 * Secure XMPP settings (SPEC S2, seed 000 table 1), the XMPP federation wildcard (C9) and the hosted domains it uses.
 * Cluster-wide settings in the store; every change marks the restarts / regenerations it needs.
 */
public final class XmppSecurityService {
    static final String SCOPE = "cluster";
    public static final String CLIENT = "xmpp.client-secure-mode";
    public static final String ROUTER = "xmpp.router-to-router-secure-mode";
    public static final String WEB = "xmpp.web-client-secure-mode";
    public static final String WILDCARD = "xmpp.federation-wildcard";
    public static final String DOMAINS = "xmpp.hosted-domains";
    public static final String REGEN_PREFIX = CertificateService.REGEN_REQUIRED;

    /** Defaults: seed 000 table 1 says client secure mode is on by default; the other two are off until enabled. */
    private static final Map<String, Boolean> DEFAULTS = Map.of(CLIENT, true, ROUTER, false, WEB, false, WILDCARD, false);

    private final NodeContext ctx;
    private final RestartService restarts;

    public XmppSecurityService(NodeContext ctx, RestartService restarts) {
        this.ctx = ctx;
        this.restarts = restarts;
    }

    public record Settings(boolean xmppClientSecureMode, boolean routerToRouterSecureMode, boolean webClientSecureMode,
                           boolean federationWildcard, List<String> hostedDomains) {}

    /** Desired changes; null = unchanged. */
    public record XmppChange(Boolean xmppClientSecureMode, Boolean routerToRouterSecureMode, Boolean webClientSecureMode,
                         Boolean federationWildcard, List<String> hostedDomains) {}

    public Settings get() { return ctx.store().read(this::read); }

    Settings read(Handle h) {
        return new Settings(flag(h, CLIENT), flag(h, ROUTER), flag(h, WEB), flag(h, WILDCARD), domains(h));
    }

    private static boolean flag(Handle h, String name) {
        return SettingsRepo.get(h, SCOPE, name).map(Boolean::parseBoolean).orElse(DEFAULTS.get(name));
    }

    static List<String> domains(Handle h) {
        return SettingsRepo.get(h, SCOPE, DOMAINS).filter(s -> !s.isBlank()).map(s -> Arrays.asList(s.split(","))).orElse(List.of());
    }

    public Change<Settings> update(Actor actor, XmppChange c) {
        actor.requireAdmin("change security settings");
        List<String> newDomains = c.hostedDomains() == null ? null : normalizeDomains(c.hostedDomains());
        return ctx.store().tx(h -> {
            Settings before = read(h);
            List<String> warnings = new ArrayList<>();
            List<String> marked = new ArrayList<>();
            if (c.xmppClientSecureMode() != null && c.xmppClientSecureMode() != before.xmppClientSecureMode()) {
                SettingsRepo.put(h, SCOPE, CLIENT, c.xmppClientSecureMode().toString());
                if (!c.xmppClientSecureMode()) warnings.add("xmpp.client-secure-mode-off: XMPP clients will connect without TLS; do not turn secure mode off unless the clients "
                        + "protect their login credentials in non-secure mode and client-to-node traffic is protected some other way (seed 000)");
                marked.addAll(restarts.mark(h, ctx.catalogue().restartsFor(CLIENT), "XMPP client secure mode changed"));
            }
            if (c.routerToRouterSecureMode() != null && c.routerToRouterSecureMode() != before.routerToRouterSecureMode()) {
                SettingsRepo.put(h, SCOPE, ROUTER, c.routerToRouterSecureMode().toString());
                marked.addAll(restarts.mark(h, ctx.catalogue().restartsFor(ROUTER), "XMPP router-to-router secure mode changed"));
            }
            if (c.webClientSecureMode() != null && c.webClientSecureMode() != before.webClientSecureMode()) {
                SettingsRepo.put(h, SCOPE, WEB, c.webClientSecureMode().toString());
                marked.addAll(restarts.mark(h, ctx.catalogue().restartsFor(WEB), "web client secure mode changed"));
            }
            boolean webOn = c.webClientSecureMode() != null ? c.webClientSecureMode() : before.webClientSecureMode();
            if (webOn && TrustRepo.trust(h, "cup-xmpp-trust").stream().noneMatch(r -> r.originPurpose() == null)) {
                warnings.add("xmpp.web-client-no-certificate: web client secure mode is on but cup-xmpp-trust has no web-client (or signing CA) certificate; "
                        + "upload it with: set cert import trust cup-xmpp-trust FILE (seed 000)");
            }
            boolean regen = false;
            if (c.federationWildcard() != null && c.federationWildcard() != before.federationWildcard()) {
                SettingsRepo.put(h, SCOPE, WILDCARD, c.federationWildcard().toString());
                regen = true;
            }
            if (newDomains != null && !newDomains.equals(before.hostedDomains())) {
                SettingsRepo.put(h, SCOPE, DOMAINS, String.join(",", newDomains));
                regen = true;
            }
            if (regen) {
                for (NodeRow n : ClusterRepo.nodes(h)) {
                    if (!n.federation()) continue;
                    for (String p : List.of("cup-xmpp-s2s", "cup-xmpp-s2s-ECDSA")) SettingsRepo.put(h, n.name(), REGEN_PREFIX + p, "true");
                }
                warnings.add("xmpp.regenerate-required: regenerate cup-xmpp-s2s and cup-xmpp-s2s-ECDSA on every federation node (set cert regen cup-xmpp-s2s) so their certificates carry the new names (C9)");
            }
            AuditRepo.audit(h, ctx.now(), actor.name(), "settings.xmpp", SCOPE, c.toString());
            return Change.of(read(h), warnings, marked);
        });
    }

    /** C9: the names cup-xmpp-s2s(-ECDSA) certificates carry for the hosted domains. */
    public List<String> federationSans(Handle h, Purpose p) {
        if (!p.name().startsWith("cup-xmpp-s2s")) return List.of();
        boolean wildcard = flag(h, WILDCARD);
        List<String> out = new ArrayList<>();
        for (String d : domains(h)) out.add(wildcard ? "*." + d : d);
        return out;
    }

    private static List<String> normalizeDomains(List<String> domains) {
        LinkedHashSet<String> out = new LinkedHashSet<>();
        for (String d : domains) {
            if (d == null || d.isBlank()) continue;
            String t = d.trim();
            if (t.startsWith("*.")) throw new UcsecException("xmpp.domain-invalid", "hosted domain '" + t + "' must be a plain domain; the wildcard setting adds '*.'");
            out.add(SanNames.validate(t));
        }
        return new ArrayList<>(out);
    }
}
