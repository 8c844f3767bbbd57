package org.ucsec.tls.policy;

import org.ucsec.core.UcsecException;

import java.util.Map;

/**
 * One thing that breaks a security mode: a stable {@code code}, the mode that forbids it, what kind of object and which
 * one by name, and a message that names both and says why. "Enabling a mode first lists what currently violates it"
 * (SPEC S5) is a list of these.
 *
 * @param objectKind {@code key}, {@code hash}, {@code certificate}, {@code cipher-suite}, {@code cipher-list},
 *                   {@code protocol}, {@code tls-min-version} or {@code external-database}
 */
public record Violation(String code, SecurityMode mode, String objectKind, String objectName, String message) {

    /** The refusal to throw when an operation hits this violation (kind CONFLICT: it conflicts with the active modes). */
    public UcsecException toException() {
        return new UcsecException(code, message,
                Map.of("mode", mode.name(), "objectKind", objectKind, "objectName", objectName));
    }

    @Override public String toString() { return code + " [" + mode.displayName() + "] " + objectKind + " '" + objectName + "': " + message; }
}
