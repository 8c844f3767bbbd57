package org.ucsec.tls.cipher;

import java.util.List;

/**
 * The result of expanding a cipher string: the ordered suites OpenSSL would use and what was found on the way.
 *
 * @param input    the cipher string as given
 * @param dialect  the dialect it was read in
 * @param catalog  the suites it was expanded against
 * @param suites   selected suites in preference order; empty when OpenSSL would reject the string
 * @param problems in order of position
 */
public record CipherExpansion(
        String input, Dialect dialect, OpenSslCatalog catalog, List<CipherSuite> suites, List<CipherProblem> problems) {

    public CipherExpansion {
        suites = List.copyOf(suites);
        problems = List.copyOf(problems);
    }

    /** OpenSSL accepts the string and it selects at least one suite (for a phone: it is not "invalid"). */
    public boolean valid() {
        return !suites.isEmpty() && problems.stream().noneMatch(p -> p.severity() == CipherProblem.Severity.ERROR);
    }

    public List<String> openSslNames() {
        return suites.stream().map(CipherSuite::openSslName).toList();
    }

    public List<String> ianaNames() {
        return suites.stream().map(CipherSuite::ianaName).toList();
    }

    /** The problems with the given code. */
    public List<CipherProblem> problems(String code) {
        return problems.stream().filter(p -> p.code().equals(code)).toList();
    }
}
