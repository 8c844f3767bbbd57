package org.ucsec.tls.cipher;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Each phone application's fallback cipher list for an empty or invalid {@code TLS_Cipher_List} (P9), read
 * from the data file {@code org/ucsec/tls/cipher/phone-fallbacks.txt} (transcribed from seed 003).
 */
public final class PhoneFallbacks {
    static final String RESOURCE = "phone-fallbacks.txt";
    /** The catalog fallback cipher strings are expanded against: the phone's OpenSSL 1.1.1d has SEED. */
    static final OpenSslCatalog PHONE_CATALOG = Dialect.PHONE.defaultCatalog();

    private static final class Holder {
        static final PhoneFallbacks STANDARD = load(CipherStringEngine.standard());
    }

    private final List<PhoneFallback> fallbacks;

    private PhoneFallbacks(List<PhoneFallback> fallbacks) {
        this.fallbacks = List.copyOf(fallbacks);
    }

    public static PhoneFallbacks standard() {
        return Holder.STANDARD;
    }

    /** All applications, in the seed's order. */
    public List<PhoneFallback> all() {
        return fallbacks;
    }

    public Optional<PhoneFallback> byApplication(String application) {
        return fallbacks.stream().filter(f -> f.application().equals(application)).findFirst();
    }

    /** Reads the data file and resolves every entry with the given engine's suite table. */
    public static PhoneFallbacks load(CipherStringEngine engine) {
        try (InputStream in = PhoneFallbacks.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + RESOURCE);
            }
            BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            List<PhoneFallback> out = new ArrayList<>();
            Builder current = null;
            String line;
            while ((line = r.readLine()) != null) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                if (line.startsWith("[") && line.endsWith("]")) {
                    if (current != null) {
                        out.add(current.build(engine));
                    }
                    current = new Builder(line.substring(1, line.length() - 1));
                } else if (current == null) {
                    throw new IllegalStateException(RESOURCE + ": entry before the first [application]: " + line);
                } else if (line.startsWith("label = ")) {
                    current.label = line.substring("label = ".length());
                } else if (line.startsWith("kind = ")) {
                    current.kind = switch (line.substring("kind = ".length())) {
                        case "suites" -> PhoneFallback.Kind.SUITES;
                        case "cipher-string" -> PhoneFallback.Kind.CIPHER_STRING;
                        default -> throw new IllegalStateException(RESOURCE + ": unknown kind in " + line);
                    };
                } else {
                    current.entries.add(line);
                }
            }
            if (current != null) {
                out.add(current.build(engine));
            }
            return new PhoneFallbacks(out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static final class Builder {
        final String application;
        String label;
        PhoneFallback.Kind kind;
        final List<String> entries = new ArrayList<>();

        Builder(String application) {
            this.application = application;
        }

        PhoneFallback build(CipherStringEngine engine) {
            if (label == null || kind == null || entries.isEmpty()) {
                throw new IllegalStateException(RESOURCE + ": [" + application + "] needs label, kind and entries");
            }
            CipherSuiteTable table = engine.table();
            List<CipherSuite> suites = new ArrayList<>();
            List<String> scsv = new ArrayList<>();
            List<String> unresolved = new ArrayList<>();
            String cipherString = null;
            if (kind == PhoneFallback.Kind.CIPHER_STRING) {
                if (entries.size() != 1) {
                    throw new IllegalStateException(RESOURCE + ": [" + application + "] has more than one string");
                }
                cipherString = entries.get(0);
                suites.addAll(engine.expand(cipherString, Dialect.OPENSSL, PHONE_CATALOG).suites());
            } else {
                for (String e : entries) {
                    Optional<CipherSuite> s = table.byOpenSslName(e)
                            .or(() -> table.byIanaName(e))
                            .or(() -> table.byIanaName("TLS_" + e));
                    if (s.isPresent()) {
                        suites.add(s.get());
                    } else if (e.endsWith("_SCSV")) {
                        scsv.add(e.startsWith("TLS_") ? e : "TLS_" + e);
                    } else {
                        unresolved.add(e);
                    }
                }
            }
            return new PhoneFallback(application, label, kind, entries, cipherString, suites, scsv, unresolved);
        }
    }
}
