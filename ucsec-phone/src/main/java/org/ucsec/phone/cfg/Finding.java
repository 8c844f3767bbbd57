package org.ucsec.phone.cfg;

/**
 * One thing {@link CfgLint} found in a cfg.xml: severity, stable code, where (1-based line and column), the element
 * concerned (may be null), what is wrong, and the right form when ucsec knows it.
 */
public record Finding(Severity severity, String code, int line, int column, String element, String message, String suggestion) {
    /** ERROR: the phone would not do what the file says (or ucsec refuses to read it); WARNING: worth fixing; INFO: no effect. */
    public enum Severity { ERROR, WARNING, INFO }

    public boolean isError() { return severity == Severity.ERROR; }

    /** {@code file:line:column: error code: message (suggestion)}. */
    public String format(String file) {
        StringBuilder sb = new StringBuilder(file).append(':').append(line);
        if (column > 0) sb.append(':').append(column);
        sb.append(": ").append(severity.name().toLowerCase()).append(' ').append(code).append(": ");
        if (element != null) sb.append(element).append(": ");
        sb.append(message);
        if (suggestion != null) sb.append(" -> ").append(suggestion);
        return sb.toString();
    }
}
