package org.ucsec.tls.cipher;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLParameters;

import org.junit.jupiter.api.Test;

class JdkCipherSuitesTest {
    private final CipherSuiteTable table = CipherSuiteTable.standard();
    private final CipherStringEngine engine = CipherStringEngine.standard();

    @Test
    void lookup_byJsseName_acceptsIanaNamesAndJsseSslPrefix() {
        assertThat(table.byJsseName("TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256").orElseThrow().openSslName())
                .isEqualTo("ECDHE-RSA-AES128-GCM-SHA256");
        assertThat(table.byJsseName("SSL_RSA_WITH_3DES_EDE_CBC_SHA").orElseThrow().openSslName())
                .isEqualTo("DES-CBC3-SHA");
        assertThat(table.byJsseName("TLS_AES_128_GCM_SHA256")).as("TLS 1.3 suites are not cipher-string suites").isEmpty();
    }

    @Test
    void everyJdkSuiteThatOpenSslKnows_mapsBackToTheSameName() {
        List<String> jdk = JdkCipherSuites.runningJdkSupported();
        List<CipherSuite> known = jdk.stream().map(table::byJsseName).flatMap(java.util.Optional::stream).toList();

        assertThat(known).as("the JDK's ECDHE/DHE/RSA AES-GCM and CBC suites").hasSizeGreaterThan(10);
        assertThat(JdkCipherSuites.jsseNames(known, jdk))
                .containsExactlyElementsOf(jdk.stream().filter(n -> table.byJsseName(n).isPresent()).toList());
    }

    @Test
    void filter_keepsOpenSslOrder_andDropsWhatTheJdkLacks() {
        List<CipherSuite> all = engine.expand("ALL").suites();
        List<CipherSuite> supported = JdkCipherSuites.supportedByRunningJdk(all);

        assertThat(supported).isNotEmpty().isSubsetOf(all);
        assertThat(all.stream().filter(supported::contains).toList()).isEqualTo(supported);
        assertThat(supported).extracting(CipherSuite::enc).noneMatch(e -> e.startsWith("Camellia") || e.startsWith("ARIA")
                || e.startsWith("AESCCM"));
        assertThat(supported).first().extracting(CipherSuite::openSslName).isEqualTo("ECDHE-ECDSA-AES256-GCM-SHA384");
    }

    @Test
    void jsseNames_feedSslParametersOfTheRunningJdk() throws Exception {
        List<CipherSuite> selection = engine.expand("ECDHE+AESGCM:ECDHE+CHACHA20:DHE+AESGCM:!aDSS").suites();
        String[] names = JdkCipherSuites.jsseNamesForRunningJdk(selection);

        SSLEngine sslEngine = SSLContext.getDefault().createSSLEngine();
        SSLParameters params = sslEngine.getSSLParameters();
        params.setCipherSuites(names);
        sslEngine.setSSLParameters(params);

        assertThat(sslEngine.getEnabledCipherSuites()).containsExactly(names);
        assertThat(names).startsWith("TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384", "TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384");
    }

    @Test
    void jsseNames_useTheJdksOwnSpelling() {
        CipherSuite tripleDes = table.byOpenSslName("DES-CBC3-SHA").orElseThrow();

        assertThat(JdkCipherSuites.jsseNames(List.of(tripleDes), List.of("SSL_RSA_WITH_3DES_EDE_CBC_SHA")))
                .containsExactly("SSL_RSA_WITH_3DES_EDE_CBC_SHA");
        assertThat(JdkCipherSuites.filterSupported(List.of(tripleDes), List.of("TLS_AES_128_GCM_SHA256"))).isEmpty();
    }
}
