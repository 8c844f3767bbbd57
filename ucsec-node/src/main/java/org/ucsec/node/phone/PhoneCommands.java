package org.ucsec.node.phone;

import com.fasterxml.jackson.core.type.TypeReference;
import org.ucsec.core.UcsecException;
import org.ucsec.node.phone.PhoneService.ClusterDefaults;
import org.ucsec.node.phone.PhoneService.EffectiveProfile;
import org.ucsec.node.phone.PhoneService.FirewallView;
import org.ucsec.node.phone.PhoneService.Group;
import org.ucsec.node.phone.PhoneService.Imported;
import org.ucsec.node.phone.PhoneService.Phone;
import org.ucsec.node.phone.PhoneService.PhoneChange;
import org.ucsec.node.phone.PhoneService.ProfileChange;
import org.ucsec.node.platform.Change;
import org.ucsec.node.platform.cli.CliTree;
import org.ucsec.node.platform.cli.ClientCommand;
import org.ucsec.node.platform.cli.NodeClient;
import org.ucsec.node.platform.cli.Terminal;
import org.ucsec.node.platform.rest.Json;
import org.ucsec.phone.CfgXmlWriter;
import org.ucsec.phone.Mac;
import org.ucsec.phone.cfg.CfgLint;
import org.ucsec.phone.cfg.Finding;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * {@code show phone ...}, {@code set phone ...} (REST calls to the node) and {@code ucsec phone lint|catalogue} (local:
 * no node needed), {@code ucsec phone render|import} (node).
 */
final class PhoneCommands {
    private PhoneCommands() {}

    static final TypeReference<Change<ClusterDefaults>> CLUSTER_CHANGE = new TypeReference<>() {};
    static final TypeReference<Change<Group>> GROUP_CHANGE = new TypeReference<>() {};
    static final TypeReference<Change<Phone>> PHONE_CHANGE = new TypeReference<>() {};
    static final TypeReference<Change<Imported>> IMPORTED = new TypeReference<>() {};

    static void attach(CliTree cli) {
        cli.add(new ShowCluster(), "show", "phone").add(new ShowGroups(), "show", "phone").add(new ShowGroup(), "show", "phone")
                .add(new ShowPhones(), "show", "phone").add(new ShowDevice(), "show", "phone").add(new ShowEffective(), "show", "phone").add(new ShowFirewall(), "show", "phone");
        cli.add(new SetCluster(), "set", "phone").add(new SetGroup(), "set", "phone").add(new DeleteGroup(), "set", "phone")
                .add(new SetDevice(), "set", "phone").add(new DeleteDevice(), "set", "phone");
        cli.add(new Lint(), "phone").add(new CatalogueCmd(), "phone").add(new Render(), "phone").add(new Import(), "phone");
    }

    static String groupPath(String g) { return "/api/v1/phone/groups/" + NodeClient.enc(g); }

    static String phonePath(String mac) { return "/api/v1/phone/phones/" + NodeClient.enc(mac); }

    static void printValues(PrintWriter out, Map<String, String> values) {
        if (values.isEmpty()) out.println("  (no values: everything inherited)");
        values.forEach((k, v) -> out.printf("  %-40s %s%n", k, v));
    }

    // ------------------------------------------------------------------ show
    @Command(name = "cluster", mixinStandardHelpOptions = true, description = "Cluster-wide phone defaults (lowest level of inheritance).")
    static final class ShowCluster extends ClientCommand {
        @Override public Integer call() { return show("/api/v1/phone/cluster", new TypeReference<ClusterDefaults>() {}, (out, c) -> { out.println("cluster defaults"); printValues(out, c.values()); }); }
    }

    @Command(name = "groups", mixinStandardHelpOptions = true, description = "Phone groups.")
    static final class ShowGroups extends ClientCommand {
        @Override public Integer call() {
            return show("/api/v1/phone/groups", new TypeReference<List<Group>>() {}, (out, a) -> {
                for (Group g : a) out.printf("%-24s %3d phones  %3d values  %s%n", g.name(), g.phones(), g.values().size(), g.description() == null ? "" : g.description());
            });
        }
    }

    static void printGroup(PrintWriter out, Group g) {
        out.println("group " + g.name() + (g.description() != null ? " - " + g.description() : "") + " (" + g.phones() + " phones)");
        printValues(out, g.values());
    }

    @Command(name = "group", mixinStandardHelpOptions = true, description = "One phone group and the values it sets.")
    static final class ShowGroup extends ClientCommand {
        @Parameters(index = "0", description = "group name") String name;

        @Override public Integer call() { return show(groupPath(name), new TypeReference<Group>() {}, PhoneCommands::printGroup); }
    }

    @Command(name = "phones", mixinStandardHelpOptions = true, description = "Phones (MAC, model, serial, group).")
    static final class ShowPhones extends ClientCommand {
        @Override public Integer call() {
            return show("/api/v1/phone/phones", new TypeReference<List<Phone>>() {}, (out, a) -> {
                for (Phone p : a) out.printf("%s  %-14s %-14s %-20s %d values%n", p.mac(), p.model(), p.serial() == null ? "-" : p.serial(), p.group() == null ? "-" : p.group(), p.values().size());
            });
        }
    }

    static void printPhone(PrintWriter out, Phone p) {
        out.println("phone " + p.mac() + "  model " + p.model() + "  serial " + (p.serial() == null ? "-" : p.serial()) + "  group " + (p.group() == null ? "-" : p.group()));
        printValues(out, p.values());
    }

    @Command(name = "device", mixinStandardHelpOptions = true, description = "One phone and the values it sets itself.")
    static final class ShowDevice extends ClientCommand {
        @Parameters(index = "0", description = "MAC address") String mac;

        @Override public Integer call() { return show(phonePath(Mac.normalize(mac)), new TypeReference<Phone>() {}, PhoneCommands::printPhone); }
    }

    @Command(name = "effective", mixinStandardHelpOptions = true, description = "A phone's effective profile: every parameter, its value and where it comes from (phone, group:NAME, cluster, default).")
    static final class ShowEffective extends ClientCommand {
        @Parameters(index = "0", description = "MAC address") String mac;

        @Override public Integer call() {
            return show(phonePath(Mac.normalize(mac)) + "/effective", new TypeReference<EffectiveProfile>() {}, (out, e) -> {
                out.println("phone " + e.mac() + "  model " + e.model() + " (" + e.lines() + " lines)  group " + (e.group() == null ? "-" : e.group()));
                for (var v : e.values()) out.printf("  %-40s %-30s %s%n", v.name(), v.value().isEmpty() ? "(empty)" : v.value(), v.origin());
                for (String w : e.warnings()) out.println("WARNING: " + w);
                for (String x : e.notes()) out.println("note: " + x);
            });
        }
    }

    @Command(name = "firewall", mixinStandardHelpOptions = true, description = "The ports a phone's firewall leaves open (P7 defaults + Firewall_Config options, minus NO_CISCO_TFTP).")
    static final class ShowFirewall extends ClientCommand {
        @Parameters(index = "0", description = "MAC address") String mac;

        @Override public Integer call() {
            return show(phonePath(Mac.normalize(mac)) + "/firewall", new TypeReference<FirewallView>() {}, (out, f) -> {
                out.println("phone " + f.mac() + "  Firewall " + (f.firewallEnabled() ? "Enabled" : "Disabled") + (f.options().isEmpty() ? "" : "  options " + String.join(",", f.options())));
                for (var p : f.udp()) out.printf("  udp %-13s %s%n", p.from() == p.to() ? "" + p.from() : p.from() + "-" + p.to(), p.reason());
                for (var p : f.tcp()) out.printf("  tcp %-13s %s%n", p.from() == p.to() ? "" + p.from() : p.from() + "-" + p.to(), p.reason());
                out.println(f.note());
            });
        }
    }

    // ------------------------------------------------------------------ set
    /** NAME=VALUE arguments and --value-file NAME=FILE (for passwords: not on the command line) as one map. */
    static Map<String, String> values(List<String> assignments, List<String> files, CommandLine cl) throws java.io.IOException {
        Map<String, String> out = new LinkedHashMap<>();
        for (String a : assignments == null ? List.<String>of() : assignments) {
            int eq = a.indexOf('=');
            if (eq <= 0) throw new CommandLine.ParameterException(cl, "expected NAME=VALUE, got '" + Terminal.safe(a) + "'");
            out.put(a.substring(0, eq), a.substring(eq + 1));
        }
        for (String a : files == null ? List.<String>of() : files) {
            int eq = a.indexOf('=');
            if (eq <= 0) throw new CommandLine.ParameterException(cl, "expected NAME=FILE, got '" + Terminal.safe(a) + "'");
            Path f = Path.of(a.substring(eq + 1));
            if (!Files.isReadable(f) || Files.size(f) > 4096) throw new UcsecException("upload.unreadable", "cannot read " + f + " (at most 4096 bytes)");
            String v = Files.readString(f, StandardCharsets.UTF_8);
            out.put(a.substring(0, eq), v.endsWith("\n") ? v.substring(0, v.length() - 1) : v);
        }
        return out;
    }

    static void printWarnings(PrintWriter out, List<String> w) { for (String s : w) out.println("WARNING: " + s); }

    @Command(name = "cluster", mixinStandardHelpOptions = true, description = "Set or unset cluster-wide phone defaults: set phone cluster SIP_Transport_1_=TLS Firewall_Config=NO_ICMP_PING")
    static final class SetCluster extends ClientCommand {
        @Parameters(arity = "0..*", paramLabel = "NAME=VALUE", description = "cfg.xml parameter and value (exact seed name, e.g. SIP_Transport_1_)") List<String> assignments;
        @Option(names = "--unset", paramLabel = "NAME", description = "remove a value (inherit it again)") List<String> unset;
        @Option(names = "--value-file", paramLabel = "NAME=FILE", description = "read a value from a file (passwords)") List<String> files;

        @Override public Integer call() throws Exception {
            return printed(client().put("/api/v1/phone/cluster", new ProfileChange(null, values(assignments, files, spec.commandLine()), unset), CLUSTER_CHANGE),
                    (out, c) -> { out.println("cluster defaults"); printValues(out, c.values()); });
        }
    }

    @Command(name = "group", mixinStandardHelpOptions = true, description = "Create or change a phone group: set phone group sales SIP_Transport_1_=TLS --description 'Sales floor'")
    static final class SetGroup extends ClientCommand {
        @Parameters(index = "0", description = "group name") String name;
        @Parameters(index = "1..*", arity = "0..*", paramLabel = "NAME=VALUE", description = "cfg.xml parameter and value") List<String> assignments;
        @Option(names = "--unset", paramLabel = "NAME", description = "remove a value (inherit it again)") List<String> unset;
        @Option(names = "--value-file", paramLabel = "NAME=FILE", description = "read a value from a file (passwords)") List<String> files;
        @Option(names = "--description", description = "what the group is for") String description;

        @Override public Integer call() throws Exception {
            return printed(client().put(groupPath(name), new ProfileChange(description, values(assignments, files, spec.commandLine()), unset), GROUP_CHANGE), PhoneCommands::printGroup);
        }
    }

    @Command(name = "group-delete", mixinStandardHelpOptions = true, description = "Delete a phone group (it must have no phones).")
    static final class DeleteGroup extends ClientCommand {
        @Parameters(index = "0", description = "group name") String name;

        @Override public Integer call() { return printed(client().delete(groupPath(name), GROUP_CHANGE), (out, g) -> out.println("deleted group " + g.name())); }
    }

    @Command(name = "device", mixinStandardHelpOptions = true, description = "Add or change a phone: set phone device 00:0e:08:ab:cd:ef --model CP-8841-3PCC --serial 88012BA01234 --group sales [NAME=VALUE...]")
    static final class SetDevice extends ClientCommand {
        @Parameters(index = "0", description = "MAC address (12 hex digits; : - . separators allowed)") String mac;
        @Parameters(index = "1..*", arity = "0..*", paramLabel = "NAME=VALUE", description = "cfg.xml parameter and value") List<String> assignments;
        @Option(names = "--model", description = "product name, as the phone certificate's OU (e.g. CP-8841-3PCC)") String model;
        @Option(names = "--serial", description = "serial number (certificate L); '' clears it") String serial;
        @Option(names = "--group", description = "group name; '' = no group") String group;
        @Option(names = "--unset", paramLabel = "NAME", description = "remove a value (inherit it again)") List<String> unset;
        @Option(names = "--value-file", paramLabel = "NAME=FILE", description = "read a value from a file (passwords)") List<String> files;

        @Override public Integer call() throws Exception {
            return printed(client().put(phonePath(Mac.normalize(mac)), new PhoneChange(model, serial, group, values(assignments, files, spec.commandLine()), unset), PHONE_CHANGE), PhoneCommands::printPhone);
        }
    }

    @Command(name = "device-delete", mixinStandardHelpOptions = true, description = "Delete a phone profile.")
    static final class DeleteDevice extends ClientCommand {
        @Parameters(index = "0", description = "MAC address") String mac;

        @Override public Integer call() { return printed(client().delete(phonePath(Mac.normalize(mac)), PHONE_CHANGE), (out, p) -> out.println("deleted phone " + p.mac())); }
    }

    // ------------------------------------------------------------------ ucsec phone ...
    @Command(name = "render", mixinStandardHelpOptions = true, description = "A phone's cfg.xml as ucsec renders it (secrets masked; the phone gets them in clear over its authenticated provisioning channel).")
    static final class Render extends ClientCommand {
        @Parameters(index = "0", description = "MAC address") String mac;
        @Option(names = "--out", description = "write to this file instead of printing") Path file;

        @Override public Integer call() throws Exception {
            String xml = new String(client().getBytes(phonePath(Mac.normalize(mac)) + "/cfg.xml"), StandardCharsets.UTF_8);
            return pem(xml, file);
        }
    }

    @Command(name = "import", mixinStandardHelpOptions = true, description = "Turn a valid cfg.xml into a group's or a phone's values (replacing them). The file is linted here first; only ucsec's catalogue parameters are sent to the node.")
    static final class Import extends ClientCommand {
        @Parameters(index = "0", description = "cfg.xml file") Path file;
        @Option(names = "--group", description = "target group (created if new)") String group;
        @Option(names = "--phone", description = "target phone MAC") String phone;
        @Option(names = "--model", description = "model, for a phone that is new") String model;

        @Override public Integer call() {
            if ((group == null) == (phone == null)) throw usage("name exactly one of --group GROUP or --phone MAC");
            CfgLint.Report r = CfgLint.lint(file);
            if (!r.ok()) {
                PrintWriter err = Terminal.safeWriter(spec.commandLine().getErr());
                for (Finding f : r.errors()) err.println(f.format(file.toString()));
                err.flush();
                Finding f = r.errors().get(0);
                throw new UcsecException(r.template() ? "phone.cfg-template" : f.code().equals("phone.lint.too-large") ? "phone.cfg-too-large" : "phone.cfg-invalid",
                        file + " has " + r.errors().size() + " error" + (r.errors().size() == 1 ? "" : "s") + " (listed above); nothing was imported");
            }
            // only the catalogue parameters leave this machine (line passwords, dial plans and the rest stay here)
            StringBuilder xml = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<flat-profile>\n");
            r.catalogueValues().forEach((k, v) -> xml.append('<').append(k).append('>').append(CfgXmlWriter.escape(v)).append("</").append(k).append(">\n"));
            xml.append("</flat-profile>\n");
            String q = group != null ? "group=" + NodeClient.enc(group) : "phone=" + NodeClient.enc(Mac.normalize(phone)) + (model != null ? "&model=" + NodeClient.enc(model) : "");
            Change<Imported> ch = client().upload("/api/v1/phone/import?" + q, xml.toString().getBytes(StandardCharsets.UTF_8), "application/xml", IMPORTED);
            List<String> warnings = new ArrayList<>(ch.warnings());
            if (!r.notChecked().isEmpty()) warnings.add(r.notChecked().size() + " parameters outside ucsec's catalogue were not imported (dial plans, line keys, ...)");
            return printed(Change.of(new Imported(ch.value().target(), ch.value().values(), r.notChecked().size(), List.of()), warnings, ch.restartsMarked()),
                    (out, i) -> out.println("imported " + i.values() + " values into " + i.target()));
        }
    }

    @Command(name = "lint", mixinStandardHelpOptions = true, description = "Check a cfg.xml (local; no node needed): broken XML, mismatched tags, wrong names and values of ucsec's catalogue parameters, with line numbers. Exit 0 = no errors, 1 = errors.")
    static final class Lint implements Callable<Integer> {
        @Parameters(index = "0", description = "cfg.xml file") Path file;
        @Option(names = "--json", description = "print the report as JSON") boolean json;
        @Option(names = "--verbose", description = "also list each parameter that was not checked") boolean verbose;
        @CommandLine.Spec CommandLine.Model.CommandSpec spec;

        @Override public Integer call() {
            CfgLint.Report r = CfgLint.lint(file);
            PrintWriter raw = spec.commandLine().getOut();
            if (json) raw.println(Json.write(Map.of("file", r.file(), "ok", r.ok(), "template", r.template(), "errors", r.errors().size(), "warnings", r.warnings().size(),
                    "findings", r.findings().stream().map(PhoneService::details).toList(), "notChecked", r.notChecked())));
            else {
                PrintWriter out = Terminal.safeWriter(raw);
                if (verbose) for (Finding f : r.findings()) { if (f.severity() == Finding.Severity.INFO) out.println(f.format(r.file())); }
                out.print(r.text());
                out.flush();
            }
            raw.flush();
            return r.ok() ? 0 : NodeClient.EXIT_REFUSED;
        }
    }

    @Command(name = "catalogue", mixinStandardHelpOptions = true, description = "The cfg.xml parameters ucsec manages (seed 003, P1-P14): name, ua, per-line suffix, default, allowed values (local).")
    static final class CatalogueCmd implements Callable<Integer> {
        @Option(names = "--json", description = "print JSON") boolean json;
        @CommandLine.Spec CommandLine.Model.CommandSpec spec;

        @Override public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            var rows = PhoneService.catalogue();
            if (json) out.println(Json.write(rows));
            else for (var p : rows) out.printf("%-4s %-38s ua=%-2s %-4s default=%-26s %s%s%n", p.row(), p.name(), p.ua(), p.suffix(), p.defaultValue().isEmpty() ? "(empty)" : p.defaultValue(),
                    p.allowed().isEmpty() ? p.type() : p.type() + " " + String.join("|", p.allowed()), p.secret() ? " (secret)" : "");
            out.flush();
            return 0;
        }
    }
}
