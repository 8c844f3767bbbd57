package org.ucsec.node.certs;

import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.mapper.reflect.ConstructorMapper;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Identity certificates and pending CSRs (tables {@code identity_cert}, {@code pending_csr}). Keys only ever sealed. */
public final class IdentityRepo {
    private IdentityRepo() {}

    public record IdentityRow(String node, String purpose, String certPem, String chainPem, String keyEnc, boolean caSigned,
                              boolean multiServer, Instant installedAt) {
        @Override public String toString() { return "IdentityRow[" + node + "/" + purpose + ", caSigned=" + caSigned + ", key=****]"; }
    }

    public record CsrRow(String node, String purpose, String csrPem, String keyEnc, boolean multiServer, Instant createdAt) {
        @Override public String toString() { return "CsrRow[" + node + "/" + purpose + ", multiServer=" + multiServer + ", key=****]"; }
    }

    private static Handle m(Handle h) {
        h.registerRowMapper(ConstructorMapper.factory(IdentityRow.class));
        h.registerRowMapper(ConstructorMapper.factory(CsrRow.class));
        return h;
    }

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
}
