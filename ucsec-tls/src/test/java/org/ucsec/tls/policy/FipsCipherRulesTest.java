package org.ucsec.tls.policy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import javax.net.ssl.SSLContext;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** SPEC S5 FIPS cipher rule: AES-GCM/AES-CBC with ECDHE/DHE/RSA key exchange and SHA-2 MACs; everything else refused. */
class FipsCipherRulesTest {

    @ParameterizedTest
    @ValueSource(strings = {
            "TLS_AES_128_GCM_SHA256", "TLS_AES_256_GCM_SHA384",
            "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256", "TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384",
            "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256", "TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384",
            "TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA256", "TLS_ECDHE_ECDSA_WITH_AES_256_CBC_SHA384",
            "TLS_DHE_RSA_WITH_AES_128_GCM_SHA256", "TLS_DHE_RSA_WITH_AES_256_CBC_SHA256",
            "TLS_RSA_WITH_AES_128_GCM_SHA256", "TLS_RSA_WITH_AES_256_CBC_SHA256",
            "TLS_EMPTY_RENEGOTIATION_INFO_SCSV", "TLS_FALLBACK_SCSV"})
    void approvedSuites_pass(String suite) {
        assertThat(FipsCipherRules.whyNotApproved(suite)).as(suite).isEmpty();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "TLS_CHACHA20_POLY1305_SHA256                  | ChaCha20",
            "TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256   | ChaCha20",
            "SSL_RSA_WITH_3DES_EDE_CBC_SHA                 | 3DES",
            "TLS_ECDHE_RSA_WITH_3DES_EDE_CBC_SHA           | 3DES",
            "SSL_RSA_WITH_RC4_128_SHA                      | RC4",
            "TLS_ECDHE_ECDSA_WITH_RC4_128_SHA              | RC4",
            "SSL_RSA_WITH_NULL_SHA                         | NULL",
            "TLS_RSA_WITH_NULL_SHA256                      | NULL",
            "TLS_ECDH_anon_WITH_AES_128_CBC_SHA            | anonymous",
            "SSL_DH_anon_WITH_AES_256_GCM_SHA384           | anonymous",
            "SSL_RSA_EXPORT_WITH_RC4_40_MD5                | export",
            "SSL_RSA_EXPORT_WITH_DES40_CBC_SHA             | export",
            "TLS_RSA_WITH_CAMELLIA_128_CBC_SHA256          | Camellia",
            "TLS_ECDHE_RSA_WITH_ARIA_256_GCM_SHA384        | ARIA",
            "TLS_RSA_WITH_SEED_CBC_SHA                     | SEED",
            "TLS_RSA_WITH_IDEA_CBC_SHA                     | IDEA",
            "SSL_RSA_WITH_DES_CBC_SHA                      | DES is not approved",
            "TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA            | SHA (HMAC-SHA-1)",
            "TLS_DHE_RSA_WITH_AES_256_CBC_SHA              | SHA-2 MACs only",
            "TLS_ECDH_RSA_WITH_AES_128_GCM_SHA256          | key exchange ECDH_RSA",
            "TLS_DHE_DSS_WITH_AES_128_GCM_SHA256           | key exchange DHE_DSS",
            "TLS_ECDHE_PSK_WITH_AES_128_CBC_SHA256         | pre-shared-key",
            "TLS_RSA_WITH_AES_128_CCM                      | cipher AES_128_CCM",
            "TLS_AES_128_CCM_SHA256                        | TLS 1.3 suite is not in the approved list"})
    void unapprovedSuites_areRefusedWithTheReason(String suite, String reason) {
        assertThat(FipsCipherRules.whyNotApproved(suite)).as(suite).hasValueSatisfying(r -> assertThat(r).contains(reason));
    }

    @Test
    void ofTheJdksDefaultSuites_onlyAesGcmCbcWithSha2AndApprovedKeyExchangePass() throws Exception {
        SSLContext ctx = SSLContext.getInstance("TLS");
        ctx.init(null, null, null);
        List<String> approved = Arrays.stream(ctx.getSupportedSSLParameters().getCipherSuites())
                .filter(s -> FipsCipherRules.whyNotApproved(s).isEmpty()).toList();
        assertThat(approved).isNotEmpty().allSatisfy(s -> assertThat(s).matches(
                "TLS_AES_(128_GCM_SHA256|256_GCM_SHA384)|TLS_(ECDHE_ECDSA|ECDHE_RSA|DHE_RSA|RSA)_WITH_AES_(128|256)_(GCM|CBC)_SHA(256|384)|TLS_EMPTY_RENEGOTIATION_INFO_SCSV"));
        assertThat(approved).contains("TLS_AES_256_GCM_SHA384", "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256", "TLS_ECDHE_ECDSA_WITH_AES_256_CBC_SHA384")
                .doesNotContain("TLS_CHACHA20_POLY1305_SHA256", "TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA", "TLS_DHE_DSS_WITH_AES_128_GCM_SHA256");
    }

    @Test
    void suiteNames_areTakenApartIntoKeyExchangeCipherAndMac() {
        assertThat(CipherSuiteName.parse("TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256"))
                .isEqualTo(new CipherSuiteName("TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256", "ECDHE_RSA", "AES_128_GCM", "SHA256", false));
        assertThat(CipherSuiteName.parse("TLS_AES_256_GCM_SHA384").isTls13()).isTrue();
        assertThat(CipherSuiteName.parse("SSL_RSA_WITH_3DES_EDE_CBC_SHA").cipher()).isEqualTo("3DES_EDE_CBC");
        assertThat(CipherSuiteName.parse("TLS_RSA_WITH_AES_128_CCM_8").mac()).isEmpty();
        assertThat(CipherSuiteName.parse("TLS_EMPTY_RENEGOTIATION_INFO_SCSV").signalling()).isTrue();
    }
}
