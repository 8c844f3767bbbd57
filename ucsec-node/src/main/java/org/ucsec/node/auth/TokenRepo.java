package org.ucsec.node.auth;

import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.mapper.reflect.ConstructorMapper;

import java.time.Instant;
import java.util.Optional;

/** API tokens (table {@code api_token}): only the SHA-256 of a token is stored. */
public final class TokenRepo {
    private TokenRepo() {}

    public record TokenRow(String tokenHash, String name, String role, boolean canDelete, Instant createdAt) {
        @Override public String toString() { return "TokenRow[" + name + ", " + role + ", hash=****]"; }
    }

    public static Optional<TokenRow> token(Handle h, String hash) {
        h.registerRowMapper(ConstructorMapper.factory(TokenRow.class));
        return h.createQuery("SELECT * FROM api_token WHERE token_hash = :h").bind("h", hash).mapTo(TokenRow.class).findOne();
    }

    public static void insertToken(Handle h, TokenRow t) {
        h.createUpdate("INSERT INTO api_token(token_hash, name, role, can_delete, created_at) VALUES (:tokenHash, :name, :role, :canDelete, :createdAt)")
                .bindMethods(t).execute();
    }

    public static void deleteTokensNamed(Handle h, String name) {
        h.createUpdate("DELETE FROM api_token WHERE name = :n").bind("n", name).execute();
    }
}
