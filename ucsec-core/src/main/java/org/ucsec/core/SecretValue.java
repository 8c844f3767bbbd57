package org.ucsec.core;

import java.util.Objects;

/**
 * A secret that is an object rather than bytes (a decrypted {@link java.security.PrivateKey} held in memory for a
 * listener). Masked {@code toString}; the value needs an explicit {@link SecretAccess}.
 */
public final class SecretValue<T> {
    private final T value;
    private final String label;

    private SecretValue(T value, String label) { this.value = Objects.requireNonNull(value, "value"); this.label = label; }

    /** @param label a non-secret description for logs, e.g. {@code "private key of cup (EC)"} */
    public static <T> SecretValue<T> of(T value, String label) { return new SecretValue<>(value, label); }

    public T reveal(SecretAccess access) { Objects.requireNonNull(access, "access"); return value; }

    public String label() { return label; }

    @Override public String toString() { return "SecretValue[" + label + ", ****]"; }
}
