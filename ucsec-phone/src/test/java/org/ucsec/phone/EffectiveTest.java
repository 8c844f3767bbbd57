package org.ucsec.phone;

import org.junit.jupiter.api.Test;
import org.ucsec.core.UcsecException;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Inheritance cluster -> group -> phone, with the origin of every value (issue 9 item 2). */
class EffectiveTest {
    private static Layer layer(Map<String, String> m) { return Layer.EMPTY.with(m, List.of()).layer(); }

    @Test
    void phoneBeatsGroupBeatsCluster_andEachValueSaysWhereItCameFrom() {
        Layer cluster = layer(Map.of("SIP_Transport_1_", "TCP", "Firewall_Config", "NO_ICMP_PING", "Proxy_Port", "8080"));
        Layer group = layer(Map.of("SIP_Transport_1_", "TLS", "Proxy_Port", "3129"));
        Layer phone = layer(Map.of("Proxy_Port", "3130"));
        Effective e = Effective.of(2, List.of(new Effective.Level("cluster", cluster), new Effective.Level("group:sales", group), new Effective.Level("phone", phone)));
        assertThat(e.entry("SIP_Transport_1_").origin()).isEqualTo("group:sales");
        assertThat(e.text("SIP_Transport_1_")).isEqualTo("TLS");
        assertThat(e.entry("SIP_Transport_2_").origin()).isEqualTo("default");
        assertThat(e.text("SIP_Transport_2_")).isEqualTo("UDP");
        assertThat(e.entry("Firewall_Config").origin()).isEqualTo("cluster");
        assertThat(e.entry("Proxy_Port").origin()).isEqualTo("phone");
        assertThat(e.text("Proxy_Port")).isEqualTo("3130");
        assertThat(e.entry("SIP_Transport_3_")).as("a 2-line phone has no line 3").isNull();
    }

    @Test
    void aValueForALineTheModelLacks_isAWarning_notRendered() {
        Effective e = Effective.of(1, List.of(new Effective.Level("group:g", layer(Map.of("SIP_Transport_5_", "TLS")))));
        assertThat(e.notes()).singleElement().satisfies(p -> assertThat(p.field()).isEqualTo("SIP_Transport_5_"));
        assertThat(CfgXmlWriter.renderMasked(e)).doesNotContain("SIP_Transport_5_");
    }

    @Test
    void unset_removesAValue_soTheLowerLevelShows() {
        Layer g = layer(Map.of("Proxy_Port", "3129", "Firewall", "Disabled"));
        Layer g2 = g.with(Map.of(), List.of("Proxy_Port")).layer();
        assertThat(g2.values()).containsOnlyKeys("Firewall");
        assertThatThrownBy(() -> g.with(Map.of(), List.of("No_Such"))).isInstanceOfSatisfying(UcsecException.class, x -> assertThat(x.code()).isEqualTo("phone.unknown-parameter"));
    }

    @Test
    void secrets_areMaskedInToStringAndShown() {
        Layer l = layer(Map.of("VPN_Password", "hunter2", "VPN_Server", "vpn.example.com"));
        assertThat(l.toString()).doesNotContain("hunter2").contains(Value.MASK);
        assertThat(l.values().get("VPN_Password").isSecret()).isTrue();
        assertThat(l.values().get("VPN_Password").shown()).isEqualTo(Value.MASK);
        assertThat(l.values().get("VPN_Password").reveal(org.ucsec.core.SecretAccess.granted())).isEqualTo("hunter2");
    }

    @Test
    void mac_isNormalisedTo12LowercaseHex_wrongFormsRefused() {
        assertThat(Mac.normalize("00:0E:08:AB:CD:EF")).isEqualTo("000e08abcdef");
        assertThat(Mac.normalize("00-0e-08-ab-cd-ef")).isEqualTo("000e08abcdef");
        assertThat(Mac.normalize("000E.08AB.CDEF")).isEqualTo("000e08abcdef");
        assertThat(Mac.normalize(" 000e08abcdef ")).isEqualTo("000e08abcdef");
        for (String bad : List.of("000e08abcde", "000e08abcdefa", "00:0e:08:ab:cd", "00:0e-08:ab:cd:ef", "000e08abcdeg", "", "../../etc/passwd")) {
            assertThatThrownBy(() -> Mac.normalize(bad)).as(bad).isInstanceOfSatisfying(UcsecException.class, x -> assertThat(x.code()).isEqualTo("phone.invalid-mac"));
        }
    }

    @Test
    void models_unknownIsRefused_caseIsForgiven() {
        assertThat(Models.standard().require("cp-8841-3pcc").name()).isEqualTo("CP-8841-3PCC");
        assertThatThrownBy(() -> Models.standard().require("CP-9999-3PCC")).isInstanceOfSatisfying(UcsecException.class, x -> {
            assertThat(x.code()).isEqualTo("phone.unknown-model");
            assertThat(x.getMessage()).contains("CP-9999-3PCC", "CP-8841-3PCC");
        });
    }
}
