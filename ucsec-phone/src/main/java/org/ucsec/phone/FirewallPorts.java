package org.ucsec.phone;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The ports a phone's firewall leaves open (SPEC P7 + P8): the default open ports of seed 003 tables 3 and 4
 * ({@code firewall-default-ports.tsv}) for the values of the effective profile, plus the {@code UDP:}/{@code TCP:}
 * options of {@code Firewall_Config}, minus the TFTP range under {@code NO_CISCO_TFTP}.
 */
public final class FirewallPorts {
    /** One open port range and why it is open. */
    public record Open(String proto, int from, int to, String reason) {}

    /**
     * @param enabled  {@code Firewall} is Enabled; when Disabled the phone filters nothing and {@code open} lists what
     *                 would be open with it on
     * @param open     UDP then TCP, in table order, then the options
     * @param flags    the NO_* keywords of Firewall_Config
     */
    public record View(boolean enabled, List<Open> open, Set<String> flags) {}

    private record Row(String proto, String from, String to, String when, String reason) {}

    private static final List<Row> ROWS = new ArrayList<>();
    static {
        for (String[] f : Tsv.read("firewall-default-ports.tsv", 5)) ROWS.add(new Row(f[0], f[1], f[2], f[3], f[4]));
    }

    private FirewallPorts() {}

    public static View of(Effective e) {
        FirewallConfig.Parsed cfg = FirewallConfig.parse(e.text("Firewall_Config"));
        List<Open> open = new ArrayList<>();
        for (String proto : List.of("udp", "tcp")) {
            for (Row r : ROWS) {
                if (!r.proto().equals(proto)) continue;
                boolean perLine = r.from().contains("_n_") || r.when().contains("_n_");
                for (int n = perLine ? 1 : 0; n <= (perLine ? e.lines() : 0); n++) {
                    if (!holds(r.when(), n, e, cfg)) continue;
                    Integer from = number(r.from(), n, e), to = number(r.to(), n, e);
                    if (from == null || to == null || from > to) continue;
                    open.add(new Open(proto, from, to, (n > 0 ? r.reason() + " (line " + n + ")" : r.reason())));
                }
            }
            for (FirewallConfig.Range x : proto.equals("udp") ? cfg.udp() : cfg.tcp()) {
                open.add(new Open(proto, x.from(), x.to(), "Firewall_Config " + proto.toUpperCase() + ":" + (x.from() == x.to() ? x.from() : x.from() + ":" + x.to())));
            }
        }
        return new View(!e.text("Firewall").equals("Disabled"), open, new LinkedHashSet<>(cfg.flags()));
    }

    private static String line(String s, int n) { return s.replace("_n_", "_" + n + "_"); }

    private static boolean holds(String when, int n, Effective e, FirewallConfig.Parsed cfg) {
        if (when.equals("always")) return true;
        if (when.startsWith("!")) return !cfg.has(when.substring(1));
        for (String cond : when.split("&")) {
            int eq = cond.indexOf('=');
            String value = e.text(line(cond.substring(0, eq), n));
            if (!List.of(cond.substring(eq + 1).split("\\|")).contains(value)) return false;
        }
        return true;
    }

    private static Integer number(String expr, int n, Effective e) {
        int plus = 0;
        String s = expr;
        if (s.endsWith("+1")) { plus = 1; s = s.substring(0, s.length() - 2); }
        String v = Character.isDigit(s.charAt(0)) ? s : e.text(line(s, n));
        if (!FieldRules.validPort(v)) return null;
        int p = Integer.parseInt(v) + plus;
        return p > 65535 ? null : p;
    }
}
