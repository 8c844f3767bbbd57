package org.ucsec.core;

import java.util.Map;

/**
 * Every refusal in ucsec: a stable machine-readable code registered in {@link ErrorCodes} (for example
 * {@code chain.issuer-missing}), a message that names the certificate, field or token at fault, and optional
 * details. Thrown before anything is changed, so the store stays exactly as it was. The {@link #kind()} (HTTP status,
 * CLI exit) comes from the registry.
 */
public class UcsecException extends RuntimeException {
    private final String code;
    private final ErrorCodes.Kind kind;
    private final Map<String, Object> details;

    public UcsecException(String code, String message) { this(code, message, Map.of(), null); }

    public UcsecException(String code, String message, Map<String, Object> details) { this(code, message, details, null); }

    public UcsecException(String code, String message, Throwable cause) { this(code, message, Map.of(), cause); }

    public UcsecException(String code, String message, Map<String, Object> details, Throwable cause) {
        super(message, cause);
        this.code = code;
        this.kind = kindOf(code);
        this.details = Map.copyOf(details);
    }

    private static ErrorCodes.Kind kindOf(String code) {
        var entry = ErrorCodes.find(code);
        if (entry.isPresent()) return entry.get().kind();
        if (ErrorCodes.strict()) throw new AssertionError("error code '" + code + "' is not registered in org/ucsec/core/errors.tsv");
        System.getLogger(UcsecException.class.getName()).log(System.Logger.Level.ERROR, "unregistered error code {0}", code);
        return ErrorCodes.Kind.INTERNAL;
    }

    public String code() { return code; }
    public ErrorCodes.Kind kind() { return kind; }
    public Map<String, Object> details() { return details; }
    /** What the code means, from the registry. */
    public String meaning() { return ErrorCodes.find(code).map(ErrorCodes.Entry::meaning).orElse("unregistered error code"); }
}
