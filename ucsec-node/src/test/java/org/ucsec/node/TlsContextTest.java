package org.ucsec.node;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.ucsec.node.testing.TestNode;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** TLS peer subjects (S3) and contexts (S4): CRUD through the CLI, refusals that change nothing. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TlsContextTest {
    TestNode n;

    @BeforeAll
    void start(@TempDir Path dir) throws Exception { n = TestNode.start(dir.resolve("n")); }

    @AfterAll
    void stop() { n.close(); }

    private static List<String> list(JsonNode arr) {
        List<String> l = new ArrayList<>();
        for (JsonNode x : arr) l.add(x.asText());
        return l;
    }

    @Test
    void defaultContext_existsFromTheStart_withCiphers_andCannotBeDeleted() {
        JsonNode d = n.cli("show", "tls", "context", "Default_Cisco_UPS_SIP_Proxy_Peer_Auth_TLS_Context", "--json").ok().json();
        assertThat(d.get("isDefault").asBoolean()).isTrue();
        assertThat(list(d.get("cipherSuites"))).isNotEmpty().allMatch(s -> s.startsWith("TLS_"));
        var r = n.cli("set", "tls", "context-delete", "Default_Cisco_UPS_SIP_Proxy_Peer_Auth_TLS_Context");
        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.err()).contains("tls.context-default");
    }

    @Test
    void context_withPeerSubjectsAndCipherString_isStored_andMarksTheRestartOfTheListenersBoundToIt() {
        n.cli("set", "tls", "peer-subject", "add", "expc.example.com", "--description", "Expressway-C").ok();
        n.cli("set", "tls", "peer-subject", "add", "cucm1.example.com").ok();
        n.cli("set", "tls", "peer-subject", "add", "cucm1.example.com", "--description", "CUCM publisher").ok();
        assertThat(n.cli("show", "tls", "peer-subjects").ok().out()).contains("CUCM publisher").contains("Expressway-C");
        JsonNode c = n.cli("set", "tls", "context", "Federation", "--peer-subjects", "expc.example.com,cucm1.example.com",
                "--cipher-string", "ECDHE+AESGCM", "--json").ok().value();
        assertThat(list(c.get("peerSubjects"))).containsExactly("expc.example.com", "cucm1.example.com");
        assertThat(list(c.get("cipherSuites"))).contains("TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256").allMatch(s -> s.contains("ECDHE") && s.contains("GCM"));
        // no hosted listener is bound to Federation (listeners.tsv), so nothing needs a restart, and the answer says so
        assertThat(c.toString()).isNotEmpty();
        assertThat(n.cli("utils", "service", "list").ok().out()).doesNotContain("TLS context Federation created");
        assertThat(n.cli("set", "tls", "context", "Federation", "--description", "federation peers").ok().err()).contains("no hosted listener is bound to Federation");
        // the default context is bound to the SIP proxy's listener: changing it marks that restart, cluster-wide
        var d = n.cli("set", "tls", "context", "Default_Cisco_UPS_SIP_Proxy_Peer_Auth_TLS_Context", "--peer-subjects", "expc.example.com", "--json").ok().json();
        assertThat(d.get("restartsMarked").toString()).contains("sip-proxy@imp1");
        assertThat(n.cli("utils", "service", "list").ok().out()).contains("[sip-proxy]").contains("TLS context Default_Cisco_UPS_SIP_Proxy_Peer_Auth_TLS_Context changed");
        // deleting a peer subject unselects it everywhere
        n.cli("set", "tls", "peer-subject", "delete", "cucm1.example.com").ok();
        assertThat(list(n.cli("show", "tls", "context", "Federation", "--json").ok().json().get("peerSubjects"))).containsExactly("expc.example.com");
    }

    @Test
    void refusals_nameTheFault_andChangeNothing() {
        n.cli("set", "tls", "context", "Strict", "--cipher-string", "ECDHE-RSA-AES256-GCM-SHA384").ok();
        String before = n.cli("show", "tls", "contexts", "--json").ok().out() + n.cli("show", "tls", "peer-subjects", "--json").ok().out();
        // a context with no ciphers
        var r = n.cli("set", "tls", "context", "Strict", "--cipher-string", "NULL-SHA256:!NULL-SHA256");
        assertThat(r.err()).contains("cipher.empty");
        r = n.cli("set", "tls", "context", "Strict", "--ciphers", "");
        assertThat(r.err()).contains("tls.context-no-ciphers").contains("Strict");
        // an unparseable cipher string points at the token
        r = n.cli("set", "tls", "context", "Strict", "--cipher-string", "ECDHE+AESGCM:BOGUSWORD");
        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.err()).contains("BOGUSWORD");
        // a suite that is not a suite
        assertThat(n.cli("set", "tls", "context", "Strict", "--ciphers", "TLS_NOT_A_SUITE").err()).contains("tls.cipher-unknown").contains("TLS_NOT_A_SUITE");
        // a peer subject that is not a valid CN; one that does not exist
        assertThat(n.cli("set", "tls", "peer-subject", "add", "not a cn!").err()).contains("tls.peer-subject-invalid");
        assertThat(n.cli("set", "tls", "peer-subject", "add", "*.example.com").err()).contains("tls.peer-subject-invalid");
        assertThat(n.cli("set", "tls", "context", "Strict", "--peer-subjects", "ghost.example.com").err()).contains("tls.peer-subject-unknown");
        assertThat(n.cli("set", "tls", "context", "bad name!").err()).contains("tls.context-name-invalid");
        String after = n.cli("show", "tls", "contexts", "--json").ok().out() + n.cli("show", "tls", "peer-subjects", "--json").ok().out();
        assertThat(after).isEqualTo(before);
    }
}
