package org.ucsec.node.certs;

import org.ucsec.node.modes.SecurityPolicies;
import org.ucsec.node.platform.Actor;
import org.ucsec.node.platform.Capability;
import org.ucsec.node.platform.Change;
import org.ucsec.node.platform.SanContributor;
import org.ucsec.core.SecretValue;
import org.ucsec.node.platform.NodeContext;
import org.ucsec.node.restarts.RestartService;
import org.ucsec.node.trust.TrustStoreService;

import org.ucsec.node.platform.ClusterRepo;
import org.ucsec.node.platform.SettingsRepo;
import org.ucsec.node.certs.IdentityRepo;
import org.ucsec.node.trust.TrustRepo;
import org.ucsec.node.audit.AuditRepo;

import org.jdbi.v3.core.Handle;
import org.ucsec.pki.CertInfo;
import org.ucsec.pki.Certs;
import org.ucsec.pki.Chains;
import org.ucsec.pki.path.CertPurpose;
import org.ucsec.pki.KeySpec;
import org.ucsec.pki.Pem;
import org.ucsec.pki.SanNames;
import org.ucsec.core.Secret;
import org.ucsec.pki.SignatureHash;
import org.ucsec.pki.SubjectSpec;
import org.ucsec.core.UcsecException;
import org.ucsec.pki.catalogue.ExtendedKeyUsage;
import org.ucsec.pki.catalogue.KeyUsageBit;
import org.ucsec.pki.catalogue.Purpose;
import org.ucsec.node.certs.IdentityRepo.CsrRow;
import org.ucsec.node.certs.IdentityRepo.IdentityRow;
import org.ucsec.node.platform.ClusterRepo.NodeRow;

import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Identity certificates of the nodes: self-signed (C3), CSR (C4), CA-signed upload (C6), listing and export (C8). */
public final class CertificateService {
    public static final Duration DEFAULT_VALIDITY = Duration.ofDays(5 * 365);
    /** Setting (scope = node) that marks a certificate "regenerate required" (C9). */
    public static final String REGEN_REQUIRED = "regen-required.";

    private final NodeContext ctx;
    private final TrustStoreService trust;
    private final RestartService restarts;
    private final SecurityPolicies policies;
    private final List<Capability.Running> sanContributors;

    /**
     * @param policies        the security modes (S5) every key, hash and installed certificate is checked against
     * @param sanContributors the started capabilities; those that are {@link SanContributor}s add SANs (C9)
     */
    public CertificateService(NodeContext ctx, TrustStoreService trust, RestartService restarts, SecurityPolicies policies,
                              List<Capability.Running> sanContributors) {
        this.ctx = ctx;
        this.trust = trust;
        this.restarts = restarts;
        this.policies = policies;
        this.sanContributors = sanContributors;
    }

    /** Options of {@code set cert regen} and {@code set csr gen}. Null fields take the defaults. */
    public record Options(Integer keySize, String hash, Integer validityDays, String o, String ou, String l, String st, String c,
                          List<String> sans, boolean multiServer) {
        public static Options defaults() { return new Options(null, null, null, null, null, null, null, null, List.of(), false); }
    }

    public record OwnCert(String node, String purpose, String trustStore, boolean caSigned, boolean multiServer, Instant installedAt,
                          CertInfo certificate, List<CertInfo> chain, boolean csrPending, boolean regenerateRequired) {}

    public record CsrInfo(String node, String purpose, boolean multiServer, Instant createdAt, String subject, List<String> subjectAltNames,
                          List<String> keyUsage, List<String> extendedKeyUsage, String keyType, String pem) {}

    // ------------------------------------------------------------------ C3 self-signed

    /** Regenerates the self-signed identity certificate of a purpose on this node (or on every node for --multi-server). */
    public Change<OwnCert> regenerate(Actor actor, String purposeName, Options opt) { return regenerate(actor, purposeName, opt, true); }

    private Change<OwnCert> regenerate(Actor actor, String purposeName, Options opt, boolean markRestart) {
        actor.requireAdmin("regenerate certificates");
        int days = opt.validityDays() == null ? (int) DEFAULT_VALIDITY.toDays() : opt.validityDays();
        if (days < 1 || days > 20 * 365) throw new UcsecException("cert.validity-invalid", "validity of " + days + " days is outside 1.." + (20 * 365));
        Prepared req = prepare(purposeName, opt);
        Purpose p = req.purpose();
        KeyPair kp = req.key().generate();
        return ctx.store().tx(h -> {
            List<NodeRow> cluster = ClusterRepo.nodes(h);
            NodeRow self = self(h);
            List<String> sans = sans(h, p, self, cluster, opt.multiServer(), req.extraSans());
            Instant now = ctx.now();
            X509Certificate cert = Certs.selfSigned(kp, new Certs.Request(req.subject(), sans, p.profile(), req.hash()), now.minusSeconds(60), now.plus(Duration.ofDays(days)));
            install(h, p, opt.multiServer() ? cluster.stream().map(NodeRow::name).toList() : List.of(self.name()), cert, List.of(cert),
                    Pem.privateKeyPem(kp.getPrivate()), false, opt.multiServer());
            // the self-signed certificate becomes a trust entry of the purpose's store, replacing this node's previous one
            for (var r : TrustRepo.trust(h, p.trustStore()))
                if (p.name().equals(r.originPurpose()) && self.name().equals(r.originNode()) && r.selfSigned()) TrustRepo.deleteTrust(h, p.trustStore(), r.fingerprint());
            trust.insert(h, p.trustStore(), cert, "self-signed " + p.name() + " of " + self.name(), self.name(), p.name());
            IdentityRepo.deleteCsr(h, self.name(), p.name());
            List<String> marked = markRestart ? restarts.mark(h, p.restarts(), "new self-signed " + p.name() + " certificate") : List.of();
            AuditRepo.audit(h, now, actor.name(), "cert.regen", self.name() + "/" + p.name(), CertInfo.fingerprint(cert));
            return Change.of(own(h, self.name(), p.name()), List.of(), marked);
        });
    }

    /** Everything a regen or CSR request must get right before a key is generated; refusals name the field. */
    private record Prepared(Purpose purpose, KeySpec key, SignatureHash hash, SubjectSpec subject, List<String> extraSans) {}

    private Prepared prepare(String purposeName, Options opt) {
        Purpose p = ctx.catalogue().requirePurpose(ctx.product(), purposeName);
        checkMultiServer(p, opt.multiServer());
        KeySpec key = KeySpec.of(p.keyAlgorithm(), opt.keySize());
        SignatureHash hash = SignatureHash.parse(opt.hash());
        var policy = policies.current();
        policy.checkKey(key);
        policy.checkSignatureHash(hash);
        return new Prepared(p, key, hash, subject(opt), SanNames.normalize(opt.sans() == null ? List.of() : opt.sans()));
    }

    // ------------------------------------------------------------------ C4 CSR

    public Change<CsrInfo> generateCsr(Actor actor, String purposeName, Options opt) {
        actor.requireAdmin("generate CSRs");
        if (opt.validityDays() != null) throw new UcsecException("csr.validity-not-applicable", "validity is chosen by the CA, not in a CSR; drop --validity-days");
        Prepared req = prepare(purposeName, opt);
        Purpose p = req.purpose();
        KeyPair kp = req.key().generate();
        return ctx.store().tx(h -> {
            NodeRow self = self(h);
            List<String> sans = sans(h, p, self, ClusterRepo.nodes(h), opt.multiServer(), req.extraSans());
            String pem = Pem.toPem(Certs.csr(kp, new Certs.Request(req.subject(), sans, p.profile(), req.hash())));
            String context = csrContext(self.name(), p.name());
            IdentityRepo.putCsr(h, new CsrRow(self.name(), p.name(), pem, ctx.masterKey().seal(Pem.privateKeyPem(kp.getPrivate()), context), opt.multiServer(), ctx.now()));
            AuditRepo.audit(h, ctx.now(), actor.name(), "csr.generate", self.name() + "/" + p.name(), opt.multiServer() ? "multi-server" : "single node");
            List<String> warnings = new ArrayList<>();
            if (opt.multiServer()) warnings.add("the signed certificate will be installed on every node of the cluster: its SANs name them all");
            return Change.of(csrInfo(IdentityRepo.csr(h, self.name(), p.name()).orElseThrow()), warnings, List.of());
        });
    }

    public CsrInfo pendingCsr(String purposeName) {
        Purpose p = ctx.catalogue().requirePurpose(ctx.product(), purposeName);
        return ctx.store().read(h -> IdentityRepo.csr(h, ctx.node(), p.name()).map(this::csrInfo)
                .orElseThrow(() -> new UcsecException("csr.none", "no pending CSR for " + p.name() + " on " + ctx.node() + "; generate one with: set csr gen " + p.name())));
    }

    private CsrInfo csrInfo(CsrRow r) {
        var req = Pem.csr(r.csrPem());
        List<String> sans = new ArrayList<>();
        List<String> ku = new ArrayList<>();
        List<String> eku = new ArrayList<>();
        for (var attr : req.getAttributes(org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers.pkcs_9_at_extensionRequest)) {
            var exts = org.bouncycastle.asn1.x509.Extensions.getInstance(attr.getAttrValues().getObjectAt(0));
            var gn = org.bouncycastle.asn1.x509.GeneralNames.fromExtensions(exts, org.bouncycastle.asn1.x509.Extension.subjectAlternativeName);
            if (gn != null) for (var n : gn.getNames()) sans.add((n.getTagNo() == 7 ? "IP:" : "DNS:") + (n.getTagNo() == 7 ? ipString(n) : n.getName().toString()));
            var k = org.bouncycastle.asn1.x509.KeyUsage.fromExtensions(exts);
            if (k != null) for (KeyUsageBit b : KeyUsageBit.values()) if (k.hasUsages(b.bcBit())) ku.add(b.displayName());
            var e = org.bouncycastle.asn1.x509.ExtendedKeyUsage.fromExtensions(exts);
            if (e != null) for (var id : e.getUsages()) { var x = ExtendedKeyUsage.byOid(id.getId()); eku.add(x == null ? id.getId() : x.displayName()); }
        }
        String keyType = req.getSubjectPublicKeyInfo().getAlgorithm().getAlgorithm().getId().equals("1.2.840.10045.2.1") ? "EC" : "RSA";
        return new CsrInfo(r.node(), r.purpose(), r.multiServer(), r.createdAt(), req.getSubject().toString(), sans, ku, eku, keyType, r.csrPem());
    }

    private static String ipString(org.bouncycastle.asn1.x509.GeneralName n) {
        try { return java.net.InetAddress.getByAddress(org.bouncycastle.asn1.DEROctetString.getInstance(n.getName()).getOctets()).getHostAddress(); }
        catch (Exception e) { return n.getName().toString(); }
    }

    // ------------------------------------------------------------------ C6 CA-signed upload

    /**
     * Installs a CA-signed certificate for a purpose. Refused unless it matches the pending CSR's key, chains (PKIX) to an
     * anchor in the purpose's trust store now, and keeps the key usages the profile asked for (unless overridden).
     */
    public Change<OwnCert> importSigned(Actor actor, String purposeName, byte[] upload, boolean allowKeyUsageChange) {
        actor.requireAdmin("install certificates");
        Purpose p = ctx.catalogue().requirePurpose(ctx.product(), purposeName);
        List<X509Certificate> certs = Pem.certificates(upload);
        return ctx.store().tx(h -> {
            NodeRow self = self(h);
            CsrRow csr = IdentityRepo.csr(h, self.name(), p.name()).orElseThrow(() -> new UcsecException("csr.none",
                    "no pending CSR for " + p.name() + " on " + self.name() + ": a CA-signed certificate can only be installed for a CSR generated here (set csr gen " + p.name() + ")"));
            var csrKey = Pem.csr(csr.csrPem()).getSubjectPublicKeyInfo();
            X509Certificate leaf = null;
            for (X509Certificate c : certs) {
                if (Arrays.equals(c.getPublicKey().getEncoded(), encoded(csrKey))) { leaf = c; break; }
            }
            if (leaf == null) {
                X509Certificate first = certs.get(0);
                throw new UcsecException("cert.key-mismatch", "certificate '" + first.getSubjectX500Principal().getName()
                        + "' is for another key: its public key does not match the pending " + p.name() + " CSR of " + self.name()
                        + " (generated " + csr.createdAt() + "); nothing was installed", Map.of("certificate", first.getSubjectX500Principal().getName()));
            }
            X509Certificate finalLeaf = leaf;
            List<X509Certificate> storeCerts = TrustStoreService.certificates(h, p.trustStore());
            List<X509Certificate> anchors = storeCerts.stream().filter(CertInfo::isSelfSigned).toList();
            List<X509Certificate> intermediates = new ArrayList<>(storeCerts.stream().filter(c -> !CertInfo.isSelfSigned(c)).toList());
            certs.stream().filter(c -> c != finalLeaf && !CertInfo.isSelfSigned(c)).forEach(intermediates::add);
            if (anchors.isEmpty()) throw new UcsecException("chain.no-anchor", "certificate '" + leaf.getSubjectX500Principal().getName()
                    + "' cannot be validated: " + p.trustStore() + " has no CA root; upload the CA chain first (set cert import trust " + p.trustStore() + " FILE)");
            List<X509Certificate> path;
            CertPurpose purpose = purposeOf(p);
            try {
                // issue 7: ucsec's path validator, the anchors' own constraints applied, the leaf for what the seed's profile
                // says it is for (tables 2/3), the security mode's key and hash rules, the store's CRLs
                path = trust.validator(h, p.trustStore()).validate(leaf, intermediates, purpose, ctx.now()).certificates();
            } catch (UcsecException e) {
                String why = " (installing the " + p.name() + " certificate '" + leaf.getSubjectX500Principal().getName() + "', validated as a TLS "
                        + purpose.name().toLowerCase(java.util.Locale.ROOT) + " certificate against " + p.trustStore() + "); nothing was installed";
                switch (e.code()) {
                    case "path.issuer-missing" -> {
                        Object missing = e.details().get("missingIssuer");
                        Object subject = e.details().getOrDefault("certificate", leaf.getSubjectX500Principal().getName());
                        if (missing == null) throw new UcsecException(e.code(), e.getMessage() + why, e.details(), e);
                        throw new UcsecException("chain.issuer-missing", "certificate '" + subject + "' was issued by '" + missing
                                + "', which is not in " + p.trustStore() + ": upload that CA certificate into the store first", Map.of("missingIssuer", missing), e);
                    }
                    case "path.expired" -> throw new UcsecException("chain.expired", e.getMessage(), e.details(), e);
                    case "path.not-yet-valid" -> throw new UcsecException("chain.not-yet-valid", e.getMessage(), e.details(), e);
                    case "path.too-long" -> throw new UcsecException("chain.too-long", e.getMessage(), e.details(), e);
                    default -> throw new UcsecException(e.code(), e.getMessage() + why, e.details(), e);
                }
            }
            SecurityPolicies.current(h).checkCertificate(leaf);
            Certs.requireServable(p.name(), path); // never install what its own listener could not serve (a TLS Certificate message)
            List<String> dropped = checkKeyUsage(p, leaf, allowKeyUsageChange);
            Secret key = ctx.masterKey().open(csr.keyEnc(), csrContext(self.name(), p.name()));
            List<String> targets = csr.multiServer() ? ClusterRepo.nodes(h).stream().map(NodeRow::name).toList() : List.of(self.name());
            install(h, p, targets, leaf, path, key, true, csr.multiServer());
            IdentityRepo.deleteCsr(h, self.name(), p.name());
            List<String> marked = restarts.mark(h, p.restarts(), "CA-signed " + p.name() + " certificate installed");
            AuditRepo.audit(h, ctx.now(), actor.name(), "cert.import-own", String.join(",", targets) + "/" + p.name(),
                    leaf.getSubjectX500Principal().getName() + " " + CertInfo.fingerprint(leaf) + (allowKeyUsageChange ? " (key usage override)" : ""));
            List<String> warnings = dropped.isEmpty() ? List.of()
                    : List.of("installed although the CA dropped requested key usage: " + String.join(", ", dropped) + " (--allow-key-usage-change)");
            return Change.of(own(h, self.name(), p.name()), warnings, marked);
        });
    }

    /**
     * What a purpose's identity certificate is for, from its seed profile (001 tables 2/3): serverAuth and clientAuth
     * (cup, cup-xmpp, tomcat, ipsec, ...) = both ends of TLS; one of them = that end; neither = an end entity.
     */
    static CertPurpose purposeOf(Purpose p) {
        var eku = p.profile().extendedKeyUsage();
        boolean server = eku.contains(ExtendedKeyUsage.SERVER_AUTH), client = eku.contains(ExtendedKeyUsage.CLIENT_AUTH);
        return server && client ? CertPurpose.BOTH : server ? CertPurpose.SERVER : client ? CertPurpose.CLIENT : CertPurpose.END_ENTITY;
    }

    private static byte[] encoded(org.bouncycastle.asn1.x509.SubjectPublicKeyInfo spki) {
        try { return spki.getEncoded(); } catch (java.io.IOException e) { throw new IllegalStateException(e); }
    }

    /** @return the key usages the CA dropped, when the operator allowed it */
    private static List<String> checkKeyUsage(Purpose p, X509Certificate c, boolean allow) {
        List<String> dropped = new ArrayList<>();
        if (c.getKeyUsage() != null) {
            Set<KeyUsageBit> has = Certs.keyUsage(c);
            for (KeyUsageBit b : p.profile().keyUsage()) if (!has.contains(b)) dropped.add(b.displayName());
        }
        if (Certs.hasExtendedKeyUsage(c)) {
            Set<ExtendedKeyUsage> has = Certs.extendedKeyUsage(c);
            for (ExtendedKeyUsage e : p.profile().extendedKeyUsage()) if (!has.contains(e)) dropped.add(e.displayName() + " (" + e.oid() + ")");
        }
        if (!dropped.isEmpty() && !allow) {
            throw new UcsecException("cert.key-usage-dropped", "the CA dropped key usage the " + p.name()
                    + " CSR requested: " + String.join(", ", dropped) + ". Re-issue it with the CSR's extensions, or install anyway with --allow-key-usage-change",
                    Map.of("dropped", dropped));
        }
        return dropped;
    }

    // ------------------------------------------------------------------ listing / export

    public List<OwnCert> listOwn() {
        return ctx.store().read(h -> IdentityRepo.identities(h, ctx.node()).stream().map(r -> own(h, r)).toList());
    }

    public OwnCert get(String purposeName) {
        Purpose p = ctx.catalogue().requirePurpose(ctx.product(), purposeName);
        return ctx.store().read(h -> own(h, ctx.node(), p.name()));
    }

    /** PEM of the identity certificate (leaf), for export as cup.pem, cup-ECDSA.pem, ... (C8). */
    public String pem(String purposeName, boolean withChain) {
        Purpose p = ctx.catalogue().requirePurpose(ctx.product(), purposeName);
        IdentityRow r = ctx.store().read(h -> IdentityRepo.identity(h, ctx.node(), p.name()))
                .orElseThrow(() -> new UcsecException("cert.none", "no " + p.name() + " certificate on " + ctx.node()));
        return withChain && r.chainPem() != null ? r.chainPem() : r.certPem();
    }

    /** Private key (decrypted once, held as a secret) and chain (leaf first) for a hosted listener. Never leaves the node. */
    public record KeyMaterial(String purpose, SecretValue<PrivateKey> key, List<X509Certificate> chain) {
        @Override public String toString() { return "KeyMaterial[" + purpose + ", " + chain.get(0).getSubjectX500Principal().getName() + ", key=****]"; }
    }

    public KeyMaterial keyMaterial(String purposeName) {
        Purpose p = ctx.catalogue().requirePurpose(ctx.product(), purposeName);
        IdentityRow r = ctx.store().read(h -> IdentityRepo.identity(h, ctx.node(), p.name()))
                .orElseThrow(() -> new UcsecException("cert.none", "no " + p.name() + " certificate on " + ctx.node()));
        Secret pem = ctx.masterKey().open(r.keyEnc(), identityContext(r.node(), r.purpose()));
        SecretValue<PrivateKey> key = SecretValue.of(Pem.privateKey(pem), "private key of " + p.name() + " on " + r.node());
        List<X509Certificate> chain = new ArrayList<>();
        chain.addAll(Pem.certificates(r.chainPem() != null ? r.chainPem().getBytes() : r.certPem().getBytes()));
        // served chain: leaf first, without a self-signed root unless the leaf itself is self-signed
        if (chain.size() > 1 && CertInfo.isSelfSigned(chain.get(chain.size() - 1))) chain.remove(chain.size() - 1);
        return new KeyMaterial(p.name(), key, chain);
    }

    // ------------------------------------------------------------------ internals

    /** First start: a self-signed certificate for every purpose of this node's product that has none. */
    public void ensureIdentities() {
        for (Purpose p : ctx.catalogue().purposes(ctx.product())) {
            if (p.publisherOnly() && !ctx.config().publisher()) continue;
            boolean has = ctx.store().read(h -> IdentityRepo.identity(h, ctx.node(), p.name()).isPresent());
            if (!has) regenerate(Actor.system(), p.name(), Options.defaults(), false); // first start: nothing runs yet, no restart
        }
    }

    private void install(Handle h, Purpose p, List<String> nodes, X509Certificate leaf, List<X509Certificate> chain, Secret keyPem,
                         boolean caSigned, boolean multi) {
        for (String node : nodes) {
            SettingsRepo.delete(h, node, REGEN_REQUIRED + p.name());
            IdentityRepo.putIdentity(h, new IdentityRow(node, p.name(), Pem.toPem(leaf), Pem.toPem(chain),
                    ctx.masterKey().seal(keyPem, identityContext(node, p.name())), caSigned, multi, ctx.now()));
        }
    }

    private OwnCert own(Handle h, String node, String purpose) {
        return own(h, IdentityRepo.identity(h, node, purpose).orElseThrow(() -> new UcsecException("cert.none", "no " + purpose + " certificate on " + node)));
    }

    private OwnCert own(Handle h, IdentityRow r) {
        Purpose p = ctx.catalogue().requirePurpose(ctx.product(), r.purpose());
        List<CertInfo> chain = r.chainPem() == null ? List.of() : Pem.certificates(r.chainPem().getBytes()).stream().map(CertInfo::of).toList();
        boolean pending = IdentityRepo.csr(h, r.node(), r.purpose()).isPresent();
        boolean regen = SettingsRepo.get(h, r.node(), REGEN_REQUIRED + r.purpose()).isPresent();
        return new OwnCert(r.node(), r.purpose(), p.trustStore(), r.caSigned(), r.multiServer(), r.installedAt(),
                CertInfo.of(Pem.certificates(r.certPem().getBytes()).get(0)), chain, pending, regen);
    }

    private NodeRow self(Handle h) {
        return ClusterRepo.node(h, ctx.node()).orElseThrow(() -> new IllegalStateException("node " + ctx.node() + " is not registered"));
    }

    private static void checkMultiServer(Purpose p, boolean multi) {
        if (multi && !p.multiServer()) throw new UcsecException("csr.multi-server-not-allowed", p.name()
                + " does not support multi-server (SAN) certificates (seed 001 table 1: only tomcat, cup-xmpp and cup-xmpp-s2s and their -ECDSA variants do)");
    }

    private SubjectSpec subject(Options o) {
        return new SubjectSpec(ctx.config().fqdn(), o.o(), o.ou(), o.l(), o.st(), o.c());
    }

    /** SANs: node FQDN + hostname (+ every cluster node for multi-server) + purpose-specific (C9) + operator's extra SANs. */
    private List<String> sans(Handle h, Purpose p, NodeRow self, List<NodeRow> cluster, boolean multi, List<String> extra) {
        Set<String> out = new LinkedHashSet<>();
        out.add(self.fqdn());
        out.add(self.hostname());
        if (multi) for (NodeRow n : cluster) { out.add(n.fqdn()); out.add(n.hostname()); }
        for (Capability.Running c : sanContributors) if (c instanceof SanContributor sc) out.addAll(sc.extraSans(h, p, self));
        out.addAll(extra);
        return SanNames.normalize(new ArrayList<>(out));
    }

    static String identityContext(String node, String purpose) { return "identity/" + node + "/" + purpose; }
    static String csrContext(String node, String purpose) { return "csr/" + node + "/" + purpose; }

}
