package org.ucsec.sip;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.function.Consumer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SipParserTest {
    final SipParser parser = new SipParser();

    SipRequest req(Msg m) { return (SipRequest) parser.parse(m.bytes()); }

    SipRequest req(String text) { return (SipRequest) parser.parse(text.getBytes(StandardCharsets.ISO_8859_1)); }

    void refused(byte[] msg, String code, int status, Consumer<SipParseException> more) {
        assertThatThrownBy(() -> parser.parse(msg)).isInstanceOfSatisfying(SipParseException.class, e -> {
            assertThat(e.code()).isEqualTo(code);
            assertThat(e.status()).isEqualTo(status);
            assertThat(e.reason()).matches("[\\x20-\\x7e]+");
            more.accept(e);
        });
    }

    void refused(Msg m, String code) { refused(m.bytes(), code, 400, e -> assertThat(e.reason()).startsWith("Bad Request")); }

    @Test
    void register_parsesEveryField() {
        String token = "eyJhbGciOiJFUzI1NiJ9.eyJzdWIiOiJTRVAwMDExMjIzMzQ0NTUifQ.c2lnbmF0dXJl";
        SipRequest r = req(Msg.register(token));
        assertThat(r.method()).isEqualTo("REGISTER");
        assertThat(r.requestUri().host()).isEqualTo("cucm1.example.com");
        assertThat(r.vias()).hasSize(1);
        assertThat(r.vias().get(0).transport()).isEqualTo("TLS");
        assertThat(r.vias().get(0).sentBy()).isEqualTo("192.0.2.10:51234");
        assertThat(r.vias().get(0).branch()).contains("z9hG4bK776asdhds");
        assertThat(r.vias().get(0).params()).containsEntry("rport", "");
        assertThat(r.from().displayName()).contains("Phone 1001");
        assertThat(r.from().tag()).contains("456248");
        assertThat(r.to().tag()).isEmpty();
        assertThat(r.to().uri().user()).contains("SEP001122334455");
        assertThat(r.to().uri().aor()).isEqualTo("sip:SEP001122334455@cucm1.example.com");
        assertThat(r.callId()).isEqualTo("843817637684230@998sdasdh09");
        assertThat(r.cseq()).isEqualTo(new CSeq(1826, "REGISTER"));
        assertThat(r.maxForwards()).hasValue(70);
        assertThat(r.expires()).hasValue(3600);
        assertThat(r.contacts()).hasSize(1);
        NameAddr c = r.contacts().get(0).address().orElseThrow();
        assertThat(c.uri().params()).containsEntry("transport", "tls");
        assertThat(c.uri().port()).hasValue(51234);
        assertThat(c.params()).containsEntry("+sip.instance", "<urn:uuid:00000000-0000-0000-0000-001122334455>");
        assertThat(r.contentLength()).isZero();
        assertThat(r.bearerToken()).contains(token);
        assertThat(r.authorizationSchemes()).containsExactly("Bearer");
        assertThat(r.toString()).doesNotContain(token);
        assertThat(r.headers().toString()).doesNotContain(token);
    }

    @Test
    void compactForms_areExpanded() {
        // RFC 3261 7.3.3 compact forms; RFC 4475 3.1.1.2 uses the same set
        String m = "REGISTER sip:cucm1.example.com SIP/2.0\r\n"
                + "v: SIP/2.0/TLS 192.0.2.10;branch=z9hG4bKcompact\r\n"
                + "f: <sip:SEP1@cucm1.example.com>;tag=1\r\n"
                + "t: <sip:SEP1@cucm1.example.com>\r\n"
                + "i: compact-1\r\n"
                + "CSeq: 2 REGISTER\r\n"
                + "m: <sip:SEP1@192.0.2.10>;expires=120\r\n"
                + "k: path, outbound\r\n"
                + "l: 0\r\n\r\n";
        SipRequest r = req(m);
        assertThat(r.callId()).isEqualTo("compact-1");
        assertThat(r.headers().values("Via")).hasSize(1);
        assertThat(r.headers().values("v")).isEqualTo(r.headers().values("VIA"));
        assertThat(r.contacts().get(0).expires()).hasValue(120);
        assertThat(r.headers().values("Supported")).containsExactly("path", "outbound");
        assertThat(r.headers().all()).extracting(SipHeaders.Header::name).containsExactly("Via", "From", "To", "Call-ID", "CSeq", "Contact", "Supported", "Supported", "Content-Length");
    }

    @Test
    void foldedHeaders_areUnfolded() {
        // RFC 3261 7.3.1: "Subject: I know you're there,\r\n pick up the phone\r\n and talk to me!"
        SipRequest r = req(Msg.register().with("Subject: I know you're there,\r\n               pick up the phone\r\n\tand talk to me!")
                .replace("To:", "To:\r\n <sip:SEP001122334455@cucm1.example.com>"));
        assertThat(r.headers().first("Subject")).contains("I know you're there, pick up the phone and talk to me!");
        assertThat(r.to().uri().user()).contains("SEP001122334455");
    }

    @Test
    void listHeaders_giveOneValuePerElement_acrossAndWithinLines() {
        SipRequest r = req(Msg.register()
                .replace("Via:", "Via: SIP/2.0/TLS 192.0.2.10:51234;branch=z9hG4bK1, SIP/2.0/TCP proxy.example.com;branch=z9hG4bK2;received=198.51.100.1")
                .with("Via: SIP/2.0 / UDP [2001:db8::1]:5060 ;branch=z9hG4bK3")
                .replace("Contact:", "Contact: \"a, b\" <sip:SEP001122334455@192.0.2.10;transport=tls>;expires=60, <sip:SEP001122334455@192.0.2.11>;q=0.5"));
        assertThat(r.vias()).extracting(Via::transport).containsExactly("TLS", "TCP", "UDP");
        assertThat(r.vias().get(1).params()).containsEntry("received", "198.51.100.1");
        assertThat(r.vias().get(2).sentBy()).isEqualTo("[2001:db8::1]:5060");
        assertThat(r.contacts()).hasSize(2);
        assertThat(r.contacts().get(0).address().get().displayName()).contains("a, b");
        assertThat(r.contacts().get(0).expires()).hasValue(60);
        assertThat(r.contacts().get(1).expires()).isEmpty();
        assertThat(r.contacts().get(1).address().get().params()).containsEntry("q", "0.5");
    }

    @Test
    void contactStar_andExpiresZero_parse() {
        SipRequest r = req(Msg.register().replace("Contact:", "Contact: *").replace("Expires:", "Expires: 0"));
        assertThat(r.contacts()).hasSize(1);
        assertThat(r.contacts().get(0).star()).isTrue();
        assertThat(r.expires()).hasValue(0);
        refused(Msg.register().replace("Contact:", "Contact: *, <sip:a@b>"), "sip.contact-malformed");
    }

    @Test
    void addrSpecForms_andDeltaSecondsAboveTheMaximum() {
        SipRequest r = req(Msg.register().replace("From:", "From: sip:SEP001122334455@cucm1.example.com;tag=x1")
                .replace("To:", "To: sip:SEP001122334455@cucm1.example.com").replace("Expires:", "Expires: 9999999999"));
        assertThat(r.from().tag()).contains("x1");
        assertThat(r.from().uri().params()).isEmpty();
        assertThat(r.expires()).hasValue(4_294_967_295L);
    }

    @Test
    void responses_parse() {
        String m = "SIP/2.0 200 OK\r\nVia: SIP/2.0/TLS 192.0.2.10;branch=z9hG4bKx\r\nFrom: <sip:a@b>;tag=1\r\nTo: <sip:a@b>;tag=2\r\n"
                + "Call-ID: c1\r\nCSeq: 5 OPTIONS\r\nContent-Length: 4\r\n\r\nv=0\n";
        SipResponse r = (SipResponse) parser.parse(m.getBytes(StandardCharsets.ISO_8859_1));
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.reason()).isEqualTo("OK");
        assertThat(new String(r.body(), StandardCharsets.US_ASCII)).isEqualTo("v=0\n");
    }

    @Test
    void body_isChecked_againstContentLength() {
        Msg m = Msg.register();
        m.body = "hello";
        assertThat(req(m).body()).hasSize(5);
        String bad = m.text().replace("Content-Length: 5", "Content-Length: 4");
        refused(bad.getBytes(StandardCharsets.ISO_8859_1), "sip.content-length-mismatch", 400, e -> assertThat(e.closeConnection()).isTrue());
        refused(m.text().replace("Content-Length: 5", "Content-Length: 6").getBytes(StandardCharsets.ISO_8859_1), "sip.content-length-mismatch", 400, e -> {});
    }

    // ---- bad input of issue 10, each with its own code

    @Test
    void oneMegabyteHeader_isRefusedAsTooLarge_beforeAnyParsing() {
        byte[] big = Msg.register().with("X-Big: " + "a".repeat(1 << 20)).bytes();
        refused(big, "sip.message-too-large", 513, e -> assertThat(e.closeConnection()).isTrue());
        // a big parser limit does not lift the line limit
        SipParser roomy = new SipParser(new SipLimits(4 << 20, 128, 8192, true));
        assertThatThrownBy(() -> roomy.parse(big)).isInstanceOfSatisfying(SipParseException.class, e -> assertThat(e.code()).isEqualTo("sip.line-too-long"));
        // and folding does not get round it
        StringBuilder folded = new StringBuilder("X-Folded: a");
        for (int i = 0; i < 2000; i++) folded.append("\r\n aaaaaaaa");
        assertThatThrownBy(() -> roomy.parse(Msg.register().with(folded.toString()).bytes()))
                .isInstanceOfSatisfying(SipParseException.class, e -> assertThat(e.code()).isIn("sip.line-too-long", "sip.too-many-headers"));
    }

    @Test
    void longHeaderLine_isRefused() {
        refused(Msg.register().with("X-Long: " + "a".repeat(9000)), "sip.line-too-long");
    }

    @Test
    void missingContentLength_isRefusedOnStreams_andAcceptedOnDatagrams() {
        refused(Msg.register().noContentLength().bytes(), "sip.content-length-missing", 400, e -> assertThat(e.closeConnection()).isTrue());
        SipParser udp = new SipParser(new SipLimits(65_535, 128, 8192, false));
        assertThat(((SipRequest) udp.parse(Msg.register().noContentLength().bytes())).contentLength()).isZero();
        refused(Msg.register().noContentLength().with("Content-Length: 12a"), "sip.content-length-malformed");
        refused(Msg.register().noContentLength().with("Content-Length: -1"), "sip.content-length-malformed");
        refused(Msg.register().with("l: 0"), "sip.header-duplicate");
    }

    @Test
    void nonNumericCSeq_isRefused() {
        for (String v : new String[]{"CSeq: abc REGISTER", "CSeq: REGISTER", "CSeq: 12", "CSeq: 2147483648 REGISTER", "CSeq: 1e3 REGISTER", "CSeq: -1 REGISTER", "CSeq: 99999999999 REGISTER"})
            refused(Msg.register().replace("CSeq:", v), "sip.cseq-malformed");
    }

    @Test
    void cseqMethodMismatch_isRefused() {
        refused(Msg.register().replace("CSeq:", "CSeq: 1 INVITE"), "sip.cseq-method-mismatch");
        refused(Msg.register().replace("CSeq:", "CSeq: 1 register"), "sip.cseq-method-mismatch");
    }

    @Test
    void viaWithoutBranch_orWithoutTheMagicCookie_isRefused() {
        refused(Msg.register().replace("Via:", "Via: SIP/2.0/TLS 192.0.2.10:51234;rport"), "sip.via-branch-missing");
        refused(Msg.register().replace("Via:", "Via: SIP/2.0/TLS 192.0.2.10:51234;branch="), "sip.via-malformed");
        refused(Msg.register().replace("Via:", "Via: SIP/2.0/TLS 192.0.2.10:51234;branch=776asdhds"), "sip.via-branch-cookie");
        refused(Msg.register().replace("Via:", "Via: SIP/2.0/TLS 192.0.2.10:51234;branch=z9hG4bK"), "sip.via-branch-cookie");
        refused(Msg.register().without("Via:"), "sip.via-missing");
        for (String v : new String[]{"Via: SIP/2.0 192.0.2.10;branch=z9hG4bK1", "Via: SIP/1.0/TLS h;branch=z9hG4bK1", "Via: SIP/2.0/TLS ;branch=z9hG4bK1",
                "Via: SIP/2.0/TLS host:99999;branch=z9hG4bK1", "Via: SIP/2.0/TLS ho st;branch=z9hG4bK1", "Via: SIP/2.0/TLS h;branch=z9hG4bK1;branch=z9hG4bK2"})
            refused(Msg.register().replace("Via:", v), "sip.via-malformed");
    }

    @Test
    void badBearerTokenCharacters_areRefused() {
        for (String t : new String[]{"abc def", "abc!", "=abc", "ab=c", "a\"b", "ab,c", "\u00e9abc"})
            refused(Msg.register().with("Authorization: Bearer " + t), "sip.bearer-malformed");
        refused(Msg.register().with("Authorization: Bearer"), "sip.bearer-malformed");
        refused(Msg.register().with("Authorization: Bearer abc").with("Authorization: bearer def"), "sip.bearer-malformed");
        refused(Msg.register().with("Authorization: Bear(er abc"), "sip.authorization-malformed");
        // RFC 6750 2.1 allows "~+/" and trailing "=" padding
        assertThat(req(Msg.register().with("Authorization: BEARER a-b.c_d~e+f/g==")).bearerToken()).contains("a-b.c_d~e+f/g==");
        // a Digest credential is another scheme: no bearer token
        SipRequest d = req(Msg.register().with("Authorization: Digest username=\"a\", realm=\"b\", nonce=\"c\", uri=\"sip:x\", response=\"d\""));
        assertThat(d.bearerToken()).isEmpty();
        assertThat(d.authorizationSchemes()).containsExactly("Digest");
    }

    @Test
    void startLine_versionAndScheme_areChecked() {
        refused(Msg.register().start("REGISTER sip:cucm1.example.com SIP/3.0").bytes(), "sip.version", 505, e -> assertThat(e.reason()).isEqualTo("Version Not Supported"));
        refused(Msg.register().start("REGISTER tel:+15551234 SIP/2.0").bytes(), "sip.uri-scheme", 416, e -> {});
        refused(Msg.register().start("REGISTER  sip:cucm1.example.com SIP/2.0"), "sip.start-line-malformed");
        refused(Msg.register().start("REGISTER sip:cucm1.example.com"), "sip.start-line-malformed");
        refused(Msg.register().start("REG(STER sip:cucm1.example.com SIP/2.0"), "sip.start-line-malformed");
        refused(Msg.register().start("REGISTER sip:cu cm1 SIP/2.0"), "sip.start-line-malformed");
        refused(Msg.register().start("REGISTER sip:user@ SIP/2.0"), "sip.request-uri-malformed");
        refused(Msg.register().start("REGISTER sip:cucm1.example.com:70000 SIP/2.0"), "sip.request-uri-malformed");
    }

    @Test
    void requiredHeaders_andTheirForms_areChecked() {
        refused(Msg.register().without("From:"), "sip.from-missing");
        refused(Msg.register().without("To:"), "sip.to-missing");
        refused(Msg.register().without("Call-ID:"), "sip.call-id-missing");
        refused(Msg.register().without("CSeq:"), "sip.cseq-missing");
        refused(Msg.register().replace("From:", "From: <sip:SEP001122334455@cucm1.example.com>"), "sip.from-tag-missing");
        refused(Msg.register().replace("From:", "From: \"unterminated <sip:a@b>;tag=1"), "sip.from-malformed");
        refused(Msg.register().replace("From:", "From: <sip:a@b;tag=1"), "sip.from-malformed");
        refused(Msg.register().replace("From:", "From: <tel:+1555>;tag=1"), "sip.from-malformed");
        refused(Msg.register().replace("To:", "To: <sip:a@b> junk"), "sip.to-malformed");
        refused(Msg.register().replace("Call-ID:", "Call-ID: a b"), "sip.call-id-malformed");
        refused(Msg.register().with("Call-ID: second"), "sip.header-duplicate");
        refused(Msg.register().with("t: <sip:x@y>"), "sip.header-duplicate");
        refused(Msg.register().replace("Max-Forwards:", "Max-Forwards: 256"), "sip.max-forwards-malformed");
        refused(Msg.register().replace("Expires:", "Expires: soon"), "sip.expires-malformed");
        refused(Msg.register().replace("Contact:", "Contact: <sip:a@b>;expires=x"), "sip.contact-malformed");
        refused(Msg.register().replace("Contact:", "Contact: <sip:a@b>;expires=1;expires=2"), "sip.contact-malformed");
    }

    @Test
    void headerSyntax_isChecked() {
        refused(Msg.register().with("No colon here"), "sip.header-malformed");
        refused(Msg.register().with("Bad Name: x"), "sip.header-malformed");
        refused(Msg.register().with("X-Ctl: a\u0001b"), "sip.header-malformed");
        refused(Msg.register().with("X-Cr: a\rb"), "sip.header-malformed");
        refused(("REGISTER sip:a SIP/2.0\r\n continuation\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1), "sip.header-malformed", 400, e -> {});
        refused("REGISTER sip:a SIP/2.0\r\nVia: x\r\n".getBytes(StandardCharsets.ISO_8859_1), "sip.headers-unterminated", 400, e -> {});
        refused("\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1), "sip.empty", 400, e -> {});
        refused(new byte[0], "sip.empty", 400, e -> {});
        Msg many = Msg.register();
        for (int i = 0; i < 130; i++) many.with("X-H" + i + ": v");
        refused(many, "sip.too-many-headers");
        refused(Msg.register().replace("Via:", "Via: " + "SIP/2.0/TLS h;branch=z9hG4bK1, ".repeat(130)), "sip.too-many-headers");
    }

    @Test
    void parseError_carriesTheHeadersReadBeforeIt() {
        refused(Msg.register().replace("CSeq:", "CSeq: 1 INVITE").bytes(), "sip.cseq-method-mismatch", 400, e ->
                assertThat(e.salvaged()).extracting(SipHeaders.Header::name).containsExactly("Via", "From", "To", "Call-ID", "CSeq"));
    }

    @Test
    void leadingLineEnds_andBareLf_areTolerated() {
        String m = "\r\n\r\n" + Msg.register().text().replace("\r\n", "\n");
        assertThat(((SipRequest) parser.parse(m.getBytes(StandardCharsets.ISO_8859_1))).callId()).isEqualTo("843817637684230@998sdasdh09");
    }

    @Test
    void limits_areChecked() {
        assertThatThrownBy(() -> new SipLimits(100, 128, 8192, true)).isInstanceOfSatisfying(org.ucsec.core.UcsecException.class, e -> assertThat(e.code()).isEqualTo("sip.limits-invalid"));
        assertThat(List.of(SipLimits.defaults().maxMessageBytes())).containsExactly(65_535);
    }
}
