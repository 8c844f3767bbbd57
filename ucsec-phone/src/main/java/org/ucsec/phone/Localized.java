package org.ucsec.phone;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** Localized words for enumerated values ({@code localized-values.tsv}): the phone takes only the English values. */
final class Localized {
    private static final Map<String, String> WORDS = new LinkedHashMap<>();
    static {
        for (String[] f : Tsv.read("localized-values.tsv", 3)) WORDS.put(f[0], f[1]);
    }

    private Localized() {}

    /** The value of {@code p} that {@code word} translates, when {@code word} is a localized word. */
    static Optional<String> meaning(Param p, String word) {
        String en = WORDS.get(word.strip());
        if (en == null) return Optional.empty();
        for (String a : p.allowed()) if (a.equalsIgnoreCase(en)) return Optional.of(a);
        return Optional.of(en);
    }
}
