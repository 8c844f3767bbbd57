package org.ucsec.tls.policy;

/**
 * Something a setting allows that the operator should know is weak, without refusing it: a stable {@code code}, what
 * kind of object and which one, and a message that names it and says why (for example {@code policy.tls-weak-minimum}
 * for {@code set tls min-version 1.0}).
 */
public record PolicyWarning(String code, String objectKind, String objectName, String message) {
    /** A minimum TLS version below 1.2: TLS 1.0 and 1.1 are deprecated (RFC 8996). */
    public static final String TLS_WEAK_MINIMUM = "policy.tls-weak-minimum";
    /** Common criteria was enabled with --force and raised the minimum TLS version to 1.2. */
    public static final String TLS_MINIMUM_RAISED = "policy.tls-minimum-raised";

    @Override public String toString() { return code + " " + objectKind + " '" + objectName + "': " + message; }
}
