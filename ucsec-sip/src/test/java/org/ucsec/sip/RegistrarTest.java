package org.ucsec.sip;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;

class RegistrarTest {
    static final String AOR = "sip:SEP001122334455@cucm1.example.com";
    final MutableClock clock = MutableClock.at("2026-12-01T12:00:00Z");
    final Registrar registrar = new Registrar(clock, Registrar.Policy.defaults());
    final SipParser parser = new SipParser();
    int cseq = 1;

    SipRequest req(Msg m) { return (SipRequest) parser.parse(m.bytes()); }

    Msg reg(String contact, String expires) {
        Msg m = Msg.register().replace("CSeq:", "CSeq: " + (cseq++) + " REGISTER");
        if (contact == null) m.without("Contact:"); else m.replace("Contact:", "Contact: " + contact);
        if (expires == null) m.without("Expires:"); else m.replace("Expires:", "Expires: " + expires);
        return m;
    }

    Registrar.Outcome register(Msg m) { return registrar.register(AOR, "SEP001122334455", req(m), "192.0.2.10:51234"); }

    List<Registrar.Binding> ok(Msg m) {
        Registrar.Outcome o = register(m);
        assertThat(o).isInstanceOf(Registrar.Outcome.Ok.class);
        return ((Registrar.Outcome.Ok) o).bindings();
    }

    @Test
    void expires_fromTheContactParam_elseTheHeader_elseTheDefault_cappedAtTheMaximum() {
        assertThat(ok(reg("<sip:a@192.0.2.10>;expires=120", "3600")).get(0).remainingSeconds(clock.instant())).isEqualTo(120);
        assertThat(ok(reg("<sip:a@192.0.2.10>", "300")).get(0).remainingSeconds(clock.instant())).isEqualTo(300);
        assertThat(ok(reg("<sip:a@192.0.2.10>", null)).get(0).remainingSeconds(clock.instant())).isEqualTo(3600);
        assertThat(ok(reg("<sip:a@192.0.2.10>", "86400")).get(0).remainingSeconds(clock.instant())).isEqualTo(7200);
    }

    @Test
    void remainingSeconds_roundUp_soAFreshBindingShowsItsFullExpiry() {
        ok(reg("<sip:a@192.0.2.10>", "600"));
        clock.advance(Duration.ofMillis(3));
        assertThat(registrar.bindings(AOR).get(0).remainingSeconds(clock.instant())).isEqualTo(600);
        clock.advance(Duration.ofMillis(997));
        assertThat(registrar.bindings(AOR).get(0).remainingSeconds(clock.instant())).isEqualTo(599);
    }

    @Test
    void credentialEnd_capsTheBinding_evenBelowTheMinimum_without423() {
        var notAfter = java.util.Optional.of(clock.instant().plusSeconds(30));
        Registrar.Outcome o = registrar.register(AOR, "SEP001122334455", req(reg("<sip:a@192.0.2.10>", "3600")), "s", notAfter);
        assertThat(((Registrar.Outcome.Ok) o).bindings().get(0).remainingSeconds(clock.instant())).isEqualTo(30);
        clock.advance(Duration.ofSeconds(30));
        assertThat(registrar.bindings(AOR)).isEmpty();
        // asking below the minimum is still 423, whatever the credential
        assertThat(registrar.register(AOR, "SEP001122334455", req(reg("<sip:a@192.0.2.10>", "10")), "s", java.util.Optional.of(clock.instant().plusSeconds(600))))
                .isEqualTo(new Registrar.Outcome.IntervalTooBrief(60));
    }

    @Test
    void belowTheMinimum_is423_andChangesNothing() {
        ok(reg("<sip:a@192.0.2.10>", "600"));
        Registrar.Outcome o = register(reg("<sip:b@192.0.2.11>, <sip:a@192.0.2.10>;expires=59", "600"));
        assertThat(o).isEqualTo(new Registrar.Outcome.IntervalTooBrief(60));
        assertThat(registrar.bindings(AOR)).extracting(Registrar.Binding::contactKey).containsExactly("sip:a@192.0.2.10");
        assertThat(registrar.bindings(AOR).get(0).remainingSeconds(clock.instant())).isEqualTo(600);
    }

    @Test
    void reRegister_refreshesTheBinding() {
        ok(reg("<sip:a@192.0.2.10;transport=tls>", "600"));
        clock.advance(Duration.ofSeconds(500));
        List<Registrar.Binding> b = ok(reg("<sip:a@192.0.2.10;transport=TLS>", "600"));
        assertThat(b).hasSize(1);
        assertThat(b.get(0).remainingSeconds(clock.instant())).isEqualTo(600);
        clock.advance(Duration.ofSeconds(500));
        assertThat(registrar.bindings(AOR)).hasSize(1);
    }

    @Test
    void expiresZero_removesOneBinding_andStarRemovesAll() {
        ok(reg("<sip:a@192.0.2.10>, <sip:b@192.0.2.11>", "600"));
        assertThat(ok(reg("<sip:a@192.0.2.10>", "0"))).extracting(Registrar.Binding::contactKey).containsExactly("sip:b@192.0.2.11");
        ok(reg("<sip:c@192.0.2.12>;expires=600", null));
        assertThat(registrar.bindings(AOR)).hasSize(2);
        assertThat(ok(reg("*", "0"))).isEmpty();
        assertThat(registrar.bindings(AOR)).isEmpty();
        assertThat(registrar.all()).isEmpty();
    }

    @Test
    void star_withoutExpiresZero_isRefused() {
        ok(reg("<sip:a@192.0.2.10>", "600"));
        assertThat(register(reg("*", "600"))).isEqualTo(new Registrar.Outcome.Refused(400, "Bad Request (Contact * needs Expires: 0)", "sip.contact-star"));
        assertThat(register(reg("*", null))).isInstanceOf(Registrar.Outcome.Refused.class);
        assertThat(registrar.bindings(AOR)).hasSize(1);
    }

    @Test
    void noContact_isAQuery_returningTheBindings() {
        ok(reg("<sip:a@192.0.2.10>", "600"));
        assertThat(ok(reg(null, null))).hasSize(1);
    }

    @Test
    void sameCallIdWithoutAHigherCSeq_isOutOfOrder() {
        ok(reg("<sip:a@192.0.2.10>", "600"));
        cseq--;
        Registrar.Outcome o = register(reg("<sip:a@192.0.2.10>", "0"));
        assertThat(o).isInstanceOfSatisfying(Registrar.Outcome.Refused.class, r -> {
            assertThat(r.status()).isEqualTo(500);
            assertThat(r.code()).isEqualTo("sip.register-out-of-order");
        });
        assertThat(registrar.bindings(AOR)).hasSize(1);
        // another Call-ID (the phone rebooted) may use any CSeq
        Msg m = reg("<sip:a@192.0.2.10>", "0").replace("Call-ID:", "Call-ID: rebooted-1").replace("CSeq:", "CSeq: 1 REGISTER");
        assertThat(ok(m)).isEmpty();
    }

    @Test
    void bindings_expireByClock_andSweepDropsThem() {
        ok(reg("<sip:a@192.0.2.10>", "60"));
        registrar.register("sip:SEP2@cucm1.example.com", "SEP2", req(reg("<sip:b@192.0.2.11>", "3600")), "x");
        clock.advance(Duration.ofSeconds(59));
        assertThat(registrar.all()).hasSize(2);
        clock.advance(Duration.ofSeconds(1));
        assertThat(registrar.bindings(AOR)).isEmpty();
        assertThat(registrar.all()).extracting(Registrar.Binding::aor).containsExactly("sip:SEP2@cucm1.example.com");
        assertThat(registrar.sweep()).isEqualTo(1);
        assertThat(registrar.sweep()).isZero();
    }

    @Test
    void listing_carriesDeviceSourceAndTheContactWithoutExpires() {
        ok(reg("\"x\" <sip:a@192.0.2.10;transport=tls>;+sip.instance=\"<urn:uuid:1>\";expires=600;q=0.5", null));
        Registrar.Binding b = registrar.all().get(0);
        assertThat(b.deviceId()).isEqualTo("SEP001122334455");
        assertThat(b.source()).isEqualTo("192.0.2.10:51234");
        assertThat(b.contact()).isEqualTo("<sip:a@192.0.2.10;transport=tls>;+sip.instance=\"<urn:uuid:1>\";q=0.5");
        assertThat(registrar.removeDevice("SEP001122334455")).isEqualTo(1);
        assertThat(registrar.all()).isEmpty();
    }

    @Test
    void bindingsPerAor_andAors_areBounded() {
        Registrar small = new Registrar(clock, new Registrar.Policy(Duration.ofSeconds(60), Duration.ofSeconds(3600), Duration.ofSeconds(7200), 2, 1));
        assertThat(small.register(AOR, "d", req(reg("<sip:a@h1>, <sip:b@h2>", "600")), "s")).isInstanceOf(Registrar.Outcome.Ok.class);
        assertThat(small.register(AOR, "d", req(reg("<sip:c@h3>", "600")), "s"))
                .isInstanceOfSatisfying(Registrar.Outcome.Refused.class, r -> assertThat(r.code()).isEqualTo("sip.register-too-many-bindings"));
        assertThat(small.register("sip:other@h", "o", req(reg("<sip:c@h3>", "600")), "s"))
                .isInstanceOfSatisfying(Registrar.Outcome.Refused.class, r -> assertThat(r.code()).isEqualTo("sip.registrar-full"));
        assertThat(small.register(AOR, "d", req(reg("*", "0")), "s")).isInstanceOf(Registrar.Outcome.Ok.class);
        assertThat(small.register("sip:other@h", "o", req(reg("<sip:c@h3>", "600")), "s")).isInstanceOf(Registrar.Outcome.Ok.class);
    }

    @Test
    void concurrentRegistrations_ofManyDevices_allLand() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(8);
        List<Future<?>> fs = new ArrayList<>();
        List<SipRequest> reqs = new ArrayList<>();
        for (int i = 0; i < 400; i++) reqs.add(req(reg("<sip:d" + i + "@192.0.2.10>", "600")));
        for (int i = 0; i < 400; i++) {
            int k = i;
            fs.add(pool.submit(() -> registrar.register("sip:SEP" + (k % 100) + "@cucm1", "SEP" + (k % 100), reqs.get(k), "s")));
        }
        for (Future<?> f : fs) f.get();
        pool.shutdown();
        assertThat(registrar.all()).hasSize(400);
        assertThat(registrar.bindings("sip:SEP7@cucm1")).hasSize(4);
    }
}
