package org.ucsec.node;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.ucsec.node.testing.NodeTest;
import org.ucsec.node.testing.TestNode;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code set tls peer-subject|context|context-delete} and {@code show tls} end to end (SPEC S3, S4): one happy path and
 * the refusals per command group. The rules are tested on the service in {@code tlscontext.TlsContextServiceTest}.
 */
@NodeTest
class TlsContextTest {
    private static final String DEFAULT = "Default_Cisco_UPS_SIP_Proxy_Peer_Auth_TLS_Context";

    private static List<String> list(JsonNode arr) {
        List<String> l = new ArrayList<>();
        for (JsonNode x : arr) l.add(x.asText());
        return l;
    }

    @Test
    void peerSubjectsAndAContext_areStored_andChangingTheDefaultContextMarksTheSipProxyRestart(TestNode n) {
        n.cli("set", "tls", "peer-subject", "add", "expc.example.com", "--description", "Expressway-C").ok();
        n.cli("set", "tls", "peer-subject", "add", "cucm1.example.com", "--description", "CUCM publisher").ok();
        assertThat(n.cli("show", "tls", "peer-subjects").ok().out()).contains("CUCM publisher").contains("Expressway-C");
        JsonNode c = n.cli("set", "tls", "context", "Federation", "--peer-subjects", "expc.example.com,cucm1.example.com",
                "--cipher-string", "ECDHE+AESGCM", "--json").ok().value();
        assertThat(list(c.get("peerSubjects"))).containsExactly("expc.example.com", "cucm1.example.com");
        assertThat(list(c.get("cipherSuites"))).contains("TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256");
        // the CLI prints the service's warnings: nothing is bound to Federation (listeners.tsv)
        assertThat(n.cli("set", "tls", "context", "Federation", "--description", "federation peers").ok().err()).contains("no hosted listener is bound to Federation");
        var d = n.cli("set", "tls", "context", DEFAULT, "--peer-subjects", "expc.example.com", "--json").ok().json();
        assertThat(d.get("restartsMarked").toString()).contains("sip-proxy@imp1");
        assertThat(n.cli("utils", "service", "list").ok().out()).contains("[sip-proxy]").contains("TLS context " + DEFAULT + " changed");
        assertThat(n.cli("show", "tls", "contexts", "--json").ok().out()).contains("Federation").contains(DEFAULT);
    }

    @Test
    void refusals_nameTheFault_exit1_andChangeNothing(TestNode n) {
        String before = n.snapshot();
        n.cli("set", "tls", "context-delete", DEFAULT).refused("tls.context-default");
        n.cli("set", "tls", "context", "Strict", "--cipher-string", "ECDHE+AESGCM:BOGUSWORD").refused("BOGUSWORD");
        n.cli("set", "tls", "context", "Strict", "--ciphers", "TLS_NOT_A_SUITE").refused("tls.cipher-unknown");
        n.cli("set", "tls", "context", "Strict", "--peer-subjects", "ghost.example.com").refused("tls.peer-subject-unknown");
        n.cli("set", "tls", "peer-subject", "add", "*.example.com").refused("tls.peer-subject-invalid");
        n.cli("set", "tls", "context", "bad name!").refused("tls.context-name-invalid");
        assertThat(n.snapshot()).isEqualTo(before);
    }
}
