package org.ucsec.node;

import org.junit.jupiter.api.Test;
import org.ucsec.node.testing.NodeTest;
import org.ucsec.node.testing.TestNode;
import org.ucsec.pki.CertInfo;

import javax.net.ssl.SSLSocket;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;

import static org.assertj.core.api.Assertions.assertThat;

/** "Restart" of the hosted admin service is a hot reload (SPEC C12): new connections see the new tomcat cert, open ones stay. */
@NodeTest(NodeTest.Scope.PER_TEST)
class AdminReloadTest {
    @Test
    void restartAdmin_afterTomcatRegen_newConnectionsSeeNewCert_openConnectionKeepsWorking(TestNode n) throws Exception {
        SSLSocket open = connect(n);
        String oldFp = CertInfo.fingerprint((X509Certificate) open.getSession().getPeerCertificates()[0]);
        assertThat(get(open, n.node.tokenFile())).contains("\"status\" : \"up\"");

        String newFp = n.cli("set", "cert", "regen", "tomcat", "--json").ok().value().get("certificate").get("sha256Fingerprint").asText();
        assertThat(newFp).isNotEqualTo(oldFp);
        // before the restart, new connections still get the old certificate; the restart is pending
        try (SSLSocket before = connect(n)) {
            assertThat(CertInfo.fingerprint((X509Certificate) before.getSession().getPeerCertificates()[0])).isEqualTo(oldFp);
        }
        assertThat(n.cli("utils", "service", "list").ok().out()).contains("[admin]").contains("RESTART REQUIRED");

        n.cli("utils", "service", "restart", "admin").ok();

        try (SSLSocket after = connect(n)) {
            assertThat(CertInfo.fingerprint((X509Certificate) after.getSession().getPeerCertificates()[0])).isEqualTo(newFp);
        }
        // the connection opened before the reload was not dropped: a second request on it is answered
        assertThat(get(open, n.node.tokenFile())).contains("\"status\" : \"up\"");
        open.close();
        // and the CLI (which pins the served certificate) follows the reload
        assertThat(n.cli("utils", "service", "list", "--json").ok().out()).doesNotContain("new self-signed tomcat certificate\"");
    }

    /** A TLS 1.2 connection offering only RSA-authenticated suites, so the tomcat (RSA) certificate is served. */
    private static SSLSocket connect(TestNode n) throws Exception { return connect(n, "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256"); }

    private static SSLSocket connect(TestNode n, String suite) throws Exception {
        SSLSocket s = (SSLSocket) TlsTrustAll.context().getSocketFactory().createSocket("127.0.0.1", n.node.adminPort());
        s.setEnabledProtocols(new String[]{"TLSv1.2"});
        s.setEnabledCipherSuites(new String[]{suite});
        s.startHandshake();
        return s;
    }

    @Test
    void adminListener_servesBothTomcatAndTomcatEcdsa_byTheClientsOffer(TestNode n) throws Exception {
        String rsa = n.cli("show", "cert", "own", "tomcat", "--json").ok().json().get("certificate").get("sha256Fingerprint").asText();
        String ec = n.cli("show", "cert", "own", "tomcat-ECDSA", "--json").ok().json().get("certificate").get("sha256Fingerprint").asText();
        try (SSLSocket s = connect(n, "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256")) {
            assertThat(CertInfo.fingerprint((X509Certificate) s.getSession().getPeerCertificates()[0])).isEqualTo(rsa);
        }
        try (SSLSocket s = connect(n, "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256")) {
            assertThat(CertInfo.fingerprint((X509Certificate) s.getSession().getPeerCertificates()[0])).isEqualTo(ec);
        }
    }

    /** One HTTP/1.1 keep-alive request on an open socket. */
    private static String get(SSLSocket s, Path tokenFile) throws Exception {
        OutputStream out = s.getOutputStream();
        out.write(("GET /api/v1/health HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer " + Files.readString(tokenFile).trim() + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
        out.flush();
        BufferedReader in = new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.UTF_8));
        int length = 0;
        String line;
        while (!(line = in.readLine()).isEmpty()) if (line.toLowerCase().startsWith("content-length:")) length = Integer.parseInt(line.substring(15).trim());
        char[] body = new char[length];
        int read = 0;
        while (read < length) read += in.read(body, read, length - read);
        return new String(body);
    }
}
