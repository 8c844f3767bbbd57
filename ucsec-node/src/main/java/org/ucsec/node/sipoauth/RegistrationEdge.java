package org.ucsec.node.sipoauth;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.ucsec.node.platform.NodeContext;
import org.ucsec.oauth.CertificateBinding;
import org.ucsec.oauth.OAuthException;
import org.ucsec.sip.Registrar;
import org.ucsec.sip.SipEdge;
import org.ucsec.sip.SipParser;
import org.ucsec.tls.transport.MessageHandler;
import org.ucsec.tls.transport.TlsConnection;

import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The SIP OAuth registration edge (SPEC O11) behind the hosted listeners {@code sip-oauth} (SIP phone OAuth port,
 * TLS; a client certificate is asked for, not required) and {@code sip-oauth-mra} (SIP MRA port, mutual TLS with
 * tomcat-trust; only peers whose certificate subject CN or a SAN is an Expressway-C entry of O5).
 *
 * <p>The transport calls on its event loop; every message is parsed, its token verified and the registrar updated on
 * a virtual thread ({@link Executors#newVirtualThreadPerTaskExecutor}), in order per connection, and the answer
 * written back with {@link TlsConnection#write}. ucsec-sip's {@link SipEdge} maps one message to its answer and never
 * throws for what a peer sends: malformed messages get 400 and the listener stays up. A connection with more than
 * {@link #MAX_PENDING} messages waiting is closed (a peer cannot queue unbounded work); one that completes no message
 * within the transport's idle timeout is closed by the transport.
 */
public final class RegistrationEdge {
    private static final Logger LOG = LoggerFactory.getLogger(RegistrationEdge.class);
    static final int MAX_PENDING = 32;
    static final Duration SWEEP_EVERY = Duration.ofSeconds(60);

    private final NodeContext ctx;
    private final SipOAuthTokens tokens;
    private final Registrar registrar;
    private final SipEdge edge;
    private final ExecutorService workers = Executors.newVirtualThreadPerTaskExecutor();
    private final AtomicReference<Instant> lastSweep;

    RegistrationEdge(NodeContext ctx, SipOAuthTokens tokens, Optional<String> authzServer) {
        this.ctx = ctx;
        this.tokens = tokens;
        this.registrar = new Registrar(ctx.clock(), Registrar.Policy.defaults());
        SipEdge.Config base = SipEdge.Config.of(ctx.config().fqdn());
        SipEdge.Config config = new SipEdge.Config(base.realm(), authzServer, "ucsec", base.deviceOf());
        this.edge = new SipEdge(new SipParser(), registrar, this::check, config, ctx.clock());
        this.lastSweep = new AtomicReference<>(ctx.now());
    }

    Registrar registrar() { return registrar; }

    /** A binding as {@code show registrations} and REST show it. */
    public record Registration(String aor, String device, String contact, String callId, long cseq, Instant registeredAt, Instant expiresAt,
                               long expiresInSeconds, String listener, String source) {}

    java.util.List<Registration> registrations() {
        Instant now = ctx.now();
        java.util.List<Registration> out = new java.util.ArrayList<>();
        for (Registrar.Binding b : registrar.all()) {
            if (!b.expiresAt().isAfter(now)) continue;
            String src = b.source();
            int sp = src.indexOf(' ');
            out.add(new Registration(b.aor(), b.deviceId(), b.contact(), b.callId(), b.cseq(), b.registeredAt(), b.expiresAt(), b.remainingSeconds(now),
                    sp < 0 ? "" : src.substring(0, sp), sp < 0 ? src : src.substring(sp + 1)));
        }
        return out;
    }

    /** RFC 8898 / RFC 6750: the token must verify (ES256, issuer, audience, expiry, revocation, cnf) for the device the REGISTER speaks for. */
    private SipEdge.Verdict check(String token, String device, SipEdge.SipConnection conn) {
        try {
            var v = tokens.tokens().verify(token, device, conn.peerCertThumbprint());
            if (!tokens.oauthDevice(v.deviceId())) return new SipEdge.Verdict.Refused("invalid_token", "sipoauth.client-unknown");
            // no binding outlives the token it was made with: the device re-registers with a fresh one
            return new SipEdge.Verdict.Accepted(v.deviceId(), Optional.of(v.expiresAt()));
        } catch (OAuthException e) {
            LOG.info("REGISTER for {} refused: {}: {}", TokenEndpoint.safe(device), e.code(), e.getMessage());
            return new SipEdge.Verdict.Refused(e.error(), e.code());
        } catch (RuntimeException e) {
            // the edge answers 500 (sip.internal) and keeps the connection; the cause is said here, once per request
            LOG.error("REGISTER for {}: the token check failed ({}); answered 500", TokenEndpoint.safe(device), e.toString(), e);
            throw e;
        }
    }

    /** The handler of one of the two listeners. */
    MessageHandler handler(boolean mra) { return new Handler(mra); }

    private void maybeSweep() {
        Instant now = ctx.now(), last = lastSweep.get();
        if (now.isAfter(last.plus(SWEEP_EVERY)) && lastSweep.compareAndSet(last, now)) {
            registrar.sweep();
            tokens.tokens().sweep(); // expired activation codes and refresh tokens leave the store
        }
    }

    /** Per connection: its work runs in order on virtual threads. */
    private static final class Conn {
        final SipEdge.SipConnection sip;
        final AtomicInteger pending = new AtomicInteger();
        volatile boolean refused;
        CompletableFuture<Void> tail = CompletableFuture.completedFuture(null);

        Conn(SipEdge.SipConnection sip) { this.sip = sip; }
    }

    private final class Handler implements MessageHandler {
        private final boolean mra;
        private final ConcurrentHashMap<Long, Conn> conns = new ConcurrentHashMap<>();

        Handler(boolean mra) { this.mra = mra; }

        @Override public void onOpen(TlsConnection c) {
            List<X509Certificate> chain = c.peer().chain();
            // on the MRA port the certificate is Expressway-C's, not the device's: it binds no token
            Optional<String> thumb = !mra && !chain.isEmpty() ? Optional.of(CertificateBinding.thumbprint(chain.get(0))) : Optional.empty();
            // the registrar keeps the source as "LISTENER ADDRESS" (show registrations names both)
            Conn conn = new Conn(new SipEdge.SipConnection((mra ? SipOAuthService.MRA_SERVICE : SipOAuthService.EDGE_SERVICE) + " " + c.peer().remote(), thumb, mra));
            conns.put(c.id(), conn);
            if (mra) run(c, conn, () -> {
                List<String> names = chain.isEmpty() ? List.of() : SipOAuthService.certNames(chain.get(0));
                List<String> allowed = ctx.store().read(SipOAuthService::allowedSubjects);
                if (names.stream().noneMatch(n -> allowed.stream().anyMatch(n::equalsIgnoreCase))) {
                    conn.refused = true;
                    LOG.warn("sip-oauth-mra: peer {} ({}) is not an Expressway-C connection (O5 subjects {}); closed", c.peer().remote(), names, allowed);
                    c.close();
                }
            });
        }

        @Override public void onMessage(TlsConnection c, byte[] message) {
            Conn conn = conns.get(c.id());
            if (conn == null || conn.refused) return;
            if (conn.pending.incrementAndGet() > MAX_PENDING) {
                LOG.warn("{}: connection {} from {} has {} messages waiting; closed", mra ? "sip-oauth-mra" : "sip-oauth", c.id(), c.peer().remote(), MAX_PENDING);
                conn.refused = true;
                c.close();
                return;
            }
            run(c, conn, () -> {
                try {
                    if (conn.refused) return;
                    SipEdge.Result r = edge.handle(message, conn.sip);
                    // a defect of ucsec's (sip.internal); a registrar's 500 for a CSeq out of order (RFC 3261 10.3 step 7) is the client's
                    if (r.code().filter("sip.internal"::equals).isPresent())
                        LOG.warn("{}: connection {} from {} answered {} (sip.internal)", mra ? "sip-oauth-mra" : "sip-oauth", c.id(), c.peer().remote(), r.status());
                    if (r.response().length > 0) c.write(r.response());
                    if (r.close()) c.close();
                    maybeSweep();
                } finally {
                    conn.pending.decrementAndGet();
                }
            });
        }

        @Override public void onClose(TlsConnection c) { conns.remove(c.id()); }

        private void run(TlsConnection c, Conn conn, Runnable work) {
            synchronized (conn) {
                conn.tail = conn.tail.thenRunAsync(work, workers).exceptionally(t -> {
                    LOG.warn("connection {}: {}", c.id(), t.toString());
                    c.close();
                    return null;
                });
            }
        }
    }
}
