package org.ucsec.tls.policy;

import org.ucsec.core.UcsecException;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A planned change of the security modes or the minimum TLS version, decided in this one place (SPEC S5; issue 8
 * item 4): the modes before and after, what in the inventory violates the result, and the warnings to show. Nothing is
 * changed by planning; the caller stores {@link #to()} once {@link #requireAccepted} passes.
 *
 * <p>Rules:
 * <ul>
 *   <li>Only a tightening (a mode switched on, a higher minimum TLS version) is checked against the inventory;
 *       switching off or lowering never breaks anything listed.</li>
 *   <li>The minimum TLS version being changed is never itself a violation: the inventory is checked with the
 *       <em>new</em> minimum, so moving from 1.0 to 1.2 is never refused because the current setting is 1.0.</li>
 *   <li>A minimum below TLS 1.2 is allowed with a {@link PolicyWarning#TLS_WEAK_MINIMUM} warning (RFC 8996 deprecates
 *       TLS 1.0 and 1.1).</li>
 *   <li>Common criteria needs a minimum of {@link SecurityModes#COMMON_CRITERIA_MIN_TLS} ({@link SecurityModes#commonCriteriaMinTls}).</li>
 *   <li>FIPS cannot be switched off while enhanced security or common criteria (which require it) is on.</li>
 * </ul>
 *
 * @param violations what the inventory breaks of the new modes; refused unless {@code forced}
 * @param warnings   shown whatever happens (they do not refuse)
 * @param forced     the operator asked to apply it over violations ({@code --force})
 */
public record ModeChange(SecurityModes from, SecurityModes to, List<Violation> violations, List<PolicyWarning> warnings, boolean forced) {
    public ModeChange {
        violations = List.copyOf(violations);
        warnings = List.copyOf(warnings);
    }

    /** {@code utils fips|EnhancedSecurityMode|fips_common_criteria enable|disable [--force]} against the inventory. */
    public static ModeChange setMode(SecurityModes from, SecurityMode mode, boolean enable, boolean force, Inventory inventory) {
        SecurityModes.Builder b = from.toBuilder();
        List<PolicyWarning> extra = new ArrayList<>();
        switch (mode) {
            case FIPS -> {
                if (!enable && (from.enhancedSecurity() || from.commonCriteria())) {
                    throw new UcsecException("mode.fips-required-by-others", "FIPS mode cannot be disabled while "
                            + (from.enhancedSecurity() ? "enhanced security mode" : "common criteria mode") + " is enabled: disable that first");
                }
                b.fips(enable);
            }
            case ENHANCED_SECURITY -> b.enhancedSecurity(enable);
            case COMMON_CRITERIA -> {
                b.commonCriteria(enable);
                if (enable && !from.fips()) b.build(); // mode.requires-fips first: the more basic refusal
                if (enable) {
                    TlsVersion min = SecurityModes.commonCriteriaMinTls(from.minTlsVersion(), force);
                    if (min != from.minTlsVersion()) {
                        b.minTlsVersion(min);
                        extra.add(new PolicyWarning(PolicyWarning.TLS_MINIMUM_RAISED, "tls-min-version", min.number(),
                                "common criteria mode enabled with --force: the minimum TLS version was raised from " + from.minTlsVersion().number()
                                        + " to " + min.number() + "; peers that only speak older versions can no longer connect"));
                    }
                }
            }
            case BASELINE -> throw new IllegalArgumentException("BASELINE is not a mode that can be switched");
        }
        return plan(from, b.build(), force, inventory, extra);
    }

    /** {@code set tls min-version V [--force]} against the inventory. */
    public static ModeChange setMinTls(SecurityModes from, TlsVersion version, boolean force, Inventory inventory) {
        if (from.commonCriteria() && !version.atLeast(SecurityModes.COMMON_CRITERIA_MIN_TLS)) {
            // the one rule (SecurityModes.commonCriteriaMinTls): lowering below it with common criteria on is never forced
            throw new UcsecException("mode.cc-requires-tls12", "common criteria mode requires a minimum TLS version of "
                    + SecurityModes.COMMON_CRITERIA_MIN_TLS.number() + " or higher; " + version.number()
                    + " is refused (disable common criteria mode first)");
        }
        return plan(from, from.toBuilder().minTlsVersion(version).build(), force, inventory, List.of());
    }

    /** Any change from {@code from} to {@code to}: see the class comment for the rules. */
    public static ModeChange plan(SecurityModes from, SecurityModes to, boolean force, Inventory inventory) {
        return plan(from, to, force, inventory, List.of());
    }

    private static ModeChange plan(SecurityModes from, SecurityModes to, boolean force, Inventory inventory, List<PolicyWarning> extra) {
        boolean tightens = (to.fips() && !from.fips()) || (to.enhancedSecurity() && !from.enhancedSecurity())
                || (to.commonCriteria() && !from.commonCriteria()) || to.minTlsVersion().compareTo(from.minTlsVersion()) > 0;
        // the inventory as it will be: its minimum TLS version is the one being set, not the one being replaced
        Inventory after = new Inventory(inventory.certificates(), inventory.cipherLists(), to.minTlsVersion(), inventory.externalDatabases());
        List<Violation> violations = tightens ? SecurityPolicy.of(to).violations(after) : List.of();
        List<PolicyWarning> warnings = new ArrayList<>(extra);
        warnings.addAll(SecurityPolicy.of(to).warnings());
        return new ModeChange(from, to, violations, warnings, force);
    }

    /** Whether anything changes at all. */
    public boolean changes() { return !from.equals(to); }

    /**
     * Refuses with {@code mode.violations} (CONFLICT), listing every violation, when the change breaks something and was
     * not forced; {@code what} names the change ("minimum TLS version 1.2").
     */
    public ModeChange requireAccepted(String what) {
        if (violations.isEmpty() || forced) return this;
        StringBuilder sb = new StringBuilder(what + " refused: " + violations.size() + " object(s) violate it; fix them, or apply anyway with --force:");
        for (Violation v : violations) sb.append("\n  - ").append(v);
        List<Map<String, Object>> views = violations.stream().map(v -> Map.<String, Object>of("code", v.code(), "mode", v.mode().displayName(),
                "objectKind", v.objectKind(), "objectName", v.objectName(), "message", v.message())).toList();
        throw new UcsecException("mode.violations", sb.toString(), Map.of("violations", views));
    }
}
