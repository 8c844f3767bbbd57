package org.ucsec.tls.cipher;

/**
 * Something worth telling about a cipher string, with a stable code, the offending word and where it is.
 *
 * @param code     stable identifier, one of the constants of this record (e.g. {@value #UNKNOWN_WORD})
 * @param severity {@link Severity#ERROR}: OpenSSL rejects the whole string (no suites);
 *                 {@link Severity#WARNING}: part of the string is ignored; {@link Severity#INFO}: no effect
 * @param word     the word, term or character concerned, exactly as written; {@code null} when none
 * @param position 0-based offset of {@code word} in the cipher string (in chars); -1 when none
 * @param message  human readable explanation naming the word
 */
public record CipherProblem(String code, Severity severity, String word, int position, String message) {

    public enum Severity { ERROR, WARNING, INFO }

    /** A character OpenSSL cannot parse: it rejects the whole string ("invalid command"). */
    public static final String SYNTAX = "cipher.syntax";
    /** An {@code @} command other than {@code @STRENGTH} or {@code @SECLEVEL=0..5}: OpenSSL rejects the string. */
    public static final String BAD_COMMAND = "cipher.bad-command";
    /** A word OpenSSL does not know; OpenSSL silently ignores the term containing it. */
    public static final String UNKNOWN_WORD = "cipher.unknown-word";
    /** Phone dialect: a word OpenSSL knows but seed 003's supported-strings table does not list; ignored. */
    public static final String UNSUPPORTED_ON_PHONE = "cipher.unsupported-on-phone";
    /** A known word or term that selects no suite of the catalog (or whose words exclude each other). */
    public static final String NO_MATCH = "cipher.no-match";
    /** {@code DEFAULT} anywhere but at the very start: OpenSSL ignores it there. */
    public static final String DEFAULT_NOT_FIRST = "cipher.default-not-first";
    /** {@code SUITEB...} anywhere but at the very start: OpenSSL ignores it there. */
    public static final String SUITEB_NOT_FIRST = "cipher.suiteb-not-first";
    /** A leading {@code SUITEB...} word: OpenSSL replaces the whole string with the Suite B suites. */
    public static final String SUITEB_REPLACES_STRING = "cipher.suiteb-replaces-string";
    /** {@code @SECLEVEL=n}: accepted, but it does not change which suites the string selects. */
    public static final String SECLEVEL = "cipher.seclevel";
    /** The string is longer than the engine reads ({@link CipherStringEngine#MAX_LENGTH}); OpenSSL has no limit, ucsec refuses it whole. */
    public static final String TOO_LONG = "cipher.too-long";
    /** The string selects no suite at all: OpenSSL fails with "no cipher match"; invalid for a phone. */
    public static final String EMPTY = "cipher.empty";

    static CipherProblem error(String code, String word, int position, String message) {
        return new CipherProblem(code, Severity.ERROR, word, position, message);
    }

    static CipherProblem warning(String code, String word, int position, String message) {
        return new CipherProblem(code, Severity.WARNING, word, position, message);
    }

    static CipherProblem info(String code, String word, int position, String message) {
        return new CipherProblem(code, Severity.INFO, word, position, message);
    }
}
