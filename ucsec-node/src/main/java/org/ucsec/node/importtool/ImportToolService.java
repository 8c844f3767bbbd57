package org.ucsec.node.importtool;

import org.ucsec.node.platform.Actor;
import org.ucsec.node.platform.Change;
import org.ucsec.node.platform.NodeContext;
import org.ucsec.node.restarts.RestartService;
import org.ucsec.node.tlscontext.TlsContextService;
import org.ucsec.node.trust.TrustStoreService;

import org.ucsec.node.trust.TrustRepo;
import org.ucsec.node.audit.AuditRepo;

import org.ucsec.pki.CertInfo;
import org.ucsec.pki.Chains;
import org.ucsec.pki.path.CertPurpose;
import org.ucsec.pki.path.HostnameMatcher;
import org.ucsec.pki.path.PathValidator;
import org.ucsec.pki.path.ValidationPolicy;
import org.ucsec.core.UcsecException;
import org.ucsec.pki.catalogue.TrustStoreDef;
import org.ucsec.node.trust.TrustRepo.TrustRow;
import org.ucsec.tls.probe.KeyPreference;
import org.ucsec.tls.probe.PhaseResult;
import org.ucsec.tls.probe.ProbeResult;
import org.ucsec.tls.probe.TlsProbe;

import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The certificate import tool (SPEC C7): connect to a live peer with TLS, report each phase separately, show the chain
 * as negotiated (RSA or ECDSA) and import the server certificate and its CA certificates into a trust store. Imports into
 * cup-trust add the peer's CN as a TLS peer subject, into the list and the default context (S3). A failure changes nothing.
 */
public final class ImportToolService {
    private final NodeContext ctx;
    private final TrustStoreService trust;
    private final TlsContextService tls;
    private final RestartService restarts;
    private final TlsProbe.Options baseOptions;

    public ImportToolService(NodeContext ctx, TrustStoreService trust, TlsContextService tls, RestartService restarts, TlsProbe.Options options) {
        this.ctx = ctx;
        this.trust = trust;
        this.tls = tls;
        this.restarts = restarts;
        this.baseOptions = options;
    }

    public static TlsProbe.Options defaultOptions() { return new TlsProbe.Options(Duration.ofSeconds(5), Duration.ofSeconds(10)); }

    public record Phase(String phase, String status, String message, long millis) {
        static Phase of(PhaseResult p) { return new Phase(p.phase().name(), p.status().name(), p.message(), p.millis()); }
    }

    /**
     * What the tool found, and imported or (dry run) would import. {@code chain}: the peer's own chain, from the server's
     * certificate up to its root (or the highest certificate it sent on that path), validated as a chain; {@code ignored}:
     * everything else the peer sent, shown and never imported.
     */
    public record Report(String host, int port, String address, List<Phase> phases, String protocol, String cipherSuite, String keyType,
                         int keySize, List<CertInfo> chain, String store, List<String> imported, List<String> alreadyPresent, String peerSubjectAdded,
                         List<CertInfo> ignored, boolean dryRun, boolean hostnameMatches) {}

    public Change<Report> importFrom(Actor actor, String storeName, String host, int port, String keyType) {
        return importFrom(actor, storeName, host, port, keyType, false, null);
    }

    /**
     * @param dryRun       connect, validate and answer what would be imported; change nothing
     * @param expectChain  SHA-256 fingerprints of the chain the operator confirmed (from a dry run), or null: the import
     *                     is refused ({@code importtool.chain-changed}) when the peer now presents another chain
     */
    public Change<Report> importFrom(Actor actor, String storeName, String host, int port, String keyType, boolean dryRun, List<String> expectChain) {
        actor.requireAdmin("import certificates");
        TrustStoreDef store = ctx.catalogue().requireTrustStore(storeName);
        if (port < 1 || port > 65535) throw new UcsecException("probe.invalid-target", "port " + port + " is outside 1..65535");
        KeyPreference pref = keyType == null || keyType.isBlank() ? KeyPreference.ANY : switch (keyType.toLowerCase(Locale.ROOT)) {
            case "rsa" -> KeyPreference.RSA;
            case "ec", "ecdsa" -> KeyPreference.ECDSA;
            case "any" -> KeyPreference.ANY;
            default -> throw new UcsecException("probe.key-type-unknown", "key type '" + keyType + "' is not rsa, ecdsa or any");
        };
        ProbeResult r = TlsProbe.probe(host, port, baseOptions.withKeyPreference(pref));
        List<Phase> phases = r.phases().stream().map(Phase::of).toList();
        if (!r.ok() || r.chain().isEmpty()) {
            var f = r.failure().orElse(null);
            String code = f != null ? f.code() : "probe.no-certificate";
            Map<String, Object> details = new LinkedHashMap<>();
            details.put("phases", phases);
            details.put("host", host);
            details.put("port", port);
            throw new UcsecException(code, "import from " + host + ":" + port + " failed"
                    + (f != null ? " at " + f.phase().name() + ": " + f.message() : ": no certificate obtained") + "; nothing was imported", details);
        }
        List<X509Certificate> sent = r.chain();
        List<X509Certificate> chain = ownChain(sent);
        List<X509Certificate> ignored = sent.stream().filter(c -> !chain.contains(c)).toList();
        for (X509Certificate c : chain) TrustStoreService.checkNames(c);
        if (expectChain != null) {
            List<String> now = chain.stream().map(CertInfo::fingerprint).toList();
            if (!now.equals(expectChain)) throw new UcsecException("importtool.chain-changed", "the peer " + host + ":" + port
                    + " now presents another chain than the one confirmed (" + String.join(", ", chain.stream().map(c -> c.getSubjectX500Principal().getName()).toList())
                    + "); run the tool again and confirm what it shows; nothing was imported");
        }
        String leafCn = CertInfo.commonName(chain.get(0));
        boolean nameOk = HostnameMatcher.matches(chain.get(0), host);
        List<String> found = new ArrayList<>();
        for (X509Certificate c : ignored) found.add("ignored '" + c.getSubjectX500Principal().getName() + "' (SHA-256 " + CertInfo.fingerprint(c)
                + "): the peer sent it, but it is not on the path from its certificate to its root; it is not imported");
        if (!nameOk) found.add("the peer's certificate '" + chain.get(0).getSubjectX500Principal().getName() + "' does not name " + host
                + " (RFC 9525 section 6: no DNS-ID or IP-ID in subjectAltName matches; CN only when there is no SAN)");
        try {
            return ctx.store().tx(h -> {
                validateChain(h, chain, host, port);
                List<String> warnings = new ArrayList<>(found); // the store may run this again after losing to a concurrent change
                List<String> added = new ArrayList<>();
                List<String> present = new ArrayList<>();
                Map<String, String> nameByFingerprint = new LinkedHashMap<>();
                for (TrustRow x : TrustRepo.trust(h, store.name())) nameByFingerprint.put(x.fingerprint(), x.name());
                for (X509Certificate c : chain) {
                    String fp = CertInfo.fingerprint(c);
                    String existing = nameByFingerprint.get(fp);
                    if (existing != null) { present.add(existing); continue; }
                    // only the peer's own chain, validated above; what else it sent is in `ignored`
                    TrustRow row = trust.insert(h, store.name(), c, "imported from " + host + ":" + port, null, null);
                    nameByFingerprint.put(fp, row.name());
                    added.add(row.name());
                }
                String peerSubject = null;
                List<String> marked = new ArrayList<>();
                if (store.importAddsPeerSubject()) {
                    try {
                        marked.addAll(tls.addPeerSubjectToDefaultContext(h, leafCn, "imported from " + host + ":" + port));
                        peerSubject = leafCn;
                        warnings.add("the import into " + store.name() + " " + (dryRun ? "would add" : "added") + " the TLS peer subject " + leafCn
                                + " to the list and to the default TLS context (S3)");
                    } catch (UcsecException e) {
                        // a CN that is not a host name cannot be a peer subject; the certificate import still stands
                        warnings.add("the peer's CN '" + leafCn + "' is not a host name, FQDN or IP address: it " + (dryRun ? "would not be" : "was not") + " added as a TLS peer subject");
                    }
                }
                if (!added.isEmpty()) marked.addAll(restarts.mark(h, store.restartsOnUpload(), "certificates imported from " + host + ":" + port + " into " + store.name()));
                AuditRepo.audit(h, ctx.now(), actor.name(), "trust.import-tool", store.name(), host + ":" + port + " " + added
                        + (ignored.isEmpty() ? "" : " ignored " + ignored.stream().map(c -> c.getSubjectX500Principal().getName()).toList()));
                if (dryRun) warnings.add("dry run: nothing was imported (confirm to import exactly this chain)");
                var change = Change.of(new Report(host, port, r.address().map(a -> a.getHostAddress()).orElse(null), phases, r.protocol(), r.cipherSuite(),
                        r.leafKeyType(), r.leafKeySize(), chain.stream().map(CertInfo::of).toList(), store.name(), added, present, peerSubject,
                        ignored.stream().map(CertInfo::of).toList(), dryRun, nameOk),
                        List.copyOf(warnings), dryRun ? List.<String>of() : marked.stream().distinct().toList());
                // a dry run does the whole import in the transaction, then rolls it back: the answer is exactly what would happen
                if (dryRun) throw new DryRun(change);
                return change;
            });
        } catch (DryRun d) {
            return d.change;
        }
    }

    /** Carries a dry run's answer out of its rolled-back transaction. */
    private static final class DryRun extends RuntimeException {
        final transient Change<Report> change;
        DryRun(Change<Report> change) { super("dry run", null, false, false); this.change = change; }
    }

    /**
     * The peer's own chain: its certificate, then each certificate's issuer among what it sent (name and signature),
     * up to a self-signed root or the last issuer it sent. Each certificate appears once; nothing else is taken.
     */
    static List<X509Certificate> ownChain(List<X509Certificate> sent) {
        List<X509Certificate> chain = new ArrayList<>();
        X509Certificate cur = sent.get(0);
        chain.add(cur);
        while (chain.size() <= sent.size() && !CertInfo.isSelfSigned(cur)) {
            X509Certificate c = cur;
            var next = sent.stream().filter(x -> !chain.contains(x) && Chains.issued(x, c)).findFirst();
            if (next.isEmpty()) break;
            cur = next.get();
            chain.add(cur);
        }
        return List.copyOf(chain);
    }

    /**
     * Validates the peer's own chain as a chain (RFC 5280 section 6 with the security mode's rules): to its root when it
     * sent one, otherwise to the highest certificate it sent, trusted as it is. The server certificate is checked for
     * TLS server use. A refusal names the certificate and the rule, and nothing is imported.
     */
    private void validateChain(org.jdbi.v3.core.Handle h, List<X509Certificate> chain, String host, int port) {
        X509Certificate top = chain.get(chain.size() - 1);
        var policy = org.ucsec.node.modes.SecurityPolicies.current(h).pathValidation().withRevocation(ValidationPolicy.RevocationMode.OFF);
        try {
            PathValidator.builder().anchors(List.of(top)).policy(policy).clock(ctx.clock()).build()
                    .validate(chain.get(0), chain.subList(1, chain.size()), chain.size() == 1 ? CertPurpose.ANY : CertPurpose.SERVER, ctx.now());
        } catch (UcsecException e) {
            throw new UcsecException(e.code(), "the chain of " + host + ":" + port + " does not validate: " + e.getMessage() + "; nothing was imported", e.details(), e);
        }
    }
}
