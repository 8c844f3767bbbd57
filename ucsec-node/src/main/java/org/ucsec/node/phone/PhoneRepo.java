package org.ucsec.node.phone;

import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.mapper.reflect.ConstructorMapper;

import java.time.Instant;
import java.util.List;

/** Tables {@code phone_group}, {@code phone_device}, {@code phone_profile_value} (V4). */
public final class PhoneRepo {
    private PhoneRepo() {}

    static final String CLUSTER = "cluster", GROUP = "group", PHONE = "phone", CLUSTER_OWNER = "-";

    public record GroupRow(String name, String description, Instant updatedAt) {}

    public record DeviceRow(String mac, String model, String serial, String groupName, Instant updatedAt) {}

    /** val_enc set = a sealed secret (val null). */
    public record ValueRow(String scope, String owner, String param, String val, String valEnc) {
        @Override public String toString() { return "ValueRow[" + scope + "/" + owner + "/" + param + (valEnc != null ? " sealed" : "") + "]"; }
    }

    private static Handle m(Handle h) {
        h.registerRowMapper(ConstructorMapper.factory(GroupRow.class));
        h.registerRowMapper(ConstructorMapper.factory(DeviceRow.class));
        h.registerRowMapper(ConstructorMapper.factory(ValueRow.class));
        return h;
    }

    static List<GroupRow> groups(Handle h) { return m(h).createQuery("SELECT * FROM phone_group ORDER BY name").mapTo(GroupRow.class).list(); }

    static List<DeviceRow> devices(Handle h) { return m(h).createQuery("SELECT * FROM phone_device ORDER BY mac").mapTo(DeviceRow.class).list(); }

    static List<ValueRow> values(Handle h) { return m(h).createQuery("SELECT * FROM phone_profile_value ORDER BY scope, owner, param").mapTo(ValueRow.class).list(); }

    /** The values of the cluster and of every group (the levels every phone change needs). */
    static List<ValueRow> sharedValues(Handle h) {
        return m(h).createQuery("SELECT * FROM phone_profile_value WHERE scope IN ('cluster', 'group') ORDER BY scope, owner, param").mapTo(ValueRow.class).list();
    }

    static List<ValueRow> phoneValues(Handle h, List<String> macs) {
        if (macs.isEmpty()) return List.of();
        return m(h).createQuery("SELECT * FROM phone_profile_value WHERE scope = 'phone' AND owner IN (<macs>) ORDER BY owner, param").bindList("macs", macs).mapTo(ValueRow.class).list();
    }

    static List<DeviceRow> device(Handle h, String mac) { return m(h).createQuery("SELECT * FROM phone_device WHERE mac = :m").bind("m", mac).mapTo(DeviceRow.class).list(); }

    static List<DeviceRow> devicesInGroup(Handle h, String group) { return m(h).createQuery("SELECT * FROM phone_device WHERE group_name = :g ORDER BY mac").bind("g", group).mapTo(DeviceRow.class).list(); }

    static void putGroup(Handle h, GroupRow r) {
        if (h.createUpdate("UPDATE phone_group SET description = :description, updated_at = :updatedAt WHERE name = :name").bindMethods(r).execute() == 0)
            h.createUpdate("INSERT INTO phone_group(name, description, updated_at) VALUES (:name, :description, :updatedAt)").bindMethods(r).execute();
    }

    static void deleteGroup(Handle h, String name) { h.createUpdate("DELETE FROM phone_group WHERE name = :n").bind("n", name).execute(); }

    static void putDevice(Handle h, DeviceRow r) {
        if (h.createUpdate("UPDATE phone_device SET model = :model, serial = :serial, group_name = :groupName, updated_at = :updatedAt WHERE mac = :mac").bindMethods(r).execute() == 0)
            h.createUpdate("INSERT INTO phone_device(mac, model, serial, group_name, updated_at) VALUES (:mac, :model, :serial, :groupName, :updatedAt)").bindMethods(r).execute();
    }

    static void deleteDevice(Handle h, String mac) { h.createUpdate("DELETE FROM phone_device WHERE mac = :m").bind("m", mac).execute(); }

    /** Replaces every value of one level. */
    static void replaceValues(Handle h, String scope, String owner, List<ValueRow> rows) {
        h.createUpdate("DELETE FROM phone_profile_value WHERE scope = :s AND owner = :o").bind("s", scope).bind("o", owner).execute();
        for (ValueRow r : rows)
            h.createUpdate("INSERT INTO phone_profile_value(scope, owner, param, val, val_enc) VALUES (:scope, :owner, :param, :val, :valEnc)").bindMethods(r).execute();
    }
}
