package org.ucsec.node.trust;

import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.mapper.reflect.ConstructorMapper;

import java.time.Instant;
import java.util.List;

/** CRLs uploaded per trust store (table {@code trust_crl}, migration V3). */
public final class CrlRepo {
    private CrlRepo() {}

    public record CrlRow(String store, String fingerprint, String issuer, Instant thisUpdate, Instant nextUpdate, int entries,
                         String crlDer, String description, Instant addedAt) {}

    private static Handle m(Handle h) { h.registerRowMapper(ConstructorMapper.factory(CrlRow.class)); return h; }

    public static List<CrlRow> crls(Handle h, String store) {
        return m(h).createQuery("SELECT * FROM trust_crl WHERE store = :s ORDER BY issuer, this_update").bind("s", store).mapTo(CrlRow.class).list();
    }

    public static void insert(Handle h, CrlRow r) {
        h.createUpdate("INSERT INTO trust_crl(store, fingerprint, issuer, this_update, next_update, entries, crl_der, description, added_at) "
                + "VALUES (:store, :fingerprint, :issuer, :thisUpdate, :nextUpdate, :entries, :crlDer, :description, :addedAt)").bindMethods(r).execute();
    }

    public static int delete(Handle h, String store, String fingerprint) {
        return h.createUpdate("DELETE FROM trust_crl WHERE store = :s AND fingerprint = :f").bind("s", store).bind("f", fingerprint).execute();
    }
}
