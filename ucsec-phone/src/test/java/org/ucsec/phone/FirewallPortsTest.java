package org.ucsec.phone;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Effective open ports (P7 tables 3/4 + P8 options, minus NO_CISCO_TFTP). */
class FirewallPortsTest {
    private static FirewallPorts.View view(int lines, Map<String, String> values) {
        return FirewallPorts.of(Effective.of(lines, List.of(new Effective.Level("phone", Layer.EMPTY.with(values, List.of()).layer()))));
    }

    private static List<String> ports(FirewallPorts.View v) { return v.open().stream().map(o -> o.proto() + " " + (o.from() == o.to() ? "" + o.from() : o.from() + "-" + o.to())).toList(); }

    @Test
    void defaults_onTwoLines_areTheSeedsTables() {
        var v = view(2, Map.of());
        assertThat(v.enabled()).isTrue();
        assertThat(ports(v)).containsExactly("udp 68", "udp 546", "udp 5060", "udp 5060", "udp 16384-16483", "udp 4051", "udp 53240-53245", "tcp 80", "tcp 4051", "tcp 6970");
    }

    @Test
    void tlsTransport_closesTheSipUdpPort_andADisabledLineToo() {
        var v = view(2, Map.of("SIP_Transport_1_", "TLS", "Line_Enable_2_", "No"));
        assertThat(ports(v)).doesNotContain("udp 5060");
        assertThat(ports(view(1, Map.of("SIP_Transport_1_", "AUTO", "SIP_Port_1_", "5070")))).contains("udp 5070");
    }

    @Test
    void firewallConfigOptions_areAdded_andNoCiscoTftpRemovesTheTftpRange() {
        var v = view(1, Map.of("Firewall_Config", "NO_ICMP_PING,TCP:12000,UDP:8000:8010,NO_CISCO_TFTP"));
        assertThat(ports(v)).contains("tcp 12000", "udp 8000-8010").doesNotContain("udp 53240-53245");
        assertThat(v.flags()).containsExactly("NO_ICMP_PING", "NO_CISCO_TFTP");
    }

    @Test
    void tr069AndWebServerAndPfs_followTheirSwitches() {
        var v = view(1, Map.of("Enable_TR-069", "Yes", "Enable_Web_Server", "No", "Peer_Firmware_Sharing", "No", "RTP_Port_Min", "20000", "RTP_Port_Max", "20100"));
        assertThat(ports(v)).contains("udp 7999", "tcp 8000-9999", "udp 20000-20101").doesNotContain("tcp 80", "udp 4051", "tcp 6970");
        assertThat(ports(view(1, Map.of("Web_Server_Port", "8080")))).contains("tcp 8080");
    }

    @Test
    void firewallDisabled_isSaid() {
        assertThat(view(1, Map.of("Firewall", "Disabled")).enabled()).isFalse();
    }
}
