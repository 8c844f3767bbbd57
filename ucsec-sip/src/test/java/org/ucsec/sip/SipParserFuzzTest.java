package org.ucsec.sip;

import org.junit.jupiter.api.Test;
import org.ucsec.pki.testing.SeededFuzz;

import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.function.IntFunction;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Seeded fuzzing of the SIP parser and the edge (decision 0007: SeededFuzz, no jqwik): mutated valid messages and
 * hostile strings give a message or a SipParseException, never anything else; the edge always answers a well-formed
 * response or nothing; work (scanned characters, counted by the parser) grows linearly with the input; allocation
 * per message is bounded by a constant times its size. No wall-clock assertions.
 */
class SipParserFuzzTest {
    static final String ALPHABET = "REGISTERSIP/2.0 :;,<>\"\\\t\r\n=@[]*?z9hG4bK0123456789abcxyzVvFfTtIiLlMm-._~+%'";
    final SipParser parser = new SipParser();
    final SipParser roomy = new SipParser(new SipLimits(8 << 20, 4096, 8 << 20, true));

    static final List<byte[]> SEEDS = List.of(
            Msg.register("eyJhbGciOiJFUzI1NiJ9.eyJzdWIiOiJTRVAxIn0.c2ln").bytes(),
            Msg.register().replace("Contact:", "Contact: \"a, b\" <sip:x@[2001:db8::1]:5061;transport=tls>;expires=60;q=0.5, sip:y@h").bytes(),
            Msg.register().replace("Contact:", "Contact: *").replace("Expires:", "Expires: 0").with("Subject: a,\r\n b\r\n\tc").bytes(),
            ("REGISTER sip:cucm1 SIP/2.0\r\nv: SIP/2.0/TLS h:1;branch=z9hG4bKa\r\nf: sip:u@h;tag=1\r\nt: sip:u@h\r\ni: c\r\nCSeq: 1 REGISTER\r\nm: <sip:u@h>\r\nl: 3\r\n\r\nabc").getBytes(StandardCharsets.ISO_8859_1),
            ("SIP/2.0 200 OK\r\nVia: SIP/2.0/TLS h;branch=z9hG4bKx\r\nFrom: <sip:a@b>;tag=1\r\nTo: <sip:a@b>;tag=2\r\nCall-ID: x\r\nCSeq: 1 OPTIONS\r\nContent-Length: 0\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));

    static void onlyItsOwnException(SipParser p, byte[] input) {
        try {
            p.parse(input);
        } catch (SipParseException e) {
            assertThat(e.code()).as("a parser defect caught as sip.internal: %s", e.getMessage()).isNotEqualTo("sip.internal");
            assertThat(e.code()).startsWith("sip.");
            assertThat(e.status()).isBetween(400, 599);
            assertThat(e.reason()).matches("[\\x20-\\x7e]{1,128}");
        }
    }

    /** Half the time the header section is mutated and the empty line and body are kept, so mutations reach the header checks. */
    static byte[] mutated(SeededFuzz.Gen g) {
        byte[] seed = SEEDS.get(g.nextInt(SEEDS.size()));
        if (g.nextInt(2) == 0) return g.mutate(seed, ALPHABET);
        String t = new String(seed, StandardCharsets.ISO_8859_1);
        int end = t.indexOf("\r\n\r\n");
        byte[] head = g.mutate(t.substring(0, end).getBytes(StandardCharsets.ISO_8859_1), ALPHABET);
        return (new String(head, StandardCharsets.ISO_8859_1) + t.substring(end)).getBytes(StandardCharsets.ISO_8859_1);
    }

    @Test
    void mutatedValidMessages_giveAMessageOrTheParseException() {
        SeededFuzz.run("sip.mutated", 4000, g -> onlyItsOwnException(parser, mutated(g)));
    }

    @Test
    void hostileStrings_giveTheParseException() {
        SeededFuzz.run("sip.hostile", 1500, g -> {
            String prefix = switch (g.nextInt(3)) {
                case 0 -> "REGISTER sip:a SIP/2.0\r\n";
                case 1 -> new String(SEEDS.get(0), StandardCharsets.ISO_8859_1).substring(0, 200);
                default -> "";
            };
            String s = prefix + g.hostileString(2000, ALPHABET) + (g.nextInt(2) == 0 ? "\r\n\r\n" : "");
            onlyItsOwnException(parser, s.getBytes(g.nextInt(2) == 0 ? StandardCharsets.ISO_8859_1 : StandardCharsets.UTF_8));
        });
    }

    @Test
    void edge_neverThrows_andAnswersAWellFormedResponseOrNothing() {
        Clock clock = Clock.systemUTC();
        SipEdge edge = new SipEdge(parser, new Registrar(clock, Registrar.Policy.defaults()),
                (t, d, c) -> t.length() % 2 == 0 ? new SipEdge.Verdict.Accepted(d) : new SipEdge.Verdict.Refused("invalid_token", "oauth.token-signature"),
                SipEdge.Config.of("cucm1"), clock);
        SipEdge.SipConnection conn = new SipEdge.SipConnection("192.0.2.1:1", Optional.empty(), false);
        SeededFuzz.run("sip.edge", 2000, g -> {
            byte[] in = mutated(g);
            SipEdge.Result r = edge.handle(in, conn);
            if (r.response().length == 0) return;
            String out = new String(r.response(), StandardCharsets.ISO_8859_1);
            assertThat(out).matches("(?s)SIP/2\\.0 [1-6]\\d\\d [\\x20-\\x7e]+\\r\\n.*");
            int end = out.indexOf("\r\n\r\n");
            assertThat(end).isPositive();
            String head = out.substring(0, end);
            for (String line : head.split("\r\n", -1)) assertThat(line).doesNotContain("\r").doesNotContain("\n");
            assertThat(head).contains("\r\nContent-Length: " + (r.response().length - end - 4));
            assertThat(r.response().length).isLessThanOrEqualTo(in.length + 4096);
            assertThat(r.code().orElse("")).isNotEqualTo("sip.internal");
        });
    }

    // ---- linear work: characters scanned, counted by the parser

    record Family(String name, IntFunction<String> make) {}

    static final List<Family> ADVERSARIAL = List.of(
            new Family("many headers", k -> { StringBuilder b = new StringBuilder(); for (int i = 0; i < k; i++) b.append("X-H: v\r\n"); return b.toString(); }),
            new Family("folded lines", k -> "Subject: a" + "\r\n b".repeat(k) + "\r\n"),
            new Family("commas in a quoted display name", k -> "Contact: \"" + ",".repeat(k) + "\" <sip:a@b>\r\n"),
            new Family("many contacts", k -> "Contact: " + "<sip:a@b>,".repeat(k) + "<sip:a@b>\r\n"),
            new Family("angle brackets", k -> "Contact: " + "<".repeat(k) + "\r\n"),
            new Family("escaped quotes", k -> "Contact: \"" + "\\\"".repeat(k) + "\" <sip:a@b>\r\n"),
            new Family("unterminated quote in a list", k -> "Supported: \"" + "a,".repeat(k) + "\r\n"),
            new Family("via parameters", k -> "Via: SIP/2.0/TLS h" + ";a".repeat(k) + "\r\n"),
            new Family("via slashes and spaces", k -> "Via: SIP" + " / ".repeat(k) + "2.0/TLS h\r\n"),
            new Family("uri colons and at-signs", k -> "Contact: <sip:" + ":".repeat(k) + "@".repeat(k) + "h>\r\n"),
            new Family("uri parameters", k -> "Contact: <sip:a@h" + ";p".repeat(k) + ">\r\n"),
            new Family("long bearer token", k -> "Authorization: Bearer " + "a".repeat(k) + "=".repeat(k) + "\r\n"),
            new Family("whitespace runs", k -> "Expires:" + " ".repeat(k) + "60" + " ".repeat(k) + "\r\n"),
            new Family("semicolons", k -> "Contact: <sip:a@b>" + ";".repeat(k) + "q=1\r\n"),
            new Family("contact parameters", k -> "Contact: <sip:a@b>" + ";p=\"x\"".repeat(Math.min(k, 60)) + " ".repeat(k) + "\r\n"));

    String message(Family f, int k) {
        return "REGISTER sip:cucm1 SIP/2.0\r\n" + f.make.apply(k)
                + "Via: SIP/2.0/TLS h;branch=z9hG4bKa\r\nFrom: <sip:u@h>;tag=1\r\nTo: <sip:u@h>\r\nCall-ID: c\r\nCSeq: 1 REGISTER\r\nContent-Length: 0\r\n\r\n";
    }

    long steps(String m) { return roomy.parseCounting(m.getBytes(StandardCharsets.ISO_8859_1)).steps(); }

    @Test
    void work_growsLinearlyWithTheInput_forAdversarialShapes() {
        for (Family f : ADVERSARIAL) {
            int k = 400;
            String small = message(f, k), big = message(f, 8 * k);
            long s1 = steps(small), s8 = steps(big);
            assertThat(s8).as("%s: steps at 8x the input (%d vs %d)", f.name, s8, s1).isLessThanOrEqualTo(8 * s1 + 2000);
            assertThat(s8).as("%s: steps per input byte", f.name).isLessThanOrEqualTo(40L * big.length());
        }
    }

    @Test
    void work_isBoundedPerByte_forFuzzedInput() {
        SeededFuzz.run("sip.linear", 1000, g -> {
            byte[] in = mutated(g);
            assertThat(roomy.parseCounting(in).steps()).isLessThanOrEqualTo(40L * in.length + 200);
        });
    }

    // ---- memory: allocation per message is bounded by its size

    @Test
    void allocation_isBoundedByAConstantTimesTheMessageSize() {
        var mx = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        org.junit.jupiter.api.Assumptions.assumeTrue(mx.isThreadAllocatedMemorySupported() && mx.isThreadAllocatedMemoryEnabled());
        Msg m = Msg.register();
        for (int i = 0; i < 120; i++) m.with("X-Pad-" + i + ": " + "v,".repeat(200));
        byte[] big = m.bytes();
        assertThat(big.length).isBetween(40_000, 65_535);
        for (Family f : ADVERSARIAL) {
            byte[] adv = message(f, 3000).getBytes(StandardCharsets.ISO_8859_1);
            for (byte[] in : List.of(big, adv)) {
                for (int w = 0; w < 3; w++) roomy.parseCounting(in);       // warm-up: class loading is not the parser's
                long before = mx.getCurrentThreadAllocatedBytes();
                roomy.parseCounting(in);
                long used = mx.getCurrentThreadAllocatedBytes() - before;
                assertThat(used).as("%s: bytes allocated for a %d-byte message", f.name, in.length).isLessThanOrEqualTo(96L * in.length + 256 * 1024);
            }
        }
    }

    @Test
    void parsedMessage_holdsNoMoreThanItsInput() {
        SeededFuzz.run("sip.retained", 500, g -> {
            byte[] in = mutated(g);
            SipParser.Counted c = parser.parseCounting(in);
            if (c.message() == null) return;
            long chars = 0;
            for (SipHeaders.Header h : c.message().headers().all()) chars += h.name().length() + h.value().length();
            assertThat(chars + c.message().body().length).isLessThanOrEqualTo(in.length);
            assertThat(c.message().headers().size()).isLessThanOrEqualTo(parser.limits().maxHeaders());
        });
    }
}
