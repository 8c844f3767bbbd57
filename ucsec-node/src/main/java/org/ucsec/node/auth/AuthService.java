package org.ucsec.node.auth;

import org.ucsec.node.platform.Actor;
import org.ucsec.node.platform.NodeContext;

import org.ucsec.node.audit.AuditRepo;
import org.ucsec.node.auth.TokenRepo;

import org.ucsec.core.SecretAccess;

import org.ucsec.core.Secret;
import org.ucsec.core.UcsecException;
import org.ucsec.node.auth.TokenRepo.TokenRow;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;

/**
 * API tokens (X5). Only a SHA-256 of each token is stored. The local administrator's token is written to
 * {@code DATA/admin.token}, readable only by its owner: that is how the local CLI authenticates.
 */
public final class AuthService {
    private static final SecureRandom RANDOM = new SecureRandom();
    private final NodeContext ctx;

    public AuthService(NodeContext ctx) { this.ctx = ctx; }

    /** Creates (or re-creates after loss) the local admin token file. */
    public Path ensureLocalAdminToken() {
        Path file = ctx.config().dataDir().resolve("admin.token");
        try {
            if (Files.exists(file)) {
                Secret existing = Secret.of(Files.readString(file, StandardCharsets.US_ASCII).trim());
                if (ctx.store().read(h -> TokenRepo.token(h, hash(existing))).isPresent()) return file;
            }
            Secret token = issue("local-admin", Actor.Role.ADMIN, true);
            Path tmp = file.resolveSibling("admin.token.tmp");
            Files.deleteIfExists(tmp);
            Files.createFile(tmp, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            Files.writeString(tmp, token.revealString(SecretAccess.granted()) + "\n", StandardCharsets.US_ASCII);
            Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            return file;
        } catch (IOException e) {
            throw new IllegalStateException("cannot write " + file, e);
        }
    }

    /** Issues a new token (replacing any token of the same name). The clear token is returned once and never stored. */
    public Secret issue(String name, Actor.Role role, boolean canDelete) {
        byte[] raw = new byte[32];
        RANDOM.nextBytes(raw);
        Secret token = Secret.of("ucs_" + Base64.getUrlEncoder().withoutPadding().encodeToString(raw));
        ctx.store().tx(h -> {
            TokenRepo.deleteTokensNamed(h, name);
            TokenRepo.insertToken(h, new TokenRow(hash(token), name, role.name(), canDelete, ctx.now()));
            AuditRepo.audit(h, ctx.now(), "system", "token.issue", name, role.name() + (canDelete ? " +delete" : ""));
            return null;
        });
        return token;
    }

    public Actor authenticate(String authorizationHeader) {
        if (authorizationHeader == null || !authorizationHeader.regionMatches(true, 0, "Bearer ", 0, 7))
            throw new UcsecException("auth.required", "authentication required: send Authorization: Bearer <token> (the local token is in DATA/admin.token)");
        Secret token = Secret.of(authorizationHeader.substring(7).trim());
        return ctx.store().read(h -> TokenRepo.token(h, hash(token)))
                .map(t -> new Actor(t.name(), Actor.Role.valueOf(t.role()), t.canDelete()))
                .orElseThrow(() -> new UcsecException("auth.invalid-token", "the bearer token is not valid on this node"));
    }

    static String hash(Secret token) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(token.reveal(SecretAccess.granted())));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
