package org.ucsec.tls.policy;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * The FIPS-approved cipher suite rule, as data, in this one place (SPEC S5). A suite is approved when it is a TLS 1.3
 * suite listed in {@link #TLS13_SUITES}, or a TLS 1.2-style suite whose key exchange is in {@link #KEY_EXCHANGES},
 * whose cipher is in {@link #CIPHERS} and whose MAC/PRF hash is in {@link #MAC_HASHES}. Everything else is refused;
 * {@link #NAMED_REFUSALS} gives the reason for the well-known families so the message says why.
 *
 * <p>Deliberate choices: HMAC-SHA-1 suites ({@code ..._CBC_SHA}) are refused (SHA-2 MACs only), although FIPS 140
 * would still allow them; with them go all suites usable in TLS 1.0/1.1, so a FIPS policy negotiates TLS 1.2+ in practice.
 * Static ECDH, DHE_DSS, PSK, SRP, Kerberos and AES-CCM are not approved here. Signalling values are not ciphers
 * and always pass.
 */
public final class FipsCipherRules {
    private FipsCipherRules() {}

    /** TLS 1.2-style key exchanges: ephemeral (EC)DH signed by RSA or ECDSA, and RSA key transport. */
    public static final Set<String> KEY_EXCHANGES = Set.of("ECDHE_ECDSA", "ECDHE_RSA", "DHE_RSA", "RSA");

    /** Bulk ciphers: AES in GCM or CBC mode, 128 or 256 bit. */
    public static final Set<String> CIPHERS = Set.of("AES_128_GCM", "AES_256_GCM", "AES_128_CBC", "AES_256_CBC");

    /** MAC (CBC suites) or PRF hash (GCM suites): SHA-2 only. */
    public static final Set<String> MAC_HASHES = Set.of("SHA256", "SHA384");

    /** TLS 1.3 suites: AES-GCM only (no ChaCha20-Poly1305, no CCM). */
    public static final Set<String> TLS13_SUITES = Set.of("TLS_AES_128_GCM_SHA256", "TLS_AES_256_GCM_SHA384");

    /** A name token that makes a suite unapproved, and why. Matched against the '_'-separated tokens of the name. */
    public record Refusal(String token, String reason) {}

    public static final List<Refusal> NAMED_REFUSALS = List.of(
            new Refusal("NULL", "NULL cipher or MAC: no protection"),
            new Refusal("anon", "anonymous key exchange: the server is not authenticated"),
            new Refusal("EXPORT", "export-grade suite: deliberately weakened"),
            new Refusal("EXPORT1024", "export-grade suite: deliberately weakened"),
            new Refusal("CHACHA20", "ChaCha20-Poly1305 is not a FIPS 140 approved cipher"),
            new Refusal("3DES", "3DES (Triple-DES) is no longer approved for TLS"),
            new Refusal("DES", "DES is not approved"),
            new Refusal("DES40", "DES is not approved"),
            new Refusal("RC4", "RC4 is not approved"),
            new Refusal("RC2", "RC2 is not approved"),
            new Refusal("CAMELLIA", "Camellia is not a FIPS 140 approved cipher"),
            new Refusal("ARIA", "ARIA is not a FIPS 140 approved cipher"),
            new Refusal("SEED", "SEED is not a FIPS 140 approved cipher"),
            new Refusal("IDEA", "IDEA is not a FIPS 140 approved cipher"),
            new Refusal("MD5", "MD5 MAC is not approved"),
            new Refusal("KRB5", "Kerberos key exchange is not approved"),
            new Refusal("PSK", "pre-shared-key key exchange is not approved here"),
            new Refusal("SRP", "SRP key exchange is not approved"));

    /** Empty if approved; otherwise the reason it is not. */
    public static Optional<String> whyNotApproved(String jsseName) {
        CipherSuiteName s = CipherSuiteName.parse(jsseName);
        if (s.signalling()) return Optional.empty();
        String[] tokens = s.name().split("_");
        for (Refusal r : NAMED_REFUSALS) {
            for (String t : tokens) if (t.equalsIgnoreCase(r.token())) return Optional.of(r.reason());
        }
        if (s.isTls13()) {
            return TLS13_SUITES.contains(s.name().toUpperCase(Locale.ROOT)) ? Optional.empty()
                    : Optional.of("TLS 1.3 suite is not in the approved list " + sorted(TLS13_SUITES));
        }
        if (!KEY_EXCHANGES.contains(s.keyExchange().toUpperCase(Locale.ROOT))) {
            return Optional.of("key exchange " + s.keyExchange() + " is not approved (approved: " + sorted(KEY_EXCHANGES) + ")");
        }
        if (!CIPHERS.contains(s.cipher().toUpperCase(Locale.ROOT))) {
            return Optional.of("cipher " + s.cipher() + " is not approved (approved: " + sorted(CIPHERS) + ")");
        }
        if (!MAC_HASHES.contains(s.mac().toUpperCase(Locale.ROOT))) {
            String mac = s.mac().isEmpty() ? "(none)" : s.mac().equalsIgnoreCase("SHA") ? "SHA (HMAC-SHA-1)" : s.mac();
            return Optional.of("MAC " + mac + " is not approved: SHA-2 MACs only (" + sorted(MAC_HASHES) + ")");
        }
        return Optional.empty();
    }

    private static List<String> sorted(Set<String> s) { return s.stream().sorted().toList(); }
}
