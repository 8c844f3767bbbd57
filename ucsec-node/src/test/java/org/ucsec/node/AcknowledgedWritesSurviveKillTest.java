package org.ucsec.node;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ucsec.pki.testing.OpenSsl;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A 200 for a write means the change is on disk (issue 8, item 1): the node runs as a real separate JVM, every kind of
 * write is sent over REST, and the JVM is SIGKILLed the moment the answer has arrived. After each restart on the same
 * data directory, every change acknowledged so far, and its audit line, is there. Only the REST API and the data
 * directory's files are used.
 */
class AcknowledgedWritesSurviveKillTest {
    @TempDir Path tmp;

    /** What an acknowledged write left, checked against the restarted node. */
    interface StateCheck { void verify(SeparateNode n) throws Exception; }

    /** An audit line an acknowledged write must have left: action, target, and a piece of its detail (or null). */
    record AuditLine(String action, String target, String detailContains) {}

    private final Map<String, StateCheck> state = new LinkedHashMap<>(); // by object: a later write to it replaces the check
    private final List<AuditLine> audit = new ArrayList<>();
    private int kills;

    @Test
    void everyAcknowledgedWrite_andItsAuditLine_survivesASigkillRightAfterTheAnswer() throws Exception {
        Path data = tmp.resolve("data");
        OpenSsl.Ca ca = OpenSsl.Ca.create(tmp.resolve("ca"), "Durable", "rsa");
        SeparateNode node = SeparateNode.start(data, "--node-name", "imp1", "--fqdn", "imp1.example.com");
        try {
            // trust import: a CA bundle (intermediate before root) into tomcat-trust
            JsonNode imported = node.call("POST", "/api/v1/trust/tomcat-trust?description=Durable%20CA", ca.intPem() + ca.rootPem()).ok().value();
            List<String> caFingerprints = new ArrayList<>();
            for (JsonNode e : imported.get("added")) caFingerprints.add(e.get("certificate").get("sha256Fingerprint").asText());
            assertThat(caFingerprints).hasSize(2);
            node = killAndRestart(node, data, "tomcat-trust", n -> {
                List<String> present = new ArrayList<>();
                for (JsonNode e : n.call("GET", "/api/v1/trust/tomcat-trust", null).ok().json()) {
                    if ("Durable CA".equals(e.path("description").asText())) present.add(e.get("certificate").get("sha256Fingerprint").asText());
                }
                assertThat(present).as("imported CA certificates in tomcat-trust").containsAll(caFingerprints);
            }, new AuditLine("trust.import", "tomcat-trust", null));

            // CSR: stays pending until the signed certificate is installed
            String csrPem = node.call("POST", "/api/v1/csr/tomcat", Map.of("o", "Durable Corp", "c", "KR", "sans", List.of("uc.example.com")))
                    .ok().value().get("pem").asText();
            node = killAndRestart(node, data, "tomcat", n ->
                    assertThat(n.call("GET", "/api/v1/csr/tomcat", null).ok().json().get("pem").asText()).as("pending tomcat CSR").isEqualTo(csrPem),
                    new AuditLine("csr.generate", "imp1/tomcat", null));

            // import own: the CA-signed certificate for that CSR (replaces the CSR check: the CSR is consumed)
            String signed = ca.sign(csrPem, "tomcat", 365, null) + ca.intPem();
            String ownFp = node.call("POST", "/api/v1/certs/own/tomcat", signed).ok().value().get("certificate").get("sha256Fingerprint").asText();
            node = killAndRestart(node, data, "tomcat", n -> {
                JsonNode own = n.call("GET", "/api/v1/certs/own/tomcat", null).ok().json();
                assertThat(own.get("certificate").get("sha256Fingerprint").asText()).as("installed tomcat certificate").isEqualTo(ownFp);
                assertThat(own.get("caSigned").asBoolean()).isTrue();
                assertThat(n.call("GET", "/api/v1/csr/tomcat", null).status()).as("the consumed CSR stays consumed").isEqualTo(404);
            }, new AuditLine("cert.import-own", "imp1/tomcat", ownFp));

            // regen: a new self-signed cup certificate
            String regenFp = node.call("POST", "/api/v1/certs/own/cup/regenerate", Map.of()).ok().value().get("certificate").get("sha256Fingerprint").asText();
            node = killAndRestart(node, data, "cup", n ->
                    assertThat(n.call("GET", "/api/v1/certs/own/cup", null).ok().json().get("certificate").get("sha256Fingerprint").asText())
                            .as("regenerated cup certificate").isEqualTo(regenFp),
                    new AuditLine("cert.regen", "imp1/cup", regenFp));

            // settings: secure XMPP hosted domains
            node.call("PUT", "/api/v1/settings/xmpp", Map.of("hostedDomains", List.of("durable.example.com"))).ok();
            node = killAndRestart(node, data, "xmpp", n ->
                    assertThat(n.call("GET", "/api/v1/settings/xmpp", null).ok().json().get("hostedDomains").toString()).contains("durable.example.com"),
                    new AuditLine("settings.xmpp", null, "durable.example.com"));

            // TLS context: created with a cipher string
            JsonNode context = node.call("PUT", "/api/v1/tls/contexts/Durable_Context", Map.of("description", "kept after a kill", "cipherString", "ECDHE+AESGCM")).ok().value();
            assertThat(context.get("cipherSuites")).isNotEmpty();
            node = killAndRestart(node, data, "context", n -> {
                JsonNode c = n.call("GET", "/api/v1/tls/contexts/Durable_Context", null).ok().json();
                assertThat(c.get("description").asText()).isEqualTo("kept after a kill");
                assertThat(c.get("cipherSuites")).isEqualTo(context.get("cipherSuites"));
            }, new AuditLine("tls.context.create", "Durable_Context", null));

            // TLS peer subject
            node.call("POST", "/api/v1/tls/peer-subjects", Map.of("cn", "cucm1.example.com", "description", "durable peer")).ok();
            node = killAndRestart(node, data, "peer", n ->
                    assertThat(n.call("GET", "/api/v1/tls/peer-subjects", null).ok().json().findValuesAsText("cn")).contains("cucm1.example.com"),
                    new AuditLine("tls.peer-subject.add", "cucm1.example.com", "durable peer"));

            // security setting: Exchange server authentication (from the default Auto to Basic)
            String exchangeBefore = node.call("GET", "/api/v1/security/modes", null).ok().json().get("exchangeAuthentication").asText();
            String exchange = node.call("PUT", "/api/v1/security/exchange-authentication", Map.of("value", "Basic")).ok().value().get("exchangeAuthentication").asText();
            assertThat(exchange).isNotEqualTo(exchangeBefore);
            node = killAndRestart(node, data, "exchange", n ->
                    assertThat(n.call("GET", "/api/v1/security/modes", null).ok().json().get("exchangeAuthentication").asText()).isEqualTo(exchange),
                    new AuditLine("security.exchange-authentication", null, exchange));

            assertThat(kills).isEqualTo(8);
        } finally {
            node.close();
        }
    }

    /** SIGKILL now (the answer has just arrived), start again on the same data, check every change acknowledged so far. */
    private SeparateNode killAndRestart(SeparateNode node, Path data, String object, StateCheck check, AuditLine line) throws Exception {
        node.kill();
        kills++;
        state.put(object, check);
        audit.add(line);
        SeparateNode again = SeparateNode.start(data, "--node-name", "imp1", "--fqdn", "imp1.example.com");
        for (var e : state.entrySet()) e.getValue().verify(again);
        JsonNode log = again.call("GET", "/api/v1/audit?limit=1000", null).ok().json();
        for (AuditLine a : audit) {
            boolean found = false;
            for (JsonNode row : log) {
                found |= row.get("action").asText().equals(a.action())
                        && (a.target() == null || row.get("target").asText().equals(a.target()))
                        && (a.detailContains() == null || row.path("detail").asText().contains(a.detailContains()));
            }
            assertThat(found).as("audit line %s after %d kill(s)", a, kills).isTrue();
        }
        return again;
    }
}
