package org.ucsec.pki;

import java.util.Arrays;

/**
 * Secret bytes (private keys, passwords, tokens). {@code toString} is masked; the raw bytes need the
 * explicit {@link #reveal()} call, so a search for it lists every place that touches a secret.
 */
public final class Secret {
    private final byte[] value;

    private Secret(byte[] value) { this.value = value.clone(); }

    public static Secret of(byte[] value) { return new Secret(value); }
    public static Secret of(String value) { return new Secret(value.getBytes(java.nio.charset.StandardCharsets.UTF_8)); }

    /** The raw bytes (a copy). Every caller of this method handles secret material. */
    public byte[] reveal() { return value.clone(); }

    public String revealString() { return new String(value, java.nio.charset.StandardCharsets.UTF_8); }

    public int length() { return value.length; }

    /** Constant-time comparison. */
    public boolean matches(Secret other) { return other != null && java.security.MessageDigest.isEqual(value, other.value); }

    @Override public String toString() { return "Secret[****]"; }
    @Override public boolean equals(Object o) { return o instanceof Secret s && matches(s); }
    @Override public int hashCode() { return Arrays.hashCode(new byte[0]); }
}
