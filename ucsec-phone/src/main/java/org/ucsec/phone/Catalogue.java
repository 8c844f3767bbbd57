package org.ucsec.phone;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The cfg.xml parameters of seed 003 rows P1-P14 ({@code org/ucsec/phone/parameters.tsv}): exact XML names, {@code ua},
 * per-line suffix, default, allowed values. Looks names up exactly as the phone does (case-sensitive) and, for a name
 * written in a wrong form ({@code Auth_INVITE_1}, {@code sip_transport_1_}, {@code SIP_Transport__1__}), says which
 * parameter was meant.
 */
public final class Catalogue {
    /** Highest line number of a per-line parameter on any model (models.tsv). */
    public static final int MAX_LINES = 16;

    private static final class Holder { static final Catalogue STANDARD = load(); }

    private final Map<String, Param> byName;
    private final Map<String, Param> perLineByBase;
    private final Map<String, Param> byLooseKey = new LinkedHashMap<>();
    private final Map<String, Param> perLineByLooseBase = new LinkedHashMap<>();

    /** A parameter instance found in a name: the parameter and its line (0 for a global one). */
    public record Match(Param param, int line) {
        public String name() { return param.instance(line); }
    }

    private Catalogue(List<Param> params) {
        Map<String, Param> n = new LinkedHashMap<>(), b = new LinkedHashMap<>();
        for (Param p : params) {
            if (n.put(p.name(), p) != null) throw new IllegalStateException("parameters.tsv: duplicate " + p.name());
            if (p.perLine()) { b.put(p.base(), p); perLineByLooseBase.put(loose(p.base()), p); }
            else byLooseKey.put(loose(p.name()), p);
        }
        byName = Collections.unmodifiableMap(n);
        perLineByBase = Collections.unmodifiableMap(b);
    }

    public static Catalogue standard() { return Holder.STANDARD; }

    public List<Param> params() { return List.copyOf(byName.values()); }

    public Optional<Param> param(String catalogueName) { return Optional.ofNullable(byName.get(catalogueName)); }

    private static final Pattern LINE = Pattern.compile("^(.*_)([1-9][0-9]?)_$");

    /** The exact element name as the phone reads it ({@code SIP_Transport_1_}); empty when not in the catalogue. */
    public Optional<Match> find(String elementName) {
        Param p = byName.get(elementName);
        if (p != null && !p.perLine()) return Optional.of(new Match(p, 0));
        Matcher m = LINE.matcher(elementName);
        if (m.matches()) {
            Param pl = perLineByBase.get(m.group(1));
            int line = Integer.parseInt(m.group(2));
            if (pl != null && line >= 1 && line <= MAX_LINES) return Optional.of(new Match(pl, line));
        }
        return Optional.empty();
    }

    /**
     * For a name that is not in the catalogue: the catalogue parameter it is a wrong form of (other case, missing or
     * doubled underscores, {@code _1} / {@code __1__} line suffixes), or empty when it is some other parameter.
     */
    public Optional<Match> suggest(String elementName) {
        if (find(elementName).isPresent()) return Optional.empty();
        String key = loose(elementName);
        Param g = byLooseKey.get(key);
        if (g != null) return Optional.of(new Match(g, 0));
        // the trailing digits are the line: a scan from the end (a regex such as (.*?)([0-9]+)$ backtracks
        // quadratically on a long run of digits in a name the file's author chose)
        int digits = key.length();
        while (digits > 0 && key.charAt(digits - 1) >= '0' && key.charAt(digits - 1) <= '9') digits--;
        if (digits < key.length()) {
            Param pl = perLineByLooseBase.get(key.substring(0, digits));
            if (pl != null) {
                try {
                    int line = Integer.parseInt(key.substring(digits));
                    if (line >= 1 && line <= MAX_LINES) return Optional.of(new Match(pl, line));
                } catch (NumberFormatException ignored) { /* too many digits: not a line */ }
            }
        }
        return Optional.empty();
    }

    /** Lower case without underscores: the key under which wrong forms of one name meet. */
    static String loose(String name) { return name.toLowerCase(Locale.ROOT).replace("_", ""); }

    static Catalogue load() {
        List<Param> out = new ArrayList<>();
        for (String[] f : Tsv.read("parameters.tsv", 9)) {
            String name = f[0];
            boolean perLine = f[3].equals("_n_");
            if (perLine != name.endsWith("_n_")) throw new IllegalStateException("parameters.tsv: " + name + ": suffix column and name disagree");
            if (!List.of("na", "rw", "ro").contains(f[2])) throw new IllegalStateException("parameters.tsv: " + name + ": ua " + f[2]);
            Param.Type type = Param.Type.valueOf(f[5].toUpperCase(Locale.ROOT).replace('-', '_'));
            List<String> allowed = f[6].equals("-") ? List.of() : Arrays.asList(f[6].split("\\|"));
            out.add(new Param(name, f[1], f[2], perLine, f[4].equals("-") ? "" : f[4], type, allowed, f[7].equals("yes"), f[8], f.length > 9 ? f[9] : ""));
        }
        return new Catalogue(out);
    }
}
