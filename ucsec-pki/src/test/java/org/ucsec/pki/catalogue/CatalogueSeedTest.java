package org.ucsec.pki.catalogue;

import org.junit.jupiter.api.Test;
import org.ucsec.core.UcsecException;
import org.ucsec.pki.testing.Seeds;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The catalogue against seed 001 (Korean IM and Presence certificate chapter), table by table, row by row. The tables
 * are read from the verbatim extract {@code src/test/resources/seeds/001-certificate-tables.txt}
 * ({@link CatalogueSeedExtractTest} keeps it equal to the seed).
 */
class CatalogueSeedTest {
    static final String EXTRACT = "001-certificate-tables.txt";

    private final Catalogue cat = Catalogue.get();

    /** Rows of the table whose caption starts with "표 N:" (header lines skipped, up to the next blank line). */
    private static List<String[]> table(int n, int headerLines) {
        List<String> lines = Seeds.lines(EXTRACT);
        int start = -1;
        for (int i = 0; i < lines.size(); i++) if (lines.get(i).startsWith("표 " + n + ":")) { start = i; break; }
        assertThat(start).as("table %d in seed 001", n).isGreaterThanOrEqualTo(0);
        List<String[]> rows = new ArrayList<>();
        int i = start + 1;
        while (i < lines.size() && lines.get(i).isBlank()) i++;
        i += headerLines;
        for (; i < lines.size(); i++) {
            String l = lines.get(i);
            if (l.isBlank()) {
                // table 1 is split across a page break: a blank line, then its header repeated
                if (n == 1 && i + 1 < lines.size() && lines.get(i + 1).startsWith("인증서 종류\t")) { i++; continue; }
                break;
            }
            if (!l.contains("\t")) break;
            rows.add(l.split("\t", -1));
        }
        return rows;
    }

    private static List<String> names(String cell) {
        List<String> out = new ArrayList<>();
        for (String s : cell.replaceAll("\\(.*?\\)", "").split("[,\\s]+")) if (!s.isBlank()) out.add(s.trim());
        return out;
    }

    private static String normalizeStore(String seedStore) {
        return seedStore.replace(" ", "").replace("-신뢰", "-trust").toLowerCase(Locale.ROOT);
    }

    @Test
    void table1_everyImpPurpose_hasTheSeedsTrustStoreAndMultiServerSupport() {
        List<String[]> rows = table(1, 1);
        assertThat(rows).hasSize(5);
        int purposesSeen = 0;
        for (String[] r : rows) {
            for (String name : names(r[0])) {
                Purpose p = cat.requirePurpose(Product.IMP, name);
                assertThat(p.trustStore().toLowerCase(Locale.ROOT)).as("trust store of %s", name).isEqualTo(normalizeStore(r[2]));
                assertThat(p.multiServer()).as("multi-server of %s", name).isEqualTo(r[3].trim().equals("예"));
                purposesSeen++;
            }
        }
        assertThat(purposesSeen).isEqualTo(9);
        assertThat(cat.purposes(Product.IMP)).hasSize(9);
    }

    @Test
    void table1_servicesColumn_isCarriedVerbatimForEachPurpose() throws Exception {
        // the purposes file keeps the seed's service text next to the English names, so the two cannot drift
        var in = Catalogue.class.getResourceAsStream("purposes.tsv");
        List<String> file = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8).lines()
                .filter(l -> l.startsWith("imp\t")).toList();
        for (String[] r : table(1, 1)) {
            for (String name : names(r[0])) {
                String row = file.stream().filter(l -> l.split("\t", -1)[1].equals(name)).findFirst().orElseThrow();
                assertThat(row.split("\t", -1)[8]).as("seed services of %s", name).isEqualTo(r[1].trim());
            }
        }
    }

    @Test
    void table3_everyImpPurpose_carriesExactlyTheSeedsKeyUsage_minusEncipherment_forEcdsa() {
        checkKeyUsageTable(3, Product.IMP, 5);
    }

    @Test
    void table2_everyCallControlPurpose_carriesExactlyTheSeedsKeyUsage_minusEncipherment_forEcdsa() {
        checkKeyUsageTable(2, Product.CUCM, 5);
    }

    private void checkKeyUsageTable(int n, Product product, int expectedRows) {
        List<String[]> rows = table(n, 2);
        assertThat(rows).hasSize(expectedRows);
        for (String[] r : rows) {
            Catalogue.KeyUsageRow seedRow = Catalogue.KeyUsageRow.of(java.util.Arrays.copyOf(r, 10));
            for (String name : names(r[0])) {
                Purpose p = cat.requirePurpose(product, name);
                KeyUsageProfile expected = seedRow.profile();
                if (name.toUpperCase(Locale.ROOT).endsWith("-ECDSA")) {
                    EnumSet<KeyUsageBit> ku = EnumSet.copyOf(expected.keyUsage());
                    ku.removeAll(EnumSet.of(KeyUsageBit.KEY_ENCIPHERMENT, KeyUsageBit.DATA_ENCIPHERMENT));
                    expected = new KeyUsageProfile(ku, expected.extendedKeyUsage());
                    assertThat(p.keyAlgorithm()).isEqualTo(KeyAlgorithm.EC);
                } else {
                    assertThat(p.keyAlgorithm()).isEqualTo(KeyAlgorithm.RSA);
                }
                assertThat(p.profile()).as("profile of %s/%s (seed 001 table %d)", product.id(), name, n).isEqualTo(expected);
                assertThat(p.multiServer()).as("multi-server of %s", name).isEqualTo(seedRow.multiServer());
                if (r[0].contains("(")) assertThat(p.publisherOnly()).as("%s is publisher-only", name).isTrue();
            }
        }
    }

    @Test
    void seedTable3_tomcatRow_readByPosition_hasNoIpsecEndSystem() {
        // a guard that the positional reading is right: tomcat's ipsecEndSystem cell is blank in table 3
        Purpose tomcat = cat.requirePurpose(Product.IMP, "tomcat");
        assertThat(tomcat.profile().extendedKeyUsage()).containsExactlyInAnyOrder(ExtendedKeyUsage.SERVER_AUTH, ExtendedKeyUsage.CLIENT_AUTH);
        assertThat(tomcat.profile().keyUsage()).containsExactlyInAnyOrder(KeyUsageBit.DIGITAL_SIGNATURE, KeyUsageBit.KEY_ENCIPHERMENT, KeyUsageBit.DATA_ENCIPHERMENT);
        assertThat(cat.requirePurpose(Product.IMP, "tomcat-ECDSA").profile().keyUsage()).containsExactly(KeyUsageBit.DIGITAL_SIGNATURE);
    }

    @Test
    void callControlPurposes_matchSpecC1() {
        assertThat(cat.requirePurpose(Product.CUCM, "CallManager").trustStore()).isEqualTo("CallManager-trust");
        assertThat(cat.requirePurpose(Product.CUCM, "CallManager-ECDSA").multiServer()).isTrue();
        assertThat(cat.requirePurpose(Product.CUCM, "CAPF").trustStore()).isEqualTo("CAPF-trust");
        assertThat(cat.requirePurpose(Product.CUCM, "CAPF").profile().keyUsage()).contains(KeyUsageBit.KEY_CERT_SIGN);
        assertThat(cat.requirePurpose(Product.CUCM, "TVS").multiServer()).isFalse();
    }

    @Test
    void deletableStores_areExactlyTheSeedsList() {
        // seed 001, "delete self-signed trust certificates": tomcat-trust, cup-xmpp-trust, cup-trust, ipsec-trust
        assertThat(cat.trustStores().stream().filter(TrustStoreDef::selfSignedDeletable).map(TrustStoreDef::name))
                .containsExactlyInAnyOrder("tomcat-trust", "cup-xmpp-trust", "cup-trust", "ipsec-trust");
        assertThat(cat.trustStore("phone-edge-trust")).isPresent();
    }

    @Test
    void unknownPurposeOrStore_isRefusedNamingIt() {
        assertThatThrownBy(() -> cat.requirePurpose(Product.IMP, "tomkat")).isInstanceOf(UcsecException.class)
                .hasMessageContaining("tomkat").extracting("code").isEqualTo("purpose.unknown");
        assertThatThrownBy(() -> cat.requireTrustStore("nope-trust")).isInstanceOf(UcsecException.class)
                .hasMessageContaining("nope-trust").extracting("code").isEqualTo("store.unknown");
    }

    @Test
    void restartTargets_followSpecC12() {
        assertThat(cat.requirePurpose(Product.IMP, "tomcat").restarts()).containsExactly(new RestartTarget("admin", RestartTarget.Scope.NODE));
        assertThat(cat.requirePurpose(Product.IMP, "cup-xmpp").restarts()).containsExactly(new RestartTarget("xcp-router", RestartTarget.Scope.CLUSTER));
        assertThat(cat.requirePurpose(Product.IMP, "cup-xmpp-s2s").restarts()).containsExactly(new RestartTarget("xmpp-federation-cm", RestartTarget.Scope.FEDERATION));
        assertThat(cat.requireTrustStore("tomcat-trust").restartsOnUpload()).contains(new RestartTarget("intercluster-sync", RestartTarget.Scope.NODE));
    }

    @Test
    void provisioningListener_servesTomcat_andTrustsOnlyThePhoneProvisioningStore_SPEC_P6() {
        // seed 003 "HTTPS provisioning": the server checks each phone's client certificate against the multiplatform
        // phone client root (the Apache example's SSLCACertificateFile spacroot.crt): a store of its own
        ListenerDef l = cat.listener("provisioning").orElseThrow();
        assertThat(l.keyPurposes()).containsExactly("tomcat", "tomcat-ECDSA");
        assertThat(l.trustStore()).isEqualTo("phone-provisioning-trust");
        assertThat(l.clientCertificateRequired()).isTrue();
        assertThat(l.tlsContext()).isNull();
        assertThat(l.application()).isEqualTo("http");
        assertThat(cat.requireTrustStore("phone-provisioning-trust").restartsOnUpload()).containsExactly(new RestartTarget("provisioning", RestartTarget.Scope.NODE));
        assertThat(cat.trustStores(Product.IMP).stream().map(TrustStoreDef::name)).contains("phone-provisioning-trust");
        assertThat(cat.trustStores(Product.CUCM).stream().map(TrustStoreDef::name)).contains("phone-provisioning-trust");
        assertThat(cat.requireService("provisioning").hosted()).isTrue();
    }
}
