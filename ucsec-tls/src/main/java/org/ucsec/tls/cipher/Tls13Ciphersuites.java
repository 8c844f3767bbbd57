package org.ucsec.tls.cipher;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * A TLS 1.3 ciphersuites list, the OpenSSL model: separate from the TLS 1.2 cipher string, colon-separated suite names
 * (no aliases, no {@code !}/{@code +} operators), in preference order. As in OpenSSL 3 ({@code ciphersuite_cb} in
 * {@code ssl/ssl_ciph.c}) an unknown name is skipped and the rest of the list is read; an empty list disables TLS 1.3.
 * Parsing is one pass over at most {@link #MAX_LENGTH} characters.
 *
 * @param input    the list as given
 * @param suites   the suites it names, in order, without duplicates
 * @param problems what was skipped, and why ({@code cipher.tls13-unknown}, {@code cipher.too-long})
 */
public record Tls13Ciphersuites(String input, List<Tls13Suite> suites, List<CipherProblem> problems) {
    /** OpenSSL's default ({@code TLS_DEFAULT_CIPHERSUITES} of OpenSSL 1.1.1 and 3). */
    public static final String DEFAULT = "TLS_AES_256_GCM_SHA384:TLS_CHACHA20_POLY1305_SHA256:TLS_AES_128_GCM_SHA256";
    /** Longest list read: every TLS 1.3 suite name, each several times over; a longer list is refused whole. */
    public static final int MAX_LENGTH = 1024;
    /** A name in a TLS 1.3 ciphersuites list that is not a TLS 1.3 suite; OpenSSL 3 skips it. */
    public static final String UNKNOWN = "cipher.tls13-unknown";

    public Tls13Ciphersuites {
        suites = List.copyOf(suites);
        problems = List.copyOf(problems);
    }

    /** OpenSSL's default list. */
    public static Tls13Ciphersuites defaults() { return parse(DEFAULT); }

    public static Tls13Ciphersuites parse(String list) {
        if (list == null) throw new IllegalArgumentException("list must not be null (use \"\" to disable TLS 1.3)");
        List<CipherProblem> problems = new ArrayList<>();
        if (list.length() > MAX_LENGTH) {
            problems.add(CipherProblem.error(CipherProblem.TOO_LONG, null, MAX_LENGTH, "the TLS 1.3 ciphersuites list is " + list.length()
                    + " characters long, more than the " + MAX_LENGTH + " accepted; nothing was read"));
            return new Tls13Ciphersuites(list, List.of(), problems);
        }
        Set<Tls13Suite> out = new LinkedHashSet<>();
        int start = 0;
        for (int i = 0; i <= list.length(); i++) {
            if (i < list.length() && list.charAt(i) != ':') continue;
            String name = list.substring(start, i).strip();
            if (!name.isEmpty()) {
                var s = Tls13Suite.byName(name);
                if (s.isPresent()) {
                    out.add(s.get());
                } else {
                    String hint = CipherSuiteTable.standard().byIanaName(name).or(() -> CipherSuiteTable.standard().byOpenSslName(name)).isPresent()
                            ? " (it is a TLS 1.2 suite: put it in the cipher string)" : "";
                    problems.add(CipherProblem.warning(UNKNOWN, name, start, "'" + name + "' at offset " + start
                            + " is not a TLS 1.3 cipher suite" + hint + "; it is skipped (TLS 1.3 suites: " + names() + ")"));
                }
            }
            start = i + 1;
        }
        return new Tls13Ciphersuites(list, new ArrayList<>(out), problems);
    }

    public List<String> ianaNames() { return suites.stream().map(Tls13Suite::ianaName).toList(); }

    /** The list in OpenSSL syntax, as {@code -ciphersuites} takes it. */
    public String toOpenSsl() { return String.join(":", ianaNames()); }

    private static String names() {
        List<String> n = new ArrayList<>();
        for (Tls13Suite s : Tls13Suite.values()) n.add(s.ianaName());
        return String.join(", ", n);
    }
}
