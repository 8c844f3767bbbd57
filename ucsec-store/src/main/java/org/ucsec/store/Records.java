package org.ucsec.store;

import java.time.Instant;

/** Rows of the store. Sealed key material is only ever the encrypted string; never printed. */
public final class Records {
    private Records() {}

    public record NodeRow(String name, String fqdn, String hostname, String product, String role, boolean federation, Instant createdAt) {}

    public record IdentityRow(String node, String purpose, String certPem, String chainPem, String keyEnc, boolean caSigned,
                              boolean multiServer, Instant installedAt) {
        @Override public String toString() { return "IdentityRow[" + node + "/" + purpose + ", caSigned=" + caSigned + ", key=****]"; }
    }

    public record CsrRow(String node, String purpose, String csrPem, String keyEnc, boolean multiServer, Instant createdAt) {
        @Override public String toString() { return "CsrRow[" + node + "/" + purpose + ", multiServer=" + multiServer + ", key=****]"; }
    }

    public record TrustRow(String store, String name, String fingerprint, String certPem, String subject, String issuer,
                           boolean selfSigned, String description, String originNode, String originPurpose, Instant addedAt) {}

    public record RestartRow(String node, String service, String reason, Instant requestedAt) {}

    public record ServiceStateRow(String node, String service, Instant lastRestart, String lastResult) {}

    public record AuditRow(long id, Instant occurredAt, String actor, String action, String target, String detail) {}

    public record PeerSubjectRow(String cn, String description, Instant createdAt) {}

    public record TlsContextRow(String name, String description, String cipherSuites, String peerSubjects, Instant updatedAt) {}

    public record TokenRow(String tokenHash, String name, String role, boolean canDelete, Instant createdAt) {}
}
