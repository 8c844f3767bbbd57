package org.ucsec.node.sipoauth;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.ucsec.core.SecretAccess;
import org.ucsec.node.testing.TestNode;
import org.ucsec.pki.catalogue.Product;

import javax.sip.ClientTransaction;
import javax.sip.ListeningPoint;
import javax.sip.ResponseEvent;
import javax.sip.SipFactory;
import javax.sip.SipListener;
import javax.sip.SipProvider;
import javax.sip.SipStack;
import javax.sip.address.Address;
import javax.sip.address.AddressFactory;
import javax.sip.header.HeaderFactory;
import javax.sip.message.MessageFactory;
import javax.sip.message.Request;
import javax.sip.message.Response;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The edge with SIP stacks that are not ucsec's (SPEC O11, issue 10 item 4): sipp (Debian's sip-tester, built
 * without TLS, behind stunnel4) registering with the Bearer header injected from a CSV file ({@code -inf}); and the
 * JAIN-SIP reference implementation registering over stunnel with a token from the real token endpoint (activation
 * code, curl). Tests needing sipp or stunnel4 are skipped, saying so, where they are not installed.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ExternalSipClientsTest {
    static final String DEV = "SEP0011223344EE", DEV2 = "SEP0011223344EF";
    TestNode n;
    int[] ports;
    Path work;

    @BeforeAll
    void start(@TempDir Path tmp) throws Exception {
        work = tmp;
        n = TestNode.start(tmp.resolve("cucm"), Product.CUCM, true);
        n.cli("set", "phone-security", "profile", "oauth", "--security-mode", "Encrypted", "--transport", "TLS", "--oauth", "true").ok();
        n.cli("set", "phone-security", "device", DEV, "--profile", "oauth").ok();
        n.cli("set", "phone-security", "device", DEV2, "--profile", "oauth").ok();
        ports = SipOAuthTestSupport.enable(n);
    }

    @AfterAll
    void stop() { if (n != null) n.close(); }

    String token(String device) {
        return n.service(SipOAuthTokens.class).tokens().issueImplicit(device, Optional.empty(), false).access().token().revealString(SecretAccess.granted());
    }

    static final String SCENARIO = """
            <?xml version="1.0" encoding="ISO-8859-1" ?>
            <scenario name="SIP OAuth REGISTER">
              <send>
                <![CDATA[
                  REGISTER sip:cucm1.example.com SIP/2.0
                  Via: SIP/2.0/TCP [local_ip]:[local_port];branch=[branch]
                  Max-Forwards: 70
                  From: <sip:[field0]@cucm1.example.com>;tag=[call_number]
                  To: <sip:[field0]@cucm1.example.com>
                  Call-ID: [call_id]
                  CSeq: 1 REGISTER
                  Contact: <sip:[field0]@[local_ip]:[local_port];transport=tcp>;expires=600
                  Authorization: Bearer [field1]
                  Content-Length: [len]

                ]]>
              </send>
              <recv response="%d" />
            </scenario>
            """;

    int sipp(Path scenario, Path csv, int port, int calls) throws Exception {
        Process p = new ProcessBuilder("sipp", "-sf", scenario.toString(), "-inf", csv.toString(), "-t", "t1", "-m", "" + calls, "-max_socket", "1",
                "-timeout", "30s", "-timeout_error", "-trace_err", "-error_file", work.resolve("sipp-errors.log").toString(), "127.0.0.1:" + port)
                .directory(work.toFile()).redirectErrorStream(true).redirectOutput(work.resolve("sipp.out").toFile())
                .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile())).start();
        if (!p.waitFor(60, TimeUnit.SECONDS)) { p.destroyForcibly(); throw new AssertionError("sipp hung"); }
        return p.exitValue();
    }

    @Test
    void sipp_behindStunnel_registersWithTheBearerTokenFromItsCsv_andABadTokenGets401() throws Exception {
        Assumptions.assumeTrue(Stunnel.onPath("sipp"), "sipp (Debian sip-tester) is not installed: apt-get install sip-tester (and add it to .ci/run)");
        Assumptions.assumeTrue(Stunnel.available(), "stunnel4 is not installed: apt-get install stunnel4 (and add it to .ci/run)");
        Path ok = Files.writeString(work.resolve("register-200.xml"), SCENARIO.formatted(200));
        Path unauthorized = Files.writeString(work.resolve("register-401.xml"), SCENARIO.formatted(401));
        Path good = Files.writeString(work.resolve("good.csv"), "SEQUENTIAL\n" + DEV + ";" + token(DEV) + ";\n" + DEV2 + ";" + token(DEV2) + ";\n");
        Path bad = Files.writeString(work.resolve("bad.csv"), "SEQUENTIAL\n" + DEV + ";" + token(DEV2) + ";\n");
        try (Stunnel s = Stunnel.start(work, n.dir.resolve("admin-listener.pem"), ports[0])) {
            assertThat(sipp(ok, good, s.port, 2)).as("sipp: both REGISTERs got 200 (" + read("sipp.out") + read("sipp-errors.log") + ")").isZero();
            assertThat(n.cli("show", "registrations", "--json").ok().json().toString()).contains(DEV).contains(DEV2);
            assertThat(sipp(unauthorized, bad, s.port, 1)).as("sipp: another device's token got 401 (" + read("sipp.out") + ")").isZero();
        }
    }

    String read(String f) {
        try { return Files.exists(work.resolve(f)) ? Files.readString(work.resolve(f)) : ""; } catch (Exception e) { return ""; }
    }

    @Test
    void jainSip_behindStunnel_registersWithATokenFromTheActivationCodeGrant() throws Exception {
        Assumptions.assumeTrue(Stunnel.available(), "stunnel4 is not installed: apt-get install stunnel4 (and add it to .ci/run)");
        // the device onboards for real: activation code (admin) -> token endpoint (curl) -> access token
        String code = n.cli("set", "sipoauth", "activation-code", DEV, "--json").ok().value().get("code").asText();
        var h = SipOAuthTestSupport.token(n, ports[2], "grant_type=" + java.net.URLEncoder.encode(TokenEndpoint.ACTIVATION_GRANT, StandardCharsets.UTF_8)
                + "&client_id=" + DEV + "&activation_code=" + code);
        assertThat(h.status()).as(h.body()).isEqualTo(200);
        String token = org.ucsec.node.platform.rest.Json.MAPPER.readTree(h.body()).get("access_token").asText();

        try (Stunnel s = Stunnel.start(work, n.dir.resolve("admin-listener.pem"), ports[0])) {
            SipFactory f = SipFactory.getInstance();
            f.setPathName("gov.nist");
            Properties p = new Properties();
            p.setProperty("javax.sip.STACK_NAME", "jain-sip-oauth-test");
            p.setProperty("javax.sip.OUTBOUND_PROXY", "127.0.0.1:" + s.port + "/tcp");
            p.setProperty("gov.nist.javax.sip.STACK_LOGGER", JainSipLoggers.Stack.class.getName());
            p.setProperty("gov.nist.javax.sip.SERVER_LOGGER", JainSipLoggers.Server.class.getName());
            SipStack stack = f.createSipStack(p);
            BlockingQueue<Response> responses = new ArrayBlockingQueue<>(4);
            try {
                int local = SipOAuthTestSupport.freePort();
                ListeningPoint lp = stack.createListeningPoint("127.0.0.1", local, ListeningPoint.TCP);
                SipProvider provider = stack.createSipProvider(lp);
                provider.addSipListener(new SipListener() {
                    @Override public void processResponse(ResponseEvent e) { responses.offer(e.getResponse()); }
                    @Override public void processRequest(javax.sip.RequestEvent e) {}
                    @Override public void processTimeout(javax.sip.TimeoutEvent e) {}
                    @Override public void processIOException(javax.sip.IOExceptionEvent e) {}
                    @Override public void processTransactionTerminated(javax.sip.TransactionTerminatedEvent e) {}
                    @Override public void processDialogTerminated(javax.sip.DialogTerminatedEvent e) {}
                });
                AddressFactory af = f.createAddressFactory();
                HeaderFactory hf = f.createHeaderFactory();
                MessageFactory mf = f.createMessageFactory();
                Address aor = af.createAddress(af.createSipURI(DEV, "cucm1.example.com"));
                Request reg = mf.createRequest(af.createSipURI(null, "cucm1.example.com"), Request.REGISTER, provider.getNewCallId(),
                        hf.createCSeqHeader(1L, Request.REGISTER), hf.createFromHeader(aor, "jain1"), hf.createToHeader(aor, null),
                        List.of(hf.createViaHeader("127.0.0.1", local, "tcp", null)), hf.createMaxForwardsHeader(70));
                var contactUri = af.createSipURI(DEV, "127.0.0.1:" + local);
                contactUri.setTransportParam("tcp");
                var contact = hf.createContactHeader(af.createAddress(contactUri));
                contact.setExpires(600);
                reg.addHeader(contact);
                reg.addHeader(hf.createHeader("Authorization", "Bearer " + token));
                ClientTransaction tx = provider.getNewClientTransaction(reg);
                tx.sendRequest();
                Response r = responses.poll(20, TimeUnit.SECONDS);
                assertThat(r).as("JAIN-SIP got an answer").isNotNull();
                assertThat(r.getStatusCode()).as(r.toString()).isEqualTo(200);
                assertThat(r.getHeader("Contact").toString()).contains(DEV).contains("expires=");
            } finally {
                stack.stop();
            }
        }
    }
}
