package org.ucsec.pki;

import java.util.Map;

/**
 * Every refusal in ucsec: a stable machine-readable code (for example {@code chain.issuer-missing}),
 * a message that names the certificate, field or token at fault, and optional details.
 * Thrown before anything is changed, so the store stays exactly as it was.
 */
public class UcsecException extends RuntimeException {
    private final String code;
    private final Kind kind;
    private final Map<String, Object> details;

    /** How the refusal maps to HTTP / exit codes. */
    public enum Kind { INVALID, NOT_FOUND, CONFLICT, UNAUTHENTICATED, FORBIDDEN, TOO_LARGE, UNAVAILABLE }

    public UcsecException(String code, String message) { this(Kind.INVALID, code, message, Map.of()); }

    public UcsecException(Kind kind, String code, String message) { this(kind, code, message, Map.of()); }

    public UcsecException(Kind kind, String code, String message, Map<String, Object> details) {
        super(message);
        this.kind = kind;
        this.code = code;
        this.details = Map.copyOf(details);
    }

    public UcsecException(Kind kind, String code, String message, Throwable cause) {
        super(message, cause);
        this.kind = kind;
        this.code = code;
        this.details = Map.of();
    }

    public String code() { return code; }
    public Kind kind() { return kind; }
    public Map<String, Object> details() { return details; }

    public static UcsecException notFound(String code, String message) { return new UcsecException(Kind.NOT_FOUND, code, message); }
    public static UcsecException conflict(String code, String message) { return new UcsecException(Kind.CONFLICT, code, message); }
    public static UcsecException forbidden(String code, String message) { return new UcsecException(Kind.FORBIDDEN, code, message); }
}
