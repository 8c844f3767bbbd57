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

    public record Report(String host, int port, String address, List<Phase> phases, String protocol, String cipherSuite, String keyType,
                         int keySize, List<CertInfo> chain, String store, List<String> imported, List<String> alreadyPresent, String peerSubjectAdded) {}

    public Change<Report> importFrom(Actor actor, String storeName, String host, int port, String keyType) {
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
        List<X509Certificate> chain = r.chain();
        for (X509Certificate c : chain) TrustStoreService.checkNames(c);
        String leafCn = CertInfo.commonName(chain.get(0));
        return ctx.store().tx(h -> {
            List<String> added = new ArrayList<>();
            List<String> present = new ArrayList<>();
            Map<String, String> nameByFingerprint = new LinkedHashMap<>();
            for (TrustRow x : TrustRepo.trust(h, store.name())) nameByFingerprint.put(x.fingerprint(), x.name());
            for (X509Certificate c : chain) {
                String fp = CertInfo.fingerprint(c);
                String existing = nameByFingerprint.get(fp);
                if (existing != null) { present.add(existing); continue; }
                // the operator trusts what the peer presented: the leaf and its CA certificates are imported as they are
                TrustRow row = trust.insert(h, store.name(), c, "imported from " + host + ":" + port, null, null);
                nameByFingerprint.put(fp, row.name());
                added.add(row.name());
            }
            String peerSubject = null;
            List<String> warnings = new ArrayList<>();
            List<String> marked = new ArrayList<>();
            if (store.importAddsPeerSubject()) {
                try {
                    marked.addAll(tls.addPeerSubjectToDefaultContext(h, leafCn, "imported from " + host + ":" + port));
                    peerSubject = leafCn;
                } catch (UcsecException e) {
                    // a CN that is not a host name cannot be a peer subject; the certificate import still stands
                    warnings.add("the peer's CN '" + leafCn + "' is not a host name, FQDN or IP address: it was not added as a TLS peer subject");
                }
            }
            if (!added.isEmpty()) marked.addAll(restarts.mark(h, store.restartsOnUpload(), "certificates imported from " + host + ":" + port + " into " + store.name()));
            AuditRepo.audit(h, ctx.now(), actor.name(), "trust.import-tool", store.name(), host + ":" + port + " " + added);
            return Change.of(new Report(host, port, r.address().map(a -> a.getHostAddress()).orElse(null), phases, r.protocol(), r.cipherSuite(),
                    r.leafKeyType(), r.leafKeySize(), chain.stream().map(CertInfo::of).toList(), store.name(), added, present, peerSubject),
                    warnings, marked.stream().distinct().toList());
        });
    }
}
