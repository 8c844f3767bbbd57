package org.ucsec.sip;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * The registration edge of O11 without the transport: one framed message in, the response bytes out. The node wires
 * {@code TlsTransport} (Framing.sip) to {@link #handle}; it never throws for anything a peer sends.
 *
 * <ul>
 * <li>a message that does not parse: its status (400 with the fault in the reason phrase, 413/513, 416, 505),
 * Via/From/To/Call-ID/CSeq copied from what was read; {@link Result#close()} when the stream may be out of step;</li>
 * <li>a response, or ACK: nothing is sent;</li>
 * <li>a {@code Require} naming any extension: 420 Bad Extension with Unsupported (RFC 3261 8.2.2.3);</li>
 * <li>OPTIONS (keep-alive, capability query): 200 with Allow, Accept, Accept-Encoding, Accept-Language (11.2), no token needed;</li>
 * <li>REGISTER: the AOR is the To URI (10.3 step 5) and the device its user part (or {@link Config#deviceOf});
 * From must name the same AOR (no third-party registration: 403). No {@code Authorization: Bearer}: 401 with
 * {@code WWW-Authenticate: Bearer realm="..."} and no error (RFC 6750 3.1); a token the {@link BearerCheck} refuses:
 * 401 with {@code error="invalid_token"} (403 and {@code insufficient_scope} for a scope refusal); accepted: the
 * {@link Registrar} decides (200 with every binding as {@code Contact: <uri>;expires=N} and Date, 423 with Min-Expires, ...),
 * a binding lasting no longer than the token ({@link Verdict.Accepted#notAfter()});</li>
 * <li>other RFC 3261 methods: 405 with Allow; unknown methods: 501.</li>
 * </ul>
 */
public final class SipEdge {
    public static final String ALLOW = "REGISTER, OPTIONS";

    /** The node's token check: typically {@code TokenService.verify} mapped to a {@link Verdict}. */
    @FunctionalInterface
    public interface BearerCheck {
        Verdict check(String token, String expectedDevice, SipConnection connection);
    }

    /** What the token check decided. */
    public sealed interface Verdict {
        /**
         * @param notAfter when the credential ends (the access token's exp): bindings made with it expire no later, so
         *                 no registration outlives its token; empty for no cap
         */
        record Accepted(String deviceId, Optional<java.time.Instant> notAfter) implements Verdict {
            public Accepted(String deviceId) { this(deviceId, Optional.empty()); }
        }
        /**
         * @param error RFC 6750 error: {@code invalid_token} (401) or {@code insufficient_scope} (403)
         * @param code  the refusal's registered code (for the log and the result, never sent to the peer)
         */
        record Refused(String error, String code) implements Verdict {}
    }

    /** The connection a message came on (for the token's certificate binding and the registrar's source). */
    public record SipConnection(String remoteAddress, Optional<String> peerCertThumbprint, boolean mutualTls) {}

    /**
     * @param realm       the {@code realm} of WWW-Authenticate (RFC 8898 2.1)
     * @param authzServer the {@code authz_server} URI of WWW-Authenticate, if the node advertises its token endpoint
     * @param serverName  the Server header value
     * @param deviceOf    the device a REGISTER speaks for; by default the To URI's user part
     */
    public record Config(String realm, Optional<String> authzServer, String serverName, Function<SipRequest, Optional<String>> deviceOf) {
        public Config {
            Objects.requireNonNull(realm, "realm");
            if (!quotable(realm) || authzServer.map(a -> !quotable(a)).orElse(false)) throw new IllegalArgumentException("realm/authz_server must be printable ASCII without quotes or backslashes");
        }

        public static Config of(String realm) {
            return new Config(realm, Optional.empty(), "ucsec", r -> r.to().uri().user());
        }

        private static boolean quotable(String s) { return s.chars().allMatch(c -> c >= 0x20 && c < 0x7f && c != '"' && c != '\\'); }
    }

    /**
     * @param response the bytes to send (empty: send nothing)
     * @param code     the registered code of a refusal (parse error, auth, registrar), empty on success
     * @param close    close the connection after sending
     * @param deviceId the authenticated device of a REGISTER
     */
    public record Result(byte[] response, int status, Optional<String> code, boolean close, Optional<String> deviceId) {
        static Result none() { return new Result(new byte[0], 0, Optional.empty(), false, Optional.empty()); }
    }

    private final SipParser parser;
    private final Registrar registrar;
    private final BearerCheck bearer;
    private final Config config;
    private final Clock clock;

    public SipEdge(SipParser parser, Registrar registrar, BearerCheck bearer, Config config, Clock clock) {
        this.parser = Objects.requireNonNull(parser, "parser");
        this.registrar = Objects.requireNonNull(registrar, "registrar");
        this.bearer = Objects.requireNonNull(bearer, "bearer");
        this.config = Objects.requireNonNull(config, "config");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    public Registrar registrar() { return registrar; }

    public Result handle(byte[] message, SipConnection connection) {
        SipMessage msg;
        try {
            msg = parser.parse(message);
        } catch (SipParseException e) {
            byte[] out = SipResponseBuilder.toUnparsed(e).header("Server", config.serverName()).build();
            return new Result(out, e.status(), Optional.of(e.code()), e.closeConnection(), Optional.empty());
        }
        if (!(msg instanceof SipRequest req)) return Result.none();
        try {
            return request(req, connection);
        } catch (RuntimeException e) {
            // a defect (a token check that threw, ...): answer 500, never take the listener down
            return result(SipResponseBuilder.to(req, 500, "Server Internal Error"), "sip.internal", true, Optional.empty());
        }
    }

    private Result request(SipRequest req, SipConnection conn) {
        String method = req.method();
        if (method.equals("ACK")) return Result.none();
        List<String> require = req.headers().values("Require");
        if (!require.isEmpty() && !method.equals("CANCEL"))
            return result(base(req, 420, "Bad Extension").header("Unsupported", String.join(", ", require)), "sip.bad-extension", false, Optional.empty());
        return switch (method) {
            case "OPTIONS" -> result(base(req, 200, "OK").header("Allow", ALLOW).header("Accept", "application/sdp")
                    .header("Accept-Encoding", "identity").header("Accept-Language", "en"), null, false, Optional.empty());
            case "REGISTER" -> register(req, conn);
            default -> SipParser.KNOWN_METHODS.contains(method)
                    ? result(base(req, 405, "Method Not Allowed").header("Allow", ALLOW), "sip.method-not-allowed", false, Optional.empty())
                    : result(base(req, 501, "Not Implemented").header("Allow", ALLOW), "sip.method-not-implemented", false, Optional.empty());
        };
    }

    private Result register(SipRequest req, SipConnection conn) {
        SipUri to = req.to().uri();
        if (!to.aor().equals(req.from().uri().aor()))
            return result(base(req, 403, "Forbidden (third-party registration)"), "sip.register-third-party", false, Optional.empty());
        Optional<String> device = config.deviceOf().apply(req);
        if (device.isEmpty() || device.get().isEmpty())
            return result(base(req, 404, "Not Found (no device in the address-of-record)"), "sip.register-no-device", false, Optional.empty());
        if (req.bearerToken().isEmpty())
            return result(base(req, 401, "Unauthorized").header("WWW-Authenticate", challenge(Optional.empty())), "sip.auth-required", false, Optional.empty());
        Verdict v = bearer.check(req.bearerToken().get(), device.get(), conn);
        if (v instanceof Verdict.Refused r) {
            boolean scope = "insufficient_scope".equals(r.error());
            return result(base(req, scope ? 403 : 401, scope ? "Forbidden" : "Unauthorized")
                    .header("WWW-Authenticate", challenge(Optional.of(scope ? "insufficient_scope" : "invalid_token"))), r.code(), false, Optional.empty());
        }
        Verdict.Accepted accepted = (Verdict.Accepted) v;
        String deviceId = accepted.deviceId();
        Registrar.Outcome o = registrar.register(to.aor(), deviceId, req, conn.remoteAddress(), accepted.notAfter());
        return switch (o) {
            case Registrar.Outcome.Ok ok -> {
                SipResponseBuilder b = base(req, 200, "OK");
                for (Registrar.Binding bd : ok.bindings())
                    b.header("Contact", bd.contact() + ";expires=" + bd.remainingSeconds(clock.instant()));
                yield result(b.date(clock.instant()), null, false, Optional.of(deviceId));
            }
            case Registrar.Outcome.IntervalTooBrief t ->
                    result(base(req, 423, "Interval Too Brief").header("Min-Expires", Long.toString(t.minExpiresSeconds())), "sip.register-interval-too-brief", false, Optional.of(deviceId));
            case Registrar.Outcome.Refused r -> result(base(req, r.status(), r.reason()), r.code(), false, Optional.of(deviceId));
        };
    }

    /** RFC 8898 2.1 / RFC 6750 3: {@code Bearer realm="..."[, authz_server="..."][, error="..."]}. */
    private String challenge(Optional<String> error) {
        List<String> p = new ArrayList<>();
        p.add("realm=\"" + config.realm() + "\"");
        config.authzServer().ifPresent(a -> p.add("authz_server=\"" + a + "\""));
        error.ifPresent(e -> p.add("error=\"" + e + "\""));
        return "Bearer " + String.join(", ", p);
    }

    private SipResponseBuilder base(SipRequest req, int status, String reason) {
        return SipResponseBuilder.to(req, status, reason).header("Server", config.serverName());
    }

    private static Result result(SipResponseBuilder b, String code, boolean close, Optional<String> device) {
        return new Result(b.build(), b.status(), Optional.ofNullable(code), close, device);
    }
}
