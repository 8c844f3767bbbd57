package org.ucsec.node.sipoauth;

import org.jdbi.v3.core.Handle;
import org.ucsec.node.platform.NodeContext;
import org.ucsec.oauth.ActivationCodeRepository;
import org.ucsec.oauth.DeviceRevocations;
import org.ucsec.oauth.RefreshTokenRepository;
import org.ucsec.oauth.SigningKeys;
import org.ucsec.oauth.StoredActivationCode;
import org.ucsec.oauth.StoredRefreshToken;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The token service's state in the store (O10), so that every node of the cluster sees one truth and a restart loses
 * nothing: activation codes and refresh tokens as hashes only, refresh families with their revocation, device
 * revocations, and the ES256 signing keys sealed with the node master key (context {@code sipoauth/signing-key/KID}).
 * Each call is its own transaction; the one-time rules ({@code markUsed}) are conditional updates.
 */
final class TokenStore {
    private TokenStore() {}

    static Instant instant(ResultSet rs, String col) throws SQLException {
        Object o = rs.getObject(col);
        if (o == null) return null;
        if (o instanceof OffsetDateTime t) return t.toInstant();
        if (o instanceof Timestamp t) return t.toInstant();
        return rs.getObject(col, OffsetDateTime.class).toInstant();
    }

    static OffsetDateTime at(Instant i) { return i == null ? null : OffsetDateTime.ofInstant(i, java.time.ZoneOffset.UTC); }

    // ------------------------------------------------------------------ activation codes
    static final class ActivationCodes implements ActivationCodeRepository {
        private final NodeContext ctx;

        ActivationCodes(NodeContext ctx) { this.ctx = ctx; }

        private static StoredActivationCode map(ResultSet rs) throws SQLException {
            return new StoredActivationCode(rs.getString("code_hash"), rs.getString("device"), instant(rs, "created_at"), instant(rs, "expires_at"),
                    Optional.ofNullable(instant(rs, "used_at")));
        }

        @Override public void replaceForDevice(StoredActivationCode c) {
            ctx.store().tx(h -> {
                h.createUpdate("DELETE FROM sipoauth_activation_code WHERE device = :d").bind("d", c.deviceId()).execute();
                h.createUpdate("INSERT INTO sipoauth_activation_code(code_hash, device, created_at, expires_at, used_at) VALUES (:h, :d, :c, :e, NULL)")
                        .bind("h", c.hash()).bind("d", c.deviceId()).bind("c", at(c.createdAt())).bind("e", at(c.expiresAt())).execute();
                return null;
            });
        }

        @Override public Optional<StoredActivationCode> findByHash(String hash) {
            return ctx.store().read(h -> h.createQuery("SELECT * FROM sipoauth_activation_code WHERE code_hash = :h").bind("h", hash).map((rs, x) -> map(rs)).findOne());
        }

        @Override public boolean markUsed(String hash, Instant when) {
            return ctx.store().tx(h -> h.createUpdate("UPDATE sipoauth_activation_code SET used_at = :u WHERE code_hash = :h AND used_at IS NULL")
                    .bind("u", at(when)).bind("h", hash).execute() == 1);
        }

        @Override public int deleteForDevice(String deviceId) {
            return ctx.store().tx(h -> h.createUpdate("DELETE FROM sipoauth_activation_code WHERE device = :d").bind("d", deviceId).execute());
        }

        @Override public int deleteExpired(Instant now) {
            return ctx.store().tx(h -> h.createUpdate("DELETE FROM sipoauth_activation_code WHERE expires_at < :n").bind("n", at(now)).execute());
        }

        @Override public List<StoredActivationCode> list() {
            return ctx.store().read(h -> h.createQuery("SELECT * FROM sipoauth_activation_code ORDER BY device").map((rs, x) -> map(rs)).list());
        }
    }

    // ------------------------------------------------------------------ refresh tokens
    static final class RefreshTokens implements RefreshTokenRepository {
        private final NodeContext ctx;

        RefreshTokens(NodeContext ctx) { this.ctx = ctx; }

        private static StoredRefreshToken map(ResultSet rs) throws SQLException {
            return new StoredRefreshToken(rs.getString("token_hash"), rs.getString("family"), rs.getString("device"), instant(rs, "family_created_at"),
                    instant(rs, "issued_at"), instant(rs, "expires_at"), Optional.ofNullable(instant(rs, "used_at")), Optional.ofNullable(rs.getString("cert_thumbprint")));
        }

        @Override public void save(StoredRefreshToken t) {
            ctx.store().tx(h -> {
                boolean family = h.createQuery("SELECT COUNT(*) FROM sipoauth_refresh_family WHERE family = :f").bind("f", t.familyId()).mapTo(Integer.class).one() > 0;
                if (!family) h.createUpdate("INSERT INTO sipoauth_refresh_family(family, device, created_at, revoked_at) VALUES (:f, :d, :c, NULL)")
                        .bind("f", t.familyId()).bind("d", t.deviceId()).bind("c", at(t.familyCreatedAt())).execute();
                h.createUpdate("INSERT INTO sipoauth_refresh_token(token_hash, family, device, family_created_at, issued_at, expires_at, used_at, cert_thumbprint) "
                                + "VALUES (:h, :f, :d, :fc, :i, :e, NULL, :t)")
                        .bind("h", t.hash()).bind("f", t.familyId()).bind("d", t.deviceId()).bind("fc", at(t.familyCreatedAt())).bind("i", at(t.issuedAt()))
                        .bind("e", at(t.expiresAt())).bind("t", t.certThumbprint().orElse(null)).execute();
                return null;
            });
        }

        @Override public Optional<StoredRefreshToken> findByHash(String hash) {
            return ctx.store().read(h -> h.createQuery("SELECT * FROM sipoauth_refresh_token WHERE token_hash = :h").bind("h", hash).map((rs, x) -> map(rs)).findOne());
        }

        @Override public boolean markUsed(String hash, Instant when) {
            return ctx.store().tx(h -> h.createUpdate("UPDATE sipoauth_refresh_token SET used_at = :u WHERE token_hash = :h AND used_at IS NULL")
                    .bind("u", at(when)).bind("h", hash).execute() == 1);
        }

        @Override public void revokeFamily(String familyId, Instant when) {
            ctx.store().tx(h -> h.createUpdate("UPDATE sipoauth_refresh_family SET revoked_at = :r WHERE family = :f AND revoked_at IS NULL")
                    .bind("r", at(when)).bind("f", familyId).execute());
        }

        @Override public boolean isFamilyRevoked(String familyId) {
            return ctx.store().read(h -> h.createQuery("SELECT COUNT(*) FROM sipoauth_refresh_family WHERE family = :f AND revoked_at IS NOT NULL")
                    .bind("f", familyId).mapTo(Integer.class).one() > 0);
        }

        @Override public int revokeDevice(String deviceId, Instant when) {
            return ctx.store().tx(h -> h.createUpdate("UPDATE sipoauth_refresh_family SET revoked_at = :r WHERE device = :d AND revoked_at IS NULL")
                    .bind("r", at(when)).bind("d", deviceId).execute());
        }

        @Override public int deleteExpired(Instant now) {
            return ctx.store().tx(h -> h.createUpdate("DELETE FROM sipoauth_refresh_token WHERE expires_at < :n").bind("n", at(now)).execute());
        }

        @Override public List<StoredRefreshToken> live() {
            return ctx.store().read(h -> h.createQuery("SELECT t.* FROM sipoauth_refresh_token t JOIN sipoauth_refresh_family f ON f.family = t.family "
                    + "WHERE t.used_at IS NULL AND f.revoked_at IS NULL ORDER BY t.device, t.issued_at").map((rs, x) -> map(rs)).list());
        }
    }

    // ------------------------------------------------------------------ device revocations
    static final class Revocations implements DeviceRevocations {
        private final NodeContext ctx;

        Revocations(NodeContext ctx) { this.ctx = ctx; }

        @Override public void revoke(String deviceId, Instant issuedBefore) {
            ctx.store().tx(h -> {
                Optional<Instant> before = find(h, deviceId);
                if (before.isPresent() && !issuedBefore.isAfter(before.get())) return null;
                h.createUpdate("DELETE FROM sipoauth_device_revocation WHERE device = :d").bind("d", deviceId).execute();
                h.createUpdate("INSERT INTO sipoauth_device_revocation(device, revoked_at) VALUES (:d, :r)").bind("d", deviceId).bind("r", at(issuedBefore)).execute();
                return null;
            });
        }

        @Override public Optional<Instant> revokedBefore(String deviceId) { return ctx.store().read(h -> find(h, deviceId)); }

        private static Optional<Instant> find(Handle h, String deviceId) {
            return h.createQuery("SELECT revoked_at FROM sipoauth_device_revocation WHERE device = :d").bind("d", deviceId).map((rs, x) -> instant(rs, "revoked_at")).findOne();
        }
    }

    // ------------------------------------------------------------------ signing keys
    /** The signing keys of the cluster: restored from the store (decrypted with the master key), or generated and stored at first start. */
    static SigningKeys loadOrCreate(NodeContext ctx) {
        return ctx.store().tx(h -> {
            List<SigningKeys.StoredKey> stored = new ArrayList<>();
            for (var r : h.createQuery("SELECT kid, created_at, signing, key_enc FROM sipoauth_signing_key ORDER BY created_at, kid")
                    .map((rs, x) -> new Object[]{rs.getString("kid"), instant(rs, "created_at"), rs.getBoolean("signing"), rs.getString("key_enc")}).list()) {
                String kid = (String) r[0];
                stored.add(new SigningKeys.StoredKey(kid, (Instant) r[1], (Boolean) r[2], ctx.masterKey().open((String) r[3], context(kid))));
            }
            if (!stored.isEmpty()) return SigningKeys.restore(ctx.clock(), stored);
            SigningKeys keys = SigningKeys.generate(ctx.clock());
            save(h, ctx, keys);
            return keys;
        });
    }

    /** Replaces the stored key set with {@code keys} (after a rotation or retirement), sealed with the master key. */
    static void save(Handle h, NodeContext ctx, SigningKeys keys) {
        h.createUpdate("DELETE FROM sipoauth_signing_key").execute();
        for (SigningKeys.StoredKey k : keys.export())
            h.createUpdate("INSERT INTO sipoauth_signing_key(kid, created_at, signing, key_enc) VALUES (:k, :c, :s, :e)")
                    .bind("k", k.kid()).bind("c", at(k.created())).bind("s", k.signing()).bind("e", ctx.masterKey().seal(k.material(), context(k.kid()))).execute();
    }

    private static String context(String kid) { return "sipoauth/signing-key/" + kid; }
}
