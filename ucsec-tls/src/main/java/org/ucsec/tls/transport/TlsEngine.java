package org.ucsec.tls.transport;

/**
 * The TLS engine under a {@link TlsTransport} (decision 0005).
 * <ul>
 * <li>{@link #OPENSSL}: BoringSSL through netty-tcnative (the native library ships inside the Maven artifact); a
 *     transport asked for it fails to start ({@code transport.engine-unavailable}) if the library cannot load.</li>
 * <li>{@link #JDK}: the JDK's {@code SSLEngine}.</li>
 * <li>{@link #AUTO} (the default): OPENSSL when the native library loads, else JDK, logged as a warning with the reason.</li>
 * </ul>
 */
public enum TlsEngine {
    AUTO, OPENSSL, JDK;

    /** The engine a request resolves to, given whether the native library loaded. */
    static TlsEngine resolve(TlsEngine requested, boolean nativeAvailable) {
        return switch (requested) {
            case AUTO -> nativeAvailable ? OPENSSL : JDK;
            case OPENSSL, JDK -> requested;
        };
    }

    /** Parses an administrator's option value: auto, openssl (or boringssl), jdk. */
    public static TlsEngine parse(String s) {
        return switch (s == null ? "" : s.trim().toLowerCase(java.util.Locale.ROOT)) {
            case "", "auto" -> AUTO;
            case "openssl", "boringssl", "native" -> OPENSSL;
            case "jdk", "jsse" -> JDK;
            default -> throw new org.ucsec.core.UcsecException("transport.invalid", "unknown TLS engine '" + s + "': use auto, openssl or jdk");
        };
    }
}
