package org.ucsec.phone;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The effective profile: for every catalogue parameter (per-line ones for lines 1..{@link #lines}) the value that
 * wins — the phone's own, else its group's, else the cluster default's, else the phone default — and where it came
 * from.
 */
public final class Effective {
    public static final String DEFAULT = "default";

    /** One level: its origin label ({@code cluster}, {@code group:sales}, {@code phone}) and its values. */
    public record Level(String origin, Layer layer) {}

    /** One effective value and its origin. */
    public record Entry(String name, Param param, int line, Value value, String origin) {
        public boolean isDefault() { return origin.equals(DEFAULT); }
    }

    private final int lines;
    private final Map<String, Entry> entries;
    private final List<Problem> notes;

    private Effective(int lines, Map<String, Entry> entries, List<Problem> notes) {
        this.lines = lines;
        this.entries = Collections.unmodifiableMap(entries);
        this.notes = List.copyOf(notes);
    }

    /**
     * @param lines the phone's lines (its model's); 0 = as many as the levels use (at least 1), for a group or the
     *              cluster defaults seen alone
     * @param levels lowest priority first: cluster, group, phone
     */
    public static Effective of(int lines, List<Level> levels) {
        int n = lines;
        if (n <= 0) {
            n = 1;
            for (Level l : levels) for (String k : l.layer().values().keySet()) n = Math.max(n, Catalogue.standard().find(k).map(Catalogue.Match::line).orElse(0));
        }
        List<Problem> notes = new ArrayList<>();
        Map<String, Entry> out = new LinkedHashMap<>();
        for (Param p : Catalogue.standard().params()) {
            for (int line = p.perLine() ? 1 : 0; line <= (p.perLine() ? n : 0); line++) {
                String name = p.instance(line);
                Entry e = new Entry(name, p, line, Value.plain(p.defaultValue()), DEFAULT);
                for (Level l : levels) {
                    Value v = l.layer().values().get(name);
                    if (v != null) e = new Entry(name, p, line, v, l.origin());
                }
                out.put(name, e);
            }
        }
        for (Level l : levels) {
            for (String k : l.layer().values().keySet()) {
                if (!out.containsKey(k)) notes.add(Problem.warning("phone.line-not-on-model", k, "set by " + l.origin() + " for a line this phone does not have (" + n + " lines): not rendered"));
            }
        }
        return new Effective(n, out, notes);
    }

    public int lines() { return lines; }

    public List<Entry> entries() { return List.copyOf(entries.values()); }

    public Entry entry(String name) { return entries.get(name); }

    /** The effective text of a non-secret parameter instance, stripped; "" when unknown. */
    public String text(String name) {
        Entry e = entries.get(name);
        if (e == null) return "";
        return e.value().isSecret() ? e.value().shown() : e.value().reveal(null).strip();
    }

    public boolean isEmpty(String name) {
        Entry e = entries.get(name);
        return e == null || e.value().isEmpty() || (!e.value().isSecret() && e.value().reveal(null).isBlank());
    }

    /** Values set for lines the phone does not have (warnings). */
    public List<Problem> notes() { return notes; }
}
