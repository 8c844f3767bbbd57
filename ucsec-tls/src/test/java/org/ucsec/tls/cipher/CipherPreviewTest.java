package org.ucsec.tls.cipher;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.util.List;

import org.junit.jupiter.api.Test;

class CipherPreviewTest {
    private final CipherPreview preview = new CipherPreview();

    @Test
    void preview_validString_rendersOneRowPerSuiteWithBothNames() {
        CipherPreview.Result r = preview.preview("ECDHE+AESGCM:!aECDSA", false);
        String text = CipherPreview.renderText(r);

        assertThat(r.valid()).isTrue();
        assertThat(r.suiteCount()).isEqualTo(2).isEqualTo(r.suites().size());
        assertThat(r.fallbacks()).isEmpty();
        assertThat(text).contains("2 suites, in preference order")
                .containsPattern("1  ECDHE-RSA-AES256-GCM-SHA384 +TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384 +TLSv1.2 +ECDH +RSA +AESGCM\\(256\\) +AEAD +256")
                .containsPattern("2  ECDHE-RSA-AES128-GCM-SHA256 +TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256 ")
                .doesNotContain("Problems", "Fallbacks");
    }

    @Test
    void preview_problems_areListedWithCodeAndPosition() {
        String text = CipherPreview.renderText(preview.preview("AES:FOO", false));

        assertThat(text).containsPattern("WARNING +cipher\\.unknown-word +at 4: unknown cipher word 'FOO'");
    }

    @Test
    void preview_invalidPhoneString_rendersEveryFallback() {
        CipherPreview.Result r = preview.preview("", true);
        String text = CipherPreview.renderText(r);

        assertThat(text).contains("INVALID for the phone", "Web server (HTTPS): 5 suites", "DES-CBC3-SHA",
                "XMPP: cipher string \"HIGH:MEDIUM:AES:@STRENGTH\"",
                "27 suites + TLS_EMPTY_RENEGOTIATION_INFO_SCSV", "TLS_RSA_WITH_AES_128_CBC_SHA");
    }

    @Test
    void preview_invalidServerString_hasNoFallbacks() {
        CipherPreview.Result r = preview.preview("FOO", false);

        assertThat(r.valid()).isFalse();
        assertThat(r.fallbacks()).isEmpty();
        assertThat(CipherPreview.renderText(r)).contains("REJECTED");
    }

    @Test
    void previewResult_isATreeOfSimpleRecords_forJson() {
        assertSimple(CipherPreview.Result.class);
    }

    private static void assertSimple(Class<?> record) {
        assertThat(record.isRecord()).as(record.getName()).isTrue();
        for (RecordComponent c : record.getRecordComponents()) {
            Type t = c.getGenericType();
            if (t instanceof ParameterizedType p && p.getRawType() == List.class) {
                Class<?> element = (Class<?>) p.getActualTypeArguments()[0];
                if (element != String.class) {
                    assertSimple(element);
                }
                continue;
            }
            Class<?> raw = c.getType();
            assertThat(raw.isPrimitive() || raw == String.class || raw.isEnum())
                    .as("%s.%s is %s", record.getSimpleName(), c.getName(), raw.getSimpleName()).isTrue();
        }
    }
}
