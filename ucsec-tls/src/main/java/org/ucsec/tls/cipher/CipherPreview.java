package org.ucsec.tls.cipher;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * What {@code ucsec cipher preview STRING [--phone] [--json]} shows: the suites a cipher string selects, the
 * problems found in it and, for a phone string that is empty or invalid, each application's fallback (P9).
 *
 * <p>{@link Result} is a plain record tree (strings, numbers, booleans, enums, lists) that Jackson serialises as
 * is; {@link #renderText(Result)} is the plain-text form.
 */
public final class CipherPreview {
    private final CipherStringEngine engine;
    private final PhoneFallbacks fallbacks;

    public CipherPreview() {
        this(CipherStringEngine.standard(), PhoneFallbacks.standard());
    }

    public CipherPreview(CipherStringEngine engine, PhoneFallbacks fallbacks) {
        this.engine = engine;
        this.fallbacks = fallbacks;
    }

    /**
     * @param input     the cipher string as given
     * @param dialect   {@code OPENSSL} or {@code PHONE}
     * @param catalog   the suites it was expanded against
     * @param valid     OpenSSL accepts it and it selects at least one suite
     * @param suiteCount number of selected suites
     * @param suites    the selected suites in preference order (empty when not valid)
     * @param problems  what was found, in order of position
     * @param fallbacks phone dialect and not valid: what each phone application uses instead; else empty
     */
    public record Result(
            String input,
            Dialect dialect,
            OpenSslCatalog catalog,
            boolean valid,
            int suiteCount,
            List<CipherSuite> suites,
            List<CipherProblem> problems,
            List<PhoneFallback> fallbacks) {

        public Result {
            suites = List.copyOf(suites);
            problems = List.copyOf(problems);
            fallbacks = List.copyOf(fallbacks);
        }
    }

    /** {@code phone == true} reads the string as a phone's {@code TLS_Cipher_List}. */
    public Result preview(String cipherString, boolean phone) {
        return preview(cipherString, phone ? Dialect.PHONE : Dialect.OPENSSL);
    }

    public Result preview(String cipherString, Dialect dialect) {
        CipherExpansion e = engine.expand(cipherString, dialect);
        List<PhoneFallback> fb = dialect == Dialect.PHONE && !e.valid() ? fallbacks.all() : List.of();
        return new Result(e.input(), e.dialect(), e.catalog(), e.valid(), e.suites().size(), e.suites(),
                e.problems(), fb);
    }

    /** Plain-text rendering: a header, the suite table, the problems, then the fallbacks if any. */
    public static String renderText(Result r) {
        StringBuilder sb = new StringBuilder();
        sb.append("Cipher string: \"").append(r.input()).append("\"  (")
                .append(r.dialect() == Dialect.PHONE ? "phone TLS_Cipher_List" : "OpenSSL")
                .append(" dialect, ").append(catalogLabel(r.catalog())).append(")\n");
        if (r.valid()) {
            sb.append(r.suiteCount()).append(r.suiteCount() == 1 ? " suite" : " suites").append(", in preference order:\n\n");
            sb.append(suiteTable(r.suites(), true));
        } else {
            sb.append(r.dialect() == Dialect.PHONE
                    ? "INVALID for the phone: it selects no suite, so each application uses its fallback.\n"
                    : "REJECTED: OpenSSL would refuse this string (it selects no suite).\n");
        }
        if (!r.problems().isEmpty()) {
            sb.append("\nProblems:\n");
            for (CipherProblem p : r.problems()) {
                sb.append(String.format(Locale.ROOT, "  %-7s %-30s %s%s%n", p.severity(), p.code(),
                        p.position() >= 0 ? "at " + p.position() + ": " : "", p.message()));
            }
        }
        if (!r.fallbacks().isEmpty()) {
            sb.append("\nFallbacks (seed 003):\n");
            for (PhoneFallback f : r.fallbacks()) {
                sb.append("\n").append(f.label()).append(": ");
                if (f.kind() == PhoneFallback.Kind.CIPHER_STRING) {
                    sb.append("cipher string \"").append(f.cipherString()).append("\" = ");
                }
                sb.append(f.suites().size()).append(f.suites().size() == 1 ? " suite" : " suites");
                if (!f.signallingValues().isEmpty()) {
                    sb.append(" + ").append(String.join(", ", f.signallingValues()));
                }
                sb.append("\n");
                sb.append(indent(suiteTable(f.suites(), false)));
                for (String u : f.unresolved()) {
                    sb.append("    (unknown suite in the seed: ").append(u).append(")\n");
                }
            }
        }
        return sb.toString();
    }

    private static String catalogLabel(OpenSslCatalog c) {
        return c == OpenSslCatalog.DEFAULT_PROVIDER
                ? "OpenSSL 3 default provider"
                : "OpenSSL 3 with legacy provider, as OpenSSL 1.1.1";
    }

    private static String indent(String s) {
        StringBuilder sb = new StringBuilder();
        s.lines().forEach(l -> sb.append("  ").append(l).append('\n'));
        return sb.toString();
    }

    /** A fixed-width table of suites. */
    static String suiteTable(List<CipherSuite> suites, boolean numbered) {
        String[] head = {"#", "OpenSSL name", "IANA / JSSE name", "Protocol", "Kx", "Au", "Enc", "Mac", "Bits"};
        List<String[]> rows = new ArrayList<>();
        int i = 1;
        for (CipherSuite s : suites) {
            rows.add(new String[] {String.valueOf(i++), s.openSslName(), s.ianaName(), s.protocol(), s.kx(), s.au(),
                    s.enc(), s.mac(), String.valueOf(s.strengthBits())
                            + (s.availability() == CipherSuite.Availability.NOT_BUILT ? " (not built)" : "")});
        }
        int from = numbered ? 0 : 1;
        int[] w = new int[head.length];
        for (int c = from; c < head.length; c++) {
            w[c] = head[c].length();
            for (String[] row : rows) {
                w[c] = Math.max(w[c], row[c].length());
            }
        }
        StringBuilder sb = new StringBuilder();
        appendRow(sb, head, w, from);
        for (String[] row : rows) {
            appendRow(sb, row, w, from);
        }
        return sb.toString();
    }

    private static void appendRow(StringBuilder sb, String[] cells, int[] w, int from) {
        StringBuilder line = new StringBuilder();
        for (int c = from; c < cells.length; c++) {
            if (c > from) {
                line.append("  ");
            }
            if (c == 0) {
                line.append(" ".repeat(w[c] - cells[c].length())).append(cells[c]);
            } else {
                line.append(cells[c]).append(" ".repeat(w[c] - cells[c].length()));
            }
        }
        sb.append(line.toString().stripTrailing()).append('\n');
    }
}
