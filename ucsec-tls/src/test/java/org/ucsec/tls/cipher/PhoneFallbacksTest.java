package org.ucsec.tls.cipher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.ucsec.tls.cipher.CipherSuite.Availability;

/** P9 fallbacks, checked entry by entry against seed 003. */
class PhoneFallbacksTest {
    private final PhoneFallbacks fallbacks = PhoneFallbacks.standard();

    @Test
    void fallbacks_areTheThreeApplicationsOfSeed003_inItsOrder() {
        assertThat(fallbacks.all()).extracting(PhoneFallback::application).containsExactly("web-server", "xmpp", "curl");
        assertThat(fallbacks.all()).allSatisfy(f -> assertThat(f.unresolved()).as(f.application()).isEmpty());
    }

    @Test
    void webServerFallback_isTheSeedList() {
        PhoneFallback web = fallbacks.byApplication("web-server").orElseThrow();

        assertThat(web.kind()).isEqualTo(PhoneFallback.Kind.SUITES);
        assertThat(web.seedEntries()).containsExactlyElementsOf(Seed003.webServerFallback());
        assertThat(web.suites()).extracting(CipherSuite::openSslName).containsExactlyElementsOf(Seed003.webServerFallback());
        assertThat(web.suites()).filteredOn(s -> s.availability() == Availability.NOT_BUILT)
                .extracting(CipherSuite::ianaName).containsExactly("TLS_RSA_WITH_3DES_EDE_CBC_SHA");
    }

    @Test
    void xmppFallback_isTheSeedString_expandedAsOpenSslDoes() {
        PhoneFallback xmpp = fallbacks.byApplication("xmpp").orElseThrow();

        assertThat(xmpp.kind()).isEqualTo(PhoneFallback.Kind.CIPHER_STRING);
        assertThat(xmpp.cipherString()).isEqualTo(Seed003.xmppFallback()).isEqualTo("HIGH:MEDIUM:AES:@STRENGTH");

        assumeTrue(OpenSslBinary.isReferenceVersion(OpenSslBinary.version()), "needs OpenSSL 1.1.1/3.0");
        OpenSslBinary.Listing ref = OpenSslBinary.ciphers(xmpp.cipherString(), OpenSslCatalog.WITH_LEGACY_PROVIDER);
        assertThat(xmpp.suites()).extracting(CipherSuite::openSslName).containsExactlyElementsOf(ref.names());
    }

    @Test
    void curlFallback_isTheSeeds28Entries_27SuitesAndTheRenegotiationScsv() {
        PhoneFallback curl = fallbacks.byApplication("curl").orElseThrow();
        List<String> seed = Seed003.curlFallback();

        assertThat(Seed003.curlFallbackHeader()).contains("(28 suites)");
        assertThat(seed).hasSize(28);
        assertThat(curl.seedEntries()).containsExactlyElementsOf(seed);
        assertThat(curl.suites()).hasSize(27)
                .extracting(CipherSuite::ianaName)
                .containsExactlyElementsOf(seed.subList(0, 27).stream().map(s -> "TLS_" + s).toList());
        assertThat(curl.signallingValues()).containsExactly("TLS_EMPTY_RENEGOTIATION_INFO_SCSV");
        assertThat(curl.suites()).first().extracting(CipherSuite::openSslName).isEqualTo("ECDHE-ECDSA-AES256-GCM-SHA384");
    }
}
