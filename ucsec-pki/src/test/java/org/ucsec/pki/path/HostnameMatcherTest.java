package org.ucsec.pki.path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.security.cert.X509Certificate;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ucsec.core.UcsecException;
import org.ucsec.pki.testing.OpenSsl;

/** P10: RFC 9525 / RFC 6125 host name matching, on certificates made by openssl; openssl's -verify_hostname / -verify_ip agree. */
class HostnameMatcherTest {
    @TempDir Path dir;
    TestPki pki;
    TestPki.Issued root;

    @BeforeEach
    void setUp() throws Exception {
        pki = new TestPki(dir);
        root = pki.root("root", "/CN=Host Root", "ec:P-256", TestPki.CA_EXT, "sha256");
    }

    TestPki.Issued leaf(String name, String subject, String san) throws Exception {
        return pki.issue(name, subject, "ec:P-256", "basicConstraints=critical,CA:FALSE\nkeyUsage=critical,digitalSignature\n"
                + (san == null ? "" : "subjectAltName=" + san + "\n"), "sha256", root, 30);
    }

    boolean openssl(TestPki.Issued leaf, String host) throws Exception {
        boolean ip = HostnameMatcher.isIpLiteral(host);
        OpenSsl.Result r = pki.verify(leaf, java.util.List.of(root), java.util.List.of(), ip ? "-verify_ip" : "-verify_hostname", host);
        return r.exit() == 0;
    }

    void expect(TestPki.Issued leaf, String host, boolean match) throws Exception {
        X509Certificate c = leaf.x509();
        assertThat(HostnameMatcher.matches(c, host)).as(leaf.name() + " for " + host).isEqualTo(match);
        assertThat(openssl(leaf, host)).as("openssl on " + leaf.name() + " for " + host).isEqualTo(match);
    }

    /** RFC 9525 6.3: exact DNS-ID, case-insensitive, trailing dot ignored. */
    @Test
    void dnsSan_matchesExactlyAndCaseInsensitively() throws Exception {
        var l = leaf("exact", "/CN=ignored.example.com", "DNS:uc.example.com");
        expect(l, "uc.example.com", true);
        expect(l, "UC.Example.COM", true);
        expect(l, "example.com", false);
        expect(l, "a.uc.example.com", false);
        assertThat(HostnameMatcher.matches(l.x509(), "uc.example.com.")).isTrue();
    }

    /** RFC 9525 6.3 / RFC 6125 6.4.3: the wildcard is the whole left-most label and matches exactly one label. */
    @Test
    void wildcard_onlyAsWholeLeftmostLabel_matchingOneLabel() throws Exception {
        var l = leaf("wild", "/CN=x", "DNS:*.example.com");
        expect(l, "uc.example.com", true);
        expect(l, "a.b.example.com", false);
        expect(l, "example.com", false);
        var partial = leaf("partial", "/CN=x", "DNS:uc*.example.com");
        // deliberately stricter: openssl accepts a partial-label wildcard ("uc*"); RFC 9525 does not
        assertThat(HostnameMatcher.matches(partial.x509(), "uc1.example.com")).isFalse();
        assertThat(openssl(partial, "uc1.example.com")).as("openssl accepts the partial wildcard").isTrue();
        var tld = leaf("tld", "/CN=x", "DNS:*.com");
        expect(tld, "example.com", false);
    }

    /** RFC 9525 6.2.1 / 6.3: an IP reference matches iPAddress SANs only, never a DNS SAN or the CN. */
    @Test
    void ipAddress_matchesIpSansOnly() throws Exception {
        var l = leaf("ip", "/CN=10.0.0.7", "DNS:10.0.0.8,IP:10.0.0.7,IP:2001:db8::1");
        expect(l, "10.0.0.7", true);
        expect(l, "10.0.0.8", false);
        expect(l, "2001:db8:0:0:0:0:0:1", true);
        assertThat(HostnameMatcher.matches(l.x509(), "[2001:db8::1]")).isTrue();
    }

    /** RFC 9525 6.3 (as the seed's phones): the CN is used only when there is no SAN at all. */
    @Test
    void commonName_onlyWithoutAnySan() throws Exception {
        var cnOnly = leaf("cnonly", "/CN=phone.example.com", null);
        expect(cnOnly, "phone.example.com", true);
        var withSan = leaf("withsan", "/CN=phone.example.com", "DNS:other.example.com");
        expect(withSan, "phone.example.com", false);
        assertThatThrownBy(() -> HostnameMatcher.verify(withSan.x509(), "phone.example.com"))
                .isInstanceOf(UcsecException.class).hasMessageContaining("other.example.com").extracting("code").isEqualTo("host.mismatch");
    }
}
