package org.ucsec.tls.policy;

import org.ucsec.core.UcsecException;

import java.util.List;
import java.util.Locale;

/**
 * Presence engine service parameter "FIPS mode Exchange Server authentication" (SPEC S6; seeds 000/002, section
 * "FIPS for Microsoft Outlook calendar integration" / "Microsoft Outlook 일정 통합용 FIPS" / "FIPS の Microsoft Outlook カレンダー統合").
 *
 * <ul>
 *   <li>FIPS + {@link #AUTO}: NTLMv2 first, Basic only if NTLMv2 negotiation fails; NTLMv1 is never negotiated in FIPS mode.</li>
 *   <li>FIPS + {@link #BASIC_ONLY}: Basic, even if Exchange also allows NTLM.</li>
 *   <li>FIPS off: NTLMv1 and NTLMv2 "as before", and Basic ("supported whether FIPS is on or off"). The parameter is
 *       a FIPS-mode parameter, so outside FIPS it has no effect (SPEC S6: "Outside FIPS NTLMv1 and NTLMv2 and Basic
 *       are all allowed"). The seed gives no order outside FIPS; the list is NTLMv1, NTLMv2, Basic.</li>
 * </ul>
 * Changing it requires a restart of {@link #RESTART_SERVICE} (seed note).
 */
public enum ExchangeAuthentication {
    AUTO("Auto"), BASIC_ONLY("Basic Only");

    /** The service to restart after a change (seed: "Cisco Presence Engine"). */
    public static final String RESTART_SERVICE = "Cisco Presence Engine";

    private final String displayName;

    ExchangeAuthentication(String displayName) { this.displayName = displayName; }

    public String displayName() { return displayName; }

    /** The mechanisms the presence engine may use, in the order it tries them. */
    public List<ExchangeAuthMechanism> effectiveMechanisms(boolean fips) {
        if (!fips) return List.of(ExchangeAuthMechanism.NTLM_V1, ExchangeAuthMechanism.NTLM_V2, ExchangeAuthMechanism.BASIC);
        return switch (this) {
            case AUTO -> List.of(ExchangeAuthMechanism.NTLM_V2, ExchangeAuthMechanism.BASIC);
            case BASIC_ONLY -> List.of(ExchangeAuthMechanism.BASIC);
        };
    }

    /** "Auto", "Basic Only", "basic-only", "BASIC_ONLY". */
    public static ExchangeAuthentication parse(String s) {
        if (s != null) {
            String n = s.trim().toUpperCase(Locale.ROOT).replace('-', '_').replace(' ', '_');
            for (ExchangeAuthentication e : values()) if (e.name().equals(n)) return e;
        }
        throw new UcsecException("exchange-auth.unknown", "unknown FIPS mode Exchange Server authentication value '" + s + "'; allowed: Auto, Basic Only");
    }
}
