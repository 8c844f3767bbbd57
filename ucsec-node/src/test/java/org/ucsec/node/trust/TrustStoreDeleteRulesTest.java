package org.ucsec.node.trust;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.ucsec.core.UcsecException;
import org.ucsec.node.platform.Actor;
import org.ucsec.node.platform.SettingsRepo;
import org.ucsec.node.testing.NodeTest;
import org.ucsec.node.testing.TestCa;
import org.ucsec.node.testing.TestNode;
import org.ucsec.node.trust.TrustStoreService.TrustEntry;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.ucsec.node.testing.Refusals.refused;

/**
 * SPEC C10, rule by rule, on {@link TrustStoreService#delete} over a real store (seed 001, "delete self-signed trust
 * certificates": issuer = subject; only tomcat-trust, cup-xmpp-trust, cup-trust, ipsec-trust; the service has a
 * CA-signed certificate; 30-minute cleanup hold; the operator may delete) plus ucsec's own rule: never the anchor of an
 * installed chain. Each test asserts the error code and that a refusal changes nothing. Time moves on the node's clock.
 */
@NodeTest(NodeTest.Scope.PER_TEST)
class TrustStoreDeleteRulesTest {
    private static final Actor ADMIN = TestNode.admin();

    /** The self-signed identity entry the node put into {@code store} for {@code purpose} at its first start. */
    private static TrustEntry selfSigned(TestNode n, String store, String purpose) {
        return n.trust().list(store).stream().filter(e -> e.origin().equals("self-signed " + purpose + " of imp1")).findFirst()
                .orElseThrow(() -> new AssertionError("no self-signed " + purpose + " entry in " + store));
    }

    private static TrustEntry bySubject(TestNode n, String store, String cn) {
        return n.trust().list(store).stream().filter(e -> e.certificate().subject().contains("CN=" + cn)).findFirst()
                .orElseThrow(() -> new AssertionError("no " + cn + " in " + store));
    }

    /** Deletion refused with {@code code}, and nothing in the store changed. */
    private static UcsecException refusedUnchanged(TestNode n, String code, Actor actor, String store, String entry) {
        String before = n.snapshot();
        UcsecException e = refused(code, () -> n.trust().delete(actor, store, entry));
        assertThat(n.snapshot()).as("a refused delete changes nothing").isEqualTo(before);
        return e;
    }

    private static Instant installedAt(TestNode n, String purpose) { return n.certs().get(purpose).installedAt(); }

    // ------------------------------------------------------------------ rule: the operator may delete (X5 delete right)
    @Test
    void operatorWithoutTheDeleteRight_isRefused_beforeAnyOtherRule(TestNode n) {
        Actor noDelete = new Actor("auditor", Actor.Role.ADMIN, false);
        String entry = selfSigned(n, "cup-trust", "cup").name();
        assertThat(refusedUnchanged(n, "auth.delete-not-allowed", noDelete, "cup-trust", entry)).hasMessageContaining("auditor");
        // even for an entry that does not exist: the right is checked first
        refused("auth.delete-not-allowed", () -> n.trust().delete(noDelete, "cup-trust", "no-such-entry"));
    }

    @Test
    void readOnlyOperator_withTheDeleteRight_isStillReadOnly(TestNode n) {
        Actor readOnly = new Actor("viewer", Actor.Role.READ_ONLY, true);
        refusedUnchanged(n, "auth.read-only", readOnly, "cup-trust", selfSigned(n, "cup-trust", "cup").name());
    }

    // ------------------------------------------------------------------ issue 7 item 7: uploaded or imported entries
    // C10's rules (self-signed only, the seed's four stores, CA-signed service, hold) hold the entries ucsec itself put
    // there; an uploaded or imported CA or peer certificate goes for an operator with delete rights unless it anchors or
    // issues an installed identity chain (then the refusal names that identity certificate).
    @Test
    void uploadedIntermediate_issuingTheInstalledChain_isInUse_namingTheIdentity(TestNode n) {
        TestCa ca = TestCa.rsa(n, "Chain");
        ca.install(n, "tomcat");
        n.clock.advance(Duration.ofHours(2));
        TrustEntry issuing = bySubject(n, "tomcat-trust", ca.intSubject());
        assertThat(refusedUnchanged(n, "trust.delete-in-use", ADMIN, "tomcat-trust", issuing.name()))
                .hasMessageContaining("Chain Issuing CA").hasMessageContaining("installed tomcat certificate");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"phone-edge-trust", "CallManager-trust", "CAPF-trust", "TVS-trust"})
    void uploadedRoot_inAStoreOutsideTheSeedsList_isDeletable_auditedAndRestartsMarked(String store, TestNode n) {
        TestCa ca = TestCa.ec(n, "Edge");
        String name = n.trust().importCertificates(ADMIN, store, ca.rootPem().getBytes(StandardCharsets.US_ASCII), null).value().added().get(0).name();
        var change = n.trust().delete(ADMIN, store, name);
        assertThat(change.value().name()).isEqualTo(name);
        refused("trust.not-found", () -> n.trust().get(store, name));
        assertThat(n.cli("show", "audit", "--limit", "3").ok().out()).contains("trust.delete").contains(store);
    }

    // ------------------------------------------------------------------ rule: the service has a CA-signed certificate
    @Test
    void selfSignedEntry_ofAServiceWithoutACaSignedCertificate_isRefused(TestNode n) {
        for (String[] sp : new String[][]{{"tomcat-trust", "tomcat"}, {"cup-trust", "cup"}, {"cup-xmpp-trust", "cup-xmpp"}, {"ipsec-trust", "ipsec"}}) {
            n.clock.advance(Duration.ofDays(1)); // long after first start: the hold is not what refuses
            assertThat(refusedUnchanged(n, "trust.delete-service-not-ca-signed", ADMIN, sp[0], selfSigned(n, sp[0], sp[1]).name()))
                    .hasMessageContaining(sp[1]);
        }
    }

    @Test
    void selfSignedCupEntry_staysWhileOnlyCupEcdsaIsCaSigned_theEntrysOwnPurposeCounts(TestNode n) {
        TestCa.ec(n, "EcOnly").install(n, "cup-ECDSA");
        n.clock.advance(Duration.ofHours(1));
        refusedUnchanged(n, "trust.delete-service-not-ca-signed", ADMIN, "cup-trust", selfSigned(n, "cup-trust", "cup").name());
        // while the self-signed cup-ECDSA entry of the same store, whose purpose is CA-signed, goes
        assertThat(n.trust().delete(ADMIN, "cup-trust", selfSigned(n, "cup-trust", "cup-ECDSA").name()).value().store()).isEqualTo("cup-trust");
    }

    // ------------------------------------------------------------------ rule: the 30-minute hold, on the injected clock
    @Test
    void within30MinutesOfTheCaSignedInstall_isRefusedSayingUntilWhen_thenAllowed(TestNode n) {
        String entry = selfSigned(n, "tomcat-trust", "tomcat").name();
        TestCa.rsa(n, "Hold").install(n, "tomcat");
        Instant allowedAt = installedAt(n, "tomcat").plus(TrustStoreService.DEFAULT_HOLD);
        assertThat(TrustStoreService.DEFAULT_HOLD).isEqualTo(Duration.ofMinutes(30));

        n.clock.advance(Duration.ofMinutes(29));
        UcsecException e = refusedUnchanged(n, "trust.delete-hold", ADMIN, "tomcat-trust", entry);
        assertThat(e).hasMessageContaining("30-minute");
        assertThat(e.details()).containsEntry("allowedAt", allowedAt.toString());

        n.clock.set(allowedAt.minusSeconds(5));
        refusedUnchanged(n, "trust.delete-hold", ADMIN, "tomcat-trust", entry);

        n.clock.set(allowedAt);
        assertThat(n.trust().delete(ADMIN, "tomcat-trust", entry).value().name()).isEqualTo(entry);
    }

    @Test
    void theHold_isTheClusterSetting_whenOneIsStored(TestNode n) {
        n.node.context().store().tx(h -> { SettingsRepo.put(h, "cluster", TrustStoreService.HOLD_SETTING, "5"); return null; });
        assertThat(n.trust().cleanupHold()).isEqualTo(Duration.ofMinutes(5));
        String entry = selfSigned(n, "ipsec-trust", "ipsec").name();
        TestCa.rsa(n, "Short").install(n, "ipsec");
        n.clock.advance(Duration.ofMinutes(4));
        assertThat(refusedUnchanged(n, "trust.delete-hold", ADMIN, "ipsec-trust", entry)).hasMessageContaining("5-minute");
        n.clock.advance(Duration.ofMinutes(2));
        n.trust().delete(ADMIN, "ipsec-trust", entry);
    }

    // ------------------------------------------------------------------ ucsec's rule: never the anchor of an installed chain
    @Test
    void rootAnchoringTheInstalledChain_isInUse_whileAnotherUploadedRootGoes(TestNode n) {
        TestCa anchor = TestCa.rsa(n, "Anchor");
        TestCa unused = TestCa.ec(n, "Unused");
        anchor.install(n, "tomcat");
        n.trust().importCertificates(ADMIN, "tomcat-trust", unused.rootPem().getBytes(StandardCharsets.US_ASCII), "no longer used");
        n.clock.advance(Duration.ofMinutes(31));
        assertThat(refusedUnchanged(n, "trust.delete-in-use", ADMIN, "tomcat-trust", bySubject(n, "tomcat-trust", anchor.rootSubject()).name()))
                .hasMessageContaining("tomcat");
        // an uploaded root (no origin) belongs to every purpose using the store; tomcat is CA-signed and past the hold
        n.trust().delete(ADMIN, "tomcat-trust", bySubject(n, "tomcat-trust", unused.rootSubject()).name());
        assertThat(n.trust().list("tomcat-trust")).noneMatch(e -> e.certificate().subject().contains(unused.rootSubject()));
    }

    // ------------------------------------------------------------------ the happy path
    @Test
    void allowedDelete_removesTheEntry_marksTheStoresRestarts_andIsAudited(TestNode n) {
        TrustEntry entry = selfSigned(n, "cup-xmpp-trust", "cup-xmpp");
        TestCa.rsa(n, "Xmpp").install(n, "cup-xmpp");
        n.clock.advance(Duration.ofMinutes(30));
        // by fingerprint prefix, as operators may name it
        var change = n.trust().delete(ADMIN, "cup-xmpp-trust", entry.certificate().sha256Fingerprint().substring(0, 11));
        assertThat(change.value().name()).isEqualTo(entry.name());
        // trust-stores.tsv: cup-xmpp-trust restarts xcp-router@cluster and intercluster-sync@node
        assertThat(change.restartsMarked()).contains("xcp-router@imp1", "intercluster-sync@imp1");
        refused("trust.not-found", () -> n.trust().get("cup-xmpp-trust", entry.name()));
        assertThat(n.cli("show", "audit", "--limit", "3").ok().out()).contains("trust.delete").contains("test-admin");
    }

    @Test
    void unknownEntryOrStore_areNamed(TestNode n) {
        assertThat(refused("trust.not-found", () -> n.trust().delete(ADMIN, "tomcat-trust", "ghost.pem"))).hasMessageContaining("ghost.pem");
        refused("store.unknown", () -> n.trust().delete(ADMIN, "nope-trust", "x"));
    }
}
