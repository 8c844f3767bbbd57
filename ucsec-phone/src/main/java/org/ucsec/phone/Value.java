package org.ucsec.phone;

import org.ucsec.core.Secret;
import org.ucsec.core.SecretAccess;

import java.util.Objects;

/**
 * A profile value: plain text, or a secret (P15: {@code Proxy_Password}, {@code VPN_Password}) whose text needs an
 * explicit {@link SecretAccess} and is shown as {@value #MASK} everywhere else, {@link #toString} included.
 */
public final class Value {
    public static final String MASK = "********";
    private final String text;
    private final Secret secret;

    private Value(String text, Secret secret) { this.text = text; this.secret = secret; }

    public static Value plain(String text) { return new Value(Objects.requireNonNull(text), null); }

    public static Value secret(Secret secret) { return new Value(null, Objects.requireNonNull(secret)); }

    /** A value for {@code p}: a secret when the catalogue says so. */
    public static Value of(Param p, String text) { return p.secret() ? secret(Secret.of(text)) : plain(text); }

    public boolean isSecret() { return secret != null; }

    public boolean isEmpty() { return secret != null ? secret.isEmpty() : text.isEmpty(); }

    /** Length in characters (a secret's in UTF-8 bytes, which bounds it from above). */
    public int length() { return secret != null ? secret.length() : text.length(); }

    /** The text for display: a secret is masked ({@value #MASK}, "" when empty). */
    public String shown() { return secret != null ? (secret.isEmpty() ? "" : MASK) : text; }

    /** The text, secrets in clear: only for the cfg.xml served to the phone and for sealing at rest. */
    public String reveal(SecretAccess access) { return secret != null ? secret.revealString(access) : text; }

    public Secret secretValue() { return secret; }

    @Override public String toString() { return shown(); }

    @Override public boolean equals(Object o) {
        return o instanceof Value v && (secret != null ? v.secret != null && secret.matches(v.secret) : v.secret == null && text.equals(v.text));
    }

    @Override public int hashCode() { return secret != null ? 1 : text.hashCode(); }
}
