package org.ucsec.node.phonesecurity;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.ucsec.node.platform.rest.Json;
import org.ucsec.node.testing.NodeTest;
import org.ucsec.node.testing.TestNode;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Phone security profiles (SPEC O8) and OAuth devices with MRA settings (O9), seed 004 steps 8 and 9, through the CLI:
 * OAuth needs TLS and a secure mode; with OAuth, digest authentication and encrypted TFTP config are refused; a device
 * needs an OAuth-enabled profile; MRA activation codes need an MRA service domain. Refusals change nothing.
 */
@NodeTest(NodeTest.Scope.PER_TEST)
class PhoneSecurityProfileTest {
    static String state(TestNode n) {
        PhoneSecurityService s = n.service(PhoneSecurityService.class);
        return Json.write(List.of(s.profiles(), s.devices()));
    }

    @Test
    void seedProfile_encryptedTlsOAuth_isStored_withTheSeedsValues(TestNode n) {
        // seed 004: 디바이스 보안 모드 = 암호화, 전송 유형 = TLS, OAuth 인증 활성화
        JsonNode v = n.cli("set", "phone-security", "profile", "Cisco 8845 - OAuth", "--security-mode", "암호화", "--transport", "TLS", "--oauth", "true", "--json").ok().value();
        assertThat(v.get("securityMode").asText()).isEqualTo("Encrypted");
        assertThat(v.get("transport").asText()).isEqualTo("TLS");
        assertThat(v.get("oauthAuthentication").asBoolean()).isTrue();
        assertThat(n.cli("show", "phone-security", "profiles").ok().out()).contains("Cisco 8845 - OAuth").contains("OAuth authentication: on");
        v = n.cli("set", "phone-security", "profile", "auth-only", "--security-mode", "Authenticated", "--transport", "tls", "--oauth", "true", "--json").ok().value();
        assertThat(v.get("securityMode").asText()).isEqualTo("Authenticated");
        v = n.cli("set", "phone-security", "profile", "plain", "--transport", "TCP+UDP", "--digest-auth", "true", "--tftp-encrypted", "true", "--json").ok().value();
        assertThat(v.get("securityMode").asText()).isEqualTo("Non Secure");
    }

    @Test
    void oauthOnANonTlsOrNonSecureProfile_isRefused_andChangesNothing(TestNode n) {
        n.cli("set", "phone-security", "profile", "p", "--transport", "UDP").ok();
        String before = state(n);
        n.cli("set", "phone-security", "profile", "p", "--oauth", "true").refused("sipoauth.oauth-needs-tls");
        n.cli("set", "phone-security", "profile", "p", "--transport", "TLS", "--oauth", "true").refused("sipoauth.oauth-needs-secure-mode");
        n.cli("set", "phone-security", "profile", "q", "--security-mode", "Encrypted", "--transport", "TCP").refused("sipoauth.secure-mode-needs-tls");
        n.cli("set", "phone-security", "profile", "q", "--transport", "SCTP").refused("sipoauth.profile-value-invalid");
        assertThat(n.cli("set", "phone-security", "profile", "q", "--security-mode", "Paranoid").refused("sipoauth.profile-value-invalid").err())
                .contains("device security mode").contains("Non Secure, Authenticated, Encrypted");
        n.cli("set", "phone-security", "profile", "bad*name").refused("sipoauth.profile-name-invalid");
        assertThat(state(n)).isEqualTo(before);
    }

    @Test
    void withOAuth_digestAuthenticationAndEncryptedTftp_areRefused(TestNode n) {
        n.cli("set", "phone-security", "profile", "o", "--security-mode", "Encrypted", "--transport", "TLS", "--oauth", "true").ok();
        String before = state(n);
        n.cli("set", "phone-security", "profile", "o", "--digest-auth", "true").refused("sipoauth.oauth-digest-conflict");
        n.cli("set", "phone-security", "profile", "o", "--tftp-encrypted", "true").refused("sipoauth.oauth-tftp-encrypted-conflict");
        n.cli("set", "phone-security", "profile", "o2", "--security-mode", "Encrypted", "--transport", "TLS", "--digest-auth", "true", "--oauth", "true")
                .refused("sipoauth.oauth-digest-conflict");
        assertThat(state(n)).isEqualTo(before);
    }

    @Test
    void device_needsAnOAuthProfile_andMraActivationCodesNeedADomain(TestNode n) {
        n.cli("set", "phone-security", "profile", "oauth", "--security-mode", "Encrypted", "--transport", "TLS", "--oauth", "true").ok();
        n.cli("set", "phone-security", "profile", "plain").ok();
        String before = state(n);
        n.cli("set", "phone-security", "device", "SEP001122334455").refused("sipoauth.device-profile-missing");
        n.cli("set", "phone-security", "device", "SEP001122334455", "--profile", "plain").refused("sipoauth.device-profile-not-oauth");
        n.cli("set", "phone-security", "device", "SEP001122334455", "--profile", "nosuch").refused("sipoauth.profile-unknown");
        n.cli("set", "phone-security", "device", "SEP001122334455", "--profile", "oauth", "--mra-activation-code", "true").refused("sipoauth.mra-domain-missing");
        n.cli("set", "phone-security", "device", "SEP001122334455", "--profile", "oauth", "--mra-activation-code", "true", "--mra-service-domain", "not a domain")
                .refused("sipoauth.mra-domain-invalid");
        n.cli("set", "phone-security", "device", "SEP 0011", "--profile", "oauth").refused("sipoauth.device-name-invalid");
        assertThat(state(n)).isEqualTo(before);

        JsonNode r = n.cli("set", "phone-security", "device", "SEP001122334455", "--profile", "oauth", "--mra-activation-code", "true",
                "--mra-service-domain", "mra.example.com", "--json").ok().json();
        assertThat(r.get("value").get("allowActivationCodeViaMra").asBoolean()).isTrue();
        assertThat(r.get("warnings").toString()).contains("activation code only");
        // the profile of an OAuth device keeps OAuth and is not deleted under it
        before = state(n);
        n.cli("set", "phone-security", "profile", "oauth", "--oauth", "false").refused("sipoauth.profile-in-use");
        n.cli("set", "phone-security", "profile", "oauth", "--delete").refused("sipoauth.profile-in-use");
        assertThat(state(n)).isEqualTo(before);
        n.cli("set", "phone-security", "device", "SEP001122334455", "--delete").ok();
        n.cli("set", "phone-security", "profile", "oauth", "--delete").ok();
        assertThat(n.cli("show", "phone-security", "devices", "--json").ok().json()).isEmpty();
    }
}
