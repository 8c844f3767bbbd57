package org.ucsec.node.tlscontext;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.ucsec.node.platform.Actor;
import org.ucsec.node.platform.Change;
import org.ucsec.node.testing.NodeTest;
import org.ucsec.node.testing.TestNode;
import org.ucsec.node.tlscontext.TlsContextService.ContextChange;
import org.ucsec.node.tlscontext.TlsContextService.TlsContext;
import org.ucsec.pki.catalogue.Catalogue;
import org.ucsec.tls.policy.SecurityMode;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.ucsec.node.testing.Refusals.refused;

/**
 * SPEC S4 (and the S3 peer subjects a context selects) on {@link TlsContextService} over a real store: context names,
 * unknown peer subjects, cipher strings and lists narrowed to what is usable (engine, this JDK with jdk-tls.security,
 * the security mode) with a warning naming what was dropped, the default context, and restarts marked only for the
 * contexts a hosted listener is bound to (listeners.tsv: sip-proxy uses the default context; nothing uses another).
 */
@NodeTest(NodeTest.Scope.PER_TEST)
class TlsContextServiceTest {
    private static final Actor ADMIN = TestNode.admin();
    private static final String DEFAULT = TlsContextService.DEFAULT_CONTEXT;

    private static ContextChange cipherString(String s) { return new ContextChange(null, null, null, s); }
    private static ContextChange ciphers(String... names) { return new ContextChange(null, null, List.of(names), null); }
    private static ContextChange peers(String... cns) { return new ContextChange(null, List.of(cns), null, null); }

    // ------------------------------------------------------------------ names
    @ParameterizedTest(name = "''{0}''")
    @ValueSource(strings = {"", "bad name!", "semi;colon", "slash/context", "ünicode"})
    void contextName_outsideLettersDigitsUnderscoreDotDash_isRefused(String name, TestNode n) {
        String before = n.snapshot();
        refused("tls.context-name-invalid", () -> n.tls().update(ADMIN, name, cipherString("ECDHE+AESGCM")));
        assertThat(n.snapshot()).isEqualTo(before);
    }

    @Test
    void contextName_of128Characters_isTheLongestAccepted(TestNode n) {
        String longest = "C".repeat(128);
        assertThat(n.tls().update(ADMIN, longest, cipherString("ECDHE+AESGCM")).value().name()).isEqualTo(longest);
        refused("tls.context-name-invalid", () -> n.tls().update(ADMIN, longest + "C", cipherString("ECDHE+AESGCM")));
        refused("tls.context-name-invalid", () -> n.tls().update(ADMIN, null, cipherString("ECDHE+AESGCM")));
    }

    // ------------------------------------------------------------------ peer subjects
    @Test
    void unknownPeerSubject_isRefused_andKnownOnesMatchCaseInsensitively_once(TestNode n) {
        n.tls().addPeerSubject(ADMIN, "cucm1.example.com", "CUCM publisher");
        String before = n.snapshot();
        assertThat(refused("tls.peer-subject-unknown", () -> n.tls().update(ADMIN, "Peers", peers("cucm1.example.com", "ghost.example.com"))))
                .hasMessageContaining("ghost.example.com");
        assertThat(n.snapshot()).as("nothing created").isEqualTo(before);
        TlsContext c = n.tls().update(ADMIN, "Peers", peers("CUCM1.example.com", "cucm1.example.com", " ")).value();
        assertThat(c.peerSubjects()).containsExactly("cucm1.example.com");
    }

    @ParameterizedTest(name = "''{0}''")
    @ValueSource(strings = {" ", "not a cn!", "*.example.com", "under_score..example.com"})
    void peerSubject_thatIsNotAHostNameFqdnOrIp_isRefused(String cn, TestNode n) {
        refused("tls.peer-subject-invalid", () -> n.tls().addPeerSubject(ADMIN, cn, null));
        assertThat(n.tls().peerSubjects()).isEmpty();
    }

    @Test
    void peerSubject_longerThan64Characters_isRefused_rfc5280UbCommonName(TestNode n) {
        String cn64 = "a".repeat(50) + ".example.com";       // 62
        cn64 = "ab" + cn64;                                   // 64
        assertThat(cn64).hasSize(64);
        n.tls().addPeerSubject(ADMIN, cn64, null);
        assertThat(refused("tls.peer-subject-invalid", () -> n.tls().addPeerSubject(ADMIN, "x" + "a".repeat(52) + ".example.com", null)))
                .hasMessageContaining("RFC 5280");
        n.tls().addPeerSubject(ADMIN, "10.0.0.5", "an IP address, as peer certificates may carry");
    }

    @Test
    void deletingAPeerSubject_unselectsItEverywhere_andMarksOnlyTheBoundListenersRestart(TestNode n) {
        n.tls().addPeerSubject(ADMIN, "expc.example.com", null);
        n.tls().addPeerSubject(ADMIN, "cucm.example.com", null);
        n.tls().update(ADMIN, "Federation", peers("expc.example.com", "cucm.example.com"));
        assertThat(n.tls().deletePeerSubject(ADMIN, "cucm.example.com").restartsMarked()).as("only Federation selected it").isEmpty();
        n.tls().update(ADMIN, DEFAULT, peers("expc.example.com"));
        Change<?> d = n.tls().deletePeerSubject(ADMIN, "EXPC.example.com");
        assertThat(d.restartsMarked()).containsExactly("sip-proxy@imp1");
        assertThat(n.tls().context("Federation").peerSubjects()).isEmpty();
        assertThat(n.tls().context(DEFAULT).peerSubjects()).isEmpty();
        refused("tls.peer-subject-unknown", () -> n.tls().deletePeerSubject(ADMIN, "expc.example.com"));
    }

    // ------------------------------------------------------------------ cipher strings and lists
    @Test
    void cipherString_keepsTheUsableSuites_andWarnsNamingTheOnesThisJdkDisables(TestNode n) {
        // AES128-GCM-SHA256 is TLS_RSA_WITH_AES_128_GCM_SHA256: jdk-tls.security disables TLS_RSA_* (no forward secrecy)
        Change<TlsContext> c = n.tls().update(ADMIN, "Mixed", cipherString("ECDHE-RSA-AES128-GCM-SHA256:AES128-GCM-SHA256"));
        assertThat(c.value().cipherSuites()).containsExactly("TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256");
        assertThat(c.warnings()).anySatisfy(w -> assertThat(w).contains("left out").contains("TLS_RSA_WITH_AES_128_GCM_SHA256"));
    }

    @Test
    void cipherString_underFips_keepsAesGcm_andWarnsThatChaCha20WasDropped(TestNode n) {
        n.modes().set(ADMIN, SecurityMode.FIPS, true, false);
        Change<TlsContext> c = n.tls().update(ADMIN, "Fips", cipherString("ECDHE-RSA-CHACHA20-POLY1305:ECDHE-RSA-AES128-GCM-SHA256"));
        assertThat(c.value().cipherSuites()).containsExactly("TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256");
        assertThat(c.warnings()).anySatisfy(w -> assertThat(w).contains("TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256"));
        assertThat(n.tls().available()).noneMatch(s -> s.ianaName().contains("CHACHA20"));
    }

    @Test
    void cipherString_setsTheTls12AndOlderSuitesOnly_asOpensslCipherDoes(TestNode n) {
        // OpenSSL: -cipher governs TLS <= 1.2, -ciphersuites TLS 1.3; a context's TLS 1.3 suites follow the policy
        List<String> suites = n.tls().update(ADMIN, "Twelve", cipherString("ECDHE+AESGCM")).value().cipherSuites();
        assertThat(suites).isNotEmpty().allMatch(s -> s.startsWith("TLS_ECDHE_") && s.contains("_GCM_")).noneMatch(s -> s.startsWith("TLS_AES_"));
    }

    @Test
    void cipherString_withAnUnknownWord_isRefusedNamingTheWord(TestNode n) {
        String before = n.snapshot();
        var e = refused("cipher.unknown-word", () -> n.tls().update(ADMIN, "Bogus", cipherString("ECDHE+AESGCM:BOGUSWORD")));
        assertThat(e.details()).containsEntry("word", "BOGUSWORD");
        assertThat(n.snapshot()).isEqualTo(before);
    }

    @Test
    void cipherString_thatSelectsNothing_isRefused(TestNode n) {
        refused("cipher.empty", () -> n.tls().update(ADMIN, "Empty", cipherString("NULL-SHA256:!NULL-SHA256")));
        // selects suites, none of them usable below TLS 1.3 here (TLS_RSA_* disabled by jdk-tls.security)
        refused("tls.context-no-ciphers", () -> n.tls().update(ADMIN, "RsaKx", cipherString("AES128-GCM-SHA256:AES256-GCM-SHA384")));
        assertThat(n.tls().contexts()).extracting(TlsContext::name).containsExactly(DEFAULT);
    }

    @Test
    void explicitSuites_keepTheUsable_refuseWhenNoneIs_andAnUnknownNameIsATypo(TestNode n) {
        Change<TlsContext> c = n.tls().update(ADMIN, "Explicit", ciphers("TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384", "TLS_RSA_WITH_AES_256_GCM_SHA384", "TLS_AES_128_GCM_SHA256"));
        assertThat(c.value().cipherSuites()).containsExactly("TLS_AES_128_GCM_SHA256", "TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384");
        assertThat(c.warnings()).anySatisfy(w -> assertThat(w).contains("TLS_RSA_WITH_AES_256_GCM_SHA384"));
        String before = n.snapshot();
        var none = refused("tls.cipher-unavailable", () -> n.tls().update(ADMIN, "Explicit", ciphers("TLS_RSA_WITH_AES_256_GCM_SHA384")));
        assertThat(none).hasMessageContaining("TLS_RSA_WITH_AES_256_GCM_SHA384");
        assertThat(none.details()).containsKey("dropped");
        assertThat(refused("tls.cipher-unknown", () -> n.tls().update(ADMIN, "Explicit", ciphers("TLS_NOT_A_SUITE")))).hasMessageContaining("TLS_NOT_A_SUITE");
        refused("tls.context-no-ciphers", () -> n.tls().update(ADMIN, "Explicit", ciphers("", " ")));
        assertThat(n.snapshot()).isEqualTo(before);
    }

    @Test
    void explicitSuites_mayBeSpelledAsOpensslNames(TestNode n) {
        assertThat(n.tls().update(ADMIN, "Spelled", ciphers("ECDHE-RSA-AES256-GCM-SHA384")).value().cipherSuites())
                .containsExactly("TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384");
    }

    // ------------------------------------------------------------------ the default context
    @Test
    void defaultContext_existsFromTheFirstStart_withTheDefaultCipherString_andCannotBeDeleted(TestNode n) {
        TlsContext d = n.tls().context(DEFAULT);
        assertThat(d.isDefault()).isTrue();
        assertThat(d.cipherSuites()).isNotEmpty().allMatch(s -> s.startsWith("TLS_ECDHE_") || s.startsWith("TLS_DHE_RSA_"));
        String before = n.snapshot();
        refused("tls.context-default", () -> n.tls().delete(ADMIN, DEFAULT));
        assertThat(n.snapshot()).isEqualTo(before);
        refused("tls.context-unknown", () -> n.tls().delete(ADMIN, "Nope"));
        refused("tls.context-unknown", () -> n.tls().context("Nope"));
    }

    @Test
    void readOnlyOperator_cannotChangeContextsOrPeerSubjects(TestNode n) {
        Actor viewer = new Actor("viewer", Actor.Role.READ_ONLY, false);
        refused("auth.read-only", () -> n.tls().update(viewer, "X", cipherString("ECDHE+AESGCM")));
        refused("auth.read-only", () -> n.tls().delete(viewer, "X"));
        refused("auth.read-only", () -> n.tls().addPeerSubject(viewer, "a.example.com", null));
        refused("auth.read-only", () -> n.tls().deletePeerSubject(viewer, "a.example.com"));
    }

    // ------------------------------------------------------------------ restarts: only where a listener is bound (listeners.tsv)
    @Test
    void changingTheDefaultContext_marksTheSipProxyRestart_becauseItsListenerIsBoundToIt(TestNode n) {
        assertThat(Catalogue.get().restartsForTlsContext(DEFAULT)).as("listeners.tsv: sip-proxy uses the default context").isNotEmpty();
        Change<TlsContext> c = n.tls().update(ADMIN, DEFAULT, cipherString("ECDHE-RSA-AES256-GCM-SHA384"));
        assertThat(c.restartsMarked()).containsExactly("sip-proxy@imp1");
        assertThat(c.warnings()).anySatisfy(w -> assertThat(w).contains("no peer subject is selected").contains("admit nobody"));
        assertThat(n.restarts().list()).filteredOn(s -> s.id().equals("sip-proxy")).singleElement()
                .satisfies(s -> assertThat(s.pendingReason()).contains(DEFAULT + " changed"));
    }

    @Test
    void aContextNoListenerIsBoundTo_marksNoRestart_andSaysSo(TestNode n) {
        assertThat(Catalogue.get().restartsForTlsContext("Federation")).isEmpty();
        String services = n.snapshot();
        Change<TlsContext> created = n.tls().update(ADMIN, "Federation", cipherString("ECDHE+AESGCM"));
        assertThat(created.restartsMarked()).isEmpty();
        assertThat(created.warnings()).anySatisfy(w -> assertThat(w).contains("no hosted listener is bound to Federation"))
                .noneSatisfy(w -> assertThat(w).contains("admit nobody"));
        assertThat(n.tls().update(ADMIN, "Federation", new ContextChange("federation peers", null, null, null)).restartsMarked()).isEmpty();
        assertThat(n.tls().delete(ADMIN, "Federation").restartsMarked()).isEmpty();
        assertThat(n.restarts().list()).noneMatch(s -> s.restartPending());
        assertThat(n.snapshot()).as("created and deleted again: as before").isEqualTo(services);
    }
}
