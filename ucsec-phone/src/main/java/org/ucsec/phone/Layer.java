package org.ucsec.phone;

import org.ucsec.core.UcsecException;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The values one level of inheritance sets (cluster defaults, a named group, one phone), keyed by element name
 * ({@code SIP_Transport_1_}). Built only through {@link #with}: every name is a catalogue parameter and every value
 * passes its field check, so an invalid layer cannot exist.
 */
public final class Layer {
    public static final Layer EMPTY = new Layer(Map.of());
    private final Map<String, Value> values;

    private Layer(Map<String, Value> values) { this.values = Collections.unmodifiableMap(values); }

    public Map<String, Value> values() { return values; }

    public boolean isEmpty() { return values.isEmpty(); }

    /** The result of a change: the new layer and warnings (a value whose case was corrected, ...). */
    public record Changed(Layer layer, List<Problem> warnings) {}

    /**
     * This layer with {@code set} applied (name -> text; plain text for secrets too, sealed by the caller's store) and
     * {@code unset} removed. Refused with the first error's code; every problem is in the exception's details.
     */
    public Changed with(Map<String, String> set, List<String> unset) {
        Catalogue cat = Catalogue.standard();
        Map<String, Value> out = new LinkedHashMap<>(values);
        List<Problem> problems = new ArrayList<>();
        for (String name : unset == null ? List.<String>of() : unset) {
            if (cat.find(name).isEmpty()) problems.add(unknown(name));
            else out.remove(name);
        }
        for (var e : (set == null ? Map.<String, String>of() : set).entrySet()) {
            String name = e.getKey();
            Optional<Catalogue.Match> m = cat.find(name);
            if (m.isEmpty()) { problems.add(unknown(name)); continue; }
            if (e.getValue() == null) { problems.add(Problem.error(FieldRules.INVALID, name, "value is missing (use unset to remove it)")); continue; }
            Param p = m.get().param();
            String text = p.secret() ? e.getValue() : e.getValue().strip();
            Optional<String> fix = FieldRules.caseFix(p, text);
            if (fix.isPresent()) {
                problems.add(Problem.warning(FieldRules.INVALID, name, "'" + text + "' written as " + fix.get() + ", as the phone expects"));
                text = fix.get();
            }
            Value v = Value.of(p, text);
            problems.addAll(FieldRules.check(m.get(), v));
            out.put(name, v);
        }
        throwIfErrors(problems);
        return new Changed(new Layer(out), problems);
    }

    /** A layer read back from the store (its values were checked when they were stored). */
    public static Layer stored(Map<String, Value> values) {
        Map<String, Value> out = new LinkedHashMap<>();
        for (var e : values.entrySet()) if (Catalogue.standard().find(e.getKey()).isPresent()) out.put(e.getKey(), e.getValue());
        return new Layer(out);
    }

    static Problem unknown(String name) {
        Optional<Catalogue.Match> s = Catalogue.standard().suggest(name);
        return Problem.error("phone.unknown-parameter", name, "'" + Problem.printable(name) + "' is not a parameter ucsec manages"
                + s.map(x -> "; did you mean " + x.name() + "?").orElse(" (see the catalogue: ucsec phone catalogue)"));
    }

    /** Refuses with the first error's code when there is one; all problems go into the details. */
    public static void throwIfErrors(List<Problem> problems) {
        List<Problem> errors = problems.stream().filter(Problem::isError).toList();
        if (errors.isEmpty()) return;
        Problem first = errors.get(0);
        StringBuilder msg = new StringBuilder(first.describe());
        if (errors.size() > 1) msg.append(" (and ").append(errors.size() - 1).append(" more problem").append(errors.size() > 2 ? "s" : "").append(')');
        throw new UcsecException(first.code(), msg.toString(), Map.of("problems", problems.stream().map(Problem::details).toList()));
    }

    @Override public String toString() { return "Layer" + values; }
}
