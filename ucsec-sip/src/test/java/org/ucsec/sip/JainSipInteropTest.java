package org.ucsec.sip;

import gov.nist.javax.sip.message.SIPResponse;
import gov.nist.javax.sip.parser.StringMsgParser;
import org.junit.jupiter.api.Test;
import org.ucsec.core.SecretAccess;
import org.ucsec.oauth.OAuthException;
import org.ucsec.oauth.SigningKeys;
import org.ucsec.oauth.TokenPolicy;
import org.ucsec.oauth.TokenService;

import javax.sip.SipFactory;
import javax.sip.address.Address;
import javax.sip.address.AddressFactory;
import javax.sip.address.SipURI;
import javax.sip.header.ContactHeader;
import javax.sip.header.HeaderFactory;
import javax.sip.header.ViaHeader;
import javax.sip.header.WWWAuthenticateHeader;
import javax.sip.message.MessageFactory;
import javax.sip.message.Request;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Interoperability with an independent SIP implementation, the JAIN-SIP reference implementation: requests built
 * by its message factory parse here, and the edge's responses parse with its parser (issue 10 item 4).
 */
class JainSipInteropTest {
    final MutableClock clock = MutableClock.at("2026-12-01T12:00:00Z");
    final TokenService tokens = TokenService.inMemory(TokenPolicy.defaults("https://cucm1.example.com:8443/ucsec/oauth", "sip:cucm1.example.com"),
            SigningKeys.generate(clock), clock);
    final SipEdge edge = new SipEdge(new SipParser(), new Registrar(clock, Registrar.Policy.defaults()), (token, device, conn) -> {
        try {
            return new SipEdge.Verdict.Accepted(tokens.verify(token, device, conn.peerCertThumbprint()).deviceId());
        } catch (OAuthException e) {
            return new SipEdge.Verdict.Refused(e.error(), e.code());
        }
    }, SipEdge.Config.of("cucm1.example.com"), clock);
    final SipEdge.SipConnection conn = new SipEdge.SipConnection("192.0.2.10:5061", Optional.empty(), false);

    byte[] jainRegister(String device, Optional<String> token, int expires) throws Exception {
        SipFactory sf = SipFactory.getInstance();
        sf.setPathName("gov.nist");
        AddressFactory af = sf.createAddressFactory();
        HeaderFactory hf = sf.createHeaderFactory();
        MessageFactory mf = sf.createMessageFactory();
        SipURI aor = af.createSipURI(device, "cucm1.example.com");
        Address addr = af.createAddress("Phone " + device, aor);
        ViaHeader via = hf.createViaHeader("192.0.2.10", 5061, "TLS", "z9hG4bK-jain-" + device);
        SipURI contactUri = af.createSipURI(device, "192.0.2.10");
        contactUri.setPort(5061);
        contactUri.setTransportParam("tls");
        ContactHeader contact = hf.createContactHeader(af.createAddress(contactUri));
        contact.setExpires(expires);
        Request r = mf.createRequest(af.createSipURI(null, "cucm1.example.com"), Request.REGISTER, hf.createCallIdHeader("jain-" + device + "@192.0.2.10"),
                hf.createCSeqHeader(1L, Request.REGISTER), hf.createFromHeader(addr, "jaintag1"), hf.createToHeader(addr, null), List.of(via),
                hf.createMaxForwardsHeader(70));
        r.addHeader(contact);
        if (token.isPresent()) r.addHeader(hf.createHeader("Authorization", "Bearer " + token.get()));
        r.setContent(new byte[0], hf.createContentTypeHeader("application", "sdp"));
        r.removeHeader("Content-Type");
        return r.toString().getBytes(StandardCharsets.UTF_8);
    }

    static SIPResponse jainParse(byte[] response) throws Exception {
        return (SIPResponse) new StringMsgParser().parseSIPMessage(response, true, false, null);
    }

    @Test
    void jainSipRegister_withBearer_is200_andJainSipReadsTheResponse() throws Exception {
        String token = tokens.issueImplicit("SEP001122334455", Optional.empty(), false).access().token().revealString(SecretAccess.granted());
        byte[] req = jainRegister("SEP001122334455", Optional.of(token), 600);
        SipRequest parsed = (SipRequest) new SipParser().parse(req);
        assertThat(parsed.bearerToken()).contains(token);
        assertThat(parsed.contacts().get(0).expires()).hasValue(600);

        SipEdge.Result r = edge.handle(req, conn);
        assertThat(r.status()).isEqualTo(200);
        SIPResponse resp = jainParse(r.response());
        assertThat(resp.getStatusCode()).isEqualTo(200);
        assertThat(resp.getTo().getTag()).isNotBlank();
        assertThat(resp.getFrom().getTag()).isEqualTo("jaintag1");
        assertThat(resp.getCallId().getCallId()).isEqualTo("jain-SEP001122334455@192.0.2.10");
        assertThat(resp.getTopmostVia().getBranch()).isEqualTo("z9hG4bK-jain-SEP001122334455");
        ContactHeader c = (ContactHeader) resp.getHeader(ContactHeader.NAME);
        assertThat(c.getExpires()).isEqualTo(600);
        assertThat(((SipURI) c.getAddress().getURI()).getTransportParam()).isEqualTo("tls");
        assertThat(resp.getHeader("Date")).isNotNull();
    }

    @Test
    void jainSipRegister_withoutOrWithABadToken_gets401_whoseBearerChallengeJainSipReads() throws Exception {
        SIPResponse none = jainParse(edge.handle(jainRegister("SEP001122334455", Optional.empty(), 600), conn).response());
        assertThat(none.getStatusCode()).isEqualTo(401);
        WWWAuthenticateHeader w = (WWWAuthenticateHeader) none.getHeader(WWWAuthenticateHeader.NAME);
        assertThat(w.getScheme()).isEqualTo("Bearer");
        assertThat(w.getRealm()).isEqualTo("cucm1.example.com");
        assertThat(w.getParameter("error")).isNull();

        String other = tokens.issueImplicit("SEPAABBCCDDEEFF", Optional.empty(), false).access().token().revealString(SecretAccess.granted());
        SIPResponse bad = jainParse(edge.handle(jainRegister("SEP001122334455", Optional.of(other), 600), conn).response());
        assertThat(bad.getStatusCode()).isEqualTo(401);
        WWWAuthenticateHeader wb = (WWWAuthenticateHeader) bad.getHeader(WWWAuthenticateHeader.NAME);
        assertThat(wb.getParameter("error")).isEqualTo("invalid_token");
    }

    @Test
    void errorResponses_andOptions_parseWithJainSip() throws Exception {
        String badCseq = new String(jainRegister("SEP001122334455", Optional.empty(), 600), StandardCharsets.UTF_8).replace("CSeq: 1 REGISTER", "CSeq: 1 INVITE");
        SIPResponse r400 = jainParse(edge.handle(badCseq.getBytes(StandardCharsets.UTF_8), conn).response());
        assertThat(r400.getStatusCode()).isEqualTo(400);
        assertThat(r400.getReasonPhrase()).isEqualTo("Bad Request (CSeq method INVITE is not the request method REGISTER)");
        assertThat(r400.getCallId().getCallId()).isEqualTo("jain-SEP001122334455@192.0.2.10");

        String options = new String(jainRegister("SEP001122334455", Optional.empty(), 600), StandardCharsets.UTF_8)
                .replaceFirst("^REGISTER", "OPTIONS").replace("CSeq: 1 REGISTER", "CSeq: 1 OPTIONS");
        SIPResponse r200 = jainParse(edge.handle(options.getBytes(StandardCharsets.UTF_8), conn).response());
        assertThat(r200.getStatusCode()).isEqualTo(200);
        List<String> allow = new java.util.ArrayList<>();
        r200.getHeaders("Allow").forEachRemaining(h -> allow.add(((javax.sip.header.AllowHeader) h).getMethod()));
        assertThat(allow).containsExactly("REGISTER", "OPTIONS");
    }
}
