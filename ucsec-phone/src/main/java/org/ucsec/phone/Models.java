package org.ucsec.phone;

import org.ucsec.core.UcsecException;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** Phone models ucsec provisions ({@code models.tsv}): product name as the certificate's OU carries it, and its lines. */
public final class Models {
    public record Model(String name, int lines, String source) {}

    private static final class Holder { static final Models STANDARD = new Models(); }

    private final Map<String, Model> models = new LinkedHashMap<>();

    private Models() {
        for (String[] f : Tsv.read("models.tsv", 3)) {
            Model m = new Model(f[0], Integer.parseInt(f[1]), f[2]);
            if (m.lines() < 1 || m.lines() > Catalogue.MAX_LINES) throw new IllegalStateException("models.tsv: " + m.name() + ": lines");
            models.put(m.name(), m);
        }
    }

    public static Models standard() { return Holder.STANDARD; }

    public Map<String, Model> all() { return Collections.unmodifiableMap(models); }

    public Optional<Model> find(String name) { return Optional.ofNullable(models.get(name)); }

    /** The model named (case-insensitive: {@code cp-8841-3pcc} is {@code CP-8841-3PCC}); refused when unknown. */
    public Model require(String name) {
        if (name == null || name.isBlank()) throw new UcsecException("phone.unknown-model", "model is required (one of " + String.join(", ", models.keySet()) + ")");
        Model m = models.get(name.trim().toUpperCase(Locale.ROOT));
        if (m == null) throw new UcsecException("phone.unknown-model", "unknown phone model '" + Problem.printable(name) + "' (known: " + String.join(", ", models.keySet()) + ")");
        return m;
    }
}
