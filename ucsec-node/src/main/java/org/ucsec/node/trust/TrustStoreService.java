package org.ucsec.node.trust;

import org.ucsec.node.platform.Text;
import org.ucsec.node.platform.Actor;
import org.ucsec.node.platform.Change;
import org.ucsec.node.platform.InstalledIdentities;
import org.ucsec.node.platform.NodeContext;
import org.ucsec.node.restarts.RestartService;

import org.ucsec.node.platform.SettingsRepo;
import org.ucsec.node.trust.TrustRepo;
import org.ucsec.node.audit.AuditRepo;

import org.jdbi.v3.core.Handle;
import org.ucsec.pki.CertInfo;
import org.ucsec.node.modes.SecurityPolicies;
import org.ucsec.pki.path.CertPurpose;
import org.ucsec.pki.path.CrlRevocationChecker;
import org.ucsec.pki.path.HttpCrlFetcher;
import org.ucsec.pki.path.ParsedCrl;
import org.ucsec.pki.path.PathValidator;
import org.ucsec.pki.path.ValidationPolicy;
import org.ucsec.pki.Chains;
import org.ucsec.pki.Pem;
import org.ucsec.core.UcsecException;
import org.ucsec.pki.catalogue.Purpose;
import org.ucsec.pki.catalogue.TrustStoreDef;
import org.ucsec.node.trust.TrustRepo.TrustRow;

import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Trust stores (SPEC C5 upload, C10 delete). One service for CLI, REST and UI. */
public final class TrustStoreService {
    public static final String HOLD_SETTING = "cert.cleanup-hold-minutes";
    public static final Duration DEFAULT_HOLD = Duration.ofMinutes(30);

    private final NodeContext ctx;
    private final RestartService restarts;
    private final InstalledIdentities identities;

    public TrustStoreService(NodeContext ctx, RestartService restarts, InstalledIdentities identities) {
        this.ctx = ctx;
        this.restarts = restarts;
        this.identities = identities;
    }

    /** A trust entry as operators see it. */
    public record TrustEntry(String store, String name, String description, CertInfo certificate, String origin, Instant addedAt) {}

    public record ImportResult(String store, List<TrustEntry> added, List<TrustEntry> alreadyPresent) {}

    /**
     * Uploads a root, an intermediate whose issuer is in the store already, or a bundle in any order (SPEC C5).
     * All or nothing: if one certificate of a bundle is refused, none is added. Every certificate is validated with the
     * path validator (issue 7) under the active security mode (S5: weak keys and hashes refused, FIPS rules when on):
     * a CA entry (basicConstraints CA, or one that issues another certificate of the bundle) must be a CA with keyCertSign
     * ({@link CertPurpose#CA}); an intermediate's path must validate to an anchor already in the store or in the same
     * bundle, the anchor's own constraints applied; a root is checked as its own anchor.
     */
    public Change<ImportResult> importCertificates(Actor actor, String storeName, byte[] upload, String description) {
        actor.requireAdmin("change trust stores");
        TrustStoreDef store = ctx.catalogue().requireTrustStore(storeName);
        String desc = Text.description("description", description);
        List<X509Certificate> certs = Chains.issuersFirst(Pem.certificates(upload));
        for (X509Certificate c : certs) checkNames(c);
        // an expired or not-yet-valid CA certificate can anchor nothing: refused, saying the dates
        for (X509Certificate c : certs) Chains.checkDates(c, ctx.now());
        for (X509Certificate c : certs) if (c.getBasicConstraints() < 0 && !CertInfo.isSelfSigned(c) && certs.size() > 1 && isIssuerOfAnother(c, certs))
            throw new UcsecException("trust.not-ca", "certificate '" + c.getSubjectX500Principal().getName() + "' issues others in the bundle but is not a CA (basicConstraints)");
        return ctx.store().tx(h -> {
            List<TrustRow> rows = TrustRepo.trust(h, store.name());
            List<X509Certificate> present = new ArrayList<>(rows.stream().map(TrustStoreService::certificate).toList());
            Map<String, TrustRow> byFingerprint = new java.util.HashMap<>();
            for (TrustRow r : rows) byFingerprint.put(r.fingerprint(), r);
            ValidationPolicy policy = uploadPolicy(h);
            List<ParsedCrl> crls = parsedCrls(h, store.name());
            List<TrustEntry> added = new ArrayList<>();
            List<TrustEntry> dup = new ArrayList<>();
            List<X509Certificate> fresh = new ArrayList<>();
            for (X509Certificate c : certs) {
                String fp = CertInfo.fingerprint(c);
                TrustRow existing = byFingerprint.get(fp);
                if (existing != null) { dup.add(toEntry(existing)); continue; }
                if (!CertInfo.isSelfSigned(c) && Chains.findIssuer(c, present).isEmpty()) {
                    throw new UcsecException("chain.issuer-missing",
                            "certificate '" + c.getSubjectX500Principal().getName() + "' was issued by '" + c.getIssuerX500Principal().getName()
                                    + "', which is not in " + store.name() + ": upload the issuer first (or upload the whole chain as one bundle); nothing was imported",
                            Map.of("missingIssuer", c.getIssuerX500Principal().getName(), "certificate", c.getSubjectX500Principal().getName()));
                }
                TrustRow row = insert(h, store.name(), c, desc, null, null);
                present.add(c);
                fresh.add(c);
                added.add(toEntry(row));
            }
            // every new entry through the path validator, leaves of the bundle first: a validated path covers each CA on
            // it (as an issuer: CA, keyCertSign, path length), so a 40-CA bundle costs one validation, not forty.
            // All or nothing: a refusal rolls the whole upload back.
            java.util.Set<X509Certificate> covered = new java.util.HashSet<>();
            for (int i = fresh.size() - 1; i >= 0; i--) {
                X509Certificate c = fresh.get(i);
                if (covered.contains(c)) continue;
                covered.addAll(checkEntry(c, present, fresh, policy, crls, store.name()));
            }
            List<String> marked = List.of();
            if (!added.isEmpty()) {
                marked = restarts.mark(h, store.restartsOnUpload(), "CA certificate uploaded to " + store.name());
                AuditRepo.audit(h, ctx.now(), actor.name(), "trust.import", store.name(),
                        String.join("; ", added.stream().map(e -> e.certificate().subject()).toList()));
            }
            List<String> warnings = dup.isEmpty() ? List.of() : List.of(dup.size() + " certificate(s) were already in " + store.name() + " and were left as they are");
            return Change.of(new ImportResult(store.name(), added, dup), warnings, marked);
        });
    }

    /**
     * One new trust entry through the path validator. A CA entry (basicConstraints CA, or issuing another certificate of
     * the upload) is validated for {@link CertPurpose#CA}; a peer's own certificate trusted as it is for an end entity
     * (CA-signed) or for RFC 5280 section 6 alone (self-signed: it is its own anchor). Refusals keep the validator's
     * {@code path.*} code and say that nothing was imported.
     */
    /** @return the certificates of the validated path (each one checked on it) */
    List<X509Certificate> checkEntry(X509Certificate c, List<X509Certificate> present, List<X509Certificate> bundle, ValidationPolicy policy, List<ParsedCrl> crls, String store) {
        boolean selfSigned = CertInfo.isSelfSigned(c);
        boolean ca = c.getBasicConstraints() >= 0 || isIssuerOfAnother(c, bundle);
        CertPurpose purpose = ca ? CertPurpose.CA : selfSigned ? CertPurpose.ANY : CertPurpose.END_ENTITY;
        PathValidator v = PathValidator.builder().trustStore(present).policy(policy).clock(ctx.clock())
                .revocation(crls.isEmpty() ? null : CrlRevocationChecker.of(crls)).build();
        try {
            return v.validate(c, present, purpose, ctx.now()).certificates();
        } catch (UcsecException e) {
            throw new UcsecException(e.code(), "certificate '" + c.getSubjectX500Principal().getName() + "' refused for " + store + " ("
                    + (ca ? "a CA entry" : "a peer certificate") + "): " + e.getMessage() + "; nothing was imported", e.details(), e);
        }
    }

    /**
     * Uploads: the security mode's rules (S5), revocation by the store's CRLs soft-fail (an upload never waits on http).
     * The depth and work bounds are those of an operator's bundle (bounded by the upload size), not of a TLS peer's chain:
     * a store may hold a deep CA hierarchy; a handshake still builds at most {@code ValidationPolicy.defaults()}'s depth.
     */
    private static ValidationPolicy uploadPolicy(Handle h) {
        return SecurityPolicies.current(h).pathValidation().withRevocation(ValidationPolicy.RevocationMode.SOFT_FAIL)
                .withBounds(UPLOAD_MAX_INTERMEDIATES, UPLOAD_MAX_SIGNATURE_CHECKS);
    }

    static final int UPLOAD_MAX_INTERMEDIATES = 64, UPLOAD_MAX_SIGNATURE_CHECKS = 4096;

    /** The store keeps subject and issuer names up to 2,048 characters; a longer one is refused, naming it. */
    public static void checkNames(X509Certificate c) {
        String subject = c.getSubjectX500Principal().getName(), issuer = c.getIssuerX500Principal().getName();
        if (subject.length() > 2048 || issuer.length() > 2048)
            throw new UcsecException("cert.name-too-long", "certificate '" + (subject.length() > 120 ? subject.substring(0, 120) + "..." : subject)
                    + "' has a subject or issuer name of " + Math.max(subject.length(), issuer.length()) + " characters; at most 2048 are stored");
    }

    private static boolean isIssuerOfAnother(X509Certificate c, List<X509Certificate> all) {
        return all.stream().anyMatch(o -> o != c && Chains.issued(c, o));
    }

    /** Inserts a trust row, choosing a unique name from the subject CN. Inside the caller's transaction. */
    public TrustRow insert(Handle h, String store, X509Certificate c, String description, String originNode, String originPurpose) {
        String base = CertInfo.commonName(c).replaceAll("[^A-Za-z0-9._-]+", "_");
        if (base.isBlank()) base = "cert";
        if (base.length() > 200) base = base.substring(0, 200); // an entry name fits the store (a CN may be longer than RFC 5280's 64)
        String name = base + ".pem";
        String fp = CertInfo.fingerprint(c);
        if (TrustRepo.trustNameTaken(h, store, name)) name = base + "-" + fp.replace(":", "").substring(0, 8).toLowerCase(Locale.ROOT) + ".pem";
        TrustRow row = new TrustRow(store, name, fp, Pem.toPem(c), c.getSubjectX500Principal().getName(), c.getIssuerX500Principal().getName(),
                CertInfo.isSelfSigned(c), description == null || description.isBlank() ? null : description.trim(), originNode, originPurpose, ctx.now());
        TrustRepo.insertTrust(h, row);
        return row;
    }

    public List<TrustEntry> list(String storeName) {
        if (storeName != null) {
            TrustStoreDef s = ctx.catalogue().requireTrustStore(storeName);
            return ctx.store().read(h -> TrustRepo.trust(h, s.name()).stream().map(TrustStoreService::toEntry).toList());
        }
        return ctx.store().read(h -> TrustRepo.allTrust(h).stream().map(TrustStoreService::toEntry).toList());
    }

    /** By entry name, or by SHA-256 fingerprint (with or without colons, any unique prefix of at least 8 hex digits). */
    public TrustEntry get(String storeName, String nameOrFingerprint) {
        TrustStoreDef s = ctx.catalogue().requireTrustStore(storeName);
        return ctx.store().read(h -> toEntry(find(h, s.name(), nameOrFingerprint)));
    }

    public String pem(String storeName, String nameOrFingerprint) {
        TrustStoreDef s = ctx.catalogue().requireTrustStore(storeName);
        return ctx.store().read(h -> find(h, s.name(), nameOrFingerprint).certPem());
    }

    private TrustRow find(Handle h, String store, String key) {
        List<TrustRow> rows = TrustRepo.trust(h, store);
        for (TrustRow r : rows) if (r.name().equalsIgnoreCase(key) || r.name().equalsIgnoreCase(key + ".pem")) return r;
        String hex = key.replace(":", "").toUpperCase(Locale.ROOT);
        if (hex.matches("[0-9A-F]{8,64}")) {
            List<TrustRow> m = rows.stream().filter(r -> r.fingerprint().replace(":", "").startsWith(hex)).toList();
            if (m.size() == 1) return m.get(0);
            if (m.size() > 1) throw new UcsecException("trust.ambiguous", "fingerprint prefix " + key + " matches " + m.size() + " entries in " + store);
        }
        throw new UcsecException("trust.not-found", "no certificate '" + key + "' in " + store);
    }

    public List<X509Certificate> certificates(String store) { return ctx.store().read(h -> certificates(h, store)); }

    public static List<X509Certificate> certificates(Handle h, String store) {
        return TrustRepo.trust(h, store).stream().map(TrustStoreService::certificate).toList();
    }

    // ------------------------------------------------------------------ path validation for the node's trust decisions

    /** Setting (scope cluster): what a missing revocation answer does, {@code soft-fail} (default) or {@code hard-fail}. */
    public static final String REVOCATION_SETTING = "revocation.mode";

    public ValidationPolicy.RevocationMode revocationMode() { return ctx.store().read(TrustStoreService::revocationMode); }

    public static ValidationPolicy.RevocationMode revocationMode(Handle h) {
        return SettingsRepo.get(h, "cluster", REVOCATION_SETTING).map(v -> v.equals("hard-fail") ? ValidationPolicy.RevocationMode.HARD_FAIL
                : ValidationPolicy.RevocationMode.SOFT_FAIL).orElse(ValidationPolicy.RevocationMode.SOFT_FAIL);
    }

    public record RevocationSetting(String mode) {}

    /** {@code soft-fail} or {@code hard-fail}; marks the restarts of every listener that validates client certificates. */
    public Change<RevocationSetting> setRevocationMode(Actor actor, String mode) {
        actor.requireAdmin("change the revocation setting");
        if (!"soft-fail".equals(mode) && !"hard-fail".equals(mode))
            throw new UcsecException("crl.mode-invalid", "revocation mode '" + mode + "' is not soft-fail or hard-fail");
        return ctx.store().tx(h -> {
            SettingsRepo.put(h, "cluster", REVOCATION_SETTING, mode);
            List<String> marked = new ArrayList<>();
            for (var l : ctx.catalogue().listeners()) if (l.trustStore() != null) marked.addAll(restarts.mark(h, ctx.catalogue().requireTrustStore(l.trustStore()).restartsOnUpload(), "revocation checking set to " + mode));
            AuditRepo.audit(h, ctx.now(), actor.name(), "revocation.mode", "cluster", mode);
            return Change.of(new RevocationSetting(mode), List.of(), marked.stream().distinct().toList());
        });
    }

    /**
     * The path validator for {@code store} as it is now: its self-signed entries are the anchors (their own constraints
     * applied), the others offered as intermediates; the security mode's rules; revocation by the store's uploaded CRLs,
     * then by the certificates' http distribution points, soft- or hard-fail as set.
     */
    public PathValidator validator(String store) { return ctx.store().read(h -> validator(h, store)); }

    public PathValidator validator(Handle h, String store) {
        ValidationPolicy policy = SecurityPolicies.current(h).pathValidation().withRevocation(revocationMode(h));
        return PathValidator.builder().trustStore(certificates(h, store)).policy(policy).clock(ctx.clock())
                .revocation(CrlRevocationChecker.of(parsedCrls(h, store), HttpCrlFetcher.defaults())).build();
    }

    static List<ParsedCrl> parsedCrls(Handle h, String store) {
        List<ParsedCrl> out = new ArrayList<>();
        for (var r : CrlRepo.crls(h, store)) out.add(ParsedCrl.parse(java.util.Base64.getDecoder().decode(r.crlDer())));
        return out;
    }

    // ------------------------------------------------------------------ CRLs per trust store

    /** A CRL of a trust store as operators see it. */
    public record CrlEntry(String store, String id, String issuer, Instant thisUpdate, Instant nextUpdate, int revokedEntries,
                           String description, Instant addedAt, boolean signerInStore) {}

    /**
     * Uploads a CRL (DER or PEM) for a store. Refused unless it parses and is signed by a certificate of the store
     * (the issuer named by the CRL, or an indirect CRL issuer validated when it is used). Marks the restarts of the
     * listeners that use the store. Re-uploading the same CRL changes nothing.
     */
    public Change<CrlEntry> importCrl(Actor actor, String storeName, byte[] upload, String description) {
        actor.requireAdmin("change trust stores");
        TrustStoreDef store = ctx.catalogue().requireTrustStore(storeName);
        String desc = Text.description("description", description);
        ParsedCrl parsed = ParsedCrl.parse(upload);
        java.security.cert.X509CRL crl;
        try {
            crl = (java.security.cert.X509CRL) java.security.cert.CertificateFactory.getInstance("X.509").generateCRL(new java.io.ByteArrayInputStream(upload));
        } catch (Exception e) {
            throw new UcsecException("crl.malformed", "the CRL cannot be parsed: " + e.getMessage());
        }
        byte[] der;
        try { der = crl.getEncoded(); } catch (java.security.cert.CRLException e) { throw new UcsecException("crl.malformed", e.getMessage()); }
        String fp = sha256(der);
        String issuer = parsed.issuer().getName();
        return ctx.store().tx(h -> {
            for (var r : CrlRepo.crls(h, store.name()))
                if (r.fingerprint().equals(fp)) return Change.of(toCrlEntry(h, r), List.of("this CRL is already in " + store.name()), List.of());
            boolean signer = false;
            for (X509Certificate c : certificates(h, store.name())) {
                if (!c.getSubjectX500Principal().equals(crl.getIssuerX500Principal())) continue;
                try { crl.verify(c.getPublicKey()); signer = true; break; } catch (Exception ignored) { /* another key of that name */ }
            }
            if (!signer) throw new UcsecException("crl.issuer-unknown", "the CRL of '" + issuer + "' is not signed by a certificate in " + store.name()
                    + " (RFC 5280 6.3.3 (f)): upload its issuer into the store first; nothing was imported", Map.of("issuer", issuer));
            List<String> warnings = new ArrayList<>();
            if (crl.getNextUpdate() != null && crl.getNextUpdate().toInstant().isBefore(ctx.now()))
                warnings.add("the CRL's nextUpdate " + crl.getNextUpdate().toInstant() + " has passed: it is kept, but gives no answer until a newer one is uploaded");
            var row = new CrlRepo.CrlRow(store.name(), fp, issuer, crl.getThisUpdate().toInstant(), crl.getNextUpdate() == null ? null : crl.getNextUpdate().toInstant(),
                    crl.getRevokedCertificates() == null ? 0 : crl.getRevokedCertificates().size(), java.util.Base64.getEncoder().encodeToString(der),
                    desc == null || desc.isBlank() ? null : desc.trim(), ctx.now());
            CrlRepo.insert(h, row);
            List<String> marked = restarts.mark(h, store.restartsOnUpload(), "CRL uploaded to " + store.name());
            AuditRepo.audit(h, ctx.now(), actor.name(), "revocation.crl-import", store.name(), issuer + " " + fp);
            return Change.of(toCrlEntry(h, row), warnings, marked);
        });
    }

    public List<CrlEntry> crls(String storeName) {
        TrustStoreDef store = ctx.catalogue().requireTrustStore(storeName);
        return ctx.store().read(h -> CrlRepo.crls(h, store.name()).stream().map(r -> toCrlEntry(h, r)).toList());
    }

    /** Deletes a CRL by its id (SHA-256 fingerprint, any unique prefix of at least 8 hex digits). Audited, restarts marked. */
    public Change<CrlEntry> deleteCrl(Actor actor, String storeName, String id) {
        TrustStoreDef store = ctx.catalogue().requireTrustStore(storeName);
        if (!actor.canDelete()) throw new UcsecException("auth.delete-not-allowed", "'" + actor.name() + "' is not allowed to delete CRLs");
        actor.requireAdmin("delete CRLs");
        String hex = id.replace(":", "").toUpperCase(Locale.ROOT);
        return ctx.store().tx(h -> {
            List<CrlRepo.CrlRow> m = hex.matches("[0-9A-F]{8,64}") ? CrlRepo.crls(h, store.name()).stream().filter(r -> r.fingerprint().replace(":", "").startsWith(hex)).toList() : List.of();
            if (m.isEmpty()) throw new UcsecException("crl.not-found", "no CRL '" + id + "' in " + store.name());
            if (m.size() > 1) throw new UcsecException("trust.ambiguous", "CRL id " + id + " matches " + m.size() + " CRLs in " + store.name());
            var row = m.get(0);
            CrlEntry e = toCrlEntry(h, row);
            CrlRepo.delete(h, store.name(), row.fingerprint());
            List<String> marked = restarts.mark(h, store.restartsOnUpload(), "CRL deleted from " + store.name());
            AuditRepo.audit(h, ctx.now(), actor.name(), "revocation.crl-delete", store.name(), row.issuer() + " " + row.fingerprint());
            return Change.of(e, List.of(), marked);
        });
    }

    private CrlEntry toCrlEntry(Handle h, CrlRepo.CrlRow r) {
        boolean signer = certificates(h, r.store()).stream().anyMatch(c -> c.getSubjectX500Principal().getName().equals(r.issuer()));
        return new CrlEntry(r.store(), r.fingerprint().replace(":", "").substring(0, 16), r.issuer(), r.thisUpdate(), r.nextUpdate(), r.entries(),
                r.description(), r.addedAt(), signer);
    }

    private static String sha256(byte[] der) {
        try { return java.util.HexFormat.ofDelimiter(":").withUpperCase().formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(der)); }
        catch (java.security.NoSuchAlgorithmException e) { throw new IllegalStateException(e); }
    }

    public Duration cleanupHold() {
        return ctx.store().read(h -> SettingsRepo.get(h, "cluster", HOLD_SETTING)).map(v -> Duration.ofMinutes(Long.parseLong(v))).orElse(DEFAULT_HOLD);
    }

    /**
     * Deletes a trust certificate. An entry that was uploaded or imported (a CA root, an intermediate, a peer's
     * certificate: issue 7 "mistakes can be undone") goes for any operator with delete rights, unless it anchors or
     * issues an identity chain installed in the cluster: then the refusal names that identity certificate. The entries
     * ucsec itself put there (the nodes' own self-signed identity certificates) keep the rules of SPEC C10 below.
     *
     * <p>C10: deletes a self-signed trust certificate, under every rule of SPEC C10 (seed 001, "delete self-signed trust
     * certificates"): issuer = subject; store in the seed's list; the service has a CA-signed identity certificate;
     * the cleanup hold (default 30 minutes after that certificate was installed) has passed; the operator may delete.
     * Further: a certificate that an installed identity chain ends at is never deleted.
     */
    public Change<TrustEntry> delete(Actor actor, String storeName, String nameOrFingerprint) {
        TrustStoreDef store = ctx.catalogue().requireTrustStore(storeName);
        actor.requireAdmin("delete trust certificates"); // a read-only token stays read-only, whatever its delete right says
        if (!actor.canDelete()) throw new UcsecException("auth.delete-not-allowed", "'" + actor.name() + "' is not allowed to delete trust certificates");
        Duration hold = cleanupHold();
        return ctx.store().tx(h -> {
            TrustRow row = find(h, store.name(), nameOrFingerprint);
            String who = "'" + row.name() + "' (" + row.subject() + ") in " + store.name();
            if (row.originPurpose() == null) return deleteUploaded(h, actor, store, row, who);
            if (!row.selfSigned()) throw new UcsecException("trust.delete-not-self-signed", "cannot delete " + who + ": only self-signed certificates (issuer = subject) may be deleted; its issuer is " + row.issuer());
            if (!store.selfSignedDeletable()) throw new UcsecException("trust.delete-store-not-allowed", "cannot delete " + who + ": self-signed certificates can be deleted only from tomcat-trust, cup-xmpp-trust, cup-trust and ipsec-trust");
            // which service (purpose) the entry belongs to: its origin, or every purpose using this store on this node
            List<Purpose> purposes = row.originPurpose() != null
                    ? List.of(ctx.catalogue().requirePurpose(ctx.product(), row.originPurpose()))
                    : ctx.catalogue().purposes(ctx.product()).stream().filter(p -> p.trustStore().equals(store.name())).toList();
            String node = row.originNode() != null ? row.originNode() : ctx.node();
            List<InstalledIdentities.Installed> installed = identities.installed(h);
            InstalledIdentities.Installed caSigned = null;
            for (Purpose p : purposes) {
                for (var id : installed) {
                    if (!id.node().equals(node) || !id.purpose().equals(p.name()) || !id.caSigned()) continue;
                    if (caSigned == null || id.installedAt().isBefore(caSigned.installedAt())) caSigned = id;
                }
            }
            if (caSigned == null) throw new UcsecException("trust.delete-service-not-ca-signed", "cannot delete " + who + ": "
                    + String.join("/", purposes.stream().map(Purpose::name).toList()) + " on " + node + " has no CA-signed certificate yet; install one first (set cert import own)");
            Instant allowedAt = caSigned.installedAt().plus(hold);
            if (ctx.now().isBefore(allowedAt)) {
                long left = Duration.between(ctx.now(), allowedAt).toMinutes() + 1;
                throw new UcsecException("trust.delete-hold", "cannot delete " + who + " yet: the CA-signed "
                        + caSigned.purpose() + " certificate was installed at " + caSigned.installedAt() + "; wait for the " + hold.toMinutes()
                        + "-minute cleanup hold (until " + allowedAt + ", about " + left + " min)", Map.of("allowedAt", allowedAt.toString()));
            }
            for (var id : installed) {
                if (id.chainPem() == null) continue;
                if (id.chainPem().contains(row.certPem().trim()) && id.caSigned())
                    throw new UcsecException("trust.delete-in-use", "cannot delete " + who + ": it anchors the installed " + id.purpose() + " certificate of " + id.node());
            }
            TrustRepo.deleteTrust(h, store.name(), row.fingerprint());
            List<String> marked = restarts.mark(h, store.restartsOnUpload(), "certificate deleted from " + store.name());
            AuditRepo.audit(h, ctx.now(), actor.name(), "trust.delete", store.name() + "/" + row.name(), row.subject());
            return Change.of(toEntry(row), List.of(), marked);
        });
    }


    private Change<TrustEntry> deleteUploaded(Handle h, Actor actor, TrustStoreDef store, TrustRow row, String who) {
        X509Certificate entry = Pem.certificates(row.certPem().getBytes()).get(0);
        for (var id : identities.installed(h)) {
            if (id.chainPem() == null || !id.caSigned()) continue;
            List<X509Certificate> chain = Pem.certificates(id.chainPem().getBytes());
            boolean uses = chain.stream().anyMatch(c -> c.equals(entry) || Chains.issued(entry, c));
            if (uses) {
                String leaf = chain.get(0).getSubjectX500Principal().getName();
                throw new UcsecException("trust.delete-in-use", "cannot delete " + who + ": it anchors the installed " + id.purpose()
                        + " certificate '" + leaf + "' of " + id.node() + "; install a certificate from another CA first",
                        Map.of("purpose", id.purpose(), "node", id.node(), "identity", leaf));
            }
        }
        TrustRepo.deleteTrust(h, store.name(), row.fingerprint());
        List<String> marked = restarts.mark(h, store.restartsOnUpload(), "certificate deleted from " + store.name());
        AuditRepo.audit(h, ctx.now(), actor.name(), "trust.delete", store.name() + "/" + row.name(), row.subject() + " (uploaded or imported)");
        return Change.of(toEntry(row), List.of(), marked);
    }

    /**
     * Parsed trust entries by fingerprint: an upload, a listener reload or a listing would otherwise parse every entry of
     * the store each time (bench/api-load: 30 ms → 140 ms per upload at ~10,000 entries). An X509Certificate is
     * immutable; the fingerprint is computed from the DER when the row is written. Bounded: cleared past 20,000.
     */
    private static final Map<String, X509Certificate> PARSED = new java.util.concurrent.ConcurrentHashMap<>();

    static X509Certificate certificate(TrustRow r) {
        X509Certificate c = PARSED.get(r.fingerprint());
        if (c != null) return c;
        c = Pem.certificates(r.certPem().getBytes()).get(0);
        if (PARSED.size() > 20_000) PARSED.clear();
        PARSED.put(r.fingerprint(), c);
        return c;
    }

    static TrustEntry toEntry(TrustRow r) {
        X509Certificate c = certificate(r);
        String origin = r.originPurpose() == null ? "uploaded" : "self-signed " + r.originPurpose() + " of " + r.originNode();
        return new TrustEntry(r.store(), r.name(), r.description(), CertInfo.of(c), origin, r.addedAt());
    }
}
