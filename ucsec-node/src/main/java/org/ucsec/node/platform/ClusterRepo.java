package org.ucsec.node.platform;

import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.mapper.reflect.ConstructorMapper;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** The cluster's nodes (table {@code node}): every capability that acts per node or cluster-wide reads them here. */
public final class ClusterRepo {
    private ClusterRepo() {}

    public record NodeRow(String name, String fqdn, String hostname, String product, String role, boolean federation, Instant createdAt) {}

    private static Handle m(Handle h) { h.registerRowMapper(ConstructorMapper.factory(NodeRow.class)); return h; }

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
}
