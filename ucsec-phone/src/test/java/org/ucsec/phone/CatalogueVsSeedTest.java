package org.ucsec.phone;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/** parameters.tsv, dhcp-options.tsv, firewall-default-ports.tsv and models.tsv against the text of seed 003. */
class CatalogueVsSeedTest {
    private static final String SEED = Seed.text();

    /** Every {@code <Name ua="x">} example of the seed, including its glued form {@code <Name_1_ua="x">}: name -> ua. */
    private static Map<String, String> seedExamples() {
        Map<String, String> out = new LinkedHashMap<>();
        Matcher m = Pattern.compile("<([A-Za-z][A-Za-z0-9_.\\-]*?)(?: |)ua=\"([a-z]+)\">").matcher(SEED);
        while (m.find()) out.put(m.group(1), m.group(2));
        return out;
    }

    @Test
    void seedTestCopy_isTheSharedSeed_whenPresent() throws Exception {
        java.util.Optional<Path> shared = Seed.shared();
        Assumptions.assumeTrue(shared.isPresent(), "no ../shared/seeds beside the repository: nothing to compare the copy with");
        assertThat(Files.readString(shared.get())).isEqualTo(SEED);
    }

    @Test
    void everySeedExample_isInTheCatalogue_withTheSeedsUa() {
        Map<String, String> ex = seedExamples();
        assertThat(ex).hasSizeGreaterThanOrEqualTo(25);
        for (var e : ex.entrySet()) {
            var m = Catalogue.standard().find(e.getKey());
            assertThat(m).as("seed example <%s ua=\"%s\">", e.getKey(), e.getValue()).isPresent();
            assertThat(m.get().param().ua()).as(e.getKey()).isEqualTo(e.getValue());
        }
        // the one example without ua: <Auth_INVITE_1>Yes</Auth_INVITE_1_> (a typo form; the catalogue has the close tag's name)
        assertThat(SEED).contains("<Auth_INVITE_1>Yes</Auth_INVITE_1_>");
        assertThat(Catalogue.standard().find("Auth_INVITE_1_")).isPresent();
        assertThat(Catalogue.standard().find("Auth_INVITE_1")).isEmpty();
    }

    @Test
    void everyCatalogueParameterFromTheSeed_hasASeedExample() {
        Set<String> seedNames = new TreeSet<>();
        for (String n : seedExamples().keySet()) seedNames.add(Catalogue.standard().find(n).orElseThrow().param().name());
        seedNames.add("Auth_INVITE_n_");
        Set<String> fromSeed = new TreeSet<>();
        for (Param p : Catalogue.standard().params()) if (p.source().startsWith("seed") && !p.source().equals("seed-field")) fromSeed.add(p.name());
        assertThat(fromSeed).isEqualTo(seedNames);
    }

    /** The word after the first "기본값: " / "디폴트: " / "기본 설정은 " following {@code anchor} in the seed. */
    private static String seedDefaultAfter(String anchor) {
        int a = SEED.indexOf(anchor);
        assertThat(a).as("seed anchor %s", anchor).isGreaterThanOrEqualTo(0);
        Matcher m = Pattern.compile("(기본값: |디폴트: |기본 설정은 |기본값은 )\\**([^*<.\\s]+(?:,[0-9]+)*)").matcher(SEED);
        assertThat(m.find(a)).as(anchor).isTrue();
        return m.group(2);
    }

    /** Defaults as the seed prints them after each parameter's example ("기본값: ...", "디폴트: ..."), Korean words translated. */
    @Test
    void defaults_areTheSeeds() {
        Map<String, String> korean = Map.of("아니요", "No", "예입니다", "Yes", "예", "Yes", "끄기", "Off", "활성화", "Enabled");
        Map<String, String> anchors = new LinkedHashMap<>();
        anchors.put("DHCP_Option_To_Use", "</DHCP_Option_To_Use>");
        anchors.put("DHCPv6_Option_To_Use", "</DHCPv6_Option_To_Use>");
        anchors.put("Auth_INVITE_n_", "</Auth_INVITE_1_>");
        anchors.put("SIP_Transport_n_", "</SIP_Transport_1_>");
        anchors.put("Firewall", "</Firewall>");
        anchors.put("TLS_Name_Validate_n_", "</TLS_Name_Validate_1_>");
        anchors.put("MediaSec_Request_n_", "</MediaSec_Request_1_>");
        anchors.put("MediaSec_Over_TLS_Only_n_", "</MediaSec_Over_TLS_Only_1_>");
        anchors.put("Proxy_Mode", "</Proxy_Mode>");
        anchors.put("Use_Auto_Discovery__WPAD_", "</Use_Auto_Discovery__WPAD_>");
        anchors.put("Proxy_Port", "</Proxy_Port>");
        anchors.put("Proxy_Server_Requires_Authentication", "</Proxy_Server_Requires_Authentication>");
        anchors.put("Connect_on_Bootup", "</Connect_on_Bootup>");
        anchors.put("Web_Server_Port", "웹 서버 포트를 통해 구성된 포트(");
        assertThat(SEED).contains("웹 서버 포트를 통해 구성된 포트(기본값 80)");
        for (var c : anchors.entrySet()) {
            String word = c.getKey().equals("Web_Server_Port") ? "80" : seedDefaultAfter(c.getValue());
            String expected = korean.getOrDefault(word, word);
            assertThat(Catalogue.standard().param(c.getKey()).orElseThrow().defaultValue()).as(c.getKey() + " (seed: " + word + ")").isEqualTo(expected);
        }
        for (String empty : new String[] {"PAC_URL", "Proxy_Host", "Proxy_Username", "Proxy_Password", "VPN_Server", "VPN_User_Name", "VPN_Password", "VPN_Tunnel_Group"}) {
            assertThat(Catalogue.standard().param(empty).orElseThrow().defaultValue()).as(empty + " (seed: 기본값: 비어 있음)").isEmpty();
        }
        assertThat(SEED.split("기본값: 비어 있음", -1).length - 1).as("'default: empty' in the seed's tables 8 and 9").isEqualTo(8);
    }

    @Test
    void allowedValues_areTheSeedsInEnglish() {
        assertThat(Catalogue.standard().param("SIP_Transport_n_").orElseThrow().allowed()).containsExactly("UDP", "TCP", "TLS", "AUTO");
        assertThat(SEED).contains("- UDP\n- TCP\n- TLS\n- 자동");
        assertThat(Catalogue.standard().param("Proxy_Mode").orElseThrow().allowed()).containsExactly("Auto", "Manual", "Off");
        assertThat(Catalogue.standard().param("Firewall").orElseThrow().allowed()).containsExactly("Enabled", "Disabled");
        assertThat(Catalogue.standard().param("TLS_Cipher_List").orElseThrow().maxLength()).isEqualTo(521);
        assertThat(Catalogue.standard().param("Proxy_Password").orElseThrow().secret()).isTrue();
        assertThat(Catalogue.standard().param("VPN_Password").orElseThrow().secret()).isTrue();
        assertThat(Catalogue.standard().params().stream().filter(Param::secret).map(Param::name)).containsExactlyInAnyOrder("Proxy_Password", "VPN_Password");
    }

    @Test
    void p1Fields_areTheSeedsList() {
        // seed 003 "제한된 액세스 도메인 구성": profile rules B/C/D, upgrade and headset upgrade rules, report rule, custom CA rule, proxy and outbound proxy
        assertThat(SEED).contains("프로파일 규칙, 프로파일 규칙 **B**, 프로파일 규칙 **C** 및 프로파일 규칙 **D**", "업그레이드 규칙과 **Cisco** 헤드셋 업그레이드 규칙", "보고서 규칙", "사용자 지정 **CA** 규칙", "프록시 및 아웃바운드 프록시");
        for (String f : ProfileRules.RESTRICTED_FIELDS) assertThat(Catalogue.standard().param(f)).as(f).isPresent();
        assertThat(ProfileRules.RESTRICTED_FIELDS).hasSize(10);
    }

    @Test
    void dhcpOptions_areTheSeedsTable() {
        Map<Integer, String> seed = new LinkedHashMap<>();
        Matcher m = Pattern.compile("(?m)^DHCP 옵션 (\\d+)\\t(.+)$").matcher(SEED);
        while (m.find()) seed.put(Integer.parseInt(m.group(1)), m.group(2));
        assertThat(seed).hasSize(15);
        var ours = DhcpOptions.standard().supported("dhcp4");
        assertThat(ours.keySet()).containsExactlyElementsOf(seed.keySet());
        for (var e : ours.entrySet()) assertThat(seed.get(e.getKey())).startsWith(e.getValue().description());
        // every option of each default is supported
        for (String o : "66,160,159,150,60,43,125".split(",")) assertThat(ours).containsKey(Integer.parseInt(o));
        for (String o : "17,160,159".split(",")) assertThat(DhcpOptions.standard().supported("dhcp6")).containsKey(Integer.parseInt(o));
    }

    @Test
    void firewallDefaultPortRows_quoteTheSeed() throws Exception {
        String tsv = new String(Catalogue.class.getResourceAsStream("firewall-default-ports.tsv").readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        Set<String> labels = new LinkedHashSet<>();
        for (String line : tsv.split("\n")) if (!line.startsWith("#") && !line.isBlank()) labels.add(line.split("\t")[4]);
        assertThat(labels).hasSize(10);
        for (String l : labels) assertThat(SEED).as(l).contains(l.substring(l.indexOf(": ") + 2));
    }

    @Test
    void models_includeTheSeedsExample() {
        assertThat(SEED).contains("OU=CP-8841-3PCC, L=88012BA01234, S=000e08abcdef", "CP-78xx-3PCC/CP-88xx-3PCC");
        assertThat(Models.standard().find("CP-8841-3PCC")).isPresent();
        assertThat(Models.standard().all().keySet()).allMatch(n -> n.matches("CP-(78|88)\\d\\d-3PCC"));
    }
}
