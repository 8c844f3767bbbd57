package org.ucsec.tls.cipher;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import org.ucsec.tls.cipher.CipherSuite.Availability;
import org.ucsec.tls.cipher.CipherSuite.StrengthClass;

/**
 * The TLS 1.2-or-older cipher suites OpenSSL knows, read from the single data file
 * {@code org/ucsec/tls/cipher/openssl-suites.tsv}, with lookups by OpenSSL name, IANA/JSSE name and id.
 * Immutable.
 */
public final class CipherSuiteTable {
    static final String RESOURCE = "openssl-suites.tsv";

    private static final class Holder {
        static final CipherSuiteTable STANDARD = load();
    }

    private final List<SuiteDef> defs;
    private final List<CipherSuite> suites;
    private final Map<String, SuiteDef> byOpenSsl = new HashMap<>();
    private final Map<String, CipherSuite> byIana = new HashMap<>();
    private final Map<Integer, CipherSuite> byId = new HashMap<>();
    private final Map<OpenSslCatalog, List<SuiteDef>> collected = new EnumMap<>(OpenSslCatalog.class);

    private CipherSuiteTable(List<SuiteDef> defs) {
        this.defs = List.copyOf(defs);
        this.suites = defs.stream().map(SuiteDef::suite).toList();
        for (SuiteDef d : defs) {
            CipherSuite s = d.suite();
            if (byOpenSsl.put(s.openSslName(), d) != null || byIana.put(s.ianaName(), s) != null
                    || byId.put(s.id(), s) != null) {
                throw new IllegalStateException("duplicate suite in " + RESOURCE + ": " + s.openSslName());
            }
        }
        for (OpenSslCatalog c : OpenSslCatalog.values()) {
            // ssl_sort_cipher_list() sorts ssl3_ciphers[] by id and ssl3_get_cipher() hands them out from the
            // end, so ssl_cipher_collect_ciphers() sees them in descending id order.
            collected.put(c, defs.stream()
                    .filter(d -> c.includes(d.suite().availability()))
                    .sorted(Comparator.comparingInt(SuiteDef::id).reversed())
                    .toList());
        }
    }

    /** The table shipped with ucsec. */
    public static CipherSuiteTable standard() {
        return Holder.STANDARD;
    }

    /** Every suite in the data file (including ones the reference build cannot select), by ascending id. */
    public List<CipherSuite> all() {
        return suites;
    }

    /** The suites a catalog can select, in OpenSSL's collection order (descending id). */
    public List<CipherSuite> catalog(OpenSslCatalog catalog) {
        return collected.get(catalog).stream().map(SuiteDef::suite).toList();
    }

    public Optional<CipherSuite> byOpenSslName(String name) {
        return Optional.ofNullable(byOpenSsl.get(name)).map(SuiteDef::suite);
    }

    /**
     * Looks a suite up by its IANA name. JSSE names are accepted too: JSSE spells some SSLv3-era suites
     * with {@code SSL_} (e.g. {@code SSL_RSA_WITH_3DES_EDE_CBC_SHA}) where IANA has {@code TLS_}.
     */
    public Optional<CipherSuite> byIanaName(String name) {
        if (name == null) {
            return Optional.empty();
        }
        CipherSuite s = byIana.get(name);
        if (s == null && name.startsWith("SSL_")) {
            s = byIana.get("TLS_" + name.substring(4));
        }
        return Optional.ofNullable(s);
    }

    /** Same as {@link #byIanaName(String)}: a JSSE name as {@code SSLParameters.getCipherSuites()} returns it. */
    public Optional<CipherSuite> byJsseName(String name) {
        return byIanaName(name);
    }

    public Optional<CipherSuite> byId(int id) {
        return Optional.ofNullable(byId.get(id));
    }

    List<SuiteDef> collected(OpenSslCatalog catalog) {
        return collected.get(catalog);
    }

    SuiteDef def(String openSslName) {
        return byOpenSsl.get(openSslName);
    }

    List<SuiteDef> defs() {
        return defs;
    }

    static CipherSuiteTable load() {
        try (InputStream in = CipherSuiteTable.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + RESOURCE);
            }
            return parse(new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static CipherSuiteTable parse(BufferedReader reader) throws IOException {
        List<SuiteDef> defs = new ArrayList<>();
        String line;
        int lineNo = 0;
        while ((line = reader.readLine()) != null) {
            lineNo++;
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            String[] f = line.split("\t", -1);
            if (f.length != 12) {
                throw new IllegalStateException(RESOURCE + ":" + lineNo + ": expected 12 columns, got " + f.length);
            }
            try {
                defs.add(row(f));
            } catch (RuntimeException e) {
                throw new IllegalStateException(RESOURCE + ":" + lineNo + ": " + e.getMessage(), e);
            }
        }
        defs.sort(Comparator.comparingInt(SuiteDef::id));
        return new CipherSuiteTable(defs);
    }

    private static SuiteDef row(String[] f) {
        int id = Integer.parseInt(f[0].substring(2), 16);
        Algo.Sym kx = sym(Algo.KX, f[4]);
        Algo.Sym au = sym(Algo.AU, f[5]);
        Algo.Sym enc = sym(Algo.ENC, f[6]);
        Algo.Sym mac = sym(Algo.MAC, f[7]);
        Integer minTls = Algo.PROTOCOL.get(f[3]);
        if (minTls == null) {
            throw new IllegalArgumentException("unknown protocol " + f[3]);
        }
        int strength = 0;
        for (String s : f[8].split("\\|")) {
            Integer bit = Algo.STRENGTH.get(s);
            if (bit == null) {
                throw new IllegalArgumentException("unknown strength flag " + s);
            }
            strength |= bit;
        }
        StrengthClass cls;
        if ((strength & Algo.HIGH) != 0) {
            cls = StrengthClass.HIGH;
        } else if ((strength & Algo.MEDIUM) != 0) {
            cls = StrengthClass.MEDIUM;
        } else if ((strength & Algo.LOW) != 0) {
            cls = StrengthClass.LOW;
        } else {
            cls = StrengthClass.NONE;
        }
        Availability availability = switch (f[11]) {
            case "default" -> Availability.DEFAULT_PROVIDER;
            case "legacy-provider" -> Availability.LEGACY_PROVIDER;
            case "not-built" -> Availability.NOT_BUILT;
            default -> throw new IllegalArgumentException("unknown availability " + f[11]);
        };
        CipherSuite suite = new CipherSuite(id, f[1], f[2], f[3], kx.display(), au.display(), enc.display(),
                mac.display(), Integer.parseInt(f[9]), Integer.parseInt(f[10]), cls,
                (strength & Algo.FIPS) != 0, (strength & Algo.NOT_DEFAULT) == 0, availability);
        return new SuiteDef(suite, kx.bit(), au.bit(), enc.bit(), mac.bit(), minTls, strength);
    }

    private static Algo.Sym sym(Map<String, Algo.Sym> map, String key) {
        Algo.Sym s = map.get(key);
        if (s == null) {
            throw new IllegalArgumentException("unknown algorithm " + key);
        }
        return s;
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "CipherSuiteTable[%d suites]", suites.size());
    }
}
