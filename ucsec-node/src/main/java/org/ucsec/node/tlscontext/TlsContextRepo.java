package org.ucsec.node.tlscontext;

import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.mapper.reflect.ConstructorMapper;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** TLS peer subjects and named TLS contexts (tables {@code tls_peer_subject}, {@code tls_context}). */
public final class TlsContextRepo {
    private TlsContextRepo() {}

    public record PeerSubjectRow(String cn, String description, Instant createdAt) {}

    public record TlsContextRow(String name, String description, String cipherSuites, String peerSubjects, Instant updatedAt) {}

    private static Handle m(Handle h) {
        h.registerRowMapper(ConstructorMapper.factory(PeerSubjectRow.class));
        h.registerRowMapper(ConstructorMapper.factory(TlsContextRow.class));
        return h;
    }

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
}
