package org.ucsec.oauth;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import org.ucsec.core.Secret;
import org.ucsec.core.SecretAccess;

import java.text.ParseException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The token signing key set: ES256 (P-256) keys named by {@code kid} (the RFC 7638 JWK thumbprint). Exactly one key
 * signs; {@link #rotate()} makes a new key the signing key while older keys keep verifying tokens they signed until
 * {@link #retire(String) retired}. Thread-safe: readers see an immutable snapshot.
 *
 * <p>The private keys leave only through {@link #export()} as {@link StoredKey}s whose material is a {@link Secret}
 * (the private JWK JSON) for the caller to encrypt at rest, and come back through {@link #restore}. Nothing here
 * prints key material: {@code toString} names kids only.
 */
public final class SigningKeys {
    /** At most this many keys (signing + verify-only); retire old ones before rotating further. */
    public static final int MAX_KEYS = 8;

    /** A key as the caller stores it: {@code material} is the private JWK (JSON), to be encrypted by the caller. */
    public record StoredKey(String kid, Instant created, boolean signing, Secret material) {
        public StoredKey { Objects.requireNonNull(kid, "kid"); Objects.requireNonNull(created, "created"); Objects.requireNonNull(material, "material"); }
    }

    /** A key's public description (for {@code show} commands). */
    public record KeyInfo(String kid, Instant created, boolean signing) {}

    private record Entry(ECKey key, Instant created) {}

    private record State(Map<String, Entry> keys, String signingKid) {}

    private final Clock clock;
    private volatile State state;

    private SigningKeys(Clock clock, State state) { this.clock = clock; this.state = state; }

    /** A new key set with one fresh signing key. */
    public static SigningKeys generate(Clock clock) {
        Objects.requireNonNull(clock, "clock");
        Entry e = new Entry(newKey(), clock.instant());
        Map<String, Entry> m = new LinkedHashMap<>();
        m.put(e.key.getKeyID(), e);
        return new SigningKeys(clock, new State(Map.copyOf(m), e.key.getKeyID()));
    }

    /**
     * The key set from stored keys (after the caller decrypted them). Each must be a private P-256 EC JWK whose kid
     * is its thumbprint and matches the stored kid; exactly one must be the signing key.
     */
    public static SigningKeys restore(Clock clock, List<StoredKey> stored) {
        Objects.requireNonNull(clock, "clock");
        if (stored == null || stored.isEmpty()) throw invalid("no signing keys to restore");
        if (stored.size() > MAX_KEYS) throw invalid("more than " + MAX_KEYS + " keys to restore");
        Map<String, Entry> m = new LinkedHashMap<>();
        String signing = null;
        for (StoredKey s : stored) {
            ECKey key;
            try {
                JWK jwk = JWK.parse(s.material().revealString(SecretAccess.granted()));
                if (!(jwk instanceof ECKey ec)) throw invalid("key " + s.kid() + " is not an EC key");
                key = ec;
            } catch (ParseException e) {
                throw invalid("key " + s.kid() + " is not a JWK");
            }
            if (!Curve.P_256.equals(key.getCurve())) throw invalid("key " + s.kid() + " is not on P-256");
            if (!key.isPrivate()) throw invalid("key " + s.kid() + " has no private part");
            String thumb;
            try { thumb = key.computeThumbprint().toString(); } catch (JOSEException e) { throw invalid("key " + s.kid() + " has no thumbprint"); }
            if (!thumb.equals(s.kid()) || !thumb.equals(key.getKeyID())) throw invalid("key " + s.kid() + ": kid is not the key's thumbprint");
            try {
                if (!key.toECPublicKey().getParams().getCurve().equals(Curve.P_256.toECParameterSpec().getCurve())) throw invalid("key " + s.kid() + " is not on P-256");
            } catch (JOSEException e) {
                throw invalid("key " + s.kid() + ": point not on P-256");
            }
            if (m.putIfAbsent(s.kid(), new Entry(key, s.created())) != null) throw invalid("key " + s.kid() + " appears twice");
            if (s.signing()) {
                if (signing != null) throw invalid("more than one signing key");
                signing = s.kid();
            }
        }
        if (signing == null) throw invalid("no key is marked as the signing key");
        return new SigningKeys(clock, new State(Map.copyOf(orderedCopy(m)), signing));
    }

    /** Generates a new key and makes it the signing key; the previous keys still verify. Returns the new kid. */
    public synchronized String rotate() {
        State s = state;
        if (s.keys.size() >= MAX_KEYS) throw new OAuthException("oauth.key-too-many", OAuthException.INVALID_REQUEST, "the key set holds " + MAX_KEYS + " keys: retire one before rotating");
        Entry e = new Entry(newKey(), clock.instant());
        Map<String, Entry> m = orderedCopy(s.keys);
        m.put(e.key.getKeyID(), e);
        state = new State(Map.copyOf(m), e.key.getKeyID());
        return e.key.getKeyID();
    }

    /** Removes a verify-only key: tokens it signed stop verifying. The signing key cannot be retired. */
    public synchronized void retire(String kid) {
        State s = state;
        if (kid == null || !s.keys.containsKey(kid)) throw new OAuthException("oauth.key-unknown", OAuthException.INVALID_REQUEST, "no signing key with kid " + safe(kid));
        if (kid.equals(s.signingKid)) throw new OAuthException("oauth.key-retire-signing", OAuthException.INVALID_REQUEST, "key " + kid + " is the signing key: rotate first");
        Map<String, Entry> m = orderedCopy(s.keys);
        m.remove(kid);
        state = new State(Map.copyOf(m), s.signingKid);
    }

    public String signingKid() { return state.signingKid; }

    /** Every key, oldest first. */
    public List<KeyInfo> keys() {
        State s = state;
        List<KeyInfo> out = new ArrayList<>();
        for (Entry e : sorted(s)) out.add(new KeyInfo(e.key.getKeyID(), e.created, e.key.getKeyID().equals(s.signingKid)));
        return List.copyOf(out);
    }

    /** Every key with its private material, oldest first, for the caller to encrypt and store. */
    public List<StoredKey> export() {
        State s = state;
        List<StoredKey> out = new ArrayList<>();
        for (Entry e : sorted(s))
            out.add(new StoredKey(e.key.getKeyID(), e.created, e.key.getKeyID().equals(s.signingKid), Secret.of(e.key.toJSONString())));
        return List.copyOf(out);
    }

    /** The public keys as a JWK Set document (RFC 7517 5), for a jwks_uri. */
    public String publicJwkSetJson() {
        List<JWK> pub = new ArrayList<>();
        for (Entry e : sorted(state)) pub.add(e.key.toPublicJWK());
        return new JWKSet(pub).toString(true);
    }

    ECKey signingKey() { State s = state; return s.keys.get(s.signingKid).key; }

    Optional<ECKey> verificationKey(String kid) {
        Entry e = kid == null ? null : state.keys.get(kid);
        return e == null ? Optional.empty() : Optional.of(e.key.toPublicJWK());
    }

    @Override public String toString() { return "SigningKeys[signing=" + state.signingKid + ", keys=" + state.keys.size() + "]"; }

    private static List<Entry> sorted(State s) {
        List<Entry> l = new ArrayList<>(s.keys.values());
        l.sort((a, b) -> a.created.equals(b.created) ? a.key.getKeyID().compareTo(b.key.getKeyID()) : a.created.compareTo(b.created));
        return l;
    }

    private static Map<String, Entry> orderedCopy(Map<String, Entry> m) { return new LinkedHashMap<>(m); }

    private static ECKey newKey() {
        try {
            return new ECKeyGenerator(Curve.P_256).keyUse(KeyUse.SIGNATURE).algorithm(com.nimbusds.jose.JWSAlgorithm.ES256)
                    .keyIDFromThumbprint(true).secureRandom(Opaque.RANDOM).generate();
        } catch (JOSEException e) {
            throw new IllegalStateException("P-256 key generation failed", e);
        }
    }

    private static OAuthException invalid(String message) {
        return new OAuthException("oauth.key-invalid", OAuthException.INVALID_REQUEST, message);
    }

    static String safe(String s) {
        if (s == null) return "(none)";
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < s.length() && i < 64; i++) {
            char c = s.charAt(i);
            b.append(c >= 0x20 && c < 0x7f ? c : '?');
        }
        if (s.length() > 64) b.append("...");
        return b.toString();
    }
}
