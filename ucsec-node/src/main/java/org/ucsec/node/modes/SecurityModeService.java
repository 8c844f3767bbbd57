package org.ucsec.node.modes;

import org.ucsec.node.platform.Actor;
import org.ucsec.node.platform.NodeContext;
import org.ucsec.node.restarts.RestartService;
import org.ucsec.node.tlscontext.TlsContextService;

import org.ucsec.node.platform.ClusterRepo;
import org.ucsec.node.platform.SettingsRepo;
import org.ucsec.node.certs.IdentityRepo;
import org.ucsec.node.audit.AuditRepo;
import org.ucsec.node.tlscontext.TlsContextRepo;

import org.jdbi.v3.core.Handle;
import org.ucsec.pki.Pem;
import org.ucsec.core.UcsecException;
import org.ucsec.pki.catalogue.RestartTarget;
import org.ucsec.node.certs.IdentityRepo.IdentityRow;
import org.ucsec.node.platform.ClusterRepo.NodeRow;
import org.ucsec.node.tlscontext.TlsContextRepo.TlsContextRow;
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
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * Security modes (SPEC S5): FIPS, enhanced security, common criteria and the minimum TLS version, as one policy
 * that every operation consults; and the Exchange authentication parameter (S6). Enabling a mode first lists
 * everything that currently violates it and refuses, unless the operator forces it.
 */
public final class SecurityModeService {
    static final String SCOPE = "cluster";
    static final String FIPS = "security.fips", ENHANCED = "security.enhanced", CC = "security.common-criteria", MIN_TLS = "security.min-tls";
    static final String EXCHANGE = "security.exchange-authentication";
    private static final List<RestartTarget> LISTENERS = List.of(new RestartTarget("admin", RestartTarget.Scope.CLUSTER),
            new RestartTarget("sip-proxy", RestartTarget.Scope.CLUSTER));

    private final NodeContext ctx;
    private final RestartService restarts;
    private final List<Consumer<SecurityPolicy>> listeners = new CopyOnWriteArrayList<>();
    private volatile SecurityPolicy policy;

    public SecurityModeService(NodeContext ctx, RestartService restarts) {
        this.ctx = ctx;
        this.restarts = restarts;
        this.policy = SecurityPolicy.of(ctx.store().read(SecurityModeService::read));
    }

    public SecurityPolicy policy() { return policy; }

    /** Called now and after every change (services narrow what they offer, listeners pick it up on restart). */
    public void onChange(Consumer<SecurityPolicy> c) { listeners.add(c); c.accept(policy); }

    static SecurityModes read(Handle h) {
        boolean fips = flag(h, FIPS), enh = flag(h, ENHANCED), cc = flag(h, CC);
        TlsVersion min = SettingsRepo.get(h, SCOPE, MIN_TLS).map(TlsVersion::parse).orElse(SecurityModes.DEFAULT_MIN_TLS);
        return new SecurityModes(fips, enh, cc, min);
    }

    private static boolean flag(Handle h, String k) { return SettingsRepo.get(h, SCOPE, k).map(Boolean::parseBoolean).orElse(false); }

    public record Status(boolean fips, boolean enhancedSecurity, boolean commonCriteria, String minTlsVersion, List<String> protocols,
                         String exchangeAuthentication, List<String> exchangeMechanisms, boolean auditLogging, org.ucsec.tls.policy.CredentialPolicy credentialPolicy,
                         List<ViolationView> currentViolations) {}

    public record ViolationView(String code, String mode, String objectKind, String objectName, String message) {
        static ViolationView of(Violation v) { return new ViolationView(v.code(), v.mode() == null ? null : v.mode().displayName(), v.objectKind(), v.objectName(), v.message()); }
    }

    public record Change(Status status, List<ViolationView> violationsAccepted, List<String> restartsMarked) {}

    public Status status() { return ctx.store().read(h -> statusOf(h, read(h))); }

    /** {@code utils fips|EnhancedSecurityMode|fips_common_criteria enable|disable}. */
    public Change set(Actor actor, SecurityMode mode, boolean enable, boolean force) {
        actor.requireAdmin("change security modes");
        return ctx.store().tx(h -> {
            SecurityModes cur = read(h);
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
            return apply(h, actor, cur, b, force, mode.displayName() + (enable ? " enabled" : " disabled"));
        });
    }

    /** {@code set tls min-version V}. */
    public Change setMinTls(Actor actor, String version, boolean force) {
        actor.requireAdmin("change the minimum TLS version");
        TlsVersion v = TlsVersion.parse(version);
        return ctx.store().tx(h -> {
            SecurityModes cur = read(h);
            return apply(h, actor, cur, cur.toBuilder().minTlsVersion(v), force, "minimum TLS version " + v.number());
        });
    }

    private Change apply(Handle h, Actor actor, SecurityModes cur, SecurityModes.Builder b, boolean force, String what) {
        SecurityModes next = b.build(); // refuses contradictions (mode.requires-fips, mode.cc-requires-tls12)
        if (next.equals(cur)) return new Change(statusOf(h, next), List.of(), List.of());
        SecurityPolicy candidate = SecurityPolicy.of(next);
        // only a tightening (a mode switched on, a higher minimum) is checked: switching off never breaks anything
        boolean tightens = (next.fips() && !cur.fips()) || (next.enhancedSecurity() && !cur.enhancedSecurity())
                || (next.commonCriteria() && !cur.commonCriteria()) || next.minTlsVersion().compareTo(cur.minTlsVersion()) > 0;
        List<Violation> violations = tightens ? candidate.violations(inventory(h)) : List.of();
        List<ViolationView> views = violations.stream().map(ViolationView::of).toList();
        if (!violations.isEmpty() && !force) {
            StringBuilder sb = new StringBuilder(what + " refused: " + violations.size() + " object(s) violate it; fix them, or apply anyway with --force:");
            for (Violation v : violations) sb.append("\n  - ").append(v);
            throw new UcsecException("mode.violations", sb.toString(), Map.of("violations", views));
        }
        SettingsRepo.put(h, SCOPE, FIPS, String.valueOf(next.fips()));
        SettingsRepo.put(h, SCOPE, ENHANCED, String.valueOf(next.enhancedSecurity()));
        SettingsRepo.put(h, SCOPE, CC, String.valueOf(next.commonCriteria()));
        SettingsRepo.put(h, SCOPE, MIN_TLS, next.minTlsVersion().number());
        restarts.mark(h, LISTENERS, what);
        AuditRepo.audit(h, ctx.now(), actor.name(), "security.mode", what, (force && !violations.isEmpty() ? "forced over " + violations.size() + " violation(s): " : "") + next);
        policy = candidate;
        listeners.forEach(l -> l.accept(candidate));
        return new Change(statusOf(h, next), views, LISTENERS.stream().map(RestartTarget::service).toList());
    }

    private Status statusOf(Handle h, SecurityModes m) {
        SecurityPolicy p = SecurityPolicy.of(m);
        ExchangeAuthentication ex = exchange(h);
        return new Status(m.fips(), m.enhancedSecurity(), m.commonCriteria(), m.minTlsVersion().number(), p.allowedProtocols(), ex.name(),
                p.exchangeMechanisms(ex).stream().map(ExchangeAuthMechanism::name).toList(), p.auditLoggingRequired(), p.credentialPolicy(),
                p.violations(inventory(h)).stream().map(ViolationView::of).toList());
    }

    // ------------------------------------------------------------------ S6
    private static ExchangeAuthentication exchange(Handle h) {
        return SettingsRepo.get(h, SCOPE, EXCHANGE).map(ExchangeAuthentication::parse).orElse(ExchangeAuthentication.values()[0]);
    }

    public Status setExchangeAuthentication(Actor actor, String value) {
        actor.requireAdmin("change the Exchange authentication parameter");
        // operators type "Basic" as often as the parameter's "Basic Only"
        ExchangeAuthentication ex = ExchangeAuthentication.parse(value != null && value.trim().equalsIgnoreCase("basic") ? "Basic Only" : value);
        return ctx.store().tx(h -> {
            if (exchange(h) != ex) {
                SettingsRepo.put(h, SCOPE, EXCHANGE, ex.name());
                restarts.mark(h, List.of(new RestartTarget("presence-engine", RestartTarget.Scope.CLUSTER)), "FIPS mode Exchange server authentication = " + ex.displayName());
                AuditRepo.audit(h, ctx.now(), actor.name(), "security.exchange-authentication", SCOPE, ex.name());
            }
            return statusOf(h, read(h));
        });
    }

    // ------------------------------------------------------------------ what the modes are checked against
    /** Every identity certificate of every node, every TLS context's cipher list, the minimum TLS version, external databases. */
    Inventory inventory(Handle h) {
        Inventory.Builder b = Inventory.builder().minTlsVersion(read(h).minTlsVersion());
        for (NodeRow n : ClusterRepo.nodes(h))
            for (IdentityRow r : IdentityRepo.identities(h, n.name())) b.certificate(r.purpose() + " on " + r.node(), Pem.certificates(r.certPem().getBytes()).get(0));
        for (TlsContextRow c : TlsContextRepo.tlsContexts(h)) b.cipherList("TLS context " + c.name(), TlsContextService.split(c.cipherSuites()));
        if (ctx.config().jdbcUrl() != null) {
            String url = ctx.config().jdbcUrl().toLowerCase();
            b.externalDatabase("cluster store " + ctx.config().jdbcUrl().replaceAll("password=[^&;]*", "password=****"),
                    url.contains("ssl=true") || url.contains("sslmode=require") || url.contains("sslmode=verify"));
        }
        return b.build();
    }

    public List<ViolationView> violations() { return ctx.store().read(h -> policy.violations(inventory(h)).stream().map(ViolationView::of).toList()); }
}
