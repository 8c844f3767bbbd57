package org.ucsec.node;

import org.junit.jupiter.api.Test;
import org.ucsec.core.SecretAccess;
import org.ucsec.node.auth.AuthService;
import org.ucsec.node.platform.Actor;
import org.ucsec.node.testing.NodeTest;
import org.ucsec.node.testing.TestCa;
import org.ucsec.node.testing.TestNode;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code set cert delete trust} end to end (SPEC C10): one refusal and the happy path through the CLI, the delete
 * right over REST. Every rule is tested on the service in {@code trust.TrustStoreDeleteRulesTest}.
 */
@NodeTest(NodeTest.Scope.PER_TEST)
class DeleteTrustTest {
    private static String selfSignedEntry(TestNode n, String store, String purpose) {
        for (var t : n.cli("show", "cert", "list", "trust", store, "--json").ok().json())
            if (t.get("origin").asText().contains(purpose + " of")) return t.get("name").asText();
        throw new AssertionError("no self-signed " + purpose + " entry in " + store);
    }

    @Test
    void selfSignedTomcatEntry_isRefusedWithinTheHold_andDeletedAfterIt(TestNode n) {
        String entry = selfSignedEntry(n, "tomcat-trust", "tomcat");
        TestCa.rsa(n, "Del").forPurpose(n, "tomcat").viaCli().install();

        n.clock.advance(Duration.ofMinutes(29));
        String before = n.snapshot();
        assertThat(n.cli("set", "cert", "delete", "trust", "tomcat-trust", entry).refused("trust.delete-hold").err()).contains("30-minute");
        assertThat(n.snapshot()).isEqualTo(before);

        n.clock.advance(Duration.ofMinutes(2));
        var ok = n.cli("set", "cert", "delete", "trust", "tomcat-trust", entry, "--json").ok().value();
        assertThat(ok.get("name").asText()).isEqualTo(entry);
        n.cli("show", "cert", "trust", "tomcat-trust", entry).refused("trust.not-found");
    }

    @Test
    void tokenWithoutDeleteRights_isAnswered403ProblemJson(TestNode n) throws Exception {
        String entry = selfSignedEntry(n, "cup-trust", "cup");
        var token = n.service(AuthService.class).issue("auditor", Actor.Role.ADMIN, false);
        var client = HttpClient.newBuilder().sslContext(TlsTrustAll.context()).build();
        var resp = client.send(HttpRequest.newBuilder(URI.create("https://127.0.0.1:" + n.node.adminPort() + "/api/v1/trust/cup-trust/" + entry))
                .header("Authorization", "Bearer " + token.revealString(SecretAccess.granted())).DELETE().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(resp.statusCode()).isEqualTo(403);
        assertThat(resp.headers().firstValue("Content-Type")).hasValueSatisfying(v -> assertThat(v).startsWith("application/problem+json"));
        assertThat(resp.body()).contains("auth.delete-not-allowed");
    }
}
