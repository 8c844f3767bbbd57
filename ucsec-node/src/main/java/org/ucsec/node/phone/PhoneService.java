package org.ucsec.node.phone;

import org.jdbi.v3.core.Handle;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.ucsec.core.Secret;
import org.ucsec.core.SecretAccess;
import org.ucsec.core.UcsecException;
import org.ucsec.node.audit.AuditRepo;
import org.ucsec.node.phone.PhoneRepo.DeviceRow;
import org.ucsec.node.phone.PhoneRepo.GroupRow;
import org.ucsec.node.phone.PhoneRepo.ValueRow;
import org.ucsec.node.platform.Actor;
import org.ucsec.node.platform.Change;
import org.ucsec.node.platform.NodeContext;
import org.ucsec.node.platform.Text;
import org.ucsec.node.provisioning.PhoneDirectory;
import org.ucsec.phone.Catalogue;
import org.ucsec.phone.CfgXmlWriter;
import org.ucsec.phone.Effective;
import org.ucsec.phone.FirewallPorts;
import org.ucsec.phone.Layer;
import org.ucsec.phone.Mac;
import org.ucsec.phone.Models;
import org.ucsec.phone.Param;
import org.ucsec.phone.Problem;
import org.ucsec.phone.ProfileRules;
import org.ucsec.phone.Value;
import org.ucsec.phone.cfg.CfgLint;
import org.ucsec.phone.cfg.Finding;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * Phone profiles (SPEC P1-P15): cluster defaults, named groups, phones (MAC, model, serial, group), each a
 * {@link Layer} of cfg.xml values. A change is applied to the stored state inside one transaction, every effective
 * profile it touches is validated, and only then written: a profile that fails validation is never stored. Secret
 * values are sealed with the node master key; everything this service returns shows them masked, except
 * {@link #find} (the {@link PhoneDirectory} the provisioning listener serves from), which holds each phone's cfg.xml
 * rendered in memory with secrets in clear, rebuilt after every change.
 */
public final class PhoneService implements PhoneDirectory {
    private static final Logger LOG = LoggerFactory.getLogger(PhoneService.class);
    private static final Pattern GROUP_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");
    private static final Pattern SERIAL = Pattern.compile("[A-Za-z0-9-]{1,64}");

    private final NodeContext ctx;
    private volatile Snapshot snapshot = Snapshot.EMPTY;

    public PhoneService(NodeContext ctx) { this.ctx = ctx; }

    // ------------------------------------------------------------------ answers (secrets masked)
    public record ClusterDefaults(Map<String, String> values) {}

    public record Group(String name, String description, Map<String, String> values, int phones, Instant updatedAt) {}

    public record Phone(String mac, String model, String serial, String group, Map<String, String> values, Instant updatedAt) {}

    public record EffectiveValue(String name, String row, String ua, String value, String origin) {}

    /** {@code notes}: what follows from the values (P9: an empty TLS_Cipher_List means each application's fallback from seed 003). */
    public record EffectiveProfile(String mac, String model, String serial, String group, int lines, List<EffectiveValue> values, List<String> warnings, List<String> notes) {}

    public record OpenPort(String proto, int from, int to, String reason) {}

    public record FirewallView(String mac, boolean firewallEnabled, List<String> options, List<OpenPort> udp, List<OpenPort> tcp, String note) {}

    /** Body of a cluster or group change: values to set (element name -> value), names to unset; description for groups. */
    public record ProfileChange(String description, Map<String, String> set, List<String> unset) {}

    /** Body of a phone change; null = unchanged. {@code group} "" = no group (cluster defaults only). */
    public record PhoneChange(String model, String serial, String group, Map<String, String> set, List<String> unset) {}

    /** What an import did: the target, how many catalogue values it took, how many parameters were not checked. */
    public record Imported(String target, int values, int notChecked, List<String> warnings) {}

    /** One catalogue row, as {@code ucsec phone catalogue} and GET /api/v1/phone/catalogue show it. */
    public record CatalogueRow(String name, String row, String ua, String suffix, String defaultValue, String type, List<String> allowed, boolean secret, String source) {}

    public static List<CatalogueRow> catalogue() {
        return Catalogue.standard().params().stream().map(p -> new CatalogueRow(p.name(), p.row(), p.ua(), p.perLine() ? "_n_" : "-", p.defaultValue(),
                p.type().name().toLowerCase().replace('_', '-'), p.allowed(), p.secret(), p.source())).toList();
    }

    public ClusterDefaults cluster() { return new ClusterDefaults(masked(snapshot.cluster)); }

    public List<Group> groups() { Snapshot s = snapshot; return s.groups.values().stream().map(g -> group(s, g)).toList(); }

    public Group group(String name) {
        Snapshot s = snapshot;
        StoredGroup g = s.groups.get(name);
        if (g == null) throw noGroup(name);
        return group(s, g);
    }

    public List<Phone> phones() { return snapshot.phones.values().stream().map(PhoneService::phone).toList(); }

    public Phone phone(String mac) { return phone(requirePhone(snapshot, Mac.normalize(mac))); }

    public EffectiveProfile effective(String mac) {
        Snapshot s = snapshot;
        StoredPhone p = requirePhone(s, Mac.normalize(mac));
        Effective e = effective(s, p);
        List<EffectiveValue> values = new ArrayList<>();
        for (Effective.Entry x : e.entries()) values.add(new EffectiveValue(x.name(), x.param().row(), x.param().ua(), x.value().shown(), x.origin()));
        List<String> warnings = ProfileRules.validate(e).stream().map(Problem::describe).toList();
        List<String> notes = new ArrayList<>();
        if (e.isEmpty("TLS_Cipher_List")) {
            for (var f : org.ucsec.tls.cipher.PhoneFallbacks.standard().all())
                notes.add("TLS_Cipher_List is empty: " + f.label() + " uses " + (f.cipherString() != null ? "\"" + f.cipherString() + "\" = " : "") + f.suites().size() + " suites ("
                        + f.suites().stream().limit(3).map(x -> x.openSslName()).reduce((a, b) -> a + ", " + b).orElse("") + (f.suites().size() > 3 ? ", ..." : "") + "; seed 003)");
        }
        return new EffectiveProfile(p.mac, p.model, p.serial, p.group, e.lines(), values, warnings, notes);
    }

    public FirewallView firewall(String mac) {
        Snapshot s = snapshot;
        StoredPhone p = requirePhone(s, Mac.normalize(mac));
        FirewallPorts.View v = FirewallPorts.of(effective(s, p));
        List<OpenPort> udp = new ArrayList<>(), tcp = new ArrayList<>();
        for (FirewallPorts.Open o : v.open()) (o.proto().equals("udp") ? udp : tcp).add(new OpenPort(o.proto(), o.from(), o.to(), o.reason()));
        return new FirewallView(p.mac, v.enabled(), List.copyOf(v.flags()), udp, tcp,
                v.enabled() ? "inbound traffic to other ports is dropped unless a flow the phone opened allows it (seed 003)"
                        : "Firewall is Disabled: the phone filters nothing; these are the ports it would open with the firewall on");
    }

    /** The phone's cfg.xml for an administrator to read: secrets masked. */
    public String render(String mac) {
        Snapshot s = snapshot;
        return CfgXmlWriter.renderMasked(effective(s, requirePhone(s, Mac.normalize(mac))));
    }

    // ------------------------------------------------------------------ PhoneDirectory (provisioning path; secrets clear)
    @Override public Optional<ProvisionedPhone> find(String mac) { return Optional.ofNullable(snapshot.provisioned.get(mac)); }

    // ------------------------------------------------------------------ changes
    public Change<ClusterDefaults> setCluster(Actor actor, ProfileChange c) {
        actor.requireAdmin("change phone cluster defaults");
        ProfileChange ch = c == null ? new ProfileChange(null, null, null) : c;
        if (ch.description() != null) throw new UcsecException("request.invalid-json", "cluster defaults have no description");
        List<String> warnings = mutate(actor, PhoneRepo.CLUSTER, PhoneRepo.CLUSTER_OWNER, s -> {
            Layer.Changed l = s.cluster.with(ch.set(), ch.unset());
            Snapshot n = s.withCluster(l.layer());
            List<Problem> p = new ArrayList<>(l.warnings());
            p.addAll(validateAll(n));
            return new Mutation(n, p, "phone.cluster.set", "cluster", describe(ch.set(), ch.unset()), List.of(PhoneRepo.CLUSTER + "/" + PhoneRepo.CLUSTER_OWNER));
        });
        return Change.of(cluster(), warnings, List.of());
    }

    public Change<Group> setGroup(Actor actor, String name, ProfileChange c) {
        actor.requireAdmin("change phone groups");
        String g = groupName(name);
        ProfileChange ch = c == null ? new ProfileChange(null, null, null) : c;
        String desc = ch.description() == null ? null : Text.description("group description", ch.description());
        List<String> warnings = mutate(actor, PhoneRepo.GROUP, g, s -> {
            StoredGroup old = s.groups.get(g);
            Layer.Changed l = (old == null ? Layer.EMPTY : old.layer).with(ch.set(), ch.unset());
            StoredGroup ng = new StoredGroup(g, desc != null ? desc : old == null ? null : old.description, l.layer(), ctx.now());
            Snapshot n = s.withGroup(ng);
            List<Problem> p = new ArrayList<>(l.warnings());
            p.addAll(validateGroup(n, ng));
            return new Mutation(n, p, old == null ? "phone.group.add" : "phone.group.set", g, describe(ch.set(), ch.unset()), List.of(PhoneRepo.GROUP + "/" + g));
        });
        return Change.of(group(g), warnings, List.of());
    }

    public Change<Group> deleteGroup(Actor actor, String name) {
        actor.requireAdmin("delete phone groups");
        String g = groupName(name);
        Group before = group(g);
        mutate(actor, PhoneRepo.GROUP, g, s -> {
            if (!s.groups.containsKey(g)) throw noGroup(g);
            long n = s.phones.values().stream().filter(p -> g.equals(p.group)).count();
            if (n > 0) throw new UcsecException("phone.group-in-use", "group '" + g + "' still has " + n + " phone" + (n == 1 ? "" : "s") + "; move or delete them first");
            return new Mutation(s.withoutGroup(g), List.of(), "phone.group.delete", g, "", List.of(PhoneRepo.GROUP + "/" + g));
        });
        return Change.of(before, List.of(), List.of());
    }

    public Change<Phone> setPhone(Actor actor, String macArg, PhoneChange c) {
        actor.requireAdmin("change phones");
        String mac = Mac.normalize(macArg);
        PhoneChange ch = c == null ? new PhoneChange(null, null, null, null, null) : c;
        String model = ch.model() == null ? null : Models.standard().require(ch.model()).name();
        String serial = ch.serial() == null ? null : serial(ch.serial());
        String group = ch.group() == null ? null : ch.group().isEmpty() ? "" : groupName(ch.group());
        List<String> warnings = mutate(actor, PhoneRepo.PHONE, mac, s -> {
            StoredPhone old = s.phones.get(mac);
            if (old == null && model == null) throw new UcsecException("phone.unknown-model", "phone " + mac + " is new: its model is required (one of " + String.join(", ", Models.standard().all().keySet()) + ")");
            String g = group == null ? (old == null ? null : old.group) : group.isEmpty() ? null : group;
            if (g != null && !s.groups.containsKey(g)) throw noGroup(g);
            Layer.Changed l = (old == null ? Layer.EMPTY : old.layer).with(ch.set(), ch.unset());
            StoredPhone np = new StoredPhone(mac, model != null ? model : old.model, serial != null ? (serial.isEmpty() ? null : serial) : old == null ? null : old.serial, g, l.layer(), ctx.now());
            Snapshot n = s.withPhone(np);
            List<Problem> p = new ArrayList<>(l.warnings());
            p.addAll(validatePhone(n, np));
            String what = "model=" + np.model + (np.serial != null ? " serial=" + np.serial : "") + " group=" + (g == null ? "-" : g) + "; " + describe(ch.set(), ch.unset());
            return new Mutation(n, p, old == null ? "phone.device.add" : "phone.device.set", mac, what, List.of(PhoneRepo.PHONE + "/" + mac));
        });
        return Change.of(phone(mac), warnings, List.of());
    }

    public Change<Phone> deletePhone(Actor actor, String macArg) {
        actor.requireAdmin("delete phones");
        String mac = Mac.normalize(macArg);
        Phone before = phone(mac);
        mutate(actor, PhoneRepo.PHONE, mac, s -> {
            requirePhone(s, mac);
            return new Mutation(s.withoutPhone(mac), List.of(), "phone.device.delete", mac, "", List.of(PhoneRepo.PHONE + "/" + mac));
        });
        return Change.of(before, List.of(), List.of());
    }

    /**
     * A cfg.xml becomes the values of a group or a phone (replacing the values it had). Refused when the file has any
     * lint error (each in the details with its line) or is a template; parameters outside the catalogue are not taken.
     */
    public Change<Imported> importCfg(Actor actor, byte[] cfgXml, String group, String phoneMac, String model) {
        actor.requireAdmin("import phone profiles");
        if ((group == null || group.isEmpty()) == (phoneMac == null || phoneMac.isEmpty()))
            throw new UcsecException("phone.import-target", "name exactly one target: group=NAME or phone=MAC");
        if (cfgXml.length > CfgLint.MAX_BYTES) throw new UcsecException("phone.cfg-too-large", "the cfg.xml is " + cfgXml.length + " bytes; at most " + CfgLint.MAX_BYTES + " are read");
        CfgLint.Report r = CfgLint.lint(cfgXml, "cfg.xml");
        if (r.template()) {
            Finding f = r.errors().get(0);
            throw new UcsecException("phone.cfg-template", "line " + f.line() + ": " + f.message());
        }
        if (!r.ok()) {
            Finding f = r.errors().get(0);
            String code = f.code().equals("phone.lint.too-large") ? "phone.cfg-too-large" : "phone.cfg-invalid";
            throw new UcsecException(code, "the cfg.xml has " + r.errors().size() + " error" + (r.errors().size() == 1 ? "" : "s") + "; first, line " + f.line() + ": " + f.code() + ": "
                    + (f.element() != null ? f.element() + ": " : "") + f.message() + (f.suggestion() != null ? " -> " + f.suggestion() : ""),
                    Map.of("findings", r.findings().stream().filter(x -> x.severity() != Finding.Severity.INFO).map(PhoneService::details).toList()));
        }
        Map<String, String> values = r.catalogueValues();
        List<String> warnings = new ArrayList<>(r.warnings().stream().map(f -> "line " + f.line() + ": " + (f.element() != null ? f.element() + ": " : "") + f.message()).toList());
        if (!r.notChecked().isEmpty()) warnings.add(r.notChecked().size() + " parameters outside ucsec's catalogue were not imported (dial plans, line keys, ...)");
        String target;
        if (group != null && !group.isEmpty()) {
            String g = groupName(group);
            List<String> unset = snapshot.groups.containsKey(g) ? new ArrayList<>(snapshot.groups.get(g).layer.values().keySet()) : List.of();
            unset = unset.stream().filter(k -> !values.containsKey(k)).toList();
            warnings.addAll(setGroup(actor, g, new ProfileChange(null, values, unset)).warnings());
            target = "group " + g;
        } else {
            String mac = Mac.normalize(phoneMac);
            StoredPhone old = snapshot.phones.get(mac);
            List<String> unset = old == null ? List.of() : old.layer.values().keySet().stream().filter(k -> !values.containsKey(k)).toList();
            warnings.addAll(setPhone(actor, mac, new PhoneChange(model, null, null, values, unset)).warnings());
            target = "phone " + mac;
        }
        return Change.of(new Imported(target, values.size(), r.notChecked().size(), List.of()), warnings, List.of());
    }

    static Map<String, Object> details(Finding f) {
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("severity", f.severity().name().toLowerCase());
        d.put("code", f.code());
        d.put("line", f.line());
        if (f.column() > 0) d.put("column", f.column());
        if (f.element() != null) d.put("element", f.element());
        d.put("message", f.message());
        if (f.suggestion() != null) d.put("suggestion", f.suggestion());
        return d;
    }

    // ------------------------------------------------------------------ validation of every effective profile a change touches
    private static List<Problem> validateAll(Snapshot s) {
        List<Problem> out = new ArrayList<>(check("cluster defaults", Effective.of(0, List.of(new Effective.Level("cluster", s.cluster)))));
        for (StoredGroup g : s.groups.values()) out.addAll(validateGroup(s, g));
        for (StoredPhone p : s.phones.values()) out.addAll(check("phone " + p.mac, effective(s, p)));
        return out;
    }

    private static List<Problem> validateGroup(Snapshot s, StoredGroup g) {
        List<Problem> out = new ArrayList<>(check("group " + g.name, Effective.of(0, List.of(new Effective.Level("cluster", s.cluster), new Effective.Level("group:" + g.name, g.layer)))));
        for (StoredPhone p : s.phones.values()) if (g.name.equals(p.group)) out.addAll(check("phone " + p.mac, effective(s, p)));
        return out;
    }

    private static List<Problem> validatePhone(Snapshot s, StoredPhone p) { return check("phone " + p.mac, effective(s, p)); }

    /** The problems of one effective profile, each naming the profile; refuses on the first error. */
    private static List<Problem> check(String profile, Effective e) {
        List<Problem> ps = ProfileRules.validate(e).stream()
                .map(p -> new Problem(p.severity(), p.code(), p.field(), profile + ": " + p.message(), p.token(), p.index(), p.column())).toList();
        Layer.throwIfErrors(ps);
        return ps;
    }

    private static Effective effective(Snapshot s, StoredPhone p) {
        List<Effective.Level> levels = new ArrayList<>();
        levels.add(new Effective.Level("cluster", s.cluster));
        if (p.group != null && s.groups.containsKey(p.group)) levels.add(new Effective.Level("group:" + p.group, s.groups.get(p.group).layer));
        levels.add(new Effective.Level("phone", p.layer));
        return Effective.of(Models.standard().find(p.model).map(Models.Model::lines).orElse(1), levels);
    }

    // ------------------------------------------------------------------ the one write path
    private record Mutation(Snapshot next, List<Problem> problems, String action, String target, String detail, List<String> levels) {}

    private interface Step { Mutation apply(Snapshot current); }

    /**
     * Loads, in the transaction, the stored state the change needs ({@code scope}: everything for the cluster defaults;
     * the cluster, every group and the group's phones for a group; the cluster, every group and the phone for a
     * phone), applies the step (which validates), writes the levels it changed, audits; then updates the in-memory
     * state and re-renders only the phones the change touched.
     */
    private synchronized List<String> mutate(Actor actor, String scope, String owner, Step step) {
        Mutation[] done = new Mutation[1];
        List<String> warnings = ctx.store().tx(h -> {
            Snapshot cur = load(h, scope, owner);
            Mutation m = step.apply(cur);
            write(h, cur, m);
            AuditRepo.audit(h, ctx.now(), actor.name(), m.action(), m.target(), m.detail());
            done[0] = m;
            return m.problems().stream().filter(p -> !p.isError()).map(Problem::describe).distinct().toList();
        });
        if (scope.equals(PhoneRepo.CLUSTER)) refresh();
        else merge(done[0].next(), scope, owner);
        LOG.info("phone profiles changed ({} {}); {} phones provisioned from memory", scope, owner, snapshot.provisioned.size());
        return warnings;
    }

    /** The committed partial state of a group or phone change merged into memory; only the touched phones re-rendered. */
    private void merge(Snapshot next, String scope, String owner) {
        Snapshot cur = snapshot;
        Map<String, StoredPhone> phones = new TreeMap<>(cur.phones);
        Map<String, ProvisionedPhone> prov = new java.util.HashMap<>(cur.provisioned);
        List<String> touched = new ArrayList<>();
        if (scope.equals(PhoneRepo.PHONE)) touched.add(owner);
        else {
            for (StoredPhone p : cur.phones.values()) if (owner.equals(p.group)) touched.add(p.mac);
            for (StoredPhone p : next.phones.values()) if (!touched.contains(p.mac)) touched.add(p.mac);
        }
        for (String mac : touched) {
            StoredPhone p = next.phones.get(mac);
            if (p == null) { phones.remove(mac); prov.remove(mac); continue; }
            phones.put(mac, p);
        }
        Snapshot merged = new Snapshot(next.cluster, next.groups, phones, Map.of());
        for (String mac : touched) {
            StoredPhone p = phones.get(mac);
            if (p != null) prov.put(mac, provisioned(merged, p));
        }
        snapshot = new Snapshot(next.cluster, next.groups, phones, Collections.unmodifiableMap(prov));
    }

    private static ProvisionedPhone provisioned(Snapshot s, StoredPhone p) {
        return new ProvisionedPhone(p.mac, p.model, p.serial == null ? "" : p.serial, CfgXmlWriter.renderForPhone(effective(s, p), SecretAccess.granted()));
    }

    private void write(Handle h, Snapshot cur, Mutation m) {
        Snapshot n = m.next();
        for (String level : m.levels()) {
            String scope = level.substring(0, level.indexOf('/')), owner = level.substring(level.indexOf('/') + 1);
            switch (scope) {
                case PhoneRepo.CLUSTER -> PhoneRepo.replaceValues(h, scope, owner, rows(scope, owner, n.cluster));
                case PhoneRepo.GROUP -> {
                    StoredGroup g = n.groups.get(owner);
                    if (g == null) {
                        PhoneRepo.replaceValues(h, scope, owner, List.of());
                        PhoneRepo.deleteGroup(h, owner);
                    } else {
                        PhoneRepo.putGroup(h, new GroupRow(g.name, g.description, g.updatedAt));
                        PhoneRepo.replaceValues(h, scope, owner, rows(scope, owner, g.layer));
                    }
                }
                case PhoneRepo.PHONE -> {
                    StoredPhone p = n.phones.get(owner);
                    if (p == null) {
                        PhoneRepo.replaceValues(h, scope, owner, List.of());
                        PhoneRepo.deleteDevice(h, owner);
                    } else {
                        PhoneRepo.putDevice(h, new DeviceRow(p.mac, p.model, p.serial, p.group, p.updatedAt));
                        PhoneRepo.replaceValues(h, scope, owner, rows(scope, owner, p.layer));
                    }
                }
                default -> throw new IllegalStateException(level);
            }
        }
    }

    private static String sealContext(String scope, String owner, String param) { return "phone-profile/" + scope + "/" + owner + "/" + param; }

    private List<ValueRow> rows(String scope, String owner, Layer l) {
        List<ValueRow> out = new ArrayList<>();
        for (var e : l.values().entrySet()) {
            Value v = e.getValue();
            if (v.isSecret()) out.add(new ValueRow(scope, owner, e.getKey(), null, ctx.masterKey().seal(v.secretValue(), sealContext(scope, owner, e.getKey()))));
            else out.add(new ValueRow(scope, owner, e.getKey(), v.reveal(null), null));
        }
        return out;
    }

    /** Reads every level from the store (secrets opened with the master key). */
    private Snapshot load(Handle h) { return load(h, PhoneRepo.CLUSTER, PhoneRepo.CLUSTER_OWNER); }

    /** What a change of {@code scope}/{@code owner} needs (see {@link #mutate}); the cluster scope reads everything. */
    private Snapshot load(Handle h, String scope, String owner) {
        boolean all = scope.equals(PhoneRepo.CLUSTER);
        List<DeviceRow> devices = all ? PhoneRepo.devices(h) : scope.equals(PhoneRepo.GROUP) ? PhoneRepo.devicesInGroup(h, owner) : PhoneRepo.device(h, owner);
        List<ValueRow> rows = new ArrayList<>(all ? PhoneRepo.values(h) : PhoneRepo.sharedValues(h));
        if (!all) rows.addAll(PhoneRepo.phoneValues(h, devices.stream().map(DeviceRow::mac).toList()));
        Map<String, Map<String, Value>> levels = new LinkedHashMap<>();
        for (ValueRow r : rows) {
            Value v;
            if (r.valEnc() != null) v = Value.secret(ctx.masterKey().open(r.valEnc(), sealContext(r.scope(), r.owner(), r.param())));
            else {
                Param p = Catalogue.standard().find(r.param()).map(Catalogue.Match::param).orElse(null);
                v = p != null && p.secret() ? Value.secret(Secret.of(r.val() == null ? "" : r.val())) : Value.plain(r.val() == null ? "" : r.val());
            }
            levels.computeIfAbsent(r.scope() + "/" + r.owner(), k -> new LinkedHashMap<>()).put(r.param(), v);
        }
        Layer cluster = Layer.stored(levels.getOrDefault(PhoneRepo.CLUSTER + "/" + PhoneRepo.CLUSTER_OWNER, Map.of()));
        Map<String, StoredGroup> groups = new TreeMap<>();
        for (GroupRow g : PhoneRepo.groups(h)) groups.put(g.name(), new StoredGroup(g.name(), g.description(), Layer.stored(levels.getOrDefault(PhoneRepo.GROUP + "/" + g.name(), Map.of())), g.updatedAt()));
        Map<String, StoredPhone> phones = new TreeMap<>();
        for (DeviceRow d : devices) phones.put(d.mac(), new StoredPhone(d.mac(), d.model(), d.serial(), d.groupName(), Layer.stored(levels.getOrDefault(PhoneRepo.PHONE + "/" + d.mac(), Map.of())), d.updatedAt()));
        return new Snapshot(cluster, groups, phones, Map.of());
    }

    /** Reloads the state from the store and renders every phone's cfg.xml for the provisioning path. */
    public void refresh() {
        Snapshot s = ctx.store().read(this::load);
        Map<String, ProvisionedPhone> out = new LinkedHashMap<>();
        for (StoredPhone p : s.phones.values()) out.put(p.mac, provisioned(s, p));
        snapshot = new Snapshot(s.cluster, s.groups, s.phones, Collections.unmodifiableMap(out));
    }

    // ------------------------------------------------------------------ state
    private record StoredGroup(String name, String description, Layer layer, Instant updatedAt) {}

    private record StoredPhone(String mac, String model, String serial, String group, Layer layer, Instant updatedAt) {}

    private record Snapshot(Layer cluster, Map<String, StoredGroup> groups, Map<String, StoredPhone> phones, Map<String, ProvisionedPhone> provisioned) {
        static final Snapshot EMPTY = new Snapshot(Layer.EMPTY, Map.of(), Map.of(), Map.of());

        Snapshot withCluster(Layer l) { return new Snapshot(l, groups, phones, Map.of()); }

        Snapshot withGroup(StoredGroup g) { Map<String, StoredGroup> m = new TreeMap<>(groups); m.put(g.name, g); return new Snapshot(cluster, m, phones, Map.of()); }

        Snapshot withoutGroup(String name) { Map<String, StoredGroup> m = new TreeMap<>(groups); m.remove(name); return new Snapshot(cluster, m, phones, Map.of()); }

        Snapshot withPhone(StoredPhone p) { Map<String, StoredPhone> m = new TreeMap<>(phones); m.put(p.mac, p); return new Snapshot(cluster, groups, m, Map.of()); }

        Snapshot withoutPhone(String mac) { Map<String, StoredPhone> m = new TreeMap<>(phones); m.remove(mac); return new Snapshot(cluster, groups, m, Map.of()); }
    }

    private static Group group(Snapshot s, StoredGroup g) {
        int n = (int) s.phones.values().stream().filter(p -> g.name.equals(p.group)).count();
        return new Group(g.name, g.description, masked(g.layer), n, g.updatedAt);
    }

    private static Phone phone(StoredPhone p) { return new Phone(p.mac, p.model, p.serial, p.group, masked(p.layer), p.updatedAt); }

    private static Map<String, String> masked(Layer l) {
        Map<String, String> out = new LinkedHashMap<>();
        for (var e : l.values().entrySet()) out.put(e.getKey(), e.getValue().shown());
        return out;
    }

    private static StoredPhone requirePhone(Snapshot s, String mac) {
        StoredPhone p = s.phones.get(mac);
        if (p == null) throw new UcsecException("phone.not-found", "no phone profile has MAC " + mac);
        return p;
    }

    private static UcsecException noGroup(String name) { return new UcsecException("phone.group-not-found", "no phone group '" + Problem.printable(name) + "'"); }

    static String groupName(String name) {
        if (name == null || !GROUP_NAME.matcher(name).matches())
            throw new UcsecException("phone.invalid-group-name", "'" + Problem.printable(name) + "' is not a group name (1-64 letters, digits, '.', '_', '-'; starting with a letter or digit)");
        return name;
    }

    static String serial(String s) {
        String t = s.strip();
        if (t.isEmpty()) return "";
        if (!SERIAL.matcher(t).matches()) throw new UcsecException("phone.invalid-serial", "'" + Problem.printable(s) + "' is not a serial number (1-64 letters, digits or hyphens, e.g. 88012BA01234)");
        return t;
    }

    /** "set A=1, VPN_Password=********; unset B" (secrets masked: this goes to the audit log). */
    private static String describe(Map<String, String> set, List<String> unset) {
        List<String> parts = new ArrayList<>();
        if (set != null && !set.isEmpty()) {
            List<String> kv = new ArrayList<>();
            for (var e : set.entrySet()) {
                boolean secret = Catalogue.standard().find(e.getKey()).map(m -> m.param().secret()).orElse(true);
                kv.add(e.getKey() + "=" + (secret ? Value.MASK : Problem.printable(e.getValue())));
            }
            parts.add("set " + String.join(", ", kv));
        }
        if (unset != null && !unset.isEmpty()) parts.add("unset " + String.join(", ", unset));
        String d = parts.isEmpty() ? "no values changed" : String.join("; ", parts);
        return d.length() > 1000 ? d.substring(0, 1000) + "..." : d;
    }
}
