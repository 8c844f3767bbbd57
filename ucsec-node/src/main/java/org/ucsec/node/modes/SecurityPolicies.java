package org.ucsec.node.modes;

import org.jdbi.v3.core.Handle;
import org.ucsec.node.platform.NodeContext;
import org.ucsec.node.platform.SettingsRepo;
import org.ucsec.tls.policy.SecurityModes;
import org.ucsec.tls.policy.SecurityPolicy;
import org.ucsec.tls.policy.TlsVersion;

/**
 * The active security policy (SPEC S5), read from the store every time it is asked for: no capability keeps a copy
 * in memory, so every node sharing the store sees a change at once (the listeners apply it on their restart).
 */
public final class SecurityPolicies {
    static final String SCOPE = "cluster";
    static final String FIPS = "security.fips", ENHANCED = "security.enhanced", CC = "security.common-criteria", MIN_TLS = "security.min-tls";

    private final NodeContext ctx;

    public SecurityPolicies(NodeContext ctx) { this.ctx = ctx; }

    /** The policy now, in its own read. */
    public SecurityPolicy current() { return ctx.store().read(SecurityPolicies::current); }

    /** The policy inside the caller's transaction. */
    public static SecurityPolicy current(Handle h) { return SecurityPolicy.of(modes(h)); }

    static SecurityModes modes(Handle h) {
        boolean fips = flag(h, FIPS), enh = flag(h, ENHANCED), cc = flag(h, CC);
        TlsVersion min = SettingsRepo.get(h, SCOPE, MIN_TLS).map(TlsVersion::parse).orElse(SecurityModes.DEFAULT_MIN_TLS);
        return new SecurityModes(fips, enh, cc, min);
    }

    static void write(Handle h, SecurityModes m) {
        SettingsRepo.put(h, SCOPE, FIPS, String.valueOf(m.fips()));
        SettingsRepo.put(h, SCOPE, ENHANCED, String.valueOf(m.enhancedSecurity()));
        SettingsRepo.put(h, SCOPE, CC, String.valueOf(m.commonCriteria()));
        SettingsRepo.put(h, SCOPE, MIN_TLS, m.minTlsVersion().number());
    }

    private static boolean flag(Handle h, String k) { return SettingsRepo.get(h, SCOPE, k).map(Boolean::parseBoolean).orElse(false); }
}
