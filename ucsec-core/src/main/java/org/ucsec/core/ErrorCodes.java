package org.ucsec.core;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The one registry of error codes: {@code org/ucsec/core/errors.tsv} (code, kind, meaning). The kind of a refusal
 * comes from here, never from the throwing site, so one code always answers with the same HTTP status and CLI exit.
 *
 * <p>A code that is not registered is a defect: with the system property {@code ucsec.errors.strict=true} (set for
 * every test run) constructing a {@link UcsecException} with it fails loudly; in production it is answered as
 * {@link Kind#INTERNAL} and logged.
 */
public final class ErrorCodes {
    /** How a refusal maps to HTTP status and CLI exit code. */
    public enum Kind {
        /** malformed or invalid input: 400 */
        INVALID(400),
        /** unknown object: 404 */
        NOT_FOUND(404),
        /** the method is not allowed on this path: 405 */
        METHOD_NOT_ALLOWED(405),
        /** conflict with the current state or a rule refusal: 409 */
        CONFLICT(409),
        /** no or bad credentials: 401 */
        UNAUTHENTICATED(401),
        /** authenticated but not allowed: 403 */
        FORBIDDEN(403),
        /** oversized input: 413 */
        TOO_LARGE(413),
        /** URI too long: 414 */
        URI_TOO_LONG(414),
        /** request headers too large: 431 */
        HEADERS_TOO_LARGE(431),
        /** a remote peer or an outside component failed (DNS, TCP, TLS of a peer, a service hook): 502 */
        UPSTREAM(502),
        /** the node cannot do it now (a port taken, a listener closed): 503 */
        UNAVAILABLE(503),
        /** a bug: 500 */
        INTERNAL(500);

        private final int httpStatus;
        Kind(int httpStatus) { this.httpStatus = httpStatus; }
        public int httpStatus() { return httpStatus; }
    }

    /** One registered code. */
    public record Entry(String code, Kind kind, String meaning) {}

    private static final Map<String, Entry> ENTRIES = load();

    private ErrorCodes() {}

    public static Optional<Entry> find(String code) { return Optional.ofNullable(ENTRIES.get(code)); }

    public static boolean isRegistered(String code) { return ENTRIES.containsKey(code); }

    /** Every code in file order. */
    public static Map<String, Entry> all() { return ENTRIES; }

    static boolean strict() { return Boolean.getBoolean("ucsec.errors.strict"); }

    private static Map<String, Entry> load() {
        Map<String, Entry> out = new LinkedHashMap<>();
        try (InputStream in = ErrorCodes.class.getResourceAsStream("errors.tsv")) {
            if (in == null) throw new IllegalStateException("org/ucsec/core/errors.tsv is missing from the class path");
            BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            int n = 0;
            for (String line; (line = r.readLine()) != null; ) {
                n++;
                if (line.isBlank() || line.startsWith("#")) continue;
                String[] f = line.split("\t", -1);
                if (f.length != 3 || f[0].isBlank() || f[2].isBlank())
                    throw new IllegalStateException("errors.tsv line " + n + ": expected code<TAB>KIND<TAB>meaning: " + line);
                Kind kind;
                try { kind = Kind.valueOf(f[1]); } catch (IllegalArgumentException e) {
                    throw new IllegalStateException("errors.tsv line " + n + ": unknown kind " + f[1]);
                }
                if (out.putIfAbsent(f[0], new Entry(f[0], kind, f[2])) != null)
                    throw new IllegalStateException("errors.tsv line " + n + ": duplicate code " + f[0]);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Collections.unmodifiableMap(out);
    }
}
