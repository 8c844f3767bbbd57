package org.ucsec.node.phonesecurity;

import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.mapper.reflect.ConstructorMapper;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Phone security profiles (O8, table {@code phone_security_profile}) and OAuth devices (O9, {@code sipoauth_device}). */
public final class PhoneSecurityRepo {
    private PhoneSecurityRepo() {}

    public record ProfileRow(String name, String description, String securityMode, String transport, boolean oauth, boolean digestAuth,
                             boolean tftpEncrypted, Instant updatedAt) {}

    public record DeviceRow(String name, String description, String profile, boolean mraActivationCode, String mraServiceDomain, Instant updatedAt) {}

    private static Handle m(Handle h) {
        h.registerRowMapper(ConstructorMapper.factory(ProfileRow.class));
        h.registerRowMapper(ConstructorMapper.factory(DeviceRow.class));
        return h;
    }

    public static List<ProfileRow> profiles(Handle h) {
        return m(h).createQuery("SELECT * FROM phone_security_profile ORDER BY name").mapTo(ProfileRow.class).list();
    }

    public static Optional<ProfileRow> profile(Handle h, String name) {
        return m(h).createQuery("SELECT * FROM phone_security_profile WHERE name = :n").bind("n", name).mapTo(ProfileRow.class).findOne();
    }

    public static void putProfile(Handle h, ProfileRow r) {
        int n = h.createUpdate("UPDATE phone_security_profile SET description = :description, security_mode = :securityMode, transport = :transport, oauth = :oauth, "
                + "digest_auth = :digestAuth, tftp_encrypted = :tftpEncrypted, updated_at = :updatedAt WHERE name = :name").bindMethods(r).execute();
        if (n == 0) h.createUpdate("INSERT INTO phone_security_profile(name, description, security_mode, transport, oauth, digest_auth, tftp_encrypted, updated_at) "
                + "VALUES (:name, :description, :securityMode, :transport, :oauth, :digestAuth, :tftpEncrypted, :updatedAt)").bindMethods(r).execute();
    }

    public static int deleteProfile(Handle h, String name) {
        return h.createUpdate("DELETE FROM phone_security_profile WHERE name = :n").bind("n", name).execute();
    }

    public static List<DeviceRow> devices(Handle h) {
        return m(h).createQuery("SELECT * FROM sipoauth_device ORDER BY name").mapTo(DeviceRow.class).list();
    }

    public static List<DeviceRow> devicesWithProfile(Handle h, String profile) {
        return m(h).createQuery("SELECT * FROM sipoauth_device WHERE profile = :p ORDER BY name").bind("p", profile).mapTo(DeviceRow.class).list();
    }

    public static Optional<DeviceRow> device(Handle h, String name) {
        return m(h).createQuery("SELECT * FROM sipoauth_device WHERE name = :n").bind("n", name).mapTo(DeviceRow.class).findOne();
    }

    public static void putDevice(Handle h, DeviceRow r) {
        h.createUpdate("DELETE FROM sipoauth_device WHERE name = :name").bindMethods(r).execute();
        h.createUpdate("INSERT INTO sipoauth_device(name, description, profile, mra_activation_code, mra_service_domain, updated_at) "
                + "VALUES (:name, :description, :profile, :mraActivationCode, :mraServiceDomain, :updatedAt)").bindMethods(r).execute();
    }

    public static int deleteDevice(Handle h, String name) {
        return h.createUpdate("DELETE FROM sipoauth_device WHERE name = :n").bind("n", name).execute();
    }
}
