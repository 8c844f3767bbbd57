package org.ucsec.node.restarts;

import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.mapper.reflect.ConstructorMapper;

import java.time.Instant;
import java.util.List;

/** Pending restarts and the last restart of each service per node (tables {@code restart_pending}, {@code service_state}). */
public final class RestartRepo {
    private RestartRepo() {}

    public record RestartRow(String node, String service, String reason, Instant requestedAt) {}

    public record ServiceStateRow(String node, String service, Instant lastRestart, String lastResult) {}

    private static Handle m(Handle h) {
        h.registerRowMapper(ConstructorMapper.factory(RestartRow.class));
        h.registerRowMapper(ConstructorMapper.factory(ServiceStateRow.class));
        return h;
    }

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
}
