package org.ucsec.node.trust;

import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.mapper.reflect.ConstructorMapper;

import java.time.Instant;
import java.util.List;

/** Trust-store entries (table {@code trust_entry}). */
public final class TrustRepo {
    private TrustRepo() {}

    public record TrustRow(String store, String name, String fingerprint, String certPem, String subject, String issuer,
                           boolean selfSigned, String description, String originNode, String originPurpose, Instant addedAt) {}

    private static Handle m(Handle h) { h.registerRowMapper(ConstructorMapper.factory(TrustRow.class)); return h; }

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
}
