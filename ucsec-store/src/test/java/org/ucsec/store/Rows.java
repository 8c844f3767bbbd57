package org.ucsec.store;

import org.jdbi.v3.core.Handle;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;

/** Plain SQL on the store's own tables (setting, audit_log) for the store tests; the repositories live in the node. */
final class Rows {
    private Rows() {}

    static void putSetting(Handle h, String scope, String name, String value) {
        h.createUpdate("DELETE FROM setting WHERE scope = :s AND name = :n").bind("s", scope).bind("n", name).execute();
        h.createUpdate("INSERT INTO setting(scope, name, val) VALUES (:s, :n, :v)").bind("s", scope).bind("n", name).bind("v", value).execute();
    }

    static Optional<String> setting(Handle h, String scope, String name) {
        return h.createQuery("SELECT val FROM setting WHERE scope = :s AND name = :n").bind("s", scope).bind("n", name).mapTo(String.class).findOne();
    }

    static void audit(Handle h, String action, String target, String detail) {
        h.createUpdate("INSERT INTO audit_log(occurred_at, actor, action, target, detail) VALUES (:at, 'test', :action, :target, :detail)")
                .bind("at", OffsetDateTime.now()).bind("action", action).bind("target", target).bind("detail", detail).execute();
    }

    static List<String> auditTargets(Handle h) {
        return h.createQuery("SELECT target FROM audit_log").mapTo(String.class).list();
    }
}
