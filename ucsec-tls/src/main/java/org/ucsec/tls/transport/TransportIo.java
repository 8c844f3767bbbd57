package org.ucsec.tls.transport;

/**
 * The event loop under a {@link TlsTransport}: how sockets are watched for readiness.
 * <ul>
 * <li>{@link #EPOLL}: Netty's native epoll transport ({@code netty-transport-native-epoll}, its {@code linux-x86_64}
 *     library inside the jar); if the library cannot load, NIO is used and that is logged as a warning.</li>
 * <li>{@link #NIO}: the JDK's selector (Java NIO), available everywhere.</li>
 * <li>{@link #AUTO} (the default): EPOLL when {@code Epoll.isAvailable()}, else NIO, logged with the reason.</li>
 * </ul>
 */
public enum TransportIo {
    AUTO, EPOLL, NIO;

    /** The event loop a request resolves to, given whether the native epoll library loaded: NIO whenever epoll cannot. */
    static TransportIo resolve(TransportIo requested, boolean epollAvailable) {
        return switch (requested) {
            case AUTO, EPOLL -> epollAvailable ? EPOLL : NIO;
            case NIO -> NIO;
        };
    }

    /** Parses an administrator's option value: auto, epoll (or native), nio. */
    public static TransportIo parse(String s) {
        return switch (s == null ? "" : s.trim().toLowerCase(java.util.Locale.ROOT)) {
            case "", "auto" -> AUTO;
            case "epoll", "native" -> EPOLL;
            case "nio", "jdk" -> NIO;
            default -> throw new org.ucsec.core.UcsecException("transport.invalid", "unknown transport event loop '" + s + "': use auto, epoll or nio");
        };
    }
}
