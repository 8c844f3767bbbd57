package org.ucsec.core;

/**
 * The explicit step every read of secret material takes (after Tink's {@code InsecureSecretKeyAccess}): a search for
 * {@code SecretAccess.granted()} lists every place in the code that touches a private key, a password or a token.
 */
public final class SecretAccess {
    private static final SecretAccess INSTANCE = new SecretAccess();

    private SecretAccess() {}

    /** The caller declares, at this line, that it handles secret material. */
    public static SecretAccess granted() { return INSTANCE; }

    @Override public String toString() { return "SecretAccess"; }
}
