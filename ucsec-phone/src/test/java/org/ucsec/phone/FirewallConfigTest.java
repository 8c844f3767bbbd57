package org.ucsec.phone;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Firewall_Config grammar (SPEC P8, seed 003 table 5). */
class FirewallConfigTest {
    private static Problem only(String value) {
        var p = FirewallConfig.parse(value);
        assertThat(p.problems()).as(value).hasSize(1);
        return p.problems().get(0);
    }

    @Test
    void seedExample_opensTcp12000AndUdp8000To8010() {
        var p = FirewallConfig.parse("NO_ICMP_PING,TCP:12000,UDP:8000:8010"); // seed 003 table 5 example
        assertThat(p.valid()).isTrue();
        assertThat(p.flags()).containsExactly("NO_ICMP_PING");
        assertThat(p.tcp()).containsExactly(new FirewallConfig.Range("tcp", 12000, 12000));
        assertThat(p.udp()).containsExactly(new FirewallConfig.Range("udp", 8000, 8010));
    }

    @Test
    void everyKeyword_isAccepted_andSpacesAroundTokensAreFine() {
        var p = FirewallConfig.parse(" NO_ICMP_PING , NO_ICMP_UNREACHABLE,NO_CISCO_TFTP,UDP:1,UDP:65535,TCP:1:65535");
        assertThat(p.problems()).isEmpty();
        assertThat(p.flags()).containsExactly("NO_ICMP_PING", "NO_ICMP_UNREACHABLE", "NO_CISCO_TFTP");
        assertThat(FirewallConfig.parse("").valid()).isTrue();
    }

    @Test
    void unknownToken_isNamedWithItemAndColumn() {
        Problem x = only("NO_ICMP_PING,TCP:12000,FOO");
        assertThat(x.code()).isEqualTo("phone.firewall-config");
        assertThat(x.token()).isEqualTo("FOO");
        assertThat(x.index()).isEqualTo(2);
        assertThat(x.column()).isEqualTo(24);
        assertThat(x.describe()).contains("Firewall_Config", "'FOO'", "item 3", "column 24");
    }

    @Test
    void lowerCaseKeyword_isAnError_thatSaysUpperCase() {
        Problem x = only("udp:5000");
        assertThat(x.token()).isEqualTo("udp:5000");
        assertThat(x.message()).contains("upper case: UDP:5000");
        assertThat(only("no_icmp_ping").message()).contains("NO_ICMP_PING");
    }

    @Test
    void portsOutsideRange_orNotNumbers_areErrorsAtTheirToken() {
        assertThat(only("UDP:0").message()).contains("port 0 is outside 1-65535");
        assertThat(only("TCP:65536").message()).contains("65536");
        assertThat(only("TCP:99999999999").message()).contains("not a port number");
        Problem x = only("UDP:80,TCP:8x");
        assertThat(x.token()).isEqualTo("TCP:8x");
        assertThat(x.column()).isEqualTo(12);
        assertThat(only("UDP:-1").token()).isEqualTo("UDP:-1");
    }

    @Test
    void backwardsRange_isAnError() {
        Problem x = only("UDP:8010:8000");
        assertThat(x.message()).contains("8010:8000", "x must be <= y");
    }

    @Test
    void wrongArity_andEmptyTokens_areErrors() {
        assertThat(only("UDP").message()).contains("UDP:x or UDP:x:y");
        assertThat(only("TCP:1:2:3").token()).isEqualTo("TCP:1:2:3");
        assertThat(only("UDP:").message()).contains("not a port number");
        Problem e = only("NO_ICMP_PING,,TCP:1");
        assertThat(e.index()).isEqualTo(1);
        assertThat(e.column()).isEqualTo(14);
        assertThat(only("TCP:1,").index()).isEqualTo(1);
    }

    @Test
    void sixUdpOptions_isRefused_fiveIsFine() {
        assertThat(FirewallConfig.parse("UDP:1,UDP:2,UDP:3:4,UDP:5,UDP:6:9").valid()).isTrue();
        Problem x = only("UDP:1,UDP:2,UDP:3:4,UDP:5,UDP:6:9,UDP:10");
        assertThat(x.message()).contains("6 UDP options", "at most 5");
        assertThat(only("TCP:1,TCP:2,TCP:3,TCP:4,TCP:5,TCP:6").message()).contains("6 TCP options");
        // 5 of each is fine: the limit is per protocol
        assertThat(FirewallConfig.parse("UDP:1,UDP:2,UDP:3,UDP:4,UDP:5,TCP:1,TCP:2,TCP:3,TCP:4,TCP:5").valid()).isTrue();
    }

    @Test
    void repeatedFlag_isAWarningOnly() {
        var p = FirewallConfig.parse("NO_ICMP_PING,NO_ICMP_PING");
        assertThat(p.valid()).isTrue();
        assertThat(p.problems()).singleElement().satisfies(x -> assertThat(x.severity()).isEqualTo(Problem.Severity.WARNING));
    }
}
