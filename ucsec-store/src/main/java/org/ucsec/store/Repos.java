package org.ucsec.store;

import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.mapper.reflect.ConstructorMapper;
import org.ucsec.store.Records.*;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Data access, one method per statement; every method runs inside the caller's transaction (handle). */
public final class Repos {
    private Repos() {}

    private static Handle m(Handle h) {
        h.registerRowMapper(ConstructorMapper.factory(NodeRow.class));
        h.registerRowMapper(ConstructorMapper.factory(IdentityRow.class));
        h.registerRowMapper(ConstructorMapper.factory(CsrRow.class));
        h.registerRowMapper(ConstructorMapper.factory(TrustRow.class));
        h.registerRowMapper(ConstructorMapper.factory(RestartRow.class));
        h.registerRowMapper(ConstructorMapper.factory(ServiceStateRow.class));
        h.registerRowMapper(ConstructorMapper.factory(AuditRow.class));
        h.registerRowMapper(ConstructorMapper.factory(TokenRow.class));
        h.registerRowMapper(ConstructorMapper.factory(PeerSubjectRow.class));
        h.registerRowMapper(ConstructorMapper.factory(TlsContextRow.class));
        return h;
    }

    // ------------------------------------------------------------------ nodes
    public static List<NodeRow> nodes(Handle h) {
        return m(h).createQuery("SELECT * FROM node ORDER BY created_at, name").mapTo(NodeRow.class).list();
    }

    public static Optional<NodeRow> node(Handle h, String name) {
        return m(h).createQuery("SELECT * FROM node WHERE name = :n").bind("n", name).mapTo(NodeRow.class).findOne();
    }

    public static void insertNode(Handle h, NodeRow n) {
        h.createUpdate("INSERT INTO node(name, fqdn, hostname, product, role, federation, created_at) VALUES (:name, :fqdn, :hostname, :product, :role, :federation, :createdAt)")
                .bindMethods(n).execute();
    }

    // ------------------------------------------------------------------ identity certificates
    public static Optional<IdentityRow> identity(Handle h, String node, String purpose) {
        return m(h).createQuery("SELECT * FROM identity_cert WHERE node = :n AND purpose = :p").bind("n", node).bind("p", purpose)
                .mapTo(IdentityRow.class).findOne();
    }

    public static List<IdentityRow> identities(Handle h, String node) {
        return m(h).createQuery("SELECT * FROM identity_cert WHERE node = :n ORDER BY purpose").bind("n", node).mapTo(IdentityRow.class).list();
    }

    public static void putIdentity(Handle h, IdentityRow r) {
        h.createUpdate("DELETE FROM identity_cert WHERE node = :node AND purpose = :purpose").bindMethods(r).execute();
        h.createUpdate("INSERT INTO identity_cert(node, purpose, cert_pem, chain_pem, key_enc, ca_signed, multi_server, installed_at) "
                + "VALUES (:node, :purpose, :certPem, :chainPem, :keyEnc, :caSigned, :multiServer, :installedAt)").bindMethods(r).execute();
    }

    // ------------------------------------------------------------------ pending CSRs
    public static Optional<CsrRow> csr(Handle h, String node, String purpose) {
        return m(h).createQuery("SELECT * FROM pending_csr WHERE node = :n AND purpose = :p").bind("n", node).bind("p", purpose)
                .mapTo(CsrRow.class).findOne();
    }

    public static List<CsrRow> csrs(Handle h) {
        return m(h).createQuery("SELECT * FROM pending_csr ORDER BY node, purpose").mapTo(CsrRow.class).list();
    }

    public static void putCsr(Handle h, CsrRow r) {
        h.createUpdate("DELETE FROM pending_csr WHERE node = :node AND purpose = :purpose").bindMethods(r).execute();
        h.createUpdate("INSERT INTO pending_csr(node, purpose, csr_pem, key_enc, multi_server, created_at) "
                + "VALUES (:node, :purpose, :csrPem, :keyEnc, :multiServer, :createdAt)").bindMethods(r).execute();
    }

    public static void deleteCsr(Handle h, String node, String purpose) {
        h.createUpdate("DELETE FROM pending_csr WHERE node = :n AND purpose = :p").bind("n", node).bind("p", purpose).execute();
    }

    // ------------------------------------------------------------------ trust stores
    public static List<TrustRow> trust(Handle h, String store) {
        return m(h).createQuery("SELECT * FROM trust_entry WHERE store = :s ORDER BY name").bind("s", store).mapTo(TrustRow.class).list();
    }

    public static List<TrustRow> allTrust(Handle h) {
        return m(h).createQuery("SELECT * FROM trust_entry ORDER BY store, name").mapTo(TrustRow.class).list();
    }

    public static boolean trustNameTaken(Handle h, String store, String name) {
        return h.createQuery("SELECT COUNT(*) FROM trust_entry WHERE store = :s AND name = :n").bind("s", store).bind("n", name).mapTo(Integer.class).one() > 0;
    }

    public static void insertTrust(Handle h, TrustRow r) {
        h.createUpdate("INSERT INTO trust_entry(store, name, fingerprint, cert_pem, subject, issuer, self_signed, description, origin_node, origin_purpose, added_at) "
                + "VALUES (:store, :name, :fingerprint, :certPem, :subject, :issuer, :selfSigned, :description, :originNode, :originPurpose, :addedAt)").bindMethods(r).execute();
    }

    public static int deleteTrust(Handle h, String store, String fingerprint) {
        return h.createUpdate("DELETE FROM trust_entry WHERE store = :s AND fingerprint = :f").bind("s", store).bind("f", fingerprint).execute();
    }

    // ------------------------------------------------------------------ restarts
    public static void markRestart(Handle h, String node, String service, String reason, Instant at) {
        var existing = m(h).createQuery("SELECT * FROM restart_pending WHERE node = :n AND service = :s").bind("n", node).bind("s", service)
                .mapTo(RestartRow.class).findOne();
        if (existing.isPresent()) {
            String merged = existing.get().reason().contains(reason) ? existing.get().reason() : existing.get().reason() + "; " + reason;
            if (merged.length() > 2000) merged = merged.substring(0, 2000);
            h.createUpdate("UPDATE restart_pending SET reason = :r WHERE node = :n AND service = :s").bind("r", merged).bind("n", node).bind("s", service).execute();
        } else {
            h.createUpdate("INSERT INTO restart_pending(node, service, reason, requested_at) VALUES (:n, :s, :r, :a)")
                    .bind("n", node).bind("s", service).bind("r", reason).bind("a", at).execute();
        }
    }

    public static List<RestartRow> restarts(Handle h) {
        return m(h).createQuery("SELECT * FROM restart_pending ORDER BY node, service").mapTo(RestartRow.class).list();
    }

    public static void clearRestart(Handle h, String node, String service, Instant at, String result) {
        h.createUpdate("DELETE FROM restart_pending WHERE node = :n AND service = :s").bind("n", node).bind("s", service).execute();
        h.createUpdate("DELETE FROM service_state WHERE node = :n AND service = :s").bind("n", node).bind("s", service).execute();
        h.createUpdate("INSERT INTO service_state(node, service, last_restart, last_result) VALUES (:n, :s, :a, :r)")
                .bind("n", node).bind("s", service).bind("a", at).bind("r", result).execute();
    }

    public static List<ServiceStateRow> serviceStates(Handle h) {
        return m(h).createQuery("SELECT * FROM service_state ORDER BY node, service").mapTo(ServiceStateRow.class).list();
    }

    // ------------------------------------------------------------------ settings
    public static Optional<String> setting(Handle h, String scope, String name) {
        return h.createQuery("SELECT val FROM setting WHERE scope = :s AND name = :n").bind("s", scope).bind("n", name).mapTo(String.class).findOne();
    }

    public static void putSetting(Handle h, String scope, String name, String value) {
        h.createUpdate("DELETE FROM setting WHERE scope = :s AND name = :n").bind("s", scope).bind("n", name).execute();
        h.createUpdate("INSERT INTO setting(scope, name, val) VALUES (:s, :n, :v)").bind("s", scope).bind("n", name).bind("v", value).execute();
    }

    public static void deleteSetting(Handle h, String scope, String name) {
        h.createUpdate("DELETE FROM setting WHERE scope = :s AND name = :n").bind("s", scope).bind("n", name).execute();
    }

    // ------------------------------------------------------------------ audit
    public static void audit(Handle h, Instant at, String actor, String action, String target, String detail) {
        h.createUpdate("INSERT INTO audit_log(occurred_at, actor, action, target, detail) VALUES (:at, :actor, :action, :target, :detail)")
                .bind("at", at).bind("actor", actor).bind("action", action).bind("target", target).bind("detail", detail).execute();
    }

    public static List<AuditRow> auditLog(Handle h, int limit) {
        return m(h).createQuery("SELECT * FROM audit_log ORDER BY id DESC LIMIT :l").bind("l", limit).mapTo(AuditRow.class).list();
    }

    // ------------------------------------------------------------------ TLS peer subjects and contexts
    public static List<PeerSubjectRow> peerSubjects(Handle h) {
        return m(h).createQuery("SELECT * FROM tls_peer_subject ORDER BY cn").mapTo(PeerSubjectRow.class).list();
    }

    public static void insertPeerSubject(Handle h, PeerSubjectRow r) {
        h.createUpdate("INSERT INTO tls_peer_subject(cn, description, created_at) VALUES (:cn, :description, :createdAt)").bindMethods(r).execute();
    }

    public static int deletePeerSubject(Handle h, String cn) {
        return h.createUpdate("DELETE FROM tls_peer_subject WHERE cn = :cn").bind("cn", cn).execute();
    }

    public static List<TlsContextRow> tlsContexts(Handle h) {
        return m(h).createQuery("SELECT * FROM tls_context ORDER BY name").mapTo(TlsContextRow.class).list();
    }

    public static Optional<TlsContextRow> tlsContext(Handle h, String name) {
        return m(h).createQuery("SELECT * FROM tls_context WHERE name = :n").bind("n", name).mapTo(TlsContextRow.class).findOne();
    }

    public static void putTlsContext(Handle h, TlsContextRow r) {
        h.createUpdate("DELETE FROM tls_context WHERE name = :name").bindMethods(r).execute();
        h.createUpdate("INSERT INTO tls_context(name, description, cipher_suites, peer_subjects, updated_at) VALUES (:name, :description, :cipherSuites, :peerSubjects, :updatedAt)")
                .bindMethods(r).execute();
    }

    public static int deleteTlsContext(Handle h, String name) {
        return h.createUpdate("DELETE FROM tls_context WHERE name = :n").bind("n", name).execute();
    }

    // ------------------------------------------------------------------ API tokens
    public static Optional<TokenRow> token(Handle h, String hash) {
        return m(h).createQuery("SELECT * FROM api_token WHERE token_hash = :h").bind("h", hash).mapTo(TokenRow.class).findOne();
    }

    public static void insertToken(Handle h, TokenRow t) {
        h.createUpdate("INSERT INTO api_token(token_hash, name, role, can_delete, created_at) VALUES (:tokenHash, :name, :role, :canDelete, :createdAt)")
                .bindMethods(t).execute();
    }

    public static void deleteTokensNamed(Handle h, String name) {
        h.createUpdate("DELETE FROM api_token WHERE name = :n").bind("n", name).execute();
    }
}
