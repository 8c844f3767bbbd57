package org.ucsec.tls.cipher;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The words a phone's {@code TLS_Cipher_List} may use: seed 003, table 6 "supported cipher strings
 * (OpenSSL 1.1.1d)", read from the data file {@code org/ucsec/tls/cipher/phone-supported-words.tsv}.
 */
public final class PhoneCipherWords {
    static final String RESOURCE = "phone-supported-words.tsv";

    /** Where a word comes from. */
    public enum Source {
        /** Printed in table 6. */
        SEED,
        /** Added because table 6 is visibly garbled there (the note says how). */
        SEED_TYPO,
        /** An {@code @} command, not a cipher word. */
        COMMAND
    }

    /**
     * @param word         as OpenSSL spells it
     * @param source       provenance
     * @param seedSpelling how table 6 writes it ({@code null} when it does not)
     * @param note         remark, may be empty
     */
    public record Entry(String word, Source source, String seedSpelling, String note) {}

    private static final class Holder {
        static final PhoneCipherWords STANDARD = load();
    }

    private final Map<String, Entry> entries;

    private PhoneCipherWords(Map<String, Entry> entries) {
        this.entries = entries;
    }

    public static PhoneCipherWords standard() {
        return Holder.STANDARD;
    }

    /** {@code true} when a phone may use the word (case-sensitive, as in OpenSSL). */
    public boolean isSupported(String word) {
        return entries.containsKey(word);
    }

    public Optional<Entry> entry(String word) {
        return Optional.ofNullable(entries.get(word));
    }

    public List<Entry> entries() {
        return List.copyOf(entries.values());
    }

    static PhoneCipherWords load() {
        try (InputStream in = PhoneCipherWords.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + RESOURCE);
            }
            BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            Map<String, Entry> map = new LinkedHashMap<>();
            String line;
            while ((line = r.readLine()) != null) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                String[] f = line.split("\t", -1);
                List<String> cols = new ArrayList<>(List.of(f));
                while (cols.size() < 4) {
                    cols.add("");
                }
                Source source = switch (cols.get(1)) {
                    case "seed" -> Source.SEED;
                    case "seed-typo" -> Source.SEED_TYPO;
                    case "command" -> Source.COMMAND;
                    default -> throw new IllegalStateException(RESOURCE + ": unknown source in " + line);
                };
                String spelling = cols.get(2).equals("-") || cols.get(2).isEmpty() ? null : cols.get(2);
                if (map.put(cols.get(0), new Entry(cols.get(0), source, spelling, cols.get(3))) != null) {
                    throw new IllegalStateException(RESOURCE + ": duplicate word " + cols.get(0));
                }
            }
            return new PhoneCipherWords(Collections.unmodifiableMap(map));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
