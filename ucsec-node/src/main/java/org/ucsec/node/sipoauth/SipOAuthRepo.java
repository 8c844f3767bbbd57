package org.ucsec.node.sipoauth;

import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.mapper.reflect.ConstructorMapper;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** SIP OAuth ports (O4, table {@code sipoauth_port}) and Expressway-C connections (O5, {@code sipoauth_expressway}). */
public final class SipOAuthRepo {
    private SipOAuthRepo() {}

    public record PortRow(String node, int phonePort, int mraPort, int tokenPort, Instant updatedAt) {}

    public record ExpresswayRow(String host, String description, String subjects, String certPem, Instant updatedAt) {}

    private static Handle m(Handle h) {
        h.registerRowMapper(ConstructorMapper.factory(PortRow.class));
        h.registerRowMapper(ConstructorMapper.factory(ExpresswayRow.class));
        return h;
    }

    public static Optional<PortRow> ports(Handle h, String node) {
        return m(h).createQuery("SELECT * FROM sipoauth_port WHERE node = :n").bind("n", node).mapTo(PortRow.class).findOne();
    }

    public static void putPorts(Handle h, PortRow r) {
        h.createUpdate("DELETE FROM sipoauth_port WHERE node = :node").bindMethods(r).execute();
        h.createUpdate("INSERT INTO sipoauth_port(node, phone_port, mra_port, token_port, updated_at) VALUES (:node, :phonePort, :mraPort, :tokenPort, :updatedAt)").bindMethods(r).execute();
    }

    public static List<ExpresswayRow> expressways(Handle h) {
        return m(h).createQuery("SELECT * FROM sipoauth_expressway ORDER BY host").mapTo(ExpresswayRow.class).list();
    }

    public static Optional<ExpresswayRow> expressway(Handle h, String host) {
        return m(h).createQuery("SELECT * FROM sipoauth_expressway WHERE host = :h").bind("h", host).mapTo(ExpresswayRow.class).findOne();
    }

    public static void putExpressway(Handle h, ExpresswayRow r) {
        h.createUpdate("DELETE FROM sipoauth_expressway WHERE host = :host").bindMethods(r).execute();
        h.createUpdate("INSERT INTO sipoauth_expressway(host, description, subjects, cert_pem, updated_at) VALUES (:host, :description, :subjects, :certPem, :updatedAt)")
                .bindMethods(r).execute();
    }

    public static int deleteExpressway(Handle h, String host) {
        return h.createUpdate("DELETE FROM sipoauth_expressway WHERE host = :h").bind("h", host).execute();
    }
}
