package org.ucsec.tls.cipher;

import org.ucsec.core.UcsecException;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The cipher suites a TLS context (or listener) can actually use, and the ones it had to drop with the reason for each:
 * what the cipher string (TLS 1.2 and older) and the TLS 1.3 ciphersuites list select, intersected with what this JDK
 * supports and enables, intersected with what the security policy allows. This is the one place that decides it: a
 * string such as {@code HIGH:!aNULL} that also selects suites this JDK lacks keeps the usable ones and reports the rest;
 * only when nothing usable remains is the selection refused ({@link #requireUsable}).
 *
 * <p>Order: TLS 1.3 suites first (in their list's order), then the older suites in the cipher string's order, which is
 * what {@code SSLParameters.setCipherSuites} takes (JSSE offers TLS 1.3 suites only on TLS 1.3 and vice versa).
 *
 * @param tls13   usable TLS 1.3 suites, IANA names, in preference order
 * @param tls12   usable TLS 1.2-and-older suites, IANA names, in preference order
 * @param dropped selected but not usable, with the reason, in selection order
 */
public record SuiteSelection(List<String> tls13, List<String> tls12, List<Dropped> dropped) {

    /** Refusal when nothing usable remains of a cipher string (plus TLS 1.3 list). */
    public static final String NO_USABLE_SUITE = "tls.no-usable-suite";
    /** Refusal when nothing usable remains of an explicit list of suite names (the code contexts always used for this). */
    public static final String CIPHER_UNAVAILABLE = "tls.cipher-unavailable";
    /** Refusal of a name in an explicit list that is no cipher suite at all (a typo: refused, not dropped). */
    public static final String CIPHER_UNKNOWN = "tls.cipher-unknown";

    public SuiteSelection {
        tls13 = List.copyOf(tls13);
        tls12 = List.copyOf(tls12);
        dropped = List.copyOf(dropped);
    }

    /** Why a selected suite is not usable here. */
    public enum Reason {
        /** The running JDK does not offer it (not in {@code getSupportedSSLParameters()}: not implemented, or removed by its security properties). */
        JDK_UNSUPPORTED,
        /** The JDK implements it but does not enable it ({@code jdk.tls.disabledAlgorithms}, for example TLS_RSA_* or 3DES). */
        JDK_DISABLED,
        /** The active security mode forbids it (for example ChaCha20 in FIPS mode). */
        POLICY
    }

    /** A selected suite that is not usable, why, and a message naming it. */
    public record Dropped(String suite, Reason reason, String message) {}

    /** The security policy as the selection sees it: empty if a suite (IANA name) is allowed, else why not. */
    @FunctionalInterface
    public interface SuitePolicy {
        Optional<String> whyNotAllowed(String ianaName);

        SuitePolicy ALLOW_ALL = s -> Optional.empty();
    }

    /** What the JDK offers: the suites it implements and the ones it enables by default (JSSE names). */
    public record Jdk(Collection<String> supported, Collection<String> enabled) {
        public Jdk {
            supported = List.copyOf(supported);
            enabled = List.copyOf(enabled);
        }

        /** The running JDK's default {@code SSLContext}. */
        public static Jdk running() {
            try {
                var ctx = javax.net.ssl.SSLContext.getDefault();
                return new Jdk(List.of(ctx.getSupportedSSLParameters().getCipherSuites()), List.of(ctx.getDefaultSSLParameters().getCipherSuites()));
            } catch (java.security.NoSuchAlgorithmException e) {
                throw new IllegalStateException("no default SSLContext", e);
            }
        }
    }

    /** Every usable suite, TLS 1.3 first: what {@code SSLParameters.setCipherSuites} takes (JSSE spells these IANA names the same). */
    public List<String> usable() {
        List<String> out = new ArrayList<>(tls13);
        out.addAll(tls12);
        return out;
    }

    public boolean isEmpty() { return tls13.isEmpty() && tls12.isEmpty(); }

    /**
     * The suites a cipher string and a TLS 1.3 ciphersuites list select (both in OpenSSL syntax; {@code tls13List} may be
     * null for {@link Tls13Ciphersuites#DEFAULT}), narrowed to this JDK and the policy. Problems of the string itself
     * (syntax errors, unknown words) are not looked at here: see {@link CipherStringEngine#expand}.
     */
    public static SuiteSelection of(CipherExpansion expansion, Tls13Ciphersuites tls13List, Jdk jdk, SuitePolicy policy) {
        Builder b = new Builder(jdk, policy);
        for (Tls13Suite s : (tls13List == null ? Tls13Ciphersuites.defaults() : tls13List).suites()) b.offer(s.ianaName(), true);
        for (CipherSuite s : expansion.suites()) b.offer(s.ianaName(), false);
        return b.build();
    }

    /** {@link #of(CipherExpansion, Tls13Ciphersuites, Jdk, SuitePolicy)} from the two strings, with the standard engine. */
    public static SuiteSelection of(String cipherString, String tls13List, Jdk jdk, SuitePolicy policy) {
        return of(CipherStringEngine.standard().expand(cipherString), Tls13Ciphersuites.parse(tls13List == null ? Tls13Ciphersuites.DEFAULT : tls13List), jdk, policy);
    }

    /**
     * Every suite a context may select here: all TLS 1.3 suites and everything the engine knows
     * ({@code ALL:COMPLEMENTOFALL}), narrowed to this JDK and the policy. What {@code GET /api/v1/tls/ciphers} lists.
     */
    public static SuiteSelection available(Jdk jdk, SuitePolicy policy) {
        Builder b = new Builder(jdk, policy);
        for (Tls13Suite s : Tls13Suite.values()) b.offer(s.ianaName(), true);
        for (CipherSuite s : CipherStringEngine.standard().expand("ALL:COMPLEMENTOFALL").suites()) b.offer(s.ianaName(), false);
        return b.build();
    }

    /**
     * An explicit list of suite names (IANA, OpenSSL or JSSE spelling; TLS 1.3 and older suites mixed), narrowed to this
     * JDK and the policy. A name that is no cipher suite is refused ({@value #CIPHER_UNKNOWN}, naming it): it is a typo,
     * not a suite to drop. Blank names are skipped, duplicates collapsed.
     */
    public static SuiteSelection ofNames(List<String> names, Jdk jdk, SuitePolicy policy) {
        Builder b = new Builder(jdk, policy);
        for (String n : names) {
            if (n == null || n.isBlank()) continue;
            String t = n.strip();
            Optional<Tls13Suite> t13 = Tls13Suite.byName(t.toUpperCase(java.util.Locale.ROOT));
            if (t13.isPresent()) {
                b.offer(t13.get().ianaName(), true);
                continue;
            }
            CipherSuiteTable table = CipherSuiteTable.standard();
            CipherSuite s = table.byIanaName(t).or(() -> table.byOpenSslName(t)).or(() -> table.byJsseName(t))
                    .orElseThrow(() -> new UcsecException(CIPHER_UNKNOWN, "'" + t + "' is not a cipher suite name (IANA, OpenSSL or JSSE; TLS 1.3 suites: "
                            + String.join(", ", java.util.Arrays.stream(Tls13Suite.values()).map(Tls13Suite::ianaName).toList()) + ")"));
            b.offer(s.ianaName(), false);
        }
        return b.build();
    }

    /**
     * This selection if anything is usable; otherwise the refusal {@code code} (use {@link #NO_USABLE_SUITE} for a cipher
     * string, {@link #CIPHER_UNAVAILABLE} for an explicit list) naming {@code what} and every dropped suite with its reason.
     */
    public SuiteSelection requireUsable(String code, String what) {
        if (!isEmpty()) return this;
        StringBuilder sb = new StringBuilder(what + " leaves no usable cipher suite");
        if (dropped.isEmpty()) sb.append(": it selects none");
        else {
            sb.append(": ");
            int shown = 0;
            for (Dropped d : dropped) {
                if (shown++ == 10) { sb.append("; and ").append(dropped.size() - 10).append(" more"); break; }
                if (shown > 1) sb.append("; ");
                sb.append(d.message());
            }
        }
        sb.append(". See GET /api/v1/tls/ciphers for the available suites");
        Map<String, Object> details = new HashMap<>();
        details.put("dropped", dropped.stream().map(d -> Map.of("suite", d.suite(), "reason", d.reason().name(), "message", d.message())).toList());
        throw new UcsecException(code, sb.toString(), details);
    }

    private static final class Builder {
        private final Set<String> supported = new java.util.HashSet<>();
        private final Set<String> enabled = new java.util.HashSet<>();
        private final SuitePolicy policy;
        private final Set<String> seen = new LinkedHashSet<>();
        private final List<String> tls13 = new ArrayList<>();
        private final List<String> tls12 = new ArrayList<>();
        private final List<Dropped> dropped = new ArrayList<>();

        Builder(Jdk jdk, SuitePolicy policy) {
            for (String n : jdk.supported()) supported.add(key(n));
            for (String n : jdk.enabled()) enabled.add(key(n));
            this.policy = policy == null ? SuitePolicy.ALLOW_ALL : policy;
        }

        void offer(String iana, boolean isTls13) {
            if (!seen.add(iana)) return;
            if (!supported.contains(iana)) {
                dropped.add(new Dropped(iana, Reason.JDK_UNSUPPORTED, iana + " is not offered by this JDK (not implemented, or removed by jdk.tls.disabledAlgorithms)"));
            } else if (!enabled.contains(iana)) {
                dropped.add(new Dropped(iana, Reason.JDK_DISABLED, iana + " is disabled in this JDK (jdk.tls.disabledAlgorithms)"));
            } else {
                Optional<String> why = policy.whyNotAllowed(iana);
                if (why.isPresent()) dropped.add(new Dropped(iana, Reason.POLICY, iana + " is not allowed by the security mode: " + why.get()));
                else (isTls13 ? tls13 : tls12).add(iana);
            }
        }

        SuiteSelection build() { return new SuiteSelection(tls13, tls12, dropped); }

        /** JSSE spells a few SSLv3-era suites SSL_ where IANA has TLS_. */
        private static String key(String jsse) { return jsse.startsWith("SSL_") ? "TLS_" + jsse.substring(4) : jsse; }
    }
}
