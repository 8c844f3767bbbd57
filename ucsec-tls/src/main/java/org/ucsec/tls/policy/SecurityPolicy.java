package org.ucsec.tls.policy;

import org.ucsec.pki.KeySpec;
import org.ucsec.pki.SignatureHash;
import org.ucsec.pki.catalogue.KeyAlgorithm;
import org.ucsec.tls.cipher.SuiteSelection;
import org.ucsec.tls.cipher.Tls13Ciphersuites;
import org.ucsec.tls.cipher.Tls13Suite;

import java.security.AlgorithmParameters;
import java.security.PublicKey;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.ECParameterSpec;
import java.security.spec.PSSParameterSpec;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * The rules of the active security modes (SPEC S5; seeds 000/002, section "FIPS mode"), consulted by every operation
 * that creates or accepts keys, certificates, cipher suites or protocols. Immutable; derive a new one when the modes change.
 *
 * <table>
 *   <caption>Rules</caption>
 *   <tr><th>Mode</th><th>Rule</th><th>Code</th></tr>
 *   <tr><td>FIPS</td><td>keys: RSA (at least {@value #FIPS_MIN_RSA_BITS} bits) or EC on P-256 / P-384 only</td>
 *       <td>{@code policy.key-not-approved}, {@code policy.key-too-small}, {@code policy.curve-not-approved}</td></tr>
 *   <tr><td>FIPS</td><td>signature hashes: SHA-2 (and SHA-3) only; no SHA-1, MD5, MD2</td><td>{@code policy.hash-not-approved}</td></tr>
 *   <tr><td>FIPS</td><td>cipher suites: {@link FipsCipherRules}</td><td>{@code policy.suite-not-approved}</td></tr>
 *   <tr><td>common criteria</td><td>X.509 v3 certificates only</td><td>{@code policy.cert-not-v3}</td></tr>
 *   <tr><td>common criteria</td><td>TLS {@link SecurityModes#COMMON_CRITERIA_MIN_TLS}+ (via {@link SecurityModes})</td><td>{@code policy.tls-below-minimum}</td></tr>
 *   <tr><td>common criteria</td><td>SSL on every configured external database (seed: MSSQL note)</td><td>{@code policy.external-db-without-tls}</td></tr>
 *   <tr><td>enhanced security</td><td>{@link CredentialPolicy#ENHANCED_SECURITY}, audit logging mandatory</td><td>{@code credential.*}</td></tr>
 *   <tr><td>any</td><td>protocols below the configured minimum TLS version</td><td>{@code policy.tls-below-minimum}</td></tr>
 * </table>
 * With no mode on, nothing beyond the minimum TLS version is refused here; the JDK's own disabled-algorithm lists
 * ({@code jdk.tls.disabledAlgorithms}, {@code jdk.certpath.disabledAlgorithms}) still apply at handshake time.
 */
public final class SecurityPolicy {
    public static final int FIPS_MIN_RSA_BITS = 2048;
    /** FIPS-approved EC curves (SPEC S5, C3). */
    public static final List<String> FIPS_CURVES = List.of("P-256", "P-384");
    /** FIPS-approved signature hashes, canonical names. */
    public static final Set<String> FIPS_HASHES = Set.of("SHA-224", "SHA-256", "SHA-384", "SHA-512", "SHA3-256", "SHA3-384", "SHA3-512");

    private final SecurityModes modes;

    private SecurityPolicy(SecurityModes modes) { this.modes = modes; }

    public static SecurityPolicy of(SecurityModes modes) { return new SecurityPolicy(java.util.Objects.requireNonNull(modes, "modes")); }

    /** No mode, minimum TLS 1.2. */
    public static SecurityPolicy baseline() { return of(SecurityModes.NONE); }

    public SecurityModes modes() { return modes; }

    /** Enhanced security mode makes audit logging mandatory (seed: "stricter audit logging requirements"; SPEC X5). */
    public boolean auditLoggingRequired() { return modes.enhancedSecurity(); }

    /** The credential policy in force: {@link CredentialPolicy#ENHANCED_SECURITY} in enhanced security mode, else {@link CredentialPolicy#BASELINE}. */
    /**
     * The certificate path rules of the active modes for ucsec's path validator (issue 7): the baseline (RSA 2048+,
     * no MD5/SHA-1 signatures) and, in FIPS mode, EC P-256/P-384 only and SHA-2/SHA-3 hashes only. Revocation
     * soft-fail; callers set hard-fail where the trust store asks for it.
     */
    public org.ucsec.pki.path.ValidationPolicy pathValidation() {
        return modes.fips() ? org.ucsec.pki.path.ValidationPolicy.fipsMode() : org.ucsec.pki.path.ValidationPolicy.defaults();
    }

    public CredentialPolicy credentialPolicy() { return modes.enhancedSecurity() ? CredentialPolicy.ENHANCED_SECURITY : CredentialPolicy.BASELINE; }

    /** The Exchange authentication mechanisms the presence engine may use (SPEC S6). */
    public List<ExchangeAuthMechanism> exchangeMechanisms(ExchangeAuthentication setting) { return setting.effectiveMechanisms(modes.fips()); }

    // ---------------------------------------------------------------- keys

    /** Refuses a key that the active modes forbid. {@code algorithm}: "RSA" or "EC"/"ECDSA"; size in bits (EC: 256, 384, 521). */
    public void checkKey(String algorithm, int size) { throwFirst(keyViolations(algorithm, size, null, "key", "")); }

    public void checkKey(KeySpec spec) { checkKey(spec.algorithm() == KeyAlgorithm.RSA ? "RSA" : "EC", spec.size()); }

    /** Like {@link #checkKey(String, int)} but names the EC curve from the key's parameters (secp256k1 is not P-256). */
    public void checkKey(PublicKey key, String name) { throwFirst(keyViolations(key, "key", name)); }

    List<Violation> keyViolations(PublicKey key, String kind, String name) {
        if (key instanceof RSAPublicKey r) return keyViolations("RSA", r.getModulus().bitLength(), null, kind, name);
        if (key instanceof ECPublicKey e) {
            int bits = e.getParams().getCurve().getField().getFieldSize();
            return keyViolations("EC", bits, curveName(e.getParams()), kind, name);
        }
        return keyViolations(key.getAlgorithm(), 0, null, kind, name);
    }

    private List<Violation> keyViolations(String algorithm, int size, String curve, String kind, String name) {
        if (!modes.fips()) return List.of();
        String alg = algorithm.toUpperCase(Locale.ROOT);
        String objectName = name.isEmpty() ? algorithm + (size > 0 ? " " + size : "") : name;
        if (alg.equals("RSA")) {
            if (size < FIPS_MIN_RSA_BITS) {
                return List.of(new Violation("policy.key-too-small", SecurityMode.FIPS, kind, objectName,
                        "RSA " + size + "-bit key" + of(kind, name) + " is too small: FIPS mode requires at least " + FIPS_MIN_RSA_BITS + " bits"));
            }
            return List.of();
        }
        if (alg.equals("EC") || alg.equals("ECDSA")) {
            String c = curve != null ? curve : switch (size) { case 256 -> "P-256"; case 384 -> "P-384"; case 521 -> "P-521"; default -> "EC " + size + "-bit"; };
            if (!FIPS_CURVES.contains(c)) {
                return List.of(new Violation("policy.curve-not-approved", SecurityMode.FIPS, kind, objectName,
                        "EC key on curve " + c + of(kind, name) + " is not allowed: FIPS mode allows " + String.join(" and ", FIPS_CURVES) + " only"));
            }
            return List.of();
        }
        return List.of(new Violation("policy.key-not-approved", SecurityMode.FIPS, kind, objectName,
                algorithm + " key" + of(kind, name) + " is not allowed: FIPS mode allows RSA (" + FIPS_MIN_RSA_BITS + "+ bits) and EC "
                        + String.join("/", FIPS_CURVES) + " keys only"));
    }

    // ---------------------------------------------------------------- hashes

    public void checkSignatureHash(SignatureHash hash) { checkSignatureHash(hash.name()); }

    /** Refuses SHA-1, MD5 (and any non-SHA-2/SHA-3 hash) in FIPS mode. Accepts "SHA-1", "SHA1", "sha256", "SHA-384"... */
    public void checkSignatureHash(String hash) { throwFirst(hashViolations(canonicalHash(hash), "hash", "")); }

    private List<Violation> hashViolations(String canonicalHash, String kind, String name) {
        if (!modes.fips() || FIPS_HASHES.contains(canonicalHash)) return List.of();
        return List.of(new Violation("policy.hash-not-approved", SecurityMode.FIPS, kind, name.isEmpty() ? canonicalHash : name,
                "signature hash " + canonicalHash + of(kind, name) + " is not allowed: FIPS mode allows SHA-2 hashes only (SHA-256, SHA-384, SHA-512)"));
    }

    static String canonicalHash(String hash) {
        String u = hash.trim().toUpperCase(Locale.ROOT).replace("_", "-");
        if (u.equals("SHA") || u.equals("SHA1") || u.equals("SHA-1")) return "SHA-1";
        if (u.matches("SHA-?(224|256|384|512)")) return "SHA-" + u.replaceAll("\\D", "");
        if (u.matches("SHA3-?(224|256|384|512)")) return "SHA3-" + u.substring(u.length() - 3);
        return u;
    }

    /** The hash of a JCA signature algorithm name ("SHA256withRSA" -> SHA-256); RSASSA-PSS reads the parameters. */
    static String signatureHash(X509Certificate c) {
        String sig = c.getSigAlgName();
        String u = sig.toUpperCase(Locale.ROOT);
        int with = u.indexOf("WITH");
        if (with > 0) return canonicalHash(u.substring(0, with));
        if (u.equals("RSASSA-PSS") && c.getSigAlgParams() != null) {
            try {
                AlgorithmParameters p = AlgorithmParameters.getInstance("RSASSA-PSS");
                p.init(c.getSigAlgParams());
                return canonicalHash(p.getParameterSpec(PSSParameterSpec.class).getDigestAlgorithm());
            } catch (Exception e) {
                return "RSASSA-PSS (unreadable parameters)";
            }
        }
        return sig; // Ed25519 / Ed448: no separate hash; the key check refuses them in FIPS mode
    }

    // ---------------------------------------------------------------- certificates

    /** Refuses a certificate whose key, signature hash or version the active modes forbid; the message names its subject. */
    public void checkCertificate(X509Certificate c) { throwFirst(certificateViolations(c.getSubjectX500Principal().getName(), c)); }

    /** Every reason the certificate breaks the active modes (empty if none). */
    public List<Violation> certificateViolations(String name, X509Certificate c) {
        List<Violation> out = new ArrayList<>();
        out.addAll(keyViolations(c.getPublicKey(), "certificate", name));
        out.addAll(hashViolations(signatureHash(c), "certificate", name).stream()
                .map(v -> new Violation(v.code(), v.mode(), v.objectKind(), v.objectName(),
                        "certificate '" + name + "' is signed with " + c.getSigAlgName() + " (" + signatureHash(c)
                                + "); FIPS mode allows SHA-2 signature hashes only"))
                .toList());
        if (modes.commonCriteria() && c.getVersion() != 3) {
            out.add(new Violation("policy.cert-not-v3", SecurityMode.COMMON_CRITERIA, "certificate", name,
                    "certificate '" + name + "' is X.509 v" + c.getVersion() + "; common criteria mode accepts X.509 v3 certificates only"));
        }
        return out;
    }

    // ---------------------------------------------------------------- cipher suites and protocols

    /** Refuses a cipher suite (JSSE / IANA name) the active modes forbid; the message names the suite and the reason. */
    public void checkCipherSuite(String jsseName) { throwFirst(suiteViolations(jsseName, "cipher-suite", jsseName)); }

    public boolean allowsCipherSuite(String jsseName) { return suiteViolations(jsseName, "cipher-suite", jsseName).isEmpty(); }

    /** The suites of {@code suites} this policy allows, in their order. */
    public List<String> filterCipherSuites(Collection<String> suites) { return suites.stream().filter(this::allowsCipherSuite).toList(); }

    private List<Violation> suiteViolations(String suite, String kind, String name) {
        if (!modes.fips()) return List.of();
        Optional<String> why = FipsCipherRules.whyNotApproved(suite);
        if (why.isEmpty()) return List.of();
        String where = kind.equals("cipher-suite") ? "" : " in " + kind + " '" + name + "'";
        return List.of(new Violation("policy.suite-not-approved", SecurityMode.FIPS, kind, name,
                "cipher suite " + suite + where + " is not allowed in FIPS mode: " + why.get()));
    }

    /**
     * Empty if the active modes allow the suite (IANA / JSSE name, TLS 1.3 or older), else why not. What
     * {@link SuiteSelection} needs as its {@link SuiteSelection.SuitePolicy}: {@code policy::whyNotAllowed}.
     */
    public Optional<String> whyNotAllowed(String suite) {
        return modes.fips() ? FipsCipherRules.whyNotApproved(suite) : Optional.empty();
    }

    /** This policy as a {@link SuiteSelection.SuitePolicy}. */
    public SuiteSelection.SuitePolicy suitePolicy() { return this::whyNotAllowed; }

    /** The TLS 1.3 suites the active modes allow, in {@link Tls13Suite} order (FIPS: AES-GCM only, no ChaCha20, no CCM). */
    public List<Tls13Suite> allowedTls13Suites() {
        return java.util.Arrays.stream(Tls13Suite.values()).filter(s -> whyNotAllowed(s.ianaName()).isEmpty()).toList();
    }

    /**
     * The TLS 1.3 ciphersuites list for this mode, OpenSSL syntax ({@code -ciphersuites}): OpenSSL's default
     * {@link Tls13Ciphersuites#DEFAULT} without what the modes forbid. FIPS:
     * {@code TLS_AES_256_GCM_SHA384:TLS_AES_128_GCM_SHA256}. Empty when TLS 1.3 is not allowed at all.
     */
    public String defaultTls13Ciphersuites() {
        return String.join(":", Tls13Ciphersuites.defaults().ianaNames().stream().filter(s -> whyNotAllowed(s).isEmpty()).toList());
    }

    /**
     * Of {@code suites} (IANA / JSSE names, in order), the ones a connection can negotiate under this policy: allowed by
     * the modes, and of a protocol within {@link #allowedProtocols()} (TLS 1.3 suites only on TLS 1.3, the others only
     * on TLS 1.2 and older; so with a minimum of TLS 1.3 only TLS 1.3 suites remain).
     */
    public List<String> negotiableSuites(Collection<String> suites) {
        boolean tls13 = allowedProtocols().contains(TlsVersion.TLS_1_3.jsseName());
        boolean older = !modes.minTlsVersion().atLeast(TlsVersion.TLS_1_3);
        return suites.stream().filter(s -> CipherSuiteName.parse(s).isTls13() ? tls13 : older).filter(s -> whyNotAllowed(s).isEmpty()).toList();
    }

    /**
     * The protocols a listener enables: {@link #allowedProtocols()} that the JDK also enables ({@code jdkEnabled}, for
     * example {@code SSLContext.getDefault().getDefaultSSLParameters().getProtocols()}); the JDK disables TLS 1.0 and 1.1
     * by default ({@code jdk.tls.disabledAlgorithms}), so with a minimum of 1.0 a status must not show them as enabled.
     */
    public List<String> enabledProtocols(Collection<String> jdkEnabled) {
        return allowedProtocols().stream().filter(jdkEnabled::contains).toList();
    }

    /** What the active settings allow that is weak (they are not refused): a minimum below TLS 1.2 (RFC 8996). */
    public List<PolicyWarning> warnings() {
        if (modes.minTlsVersion().atLeast(TlsVersion.TLS_1_2)) return List.of();
        return List.of(new PolicyWarning(PolicyWarning.TLS_WEAK_MINIMUM, "tls-min-version", modes.minTlsVersion().number(),
                "the minimum TLS version " + modes.minTlsVersion().number() + " allows "
                        + (modes.minTlsVersion() == TlsVersion.TLS_1_1 ? "TLS 1.1" : "TLS 1.0 and 1.1") + ", which RFC 8996 deprecates (weak hashes in the handshake, no AEAD suites); use 1.2 or higher unless a peer cannot"));
    }

    /** JSSE protocol names from the minimum TLS version up to TLS 1.3, oldest first (common criteria: TLS 1.2+). */
    public List<String> allowedProtocols() { return modes.minTlsVersion().andNewer(); }

    public TlsVersion minTlsVersion() { return modes.minTlsVersion(); }

    /** Refuses a JSSE protocol name below the minimum TLS version (and anything that is not TLS 1.0-1.3, such as SSLv3). */
    public void checkProtocol(String jsseName) {
        TlsVersion v = TlsVersion.ofJsse(jsseName);
        if (v == null || !v.atLeast(modes.minTlsVersion())) {
            throw new Violation("policy.tls-below-minimum", minTlsMode(), "protocol", jsseName,
                    "protocol " + jsseName + " is below the minimum TLS version " + modes.minTlsVersion().number()
                            + (modes.commonCriteria() ? " (common criteria mode requires TLS " + SecurityModes.COMMON_CRITERIA_MIN_TLS.number() + "+)" : ""))
                    .toException();
        }
    }

    private SecurityMode minTlsMode() { return modes.commonCriteria() ? SecurityMode.COMMON_CRITERIA : SecurityMode.BASELINE; }

    // ---------------------------------------------------------------- inventory

    /**
     * Everything in the inventory that violates this policy, in inventory order: each certificate (key, hash, version),
     * each suite of each named cipher list, the minimum TLS version, each external database without SSL (common criteria).
     * Empty means the modes can be enabled without breaking anything listed.
     */
    public List<Violation> violations(Inventory inventory) {
        List<Violation> out = new ArrayList<>();
        for (Inventory.NamedCertificate nc : inventory.certificates()) out.addAll(certificateViolations(nc.name(), nc.certificate()));
        for (Inventory.NamedCipherList list : inventory.cipherLists()) {
            for (String suite : list.suites()) out.addAll(suiteViolations(suite, "cipher-list", list.name()));
        }
        if (!inventory.minTlsVersion().atLeast(modes.minTlsVersion())) {
            out.add(new Violation("policy.tls-below-minimum", minTlsMode(), "tls-min-version", inventory.minTlsVersion().number(),
                    "the minimum TLS version is " + inventory.minTlsVersion().number() + "; "
                            + (modes.commonCriteria() ? "common criteria mode requires " : "the policy requires ")
                            + modes.minTlsVersion().number() + " or higher"));
        }
        if (modes.commonCriteria()) {
            for (Inventory.ExternalDatabase db : inventory.externalDatabases()) {
                if (!db.ssl()) {
                    out.add(new Violation("policy.external-db-without-tls", SecurityMode.COMMON_CRITERIA, "external-database", db.name(),
                            "external database '" + db.name() + "' does not use SSL; common criteria mode requires TLS to external "
                                    + "databases (enable SSL on the external database and re-upload its certificate)"));
                }
            }
        }
        return out;
    }

    // ---------------------------------------------------------------- helpers

    /** How a message names the owner of a key or hash: nothing for a bare algorithm/size, else " of KIND 'NAME'". */
    private static String of(String kind, String name) {
        return name == null || name.isEmpty() ? "" : " of " + kind + " '" + name + "'";
    }

    private static void throwFirst(List<Violation> vs) { if (!vs.isEmpty()) throw vs.get(0).toException(); }

    /** "P-256", "P-384", "P-521" for the NIST curves, else "unnamed EC curve (N bits)". */
    static String curveName(ECParameterSpec params) {
        for (String[] c : new String[][]{{"secp256r1", "P-256"}, {"secp384r1", "P-384"}, {"secp521r1", "P-521"}}) {
            try {
                AlgorithmParameters ap = AlgorithmParameters.getInstance("EC");
                ap.init(new ECGenParameterSpec(c[0]));
                ECParameterSpec named = ap.getParameterSpec(ECParameterSpec.class);
                if (named.getOrder().equals(params.getOrder()) && named.getGenerator().equals(params.getGenerator())
                        && named.getCurve().equals(params.getCurve())) return c[1];
            } catch (Exception ignored) { /* curve not available in this JDK */ }
        }
        return "unnamed EC curve (" + params.getCurve().getField().getFieldSize() + " bits)";
    }

    @Override public String toString() { return "SecurityPolicy" + modes; }
}
