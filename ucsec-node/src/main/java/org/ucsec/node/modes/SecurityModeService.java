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
import org.ucsec.tls.policy.ModeChange;
import org.ucsec.tls.policy.PolicyWarning;
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

    /** {@code utils fips|EnhancedSecurityMode|fips_common_criteria enable|disable}: the rules are {@link ModeChange}'s. */
    public Change<Status> set(Actor actor, SecurityMode mode, boolean enable, boolean force) {
        actor.requireAdmin("change security modes");
        return ctx.store().tx(h -> {
            SecurityModes cur = SecurityPolicies.modes(h);
            ModeChange change = ModeChange.setMode(cur, mode, enable, force, inventory(h, cur.minTlsVersion()));
            return apply(h, actor, change, mode.displayName() + (enable ? " enabled" : " disabled"), "security.mode");
        });
    }

    /** {@code set tls min-version V}. */
    public Change<Status> setMinTls(Actor actor, String version, boolean force) {
        actor.requireAdmin("change the minimum TLS version");
        TlsVersion v = TlsVersion.parse(version);
        return ctx.store().tx(h -> {
            SecurityModes cur = SecurityPolicies.modes(h);
            return apply(h, actor, ModeChange.setMinTls(cur, v, force, inventory(h, cur.minTlsVersion())), "minimum TLS version " + v.number(), "security.min-tls");
        });
    }

    private Change<Status> apply(Handle h, Actor actor, ModeChange change, String what, String setting) {
        if (!change.changes()) return Change.unchanged(statusOf(h, change.to()));
        change.requireAccepted(what); // mode.violations, listing each, unless forced
        SecurityPolicies.write(h, change.to());
        List<String> marked = restarts.mark(h, ctx.catalogue().restartsFor(setting), what);
        List<Violation> violations = change.violations();
        AuditRepo.audit(h, ctx.now(), actor.name(), "security.mode", what, (!violations.isEmpty() ? "forced over " + violations.size() + " violation(s): " : "") + change.to());
        List<String> warnings = new ArrayList<>();
        for (Violation v : violations) warnings.add("forced over: " + ViolationView.of(v));
        for (PolicyWarning w : change.warnings()) warnings.add(w.code() + ": " + w.message());
        return Change.of(statusOf(h, change.to()), warnings, marked);
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
            b.externalDatabase("cluster store " + ctx.config().maskedJdbcUrl(),
                    url.contains("ssl=true") || url.contains("sslmode=require") || url.contains("sslmode=verify"));
        }
        return b.build();
    }

    public List<ViolationView> violations() {
        return ctx.store().read(h -> SecurityPolicies.current(h).violations(inventory(h, SecurityPolicies.modes(h).minTlsVersion())).stream().map(ViolationView::of).toList());
    }
}
