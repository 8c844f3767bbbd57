package org.ucsec.node.sipoauth;

import org.junit.jupiter.api.Test;
import org.ucsec.node.phonesecurity.PhoneSecurityService;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The SIP OAuth data (enterprise-parameters.tsv, profile-values.tsv) against seed 004 itself (a copy of the seed is a
 * test resource): every name and value the TSVs cite from the seed appears there verbatim, and the defaults and
 * ranges are the seed's.
 */
class SipOAuthSeedTest {
    static String seed() throws IOException {
        try (InputStream in = SipOAuthSeedTest.class.getResourceAsStream("seed-004-sip-oauth.txt")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).replace("**", "");
        }
    }

    @Test
    void everyParameterNameAndValueCitedFromTheSeed_isInTheSeed() throws IOException {
        String seed = seed();
        for (SipOAuthSeed.Parameter p : SipOAuthSeed.get().parameters()) {
            assertThat(seed).as("parameter %s", p.id()).contains(p.seedName());
            for (SipOAuthSeed.Value v : p.values()) if (!v.seedText().equals("-")) assertThat(seed).as("value %s of %s", v.id(), p.id()).contains(v.seedText());
        }
    }

    @Test
    void defaults_areTheSeeds() throws IOException {
        String seed = seed();
        // "릴리스 14 이후부터는 엔터프라이즈 매개 변수 디바이스용 OAuth 액세스 토큰의 기본값은 암시적: 이미 등록된 디바이스입니다."
        assertThat(seed).contains("기본값은 " + SipOAuthSeed.get().parameter(SipOAuthSeed.ACCESS_TOKEN).defaultValue().seedText());
        assertThat(SipOAuthSeed.get().parameter(SipOAuthSeed.CLUSTER_MODE).writable()).as("읽기 전용 클러스터 SIPOAuth 모드").isFalse();
        for (String id : new String[]{SipOAuthSeed.PHONE_PORT, SipOAuthSeed.MRA_PORT}) {
            SipOAuthSeed.Port port = SipOAuthSeed.get().port(id);
            assertThat(seed).contains(port.seedName() + "  \n기본값은 " + port.defaultPort() + "입니다. 허용 가능한 구성 가능 범위는 " + port.min() + " ~ " + port.max() + "입니다.");
        }
    }

    @Test
    void phoneSecurityProfileValuesCitedFromTheSeed_areInTheSeed() throws IOException {
        String seed = seed();
        for (String field : new String[]{"security-mode", "transport"})
            for (var v : PhoneSecurityService.values(field)) if (!v.seedText().equals("-")) assertThat(seed).as("%s %s", field, v.id()).contains(v.seedText());
        // "디바이스 보안 모드 드롭다운 목록에서 암호화를 선택합니다" / "전송 유형 드롭다운 목록에서 TLS를 선택합니다"
        assertThat(seed).contains("디바이스 보안 모드 드롭다운 목록에서 암호화를").contains("전송 유형 드롭다운 목록에서 TLS를");
        assertThat(PhoneSecurityService.values("security-mode")).extracting(PhoneSecurityService.FieldValue::name).containsExactly("Non Secure", "Authenticated", "Encrypted");
        assertThat(PhoneSecurityService.values("transport")).extracting(PhoneSecurityService.FieldValue::name).containsExactly("TCP", "UDP", "TLS", "TCP+UDP");
    }
}
