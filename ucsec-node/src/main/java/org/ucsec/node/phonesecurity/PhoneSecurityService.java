package org.ucsec.node.phonesecurity;

import org.jdbi.v3.core.Handle;
import org.ucsec.core.UcsecException;
import org.ucsec.node.audit.AuditRepo;
import org.ucsec.node.phonesecurity.PhoneSecurityRepo.DeviceRow;
import org.ucsec.node.phonesecurity.PhoneSecurityRepo.ProfileRow;
import org.ucsec.node.platform.Actor;
import org.ucsec.node.platform.Change;
import org.ucsec.node.platform.NodeContext;
import org.ucsec.node.platform.Text;
import org.ucsec.pki.SanNames;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Phone security profiles (SPEC O8) and the devices that register with OAuth, with their MRA settings (O9); seed 004
 * "전화기 보안 프로파일에서 디바이스 보안 모드 구성" and "MRA 모드에 대해 SIP OAuth 등록 전화기 구성". The allowed values are data
 * ({@code profile-values.tsv}). Rules: "Enable OAuth authentication" needs transport TLS and a secure device security
 * mode; with OAuth on, digest authentication and encrypted TFTP configuration are refused (the phone fetches its
 * configuration over HTTPS, 6971); a device needs an OAuth-enabled profile; allowing activation codes via MRA needs an
 * MRA service domain. A refusal names the field and changes nothing.
 */
public final class PhoneSecurityService {
    static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9 ._-]{0,49}");
    static final Pattern DEVICE = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,49}");

    /** One allowed value of a profile field (profile-values.tsv). */
    public record FieldValue(String field, String id, String name, String seedText, boolean secure) {}

    private static final Map<String, List<FieldValue>> VALUES = load();

    private final NodeContext ctx;

    public PhoneSecurityService(NodeContext ctx) { this.ctx = ctx; }

    public static List<FieldValue> values(String field) { return VALUES.getOrDefault(field, List.of()); }

    // ------------------------------------------------------------------ profiles (O8)
    public record Profile(String name, String description, String securityMode, String transport, boolean oauthAuthentication,
                          boolean digestAuthentication, boolean tftpEncryptedConfig, List<String> devices, Instant updatedAt) {}

    /** Body of {@code PUT /api/v1/phone-security/profiles/{name}}: null = unchanged (a new profile: Non Secure, TCP+UDP, all off). */
    public record ProfileChange(String description, String securityMode, String transport, Boolean oauthAuthentication,
                                Boolean digestAuthentication, Boolean tftpEncryptedConfig) {}

    public List<Profile> profiles() { return ctx.store().read(h -> PhoneSecurityRepo.profiles(h).stream().map(r -> view(h, r)).toList()); }

    public Profile profile(String name) { return ctx.store().read(h -> view(h, findProfile(h, name))); }

    public Change<Profile> putProfile(Actor actor, String nameGiven, ProfileChange change) {
        actor.requireAdmin("change phone security profiles");
        String name = profileName(nameGiven);
        ProfileChange c = change == null ? new ProfileChange(null, null, null, null, null, null) : change;
        String desc = Text.description("description", c.description());
        FieldValue mode = c.securityMode() == null ? null : value("security-mode", "device security mode", c.securityMode());
        FieldValue transport = c.transport() == null ? null : value("transport", "transport type", c.transport());
        return ctx.store().tx(h -> {
            Optional<ProfileRow> before = PhoneSecurityRepo.profile(h, name);
            ProfileRow b = before.orElse(new ProfileRow(name, null, "non-secure", "tcp+udp", false, false, false, ctx.now()));
            FieldValue m = mode != null ? mode : value("security-mode", "device security mode", b.securityMode());
            FieldValue t = transport != null ? transport : value("transport", "transport type", b.transport());
            boolean oauth = c.oauthAuthentication() != null ? c.oauthAuthentication() : b.oauth();
            boolean digest = c.digestAuthentication() != null ? c.digestAuthentication() : b.digestAuth();
            boolean tftp = c.tftpEncryptedConfig() != null ? c.tftpEncryptedConfig() : b.tftpEncrypted();
            if (m.secure() && !t.id().equals("tls"))
                throw new UcsecException("sipoauth.secure-mode-needs-tls", "device security mode " + m.name() + " needs transport type TLS, not " + t.name(),
                        Map.of("field", "transport"));
            if (oauth && !t.id().equals("tls"))
                throw new UcsecException("sipoauth.oauth-needs-tls", "Enable OAuth authentication needs transport type TLS, not " + t.name() + " (seed 004)",
                        Map.of("field", "oauthAuthentication"));
            if (oauth && !m.secure())
                throw new UcsecException("sipoauth.oauth-needs-secure-mode", "Enable OAuth authentication needs device security mode Authenticated or Encrypted, not "
                        + m.name(), Map.of("field", "oauthAuthentication"));
            if (oauth && digest)
                throw new UcsecException("sipoauth.oauth-digest-conflict", "Enable Digest Authentication is not supported with OAuth authentication (seed 004): "
                        + "the phone authenticates with its token", Map.of("field", "digestAuthentication"));
            if (oauth && tftp)
                throw new UcsecException("sipoauth.oauth-tftp-encrypted-conflict", "TFTP Encrypted Config is not supported with OAuth authentication (seed 004): "
                        + "the phone downloads its configuration over HTTPS (6971)", Map.of("field", "tftpEncryptedConfig"));
            if (!oauth) {
                List<String> users = PhoneSecurityRepo.devicesWithProfile(h, name).stream().map(DeviceRow::name).toList();
                if (!users.isEmpty())
                    throw new UcsecException("sipoauth.profile-in-use", "profile " + name + " keeps OAuth authentication: OAuth devices use it " + limit(users)
                            + "; give them another OAuth-enabled profile first", Map.of("field", "oauthAuthentication"));
            }
            ProfileRow row = new ProfileRow(name, desc != null ? desc : b.description(), m.id(), t.id(), oauth, digest, tftp, ctx.now());
            if (before.isPresent() && same(before.get(), row)) return Change.unchanged(view(h, before.get()));
            PhoneSecurityRepo.putProfile(h, row);
            AuditRepo.audit(h, ctx.now(), actor.name(), before.isPresent() ? "phonesecurity.profile.update" : "phonesecurity.profile.add", name,
                    "mode=" + m.id() + " transport=" + t.id() + " oauth=" + oauth + " digest=" + digest + " tftpEncrypted=" + tftp);
            List<String> warnings = new ArrayList<>();
            if (before.isPresent()) warnings.add("reset the phones that use " + name + " for the change to apply (seed 004)");
            return Change.of(view(h, row), warnings, List.of());
        });
    }

    public Change<Profile> deleteProfile(Actor actor, String nameGiven) {
        actor.requireAdmin("change phone security profiles");
        String name = profileName(nameGiven);
        return ctx.store().tx(h -> {
            ProfileRow row = findProfile(h, name);
            Profile v = view(h, row);
            if (!v.devices().isEmpty())
                throw new UcsecException("sipoauth.profile-in-use", "profile " + name + " is used by " + limit(v.devices()) + "; give them another profile first");
            PhoneSecurityRepo.deleteProfile(h, name);
            AuditRepo.audit(h, ctx.now(), actor.name(), "phonesecurity.profile.delete", name, null);
            return Change.of(v, List.of(), List.of());
        });
    }

    private static boolean same(ProfileRow a, ProfileRow b) {
        return java.util.Objects.equals(a.description(), b.description()) && a.securityMode().equals(b.securityMode()) && a.transport().equals(b.transport())
                && a.oauth() == b.oauth() && a.digestAuth() == b.digestAuth() && a.tftpEncrypted() == b.tftpEncrypted();
    }

    private Profile view(Handle h, ProfileRow r) {
        return new Profile(r.name(), r.description(), value("security-mode", "device security mode", r.securityMode()).name(),
                value("transport", "transport type", r.transport()).name(), r.oauth(), r.digestAuth(), r.tftpEncrypted(),
                PhoneSecurityRepo.devicesWithProfile(h, r.name()).stream().map(DeviceRow::name).toList(), r.updatedAt());
    }

    private static ProfileRow findProfile(Handle h, String name) {
        return PhoneSecurityRepo.profile(h, name).orElseThrow(() -> new UcsecException("sipoauth.profile-unknown", "no phone security profile '" + name + "'"));
    }

    static String profileName(String given) {
        String n = given == null ? "" : given.strip();
        if (!NAME.matcher(n).matches())
            throw new UcsecException("sipoauth.profile-name-invalid", "profile name '" + (n.length() > 60 ? n.substring(0, 60) + "..." : n.replaceAll("\\p{Cntrl}", "?"))
                    + "' must be 1-50 letters, digits, spaces, '.', '_' or '-', starting with a letter or digit");
        return n;
    }

    /** A field's value by id, English name or the seed's text, case-insensitively; refused naming the field and the allowed values. */
    static FieldValue value(String field, String label, String given) {
        String g = given.strip();
        for (FieldValue v : values(field)) if (v.id().equalsIgnoreCase(g) || v.name().equalsIgnoreCase(g) || (!v.seedText().equals("-") && v.seedText().equals(g))) return v;
        throw new UcsecException("sipoauth.profile-value-invalid", label + " '" + (g.length() > 40 ? g.substring(0, 40) + "..." : g) + "' is not allowed (allowed: "
                + String.join(", ", values(field).stream().map(FieldValue::name).toList()) + ")", Map.of("field", field));
    }

    // ------------------------------------------------------------------ devices (O9)
    public record Device(String name, String description, String profile, boolean allowActivationCodeViaMra, String mraServiceDomain, Instant updatedAt) {}

    /** Body of {@code PUT /api/v1/phone-security/devices/{name}}: null = unchanged. */
    public record DeviceChange(String description, String profile, Boolean allowActivationCodeViaMra, String mraServiceDomain) {}

    public List<Device> devices() { return ctx.store().read(h -> PhoneSecurityRepo.devices(h).stream().map(PhoneSecurityService::view).toList()); }

    public Device device(String name) { String n = deviceName(name); return ctx.store().read(h -> view(findDevice(h, n))); }

    /** A device as the token service and the edge see it, in their transaction. */
    public static Optional<Device> device(Handle h, String name) { return PhoneSecurityRepo.device(h, name).map(PhoneSecurityService::view); }

    public Change<Device> putDevice(Actor actor, String nameGiven, DeviceChange change) {
        actor.requireAdmin("change OAuth devices");
        String name = deviceName(nameGiven);
        DeviceChange c = change == null ? new DeviceChange(null, null, null, null) : change;
        String desc = Text.description("description", c.description());
        String domain = c.mraServiceDomain() == null ? null : c.mraServiceDomain().isBlank() ? "" : mraDomain(c.mraServiceDomain());
        return ctx.store().tx(h -> {
            Optional<DeviceRow> before = PhoneSecurityRepo.device(h, name);
            String profileName = c.profile() != null ? profileName(c.profile()) : before.map(DeviceRow::profile).orElseThrow(() ->
                    new UcsecException("sipoauth.device-profile-missing", "device " + name + " needs a phone security profile with OAuth authentication (--profile)",
                            Map.of("field", "profile")));
            ProfileRow p = findProfile(h, profileName);
            if (!p.oauth())
                throw new UcsecException("sipoauth.device-profile-not-oauth", "profile " + p.name() + " does not enable OAuth authentication; an OAuth device "
                        + "needs an OAuth-enabled SIP profile (seed 004)", Map.of("field", "profile"));
            boolean mra = c.allowActivationCodeViaMra() != null ? c.allowActivationCodeViaMra() : before.map(DeviceRow::mraActivationCode).orElse(false);
            String dom = domain != null ? (domain.isEmpty() ? null : domain) : before.map(DeviceRow::mraServiceDomain).orElse(null);
            if (mra && dom == null)
                throw new UcsecException("sipoauth.mra-domain-missing", "Allow Activation Code via MRA needs an Activation Code MRA Service Domain (seed 004)",
                        Map.of("field", "mraServiceDomain"));
            DeviceRow row = new DeviceRow(name, desc != null ? desc : before.map(DeviceRow::description).orElse(null), p.name(), mra, dom, ctx.now());
            PhoneSecurityRepo.putDevice(h, row);
            AuditRepo.audit(h, ctx.now(), actor.name(), before.isPresent() ? "phonesecurity.device.update" : "phonesecurity.device.add", name,
                    "profile=" + p.name() + " mraActivationCode=" + mra + " mraServiceDomain=" + dom);
            List<String> warnings = new ArrayList<>();
            if (mra) warnings.add("MRA with OAuth onboards by activation code only (no username/password): create one with 'set sipoauth activation-code " + name + "'");
            return Change.of(view(row), warnings, List.of());
        });
    }

    public Change<Device> deleteDevice(Actor actor, String nameGiven) {
        actor.requireAdmin("change OAuth devices");
        String name = deviceName(nameGiven);
        return ctx.store().tx(h -> {
            DeviceRow row = findDevice(h, name);
            PhoneSecurityRepo.deleteDevice(h, name);
            AuditRepo.audit(h, ctx.now(), actor.name(), "phonesecurity.device.delete", name, null);
            return Change.of(view(row), List.of(), List.of());
        });
    }

    private static Device view(DeviceRow r) {
        return new Device(r.name(), r.description(), r.profile(), r.mraActivationCode(), r.mraServiceDomain(), r.updatedAt());
    }

    private static DeviceRow findDevice(Handle h, String name) {
        return PhoneSecurityRepo.device(h, name).orElseThrow(() -> new UcsecException("sipoauth.device-unknown", "no OAuth device '" + name + "'"));
    }

    public static String deviceName(String given) {
        String n = given == null ? "" : given.strip();
        if (!DEVICE.matcher(n).matches())
            throw new UcsecException("sipoauth.device-name-invalid", "device name '" + (n.length() > 60 ? n.substring(0, 60) + "..." : n.replaceAll("\\p{Cntrl}", "?"))
                    + "' must be 1-50 letters, digits, '.', '_' or '-' (e.g. SEP001122334455)");
        return n;
    }

    private static String mraDomain(String given) {
        try {
            String d = SanNames.validate(given.strip());
            if (SanNames.isIp(d) || d.startsWith("*")) throw new UcsecException("san.invalid", "not a domain");
            return d;
        } catch (UcsecException e) {
            throw new UcsecException("sipoauth.mra-domain-invalid", "MRA service domain '" + (given.length() > 60 ? given.substring(0, 60) + "..." : given.strip())
                    + "' is not a DNS domain name", Map.of("field", "mraServiceDomain"));
        }
    }

    private static String limit(List<String> names) {
        return names.size() <= 5 ? String.join(", ", names) : String.join(", ", names.subList(0, 5)) + " and " + (names.size() - 5) + " more";
    }

    private static Map<String, List<FieldValue>> load() {
        Map<String, List<FieldValue>> out = new LinkedHashMap<>();
        try (InputStream in = PhoneSecurityService.class.getResourceAsStream("profile-values.tsv")) {
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                if (line.isBlank() || line.startsWith("#")) continue;
                String[] f = line.split("\t", -1);
                if (f.length != 5) throw new IllegalStateException("profile-values.tsv: bad row " + line);
                out.computeIfAbsent(f[0], k -> new ArrayList<>()).add(new FieldValue(f[0], f[1], f[2], f[3], f[4].equals("yes")));
            }
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        out.replaceAll((k, v) -> List.copyOf(v));
        return out;
    }
}
