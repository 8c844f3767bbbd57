package org.ucsec.node.audit;

import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.mapper.reflect.ConstructorMapper;

import java.time.Instant;
import java.util.List;

/** The audit log (table {@code audit_log}): every change writes its line in the change's own transaction. */
public final class AuditRepo {
    private AuditRepo() {}

    public record AuditRow(long id, Instant occurredAt, String actor, String action, String target, String detail) {}

    public static void audit(Handle h, Instant at, String actor, String action, String target, String detail) {
        h.createUpdate("INSERT INTO audit_log(occurred_at, actor, action, target, detail) VALUES (:at, :actor, :action, :target, :detail)")
                .bind("at", at).bind("actor", actor).bind("action", action).bind("target", target).bind("detail", detail).execute();
    }

    public static List<AuditRow> auditLog(Handle h, int limit) {
        h.registerRowMapper(ConstructorMapper.factory(AuditRow.class));
        return h.createQuery("SELECT * FROM audit_log ORDER BY id DESC LIMIT :l").bind("l", limit).mapTo(AuditRow.class).list();
    }
}
