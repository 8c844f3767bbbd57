package org.ucsec.node.modes;

import org.ucsec.node.platform.Actor;
import org.ucsec.node.platform.Capability;
import org.ucsec.node.platform.Change;
import org.ucsec.node.platform.NodeContext;
import org.ucsec.node.restarts.RestartService;

import org.ucsec.node.platform.SettingsRepo;
import org.ucsec.node.audit.AuditRepo;

import org.jdbi.v3.core.Handle;
import org.ucsec.core.UcsecException;
import org.ucsec.tls.policy.ExchangeAuthMechanism;
import org.ucsec.tls.policy.ExchangeAuthentication;
import org.ucsec.tls.policy.Inventory;
import org.ucsec.tls.policy.SecurityMode;
import org.ucsec.tls.policy.SecurityModes;
import org.ucsec.tls.policy.SecurityPolicy;
import org.ucsec.tls.policy.TlsVersion;
import org.ucsec.tls.policy.Violation;

import java.util.List;
import java.util.Map;
import java.util.ArrayList;

/**
 * Security modes (SPEC S5): FIPS, enhanced security, common criteria and the minimum TLS version, as one policy
 * that every operation consults; and the Exchange authentication parameter (S6). Enabling a mode first lists
 * everything that currently violates it and refuses, unless the operator forces it.
 */
public final class SecurityModeService {
    static final String SCOPE = SecurityPolicies.SCOPE;
    static final String EXCHANGE = "security.exchange-authentication";

    private final NodeContext ctx;
    private final RestartService restarts;
    private final List<Capability.Running> inventoryOwners;

    /**
     * @param inventoryOwners every capability of the node; each contributes the objects it owns to the inventory the
     *                        modes are checked against ({@link Capability.Running#inventory})
     */
    public SecurityModeService(NodeContext ctx, RestartService restarts, List<Capability.Running> inventoryOwners) {
        this.ctx = ctx;
        this.restarts = restarts;
        this.inventoryOwners = inventoryOwners;
    }

    public SecurityPolicy policy() { return ctx.store().read(SecurityPolicies::current); }

    public record Status(boolean fips, boolean enhancedSecurity, boolean commonCriteria, String minTlsVersion, List<String> protocols,
                         String exchangeAuthentication, List<String> exchangeMechanisms, boolean auditLogging, org.ucsec.tls.policy.CredentialPolicy credentialPolicy,
                         List<ViolationView> currentViolations) {}

    public record ViolationView(String code, String mode, String objectKind, String objectName, String message) {
        static ViolationView of(Violation v) { return new ViolationView(v.code(), v.mode() == null ? null : v.mode().displayName(), v.objectKind(), v.objectName(), v.message()); }
        @Override public String toString() { return code + " " + objectKind + " '" + objectName + "': " + message; }
    }

    public Status status() { return ctx.store().read(h -> statusOf(h, SecurityPolicies.modes(h))); }

    /** {@code utils fips|EnhancedSecurityMode|fips_common_criteria enable|disable}. */
    public Change<Status> set(Actor actor, SecurityMode mode, boolean enable, boolean force) {
        actor.requireAdmin("change security modes");
        return ctx.store().tx(h -> {
            SecurityModes cur = SecurityPolicies.modes(h);
            SecurityModes.Builder b = cur.toBuilder();
            switch (mode) {
                case FIPS -> {
                    if (!enable && (cur.enhancedSecurity() || cur.commonCriteria()))
                        throw new UcsecException("mode.fips-required-by-others", "FIPS mode cannot be disabled while "
                                + (cur.enhancedSecurity() ? "enhanced security mode" : "common criteria mode") + " is enabled: disable that first");
                    b.fips(enable);
                }
                case ENHANCED_SECURITY -> b.enhancedSecurity(enable);
                case COMMON_CRITERIA -> {
                    b.commonCriteria(enable);
                    if (enable && force && !cur.minTlsVersion().atLeast(SecurityModes.COMMON_CRITERIA_MIN_TLS)) b.minTlsVersion(SecurityModes.COMMON_CRITERIA_MIN_TLS);
                }
            }
            return apply(h, actor, cur, b, force, mode.displayName() + (enable ? " enabled" : " disabled"), "security.mode");
        });
    }

    /** {@code set tls min-version V}. */
    public Change<Status> setMinTls(Actor actor, String version, boolean force) {
        actor.requireAdmin("change the minimum TLS version");
        TlsVersion v = TlsVersion.parse(version);
        return ctx.store().tx(h -> {
            SecurityModes cur = SecurityPolicies.modes(h);
            return apply(h, actor, cur, cur.toBuilder().minTlsVersion(v), force, "minimum TLS version " + v.number(), "security.min-tls");
        });
    }

    private Change<Status> apply(Handle h, Actor actor, SecurityModes cur, SecurityModes.Builder b, boolean force, String what, String setting) {
        SecurityModes next = b.build(); // refuses contradictions (mode.requires-fips, mode.cc-requires-tls12)
        if (next.equals(cur)) return Change.unchanged(statusOf(h, next));
        SecurityPolicy candidate = SecurityPolicy.of(next);
        // only a tightening (a mode switched on, a higher minimum) is checked: switching off never breaks anything.
        // The inventory carries the NEW minimum: the current setting is what is being replaced, never a violation of it.
        boolean tightens = (next.fips() && !cur.fips()) || (next.enhancedSecurity() && !cur.enhancedSecurity())
                || (next.commonCriteria() && !cur.commonCriteria()) || next.minTlsVersion().compareTo(cur.minTlsVersion()) > 0;
        List<Violation> violations = tightens ? candidate.violations(inventory(h, next.minTlsVersion())) : List.of();
        List<ViolationView> views = violations.stream().map(ViolationView::of).toList();
        if (!violations.isEmpty() && !force) {
            StringBuilder sb = new StringBuilder(what + " refused: " + violations.size() + " object(s) violate it; fix them, or apply anyway with --force:");
            for (Violation v : violations) sb.append("\n  - ").append(v);
            throw new UcsecException("mode.violations", sb.toString(), Map.of("violations", views));
        }
        SecurityPolicies.write(h, next);
        List<String> marked = restarts.mark(h, ctx.catalogue().restartsFor(setting), what);
        AuditRepo.audit(h, ctx.now(), actor.name(), "security.mode", what, (force && !violations.isEmpty() ? "forced over " + violations.size() + " violation(s): " : "") + next);
        List<String> warnings = new ArrayList<>();
        for (ViolationView v : views) warnings.add("forced over: " + v);
        if (!next.minTlsVersion().atLeast(TlsVersion.TLS_1_2))
            warnings.add("minimum TLS version " + next.minTlsVersion().number() + " allows TLS 1.0/1.1, which RFC 8996 deprecates; phones and peers may be downgraded");
        return Change.of(statusOf(h, next), warnings, marked);
    }

    private Status statusOf(Handle h, SecurityModes m) {
        SecurityPolicy p = SecurityPolicy.of(m);
        ExchangeAuthentication ex = exchange(h);
        return new Status(m.fips(), m.enhancedSecurity(), m.commonCriteria(), m.minTlsVersion().number(), p.allowedProtocols(), ex.name(),
                p.exchangeMechanisms(ex).stream().map(ExchangeAuthMechanism::name).toList(), p.auditLoggingRequired(), p.credentialPolicy(),
                p.violations(inventory(h, m.minTlsVersion())).stream().map(ViolationView::of).toList());
    }

    // ------------------------------------------------------------------ S6
    private static ExchangeAuthentication exchange(Handle h) {
        return SettingsRepo.get(h, SCOPE, EXCHANGE).map(ExchangeAuthentication::parse).orElse(ExchangeAuthentication.values()[0]);
    }

    public Change<Status> setExchangeAuthentication(Actor actor, String value) {
        actor.requireAdmin("change the Exchange authentication parameter");
        // operators type "Basic" as often as the parameter's "Basic Only"
        ExchangeAuthentication ex = ExchangeAuthentication.parse(value != null && value.trim().equalsIgnoreCase("basic") ? "Basic Only" : value);
        return ctx.store().tx(h -> {
            List<String> marked = List.of();
            if (exchange(h) != ex) {
                SettingsRepo.put(h, SCOPE, EXCHANGE, ex.name());
                marked = restarts.mark(h, ctx.catalogue().restartsFor(EXCHANGE), "FIPS mode Exchange server authentication = " + ex.displayName());
                AuditRepo.audit(h, ctx.now(), actor.name(), "security.exchange-authentication", SCOPE, ex.name());
            }
            return Change.of(statusOf(h, SecurityPolicies.modes(h)), List.of(), marked);
        });
    }

    // ------------------------------------------------------------------ what the modes are checked against
    /** What every capability owns (identity certificates, trust entries, cipher lists, ...), the minimum TLS version, external databases. */
    Inventory inventory(Handle h, TlsVersion minTls) {
        Inventory.Builder b = Inventory.builder().minTlsVersion(minTls);
        for (Capability.Running c : inventoryOwners) c.inventory(h, b);
        if (ctx.config().jdbcUrl() != null) {
            String url = ctx.config().jdbcUrl().toLowerCase();
            b.externalDatabase("cluster store " + ctx.config().jdbcUrl().replaceAll("password=[^&;]*", "password=****"),
                    url.contains("ssl=true") || url.contains("sslmode=require") || url.contains("sslmode=verify"));
        }
        return b.build();
    }

    public List<ViolationView> violations() {
        return ctx.store().read(h -> SecurityPolicies.current(h).violations(inventory(h, SecurityPolicies.modes(h).minTlsVersion())).stream().map(ViolationView::of).toList());
    }
}
