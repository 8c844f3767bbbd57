package org.ucsec.tls.policy;

import org.junit.jupiter.api.Test;
import org.ucsec.core.UcsecException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.ucsec.tls.policy.ExchangeAuthMechanism.BASIC;
import static org.ucsec.tls.policy.ExchangeAuthMechanism.NTLM_V1;
import static org.ucsec.tls.policy.ExchangeAuthMechanism.NTLM_V2;

/** SPEC S6; seeds 000/002 section "FIPS for Microsoft Outlook calendar integration". */
class ExchangeAuthenticationTest {

    @Test
    void fipsAuto_triesNtlmV2ThenBasic_neverNtlmV1() {
        assertThat(ExchangeAuthentication.AUTO.effectiveMechanisms(true)).containsExactly(NTLM_V2, BASIC);
    }

    @Test
    void fipsBasicOnly_usesBasicEvenIfExchangeAllowsNtlm() {
        assertThat(ExchangeAuthentication.BASIC_ONLY.effectiveMechanisms(true)).containsExactly(BASIC);
    }

    @Test
    void outsideFips_ntlmV1NtlmV2AndBasicAreAllAllowed_whateverTheSetting() {
        assertThat(ExchangeAuthentication.AUTO.effectiveMechanisms(false)).containsExactly(NTLM_V1, NTLM_V2, BASIC);
        assertThat(ExchangeAuthentication.BASIC_ONLY.effectiveMechanisms(false)).containsExactly(NTLM_V1, NTLM_V2, BASIC);
    }

    @Test
    void basicIsAvailableWhetherFipsIsOnOrOff() {
        for (ExchangeAuthentication e : ExchangeAuthentication.values()) {
            assertThat(e.effectiveMechanisms(true)).contains(BASIC);
            assertThat(e.effectiveMechanisms(false)).contains(BASIC);
        }
    }

    @Test
    void aChangeRestartsThePresenceEngine() {
        assertThat(ExchangeAuthentication.RESTART_SERVICE).isEqualTo("Cisco Presence Engine");
    }

    @Test
    void parse_acceptsTheUiSpellings_andRefusesOthers() {
        assertThat(ExchangeAuthentication.parse("Auto")).isEqualTo(ExchangeAuthentication.AUTO);
        assertThat(ExchangeAuthentication.parse("Basic Only")).isEqualTo(ExchangeAuthentication.BASIC_ONLY);
        assertThat(ExchangeAuthentication.parse("basic-only")).isEqualTo(ExchangeAuthentication.BASIC_ONLY);
        assertThatThrownBy(() -> ExchangeAuthentication.parse("NTLMv1"))
                .isInstanceOfSatisfying(UcsecException.class, e -> assertThat(e.code()).isEqualTo("exchange-auth.unknown"));
        assertThat(NTLM_V2.displayName()).isEqualTo("NTLMv2");
    }
}
