package org.ucsec.node.sipoauth;

import org.ucsec.core.UcsecException;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Seed 004's enterprise parameters (O2, O3, O6) and per-node ports (O4) as data: {@code enterprise-parameters.tsv}
 * beside this class, the one place their names, values, defaults and ranges are written.
 */
public final class SipOAuthSeed {
    public static final String ACCESS_TOKEN = "oauth-access-token-for-devices";
    public static final String REFRESH_LOGIN = "oauth-with-refresh-login";
    public static final String CLUSTER_MODE = "cluster-sipoauth-mode";
    public static final String PHONE_PORT = "phone-oauth-port";
    public static final String MRA_PORT = "mra-port";
    public static final String TOKEN_PORT = "token-port";

    public record Value(String id, String name, String seedText, boolean isDefault) {}

    public record Parameter(String id, String name, String seedName, boolean writable, List<Value> values) {
        public Value defaultValue() { return values.stream().filter(Value::isDefault).findFirst().orElseThrow(); }

        /** The value an operator means: its id, its English text or the seed's text, case-insensitively. */
        public Optional<Value> value(String given) {
            if (given == null) return Optional.empty();
            String g = given.strip();
            for (Value v : values)
                if (v.id().equalsIgnoreCase(g) || v.name().equalsIgnoreCase(g) || (!v.seedText().equals("-") && v.seedText().equals(g))) return Optional.of(v);
            return Optional.empty();
        }
    }

    public record Port(String id, String name, String seedName, int defaultPort, int min, int max) {}

    private static final SipOAuthSeed INSTANCE = load();

    private final Map<String, Parameter> parameters;
    private final Map<String, Port> ports;

    private SipOAuthSeed(Map<String, Parameter> parameters, Map<String, Port> ports) { this.parameters = parameters; this.ports = ports; }

    public static SipOAuthSeed get() { return INSTANCE; }

    public List<Parameter> parameters() { return List.copyOf(parameters.values()); }

    public Parameter parameter(String id) { return Optional.ofNullable(parameters.get(id)).orElseThrow(); }

    /** A parameter by id or by its English or seed name; unknown names are refused listing the known ones. */
    public Parameter findParameter(String given) {
        String g = given == null ? "" : given.strip();
        for (Parameter p : parameters.values())
            if (p.id().equalsIgnoreCase(g) || p.name().equalsIgnoreCase(g) || p.seedName().equals(g)) return p;
        throw new UcsecException("sipoauth.parameter-unknown", "'" + g + "' is not a SIP OAuth enterprise parameter (known: "
                + String.join(", ", parameters.values().stream().map(p -> p.id() + " = \"" + p.name() + "\"").toList()) + ")");
    }

    public List<Port> ports() { return List.copyOf(ports.values()); }

    public Port port(String id) { return Optional.ofNullable(ports.get(id)).orElseThrow(); }

    private static SipOAuthSeed load() {
        Map<String, List<String[]>> rows = new LinkedHashMap<>();
        Map<String, Port> ports = new LinkedHashMap<>();
        try (InputStream in = SipOAuthSeed.class.getResourceAsStream("enterprise-parameters.tsv")) {
            if (in == null) throw new IllegalStateException("enterprise-parameters.tsv is missing");
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                if (line.isBlank() || line.startsWith("#")) continue;
                String[] f = line.split("\t", -1);
                switch (f[0]) {
                    case "parameter" -> { if (f.length != 9) throw bad(line); rows.computeIfAbsent(f[1], k -> new ArrayList<>()).add(f); }
                    case "port" -> {
                        if (f.length != 7) throw bad(line);
                        ports.put(f[1], new Port(f[1], f[2], f[3], Integer.parseInt(f[4]), Integer.parseInt(f[5]), Integer.parseInt(f[6])));
                    }
                    default -> throw bad(line);
                }
            }
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        Map<String, Parameter> params = new LinkedHashMap<>();
        for (var e : rows.entrySet()) {
            List<Value> values = new ArrayList<>();
            for (String[] f : e.getValue()) values.add(new Value(f[4], f[5], f[6], yes(f[7])));
            if (values.stream().filter(Value::isDefault).count() != 1) throw new IllegalStateException("enterprise-parameters.tsv: " + e.getKey() + " needs exactly one default");
            String[] first = e.getValue().get(0);
            params.put(e.getKey(), new Parameter(e.getKey(), first[2], first[3], yes(first[8]), List.copyOf(values)));
        }
        return new SipOAuthSeed(params, ports);
    }

    private static boolean yes(String s) { return s.trim().toLowerCase(Locale.ROOT).equals("yes"); }

    private static IllegalStateException bad(String line) { return new IllegalStateException("enterprise-parameters.tsv: bad row: " + line); }
}
