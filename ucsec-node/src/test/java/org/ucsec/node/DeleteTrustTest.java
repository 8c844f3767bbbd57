package org.ucsec.node;

import org.ucsec.node.auth.AuthService;
import org.ucsec.node.trust.TrustStoreService;
import org.ucsec.core.SecretAccess;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ucsec.node.platform.Actor;
import org.ucsec.node.testing.TestNode;
import org.ucsec.core.UcsecException;
import org.ucsec.pki.testing.OpenSsl;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Deleting self-signed trust certificates, rule by rule (SPEC C10; seed 001 "delete self-signed trust certificates"). */
class DeleteTrustTest {
    @TempDir Path tmp;

    private String selfSignedEntry(TestNode n, String store, String purpose) {
        for (var t : n.cli("show", "cert", "list", "trust", store, "--json").ok().json())
            if (t.get("origin").asText().contains(purpose + " of")) return t.get("name").asText();
        throw new AssertionError("no self-signed " + purpose + " entry in " + store);
    }

    @Test
    void selfSignedTomcatEntry_isDeletable_onlyAfterCaSignedCertAndThe30MinuteHold() throws Exception {
        try (TestNode n = TestNode.start(tmp.resolve("n"))) {
            OpenSsl.Ca ca = OpenSsl.Ca.create(tmp.resolve("ca"), "Del", "rsa");
            String entry = selfSignedEntry(n, "tomcat-trust", "tomcat");

            // 1. the service has no CA-signed certificate yet
            String before = n.snapshot();
            var r = n.cli("set", "cert", "delete", "trust", "tomcat-trust", entry);
            assertThat(r.exit()).isEqualTo(1);
            assertThat(r.err()).contains("trust.delete-service-not-ca-signed").contains("tomcat");
            assertThat(n.snapshot()).isEqualTo(before);

            // install a CA-signed tomcat certificate
            Path bundle = tmp.resolve("b.pem");
            Files.writeString(bundle, ca.intPem() + ca.rootPem());
            n.cli("set", "cert", "import", "trust", "tomcat-trust", bundle.toString()).ok();
            String csr = n.cli("set", "csr", "gen", "tomcat", "--json").ok().value().get("pem").asText();
            Path leaf = tmp.resolve("tomcat.pem");
            Files.writeString(leaf, ca.sign(csr, "tomcat", 365, null));
            n.cli("set", "cert", "import", "own", "tomcat", leaf.toString()).ok();

            // 2. within the cleanup hold: refused, saying until when (29 minutes later, on the injected clock)
            n.clock.advance(Duration.ofMinutes(29));
            before = n.snapshot();
            r = n.cli("set", "cert", "delete", "trust", "tomcat-trust", entry);
            assertThat(r.err()).contains("trust.delete-hold").contains("30-minute");
            assertThat(n.snapshot()).isEqualTo(before);

            // 3. a CA-issued certificate (the intermediate) is never deletable
            String intName = null;
            for (var t : n.cli("show", "cert", "list", "trust", "tomcat-trust", "--json").ok().json())
                if (t.get("certificate").get("subject").asText().contains("Del Issuing CA")) intName = t.get("name").asText();
            r = n.cli("set", "cert", "delete", "trust", "tomcat-trust", intName);
            assertThat(r.err()).contains("trust.delete-not-self-signed");

            // 4. the root that anchors the installed tomcat chain is self-signed, but in use
            n.clock.advance(Duration.ofMinutes(2));
            String rootName = null;
            for (var t : n.cli("show", "cert", "list", "trust", "tomcat-trust", "--json").ok().json())
                if (t.get("certificate").get("subject").asText().contains("Del Root CA")) rootName = t.get("name").asText();
            assertThat(n.cli("set", "cert", "delete", "trust", "tomcat-trust", rootName).err()).contains("trust.delete-in-use");

            // 5. after the hold: the old self-signed tomcat entry goes
            var ok = n.cli("set", "cert", "delete", "trust", "tomcat-trust", entry, "--json").ok().value();
            assertThat(ok.get("name").asText()).isEqualTo(entry);
            assertThat(n.cli("show", "cert", "trust", "tomcat-trust", entry).err()).contains("trust.not-found");
        }
    }

    @Test
    void selfSignedInAStoreOutsideTheSeedsList_isRefused() throws Exception {
        try (TestNode n = TestNode.start(tmp.resolve("n2"))) {
            OpenSsl.Ca ca = OpenSsl.Ca.create(tmp.resolve("ca2"), "Edge", "ec");
            Path root = tmp.resolve("root.pem");
            Files.writeString(root, ca.rootPem());
            String name = n.cli("set", "cert", "import", "trust", "phone-edge-trust", root.toString(), "--json").ok().value()
                    .get("added").get(0).get("name").asText();
            var r = n.cli("set", "cert", "delete", "trust", "phone-edge-trust", name);
            assertThat(r.err()).contains("trust.delete-store-not-allowed").contains("phone-edge-trust");
        }
    }

    @Test
    void operatorWithoutDeleteRights_isRefused() throws Exception {
        try (TestNode n = TestNode.start(tmp.resolve("n3"))) {
            String entry = selfSignedEntry(n, "cup-trust", "cup");
            Actor viewer = new Actor("auditor", Actor.Role.ADMIN, false);
            assertThatThrownBy(() -> n.node.service(TrustStoreService.class).delete(viewer, "cup-trust", entry))
                    .isInstanceOf(UcsecException.class).hasMessageContaining("auditor").extracting("code").isEqualTo("auth.delete-not-allowed");
            // and over REST with a token that lacks delete rights: 403 problem+json
            var token = n.node.service(AuthService.class).issue("auditor", Actor.Role.ADMIN, false);
            var client = java.net.http.HttpClient.newBuilder().sslContext(TlsTrustAll.context()).build();
            var resp = client.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create("https://127.0.0.1:" + n.node.adminPort() + "/api/v1/trust/cup-trust/" + entry))
                    .header("Authorization", "Bearer " + token.revealString(SecretAccess.granted())).DELETE().build(), java.net.http.HttpResponse.BodyHandlers.ofString());
            assertThat(resp.statusCode()).isEqualTo(403);
            assertThat(resp.headers().firstValue("Content-Type")).hasValueSatisfying(v -> assertThat(v).startsWith("application/problem+json"));
            assertThat(resp.body()).contains("auth.delete-not-allowed");
        }
    }
}
