package org.ucsec.node.tlscontext;

import org.ucsec.node.platform.Text;
import org.ucsec.node.modes.SecurityPolicies;
import org.ucsec.node.platform.Actor;
import org.ucsec.node.platform.Change;
import org.ucsec.node.platform.NodeContext;
import org.ucsec.node.restarts.RestartService;

import org.ucsec.node.audit.AuditRepo;
import org.ucsec.node.tlscontext.TlsContextRepo;

import org.jdbi.v3.core.Handle;
import org.ucsec.pki.SanNames;
import org.ucsec.core.UcsecException;
import org.ucsec.pki.catalogue.RestartTarget;
import org.ucsec.node.tlscontext.TlsContextRepo.PeerSubjectRow;
import org.ucsec.node.tlscontext.TlsContextRepo.TlsContextRow;
import org.ucsec.tls.cipher.CipherExpansion;
import org.ucsec.tls.cipher.CipherStringEngine;
import org.ucsec.tls.cipher.SuiteSelection;
import org.ucsec.tls.cipher.Tls13Ciphersuites;
import org.ucsec.tls.cipher.Tls13Suite;
import org.ucsec.tls.cipher.CipherSuite;
import org.ucsec.tls.cipher.CipherSuiteTable;
import org.ucsec.tls.cipher.JdkCipherSuites;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;

/**
 * TLS peer subjects (SPEC S3) and named TLS contexts (S4). A context = selected peer subjects + selected cipher suites
 * (from the available ones: known to the cipher engine, supported by this JDK, allowed by the security policy).
 * Every change marks the SIP proxy restart (C12); the peer-auth listener bound to a context applies it on restart.
 */
public final class TlsContextService {
    public static final String DEFAULT_CONTEXT = "Default_Cisco_UPS_SIP_Proxy_Peer_Auth_TLS_Context";
    /** Cipher string of a new context's initial selection (the engine expands it; then the available filter applies). */
    public static final String DEFAULT_CIPHER_STRING = "ECDHE+AESGCM:DHE+aRSA+AESGCM:ECDHE+AES:!aNULL:!eNULL:!SHA1:!DSS";

    private final NodeContext ctx;
    private final RestartService restarts;

    public TlsContextService(NodeContext ctx, RestartService restarts) {
        this.ctx = ctx;
        this.restarts = restarts;
    }

    /** The services whose listeners are bound to {@code context} (listeners.tsv): a change of it restarts them. */
    private List<RestartTarget> restartsFor(String context) { return ctx.catalogue().restartsForTlsContext(context); }

    public record PeerSubject(String cn, String description, Instant createdAt) {}

    public record TlsContext(String name, String description, List<String> peerSubjects, List<String> cipherSuites, boolean isDefault, Instant updatedAt) {}

    /** Desired change of a context; null = unchanged. cipherString, if given, is expanded and replaces cipherSuites. */
    public record ContextChange(String description, List<String> peerSubjects, List<String> cipherSuites, String cipherString) {}

    // ------------------------------------------------------------------ available suites
    public record AvailableSuite(String ianaName, String openSslName, String protocol, String kx, String au, String enc, String mac, int strengthBits) {}

    public List<AvailableSuite> available() { return ctx.store().read(this::available); }

    /** Known to the cipher engine, enabled by this JDK, allowed by the security policy in the caller's transaction. */
    public List<AvailableSuite> available(Handle h) {
        // TLS 1.3 suites and everything the engine knows, enabled by this JDK (not only "supported": jdk.tls.disabledAlgorithms
        // removes e.g. TLS_RSA_*) and allowed by the security policy
        return SuiteSelection.available(SuiteSelection.Jdk.running(), SecurityPolicies.current(h).suitePolicy()).usable().stream().map(TlsContextService::describe).toList();
    }

    private static AvailableSuite describe(String iana) {
        var t13 = Tls13Suite.byName(iana);
        if (t13.isPresent()) {
            Tls13Suite s = t13.get();
            return new AvailableSuite(s.ianaName(), s.ianaName(), s.protocol(), s.kx(), s.au(), s.enc(), s.mac(), s.strengthBits());
        }
        CipherSuite s = CipherSuiteTable.standard().byIanaName(iana).orElseThrow();
        return new AvailableSuite(s.ianaName(), s.openSslName(), s.protocol(), s.kx(), s.au(), s.enc(), s.mac(), s.strengthBits());
    }

    // ------------------------------------------------------------------ peer subjects (S3)
    public List<PeerSubject> peerSubjects() {
        return ctx.store().read(h -> TlsContextRepo.peerSubjects(h).stream().map(r -> new PeerSubject(r.cn(), r.description(), r.createdAt())).toList());
    }

    public Change<PeerSubject> addPeerSubject(Actor actor, String cn, String description) {
        actor.requireAdmin("change TLS peer subjects");
        String c = validateCn(cn);
        return ctx.store().tx(h -> {
            var existing = TlsContextRepo.peerSubjects(h).stream().filter(r -> r.cn().equalsIgnoreCase(c)).findFirst();
            String desc = Text.description("peer subject description", description);
            if (existing.isPresent()) {
                PeerSubjectRow e = existing.get();
                if (desc == null || desc.equals(e.description())) return Change.unchanged(new PeerSubject(e.cn(), e.description(), e.createdAt()));
                // adding an existing subject with a new description updates the description
                TlsContextRepo.deletePeerSubject(h, e.cn());
                TlsContextRepo.insertPeerSubject(h, new PeerSubjectRow(e.cn(), desc, e.createdAt()));
                AuditRepo.audit(h, ctx.now(), actor.name(), "tls.peer-subject.update", e.cn(), desc);
                return Change.unchanged(new PeerSubject(e.cn(), desc, e.createdAt()));
            }
            PeerSubjectRow row = new PeerSubjectRow(c, desc, ctx.now());
            TlsContextRepo.insertPeerSubject(h, row);
            AuditRepo.audit(h, ctx.now(), actor.name(), "tls.peer-subject.add", c, desc);
            return Change.of(new PeerSubject(row.cn(), row.description(), row.createdAt()),
                    List.of("select it in a TLS context to admit that peer: set tls context NAME --peer-subjects " + row.cn()), List.of());
        });
    }

    /** S3/C7: adds a peer subject and selects it in the default context (used by certificate imports into cup-trust); returns the restarts marked. */
    public List<String> addPeerSubjectToDefaultContext(Handle h, String cn, String description) {
        String c = validateCn(cn);
        if (TlsContextRepo.peerSubjects(h).stream().noneMatch(r -> r.cn().equalsIgnoreCase(c))) TlsContextRepo.insertPeerSubject(h, new PeerSubjectRow(c, description, ctx.now()));
        TlsContextRow d = ensureDefault(h);
        List<String> subjects = split(d.peerSubjects());
        if (subjects.stream().noneMatch(s -> s.equalsIgnoreCase(c))) {
            subjects.add(c);
            TlsContextRepo.putTlsContext(h, new TlsContextRow(d.name(), d.description(), d.cipherSuites(), String.join(",", subjects), ctx.now()));
            return restarts.mark(h, restartsFor(DEFAULT_CONTEXT), "TLS peer subject " + c + " added to " + DEFAULT_CONTEXT);
        }
        return List.of();
    }

    public Change<PeerSubject> deletePeerSubject(Actor actor, String cn) {
        actor.requireAdmin("change TLS peer subjects");
        return ctx.store().tx(h -> {
            PeerSubjectRow row = TlsContextRepo.peerSubjects(h).stream().filter(r -> r.cn().equalsIgnoreCase(cn)).findFirst()
                    .orElseThrow(() -> new UcsecException("tls.peer-subject-unknown", "no TLS peer subject '" + cn + "'"));
            TlsContextRepo.deletePeerSubject(h, row.cn());
            List<String> marked = new ArrayList<>();
            for (TlsContextRow c : TlsContextRepo.tlsContexts(h)) {
                List<String> subjects = split(c.peerSubjects());
                if (subjects.removeIf(s -> s.equalsIgnoreCase(row.cn()))) {
                    TlsContextRepo.putTlsContext(h, new TlsContextRow(c.name(), c.description(), c.cipherSuites(), String.join(",", subjects), ctx.now()));
                    marked.addAll(restarts.mark(h, restartsFor(c.name()), "TLS peer subject " + row.cn() + " removed from " + c.name()));
                }
            }
            AuditRepo.audit(h, ctx.now(), actor.name(), "tls.peer-subject.delete", row.cn(), null);
            return Change.of(new PeerSubject(row.cn(), row.description(), row.createdAt()), List.of(), marked.stream().distinct().toList());
        });
    }

    static String validateCn(String cn) {
        if (cn == null || cn.isBlank()) throw new UcsecException("tls.peer-subject-invalid", "a TLS peer subject needs a CN");
        String t = cn.trim();
        if (t.length() > 64) throw new UcsecException("tls.peer-subject-invalid", "peer subject CN '" + t + "' is longer than 64 characters (RFC 5280 ub-common-name)");
        if (t.startsWith("*")) throw new UcsecException("tls.peer-subject-invalid", "peer subject CN '" + t + "' is a wildcard; a peer subject names one peer (its certificate's CN)");
        try {
            return SanNames.validate(t);
        } catch (UcsecException e) {
            throw new UcsecException("tls.peer-subject-invalid", "peer subject CN '" + t + "' is not a host name, FQDN or IP address as peer certificates carry them");
        }
    }

    // ------------------------------------------------------------------ contexts (S4)
    /** Every context. A read: the default context was created when the node was first set up ({@link #ensureDefault}). */
    public List<TlsContext> contexts() {
        return ctx.store().read(h -> TlsContextRepo.tlsContexts(h).stream().map(TlsContextService::view).toList());
    }

    public TlsContext context(String name) {
        return ctx.store().read(h -> view(find(h, name)));
    }

    /** Creates the context if it does not exist, then applies the change. */
    public Change<TlsContext> update(Actor actor, String name, ContextChange change) {
        actor.requireAdmin("change TLS contexts");
        if (name == null || !name.matches("[A-Za-z0-9_.-]{1,128}")) throw new UcsecException("tls.context-name-invalid", "TLS context name '" + name + "' must be 1-128 letters, digits, '_', '.', '-'");
        CipherExpansion expansion = change.cipherString() != null ? expand(change.cipherString()) : null;
        return ctx.store().tx(h -> {
            Optional<TlsContextRow> existing = TlsContextRepo.tlsContext(h, name);
            SuiteSelection.SuitePolicy policy = SecurityPolicies.current(h).suitePolicy();
            SuiteSelection selection = null;
            if (expansion != null) {
                selection = SuiteSelection.of(expansion, Tls13Ciphersuites.parse(SecurityPolicies.current(h).defaultTls13Ciphersuites()), SuiteSelection.Jdk.running(), policy)
                        .requireUsable(SuiteSelection.NO_USABLE_SUITE, "TLS context '" + name + "' (cipher string '" + change.cipherString() + "')");
            } else if (change.cipherSuites() != null) {
                if (change.cipherSuites().stream().allMatch(x -> x == null || x.isBlank()))
                    throw new UcsecException("tls.context-no-ciphers", "TLS context '" + name + "' would have no cipher suite: select at least one");
                selection = SuiteSelection.ofNames(change.cipherSuites(), SuiteSelection.Jdk.running(), policy)
                        .requireUsable(SuiteSelection.CIPHER_UNAVAILABLE, "TLS context '" + name + "'");
            }
            // a cipher string governs TLS <= 1.2, as in OpenSSL; TLS 1.3 suites follow the policy unless named explicitly
            List<String> suites = selection != null ? (expansion != null ? selection.tls12() : selection.usable()) : existing.map(r -> split(r.cipherSuites())).orElseGet(() -> defaultSuites(h));
            if (suites.isEmpty()) throw new UcsecException("tls.context-no-ciphers", "TLS context '" + name + "' would have no cipher suite: select at least one");
            List<String> subjects = change.peerSubjects() != null ? checkSubjects(h, change.peerSubjects()) : existing.map(r -> split(r.peerSubjects())).orElse(new ArrayList<>());
            String description = change.description() != null ? Text.description("TLS context description", change.description()) : existing.map(TlsContextRow::description).orElse(null);
            TlsContextRow row = new TlsContextRow(name, description, String.join(",", suites), String.join(",", subjects), ctx.now());
            TlsContextRepo.putTlsContext(h, row);
            List<String> marked = restarts.mark(h, restartsFor(name), "TLS context " + name + (existing.isPresent() ? " changed" : " created"));
            AuditRepo.audit(h, ctx.now(), actor.name(), existing.isPresent() ? "tls.context.update" : "tls.context.create", name,
                    "suites=" + row.cipherSuites() + " peers=" + row.peerSubjects());
            List<String> warnings = new ArrayList<>();
            if (selection != null && !selection.dropped().isEmpty()) {
                warnings.add(selection.dropped().size() + " selected suite(s) are not usable here and were left out: "
                        + String.join("; ", selection.dropped().stream().limit(10).map(SuiteSelection.Dropped::message).toList())
                        + (selection.dropped().size() > 10 ? "; ..." : ""));
            }
            if (subjects.isEmpty() && restartsFor(name).size() > 0) warnings.add("no peer subject is selected: the listeners bound to " + name + " admit nobody");
            if (restartsFor(name).isEmpty()) warnings.add("no hosted listener is bound to " + name + " (listeners.tsv): it takes effect where a listener uses it");
            return Change.of(view(row), warnings, marked);
        });
    }

    public Change<TlsContext> delete(Actor actor, String name) {
        actor.requireAdmin("change TLS contexts");
        if (DEFAULT_CONTEXT.equals(name)) throw new UcsecException("tls.context-default", DEFAULT_CONTEXT + " always exists and cannot be deleted");
        return ctx.store().tx(h -> {
            TlsContextRow row = find(h, name);
            TlsContextRepo.deleteTlsContext(h, row.name());
            List<String> marked = restarts.mark(h, restartsFor(name), "TLS context " + name + " deleted");
            AuditRepo.audit(h, ctx.now(), actor.name(), "tls.context.delete", name, null);
            return Change.of(view(row), List.of(), marked);
        });
    }

    private static CipherExpansion expand(String cipherString) {
        var e = CipherStringEngine.standard().expand(cipherString);
        var errors = e.problems().stream().filter(p -> p.severity() != org.ucsec.tls.cipher.CipherProblem.Severity.INFO).toList();
        if (!errors.isEmpty()) {
            var p = errors.get(0);
            throw new UcsecException(p.code(), "cipher string '" + cipherString + "': " + p.message(),
                    java.util.Map.of("word", String.valueOf(p.word()), "position", p.position()));
        }
        return e;
    }

    /** A new context's suites: the default cipher string and the policy's TLS 1.3 list, as far as usable here. */
    private List<String> defaultSuites(Handle h) {
        var policy = SecurityPolicies.current(h);
        return new ArrayList<>(SuiteSelection.of(DEFAULT_CIPHER_STRING, policy.defaultTls13Ciphersuites(), SuiteSelection.Jdk.running(), policy.suitePolicy()).tls12());
    }

    private static List<String> checkSubjects(Handle h, List<String> requested) {
        List<String> known = TlsContextRepo.peerSubjects(h).stream().map(PeerSubjectRow::cn).toList();
        LinkedHashSet<String> out = new LinkedHashSet<>();
        for (String s : requested) {
            if (s == null || s.isBlank()) continue;
            String match = known.stream().filter(k -> k.equalsIgnoreCase(s.trim())).findFirst()
                    .orElseThrow(() -> new UcsecException("tls.peer-subject-unknown", "'" + s.trim() + "' is not a TLS peer subject; add it first (set tls peer-subject add)"));
            out.add(match);
        }
        return new ArrayList<>(out);
    }

    private TlsContextRow find(Handle h, String name) {
        return TlsContextRepo.tlsContext(h, name).orElseThrow(() -> new UcsecException("tls.context-unknown", "no TLS context '" + name + "'"));
    }

    /** First setup: the default context exists from the start (S4), with the default suites. */
    public TlsContextRow ensureDefault(Handle h) {
        return TlsContextRepo.tlsContext(h, DEFAULT_CONTEXT).orElseGet(() -> {
            TlsContextRow row = new TlsContextRow(DEFAULT_CONTEXT, "Default SIP proxy peer authentication context", String.join(",", defaultSuites(h)), "", ctx.now());
            TlsContextRepo.putTlsContext(h, row);
            return row;
        });
    }

    private static TlsContext view(TlsContextRow r) {
        return new TlsContext(r.name(), r.description(), split(r.peerSubjects()), split(r.cipherSuites()), DEFAULT_CONTEXT.equals(r.name()), r.updatedAt());
    }

    public static List<String> split(String s) {
        if (s == null || s.isBlank()) return new ArrayList<>();
        return new ArrayList<>(Arrays.stream(s.split(",")).map(String::trim).filter(x -> !x.isEmpty()).toList());
    }
}
