package org.ucsec.phone;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * {@code Firewall_Config} (SPEC P8, seed 003 table 5): comma-separated keywords {@code NO_ICMP_PING},
 * {@code NO_ICMP_UNREACHABLE}, {@code NO_CISCO_TFTP}, {@code UDP:x}, {@code UDP:x:y}, {@code TCP:x}, {@code TCP:x:y};
 * at most 5 UDP and 5 TCP options (single ports and ranges together); ports 1-65535; x <= y. Every problem names the
 * token, its item number and its column in the value.
 */
public final class FirewallConfig {
    public static final String FIELD = "Firewall_Config";
    public static final String CODE = "phone.firewall-config";
    public static final int MAX_PER_PROTOCOL = 5;
    public static final Set<String> FLAGS = Set.of("NO_ICMP_PING", "NO_ICMP_UNREACHABLE", "NO_CISCO_TFTP");

    /** A port or port range opened by an option. */
    public record Range(String proto, int from, int to) {
        public String text() { return from == to ? String.valueOf(from) : from + "-" + to; }
    }

    /** What a value means: the flags set and the ports opened, in order; and what is wrong with it. */
    public record Parsed(Set<String> flags, List<Range> udp, List<Range> tcp, List<Problem> problems) {
        public boolean valid() { return problems.stream().noneMatch(Problem::isError); }
        public boolean has(String flag) { return flags.contains(flag); }
    }

    private FirewallConfig() {}

    public static Parsed parse(String value) {
        Set<String> flags = new LinkedHashSet<>();
        List<Range> udp = new ArrayList<>(), tcp = new ArrayList<>();
        List<Problem> problems = new ArrayList<>();
        if (value == null || value.isBlank()) return new Parsed(flags, udp, tcp, problems);
        int start = 0, index = 0;
        while (start <= value.length()) {
            int comma = value.indexOf(',', start);
            int end = comma < 0 ? value.length() : comma;
            String raw = value.substring(start, end);
            String tok = raw.strip();
            int column = start + 1 + (raw.length() - raw.stripLeading().length());
            token(tok, index, column, flags, udp, tcp, problems);
            index++;
            if (comma < 0) break;
            start = comma + 1;
        }
        if (udp.size() > MAX_PER_PROTOCOL) problems.add(Problem.error(CODE, FIELD, udp.size() + " UDP options; at most " + MAX_PER_PROTOCOL + " UDP:x / UDP:x:y options are allowed (seed 003 table 5)"));
        if (tcp.size() > MAX_PER_PROTOCOL) problems.add(Problem.error(CODE, FIELD, tcp.size() + " TCP options; at most " + MAX_PER_PROTOCOL + " TCP:x / TCP:x:y options are allowed (seed 003 table 5)"));
        return new Parsed(flags, udp, tcp, problems);
    }

    private static void token(String tok, int index, int column, Set<String> flags, List<Range> udp, List<Range> tcp, List<Problem> problems) {
        if (tok.isEmpty()) {
            problems.add(Problem.token(CODE, FIELD, "empty option (two commas, or a comma at the start or end)", tok, index, column));
            return;
        }
        if (FLAGS.contains(tok)) {
            if (!flags.add(tok)) problems.add(new Problem(Problem.Severity.WARNING, CODE, FIELD, tok + " is given twice", tok, index, column));
            return;
        }
        String[] parts = tok.split(":", -1);
        String kw = parts[0];
        if (!kw.equals("UDP") && !kw.equals("TCP")) {
            String upper = tok.toUpperCase(Locale.ROOT);
            String hint = FLAGS.contains(upper) || upper.startsWith("UDP:") || upper.startsWith("TCP:") ? "; keywords are upper case: " + upper
                    : "; expected NO_ICMP_PING, NO_ICMP_UNREACHABLE, NO_CISCO_TFTP, UDP:x, UDP:x:y, TCP:x or TCP:x:y";
            problems.add(Problem.token(CODE, FIELD, "unknown option" + hint, tok, index, column));
            return;
        }
        if (parts.length < 2 || parts.length > 3) {
            problems.add(Problem.token(CODE, FIELD, kw + " takes one port or a range: " + kw + ":x or " + kw + ":x:y", tok, index, column));
            return;
        }
        int x = port(parts[1], tok, index, column + kw.length() + 1, problems);
        int y = parts.length == 3 ? port(parts[2], tok, index, column + kw.length() + parts[1].length() + 2, problems) : x;
        if (x < 0 || y < 0) return;
        if (x > y) {
            problems.add(Problem.token(CODE, FIELD, "range " + x + ":" + y + " is backwards (x must be <= y)", tok, index, column));
            return;
        }
        (kw.equals("UDP") ? udp : tcp).add(new Range(kw.toLowerCase(Locale.ROOT), x, y));
    }

    private static int port(String s, String tok, int index, int column, List<Problem> problems) {
        if (s.isEmpty() || s.length() > 5 || !s.chars().allMatch(c -> c >= '0' && c <= '9')) {
            problems.add(Problem.token(CODE, FIELD, "'" + Problem.printable(s) + "' is not a port number (1-65535)", tok, index, column));
            return -1;
        }
        int p = Integer.parseInt(s);
        if (p < 1 || p > 65535) {
            problems.add(Problem.token(CODE, FIELD, "port " + p + " is outside 1-65535", tok, index, column));
            return -1;
        }
        return p;
    }
}
