package org.ucsec.node.platform;

import org.jdbi.v3.core.Handle;

import java.util.Optional;

/** Scalar settings (table {@code setting}): scope {@code cluster} or a node name, and a name owned by one capability. */
public final class SettingsRepo {
    private SettingsRepo() {}

    public static Optional<String> get(Handle h, String scope, String name) {
        return h.createQuery("SELECT val FROM setting WHERE scope = :s AND name = :n").bind("s", scope).bind("n", name).mapTo(String.class).findOne();
    }

    public static void put(Handle h, String scope, String name, String value) {
        h.createUpdate("DELETE FROM setting WHERE scope = :s AND name = :n").bind("s", scope).bind("n", name).execute();
        h.createUpdate("INSERT INTO setting(scope, name, val) VALUES (:s, :n, :v)").bind("s", scope).bind("n", name).bind("v", value).execute();
    }

    public static void delete(Handle h, String scope, String name) {
        h.createUpdate("DELETE FROM setting WHERE scope = :s AND name = :n").bind("s", scope).bind("n", name).execute();
    }
}
