package org.ucsec.core;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Objects;

/**
 * Secret bytes (private keys, passwords, tokens, the master key). {@code toString} is masked; the raw bytes need an
 * explicit {@link SecretAccess} (see {@link SecretAccess#granted()}), so every use of a secret is visible by type.
 */
public final class Secret {
    private final byte[] value;

    private Secret(byte[] value) { this.value = value.clone(); }

    public static Secret of(byte[] value) { return new Secret(Objects.requireNonNull(value, "value")); }
    public static Secret of(String value) { return new Secret(value.getBytes(StandardCharsets.UTF_8)); }

    /** The raw bytes (a copy). */
    public byte[] reveal(SecretAccess access) { Objects.requireNonNull(access, "access"); return value.clone(); }

    /** The value as UTF-8 text. */
    public String revealString(SecretAccess access) { Objects.requireNonNull(access, "access"); return new String(value, StandardCharsets.UTF_8); }

    public int length() { return value.length; }

    public boolean isEmpty() { return value.length == 0; }

    /** Constant-time comparison. */
    public boolean matches(Secret other) { return other != null && MessageDigest.isEqual(value, other.value); }

    @Override public String toString() { return "Secret[****]"; }
    @Override public boolean equals(Object o) { return o instanceof Secret s && matches(s); }
    @Override public int hashCode() { return 0; }
}
