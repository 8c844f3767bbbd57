package org.ucsec.tls.policy;

import org.ucsec.core.UcsecException;

import java.util.ArrayList;
import java.util.List;

/**
 * Which security modes are on, plus the cluster's minimum TLS version (SPEC S5; seeds 000/002, section "FIPS mode").
 *
 * <p>Cannot exist in a contradictory state; the canonical constructor refuses:
 * <ul>
 *   <li>enhanced security mode without FIPS, common criteria mode without FIPS: {@code mode.requires-fips}
 *       (seed: both "run on a FIPS-enabled system");</li>
 *   <li>common criteria with a minimum TLS version below {@link #COMMON_CRITERIA_MIN_TLS}: {@code mode.cc-requires-tls12}.
 *       The one rule for enabling common criteria over a low minimum is {@link #commonCriteriaMinTls}: refused, unless the
 *       operator forces it, and then raised visibly; {@link ModeChange} applies it.</li>
 * </ul>
 * FIPS alone does not constrain the minimum version (FIPS 140 approves TLS 1.0-1.3 with approved algorithms), but see
 * {@link SecurityPolicy#checkCipherSuite}: the approved suites all need TLS 1.2.
 */
public record SecurityModes(boolean fips, boolean enhancedSecurity, boolean commonCriteria, TlsVersion minTlsVersion) {

    /**
     * Common criteria minimum TLS version (SPEC S5 "TLS 1.2+ ... (common criteria)"). The seed's MSSQL note only asks
     * the database server to "support TLS 1.1 or later"; the SPEC row is stricter and is what ucsec enforces.
     */
    public static final TlsVersion COMMON_CRITERIA_MIN_TLS = TlsVersion.TLS_1_2;

    /** Default minimum TLS version when none is given. */
    public static final TlsVersion DEFAULT_MIN_TLS = TlsVersion.TLS_1_2;

    /** No mode on, minimum TLS 1.2. */
    public static final SecurityModes NONE = new SecurityModes(false, false, false, DEFAULT_MIN_TLS);

    public SecurityModes {
        if (minTlsVersion == null) throw new UcsecException("mode.min-tls-missing", "a minimum TLS version is required");
        List<String> needFips = new ArrayList<>();
        if (enhancedSecurity && !fips) needFips.add("enhanced security mode");
        if (commonCriteria && !fips) needFips.add("common criteria mode");
        if (!needFips.isEmpty()) {
            throw new UcsecException("mode.requires-fips", String.join(" and ", needFips)
                    + (needFips.size() > 1 ? " require" : " requires") + " FIPS mode: enable FIPS mode first");
        }
        if (commonCriteria && !minTlsVersion.atLeast(COMMON_CRITERIA_MIN_TLS)) {
            throw new UcsecException("mode.cc-requires-tls12", "common criteria mode requires a minimum TLS version of "
                    + COMMON_CRITERIA_MIN_TLS.number() + " or higher, but the minimum TLS version is " + minTlsVersion.number()
                    + ": raise it first (set tls min-version " + COMMON_CRITERIA_MIN_TLS.number() + ")");
        }
    }

    /**
     * The one rule for common criteria and a low minimum TLS version (SPEC S5 "TLS 1.2+ (common criteria)"): the minimum
     * TLS version common criteria mode runs with when it is enabled over {@code current}. At or above
     * {@link #COMMON_CRITERIA_MIN_TLS}: unchanged. Below it: refused with {@code mode.cc-requires-tls12} (raising the
     * cluster's minimum changes what every peer may use, so it is not done as a silent side effect) unless {@code force},
     * in which case it is raised to {@link #COMMON_CRITERIA_MIN_TLS} and the caller says so. Lowering the minimum while
     * common criteria is on is refused whatever the force ({@link ModeChange#setMinTls}).
     */
    public static TlsVersion commonCriteriaMinTls(TlsVersion current, boolean force) {
        if (current.atLeast(COMMON_CRITERIA_MIN_TLS)) return current;
        if (force) return COMMON_CRITERIA_MIN_TLS;
        throw new UcsecException("mode.cc-requires-tls12", "common criteria mode requires a minimum TLS version of "
                + COMMON_CRITERIA_MIN_TLS.number() + " or higher, but the minimum TLS version is " + current.number()
                + ": raise it first (set tls min-version " + COMMON_CRITERIA_MIN_TLS.number() + "), or enable with --force to raise it");
    }

    public static Builder builder() { return new Builder(); }

    public Builder toBuilder() {
        return new Builder().fips(fips).enhancedSecurity(enhancedSecurity).commonCriteria(commonCriteria).minTlsVersion(minTlsVersion);
    }

    /** The modes that are on, in the order FIPS, enhanced security, common criteria. */
    public List<SecurityMode> active() {
        List<SecurityMode> out = new ArrayList<>();
        if (fips) out.add(SecurityMode.FIPS);
        if (enhancedSecurity) out.add(SecurityMode.ENHANCED_SECURITY);
        if (commonCriteria) out.add(SecurityMode.COMMON_CRITERIA);
        return out;
    }

    public static final class Builder {
        private boolean fips, enhancedSecurity, commonCriteria;
        private TlsVersion minTlsVersion = DEFAULT_MIN_TLS;

        private Builder() {}

        public Builder fips(boolean on) { this.fips = on; return this; }
        public Builder enhancedSecurity(boolean on) { this.enhancedSecurity = on; return this; }
        public Builder commonCriteria(boolean on) { this.commonCriteria = on; return this; }
        public Builder minTlsVersion(TlsVersion v) { this.minTlsVersion = v; return this; }
        public Builder minTlsVersion(String v) { this.minTlsVersion = TlsVersion.parse(v); return this; }

        /** Refuses contradictions (see the class comment); nothing is half-built. */
        public SecurityModes build() { return new SecurityModes(fips, enhancedSecurity, commonCriteria, minTlsVersion); }
    }
}
