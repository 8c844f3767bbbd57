package org.ucsec.tls.transport;

import org.junit.jupiter.api.Test;
import org.ucsec.core.UcsecException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TlsEngineTest {
    @Test
    void auto_isBoringSslWhenTheNativeLibraryLoads_elseTheJdk() {
        assertThat(TlsEngine.resolve(TlsEngine.AUTO, true)).isEqualTo(TlsEngine.OPENSSL);
        assertThat(TlsEngine.resolve(TlsEngine.AUTO, false)).isEqualTo(TlsEngine.JDK);
        assertThat(TlsEngine.resolve(TlsEngine.JDK, true)).isEqualTo(TlsEngine.JDK);
        assertThat(TlsEngine.resolve(TlsEngine.OPENSSL, false)).isEqualTo(TlsEngine.OPENSSL); // start() then refuses
    }

    @Test
    void theNativeEngine_loadsOnThisPlatform() {
        assertThat(TlsTransport.nativeEngineAvailable()).as("netty-tcnative-boringssl-static for linux-x86_64").isTrue();
    }

    @Test
    void administratorValues_parse_andUnknownOnesAreRefused() {
        assertThat(TlsEngine.parse("openssl")).isEqualTo(TlsEngine.OPENSSL);
        assertThat(TlsEngine.parse("JDK")).isEqualTo(TlsEngine.JDK);
        assertThat(TlsEngine.parse(null)).isEqualTo(TlsEngine.AUTO);
        assertThatThrownBy(() -> TlsEngine.parse("schannel")).isInstanceOfSatisfying(UcsecException.class,
                e -> assertThat(e.code()).isEqualTo("transport.invalid"));
    }
}
