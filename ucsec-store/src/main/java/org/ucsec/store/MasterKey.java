package org.ucsec.store;

import org.ucsec.core.SecretAccess;

import org.ucsec.core.Secret;

import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Set;

/**
 * The node master key (AES-256) that encrypts private keys and passwords at rest (AES-GCM, 96-bit nonce,
 * the record's identity as associated data so a ciphertext cannot be moved to another row).
 * Kept in a file readable only by its owner (0600), created on first start.
 */
public final class MasterKey {
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final String VERSION = "v1:";
    private final Secret key;

    private MasterKey(Secret key) { this.key = key; }

    public static MasterKey loadOrCreate(Path file) {
        try {
            if (Files.exists(file)) {
                Set<PosixFilePermission> perms = Files.getPosixFilePermissions(file);
                if (perms.stream().anyMatch(p -> p.name().startsWith("GROUP") || p.name().startsWith("OTHERS"))) {
                    throw new IllegalStateException("master key " + file + " is readable by others (" + PosixFilePermissions.toString(perms) + "): fix with chmod 600");
                }
                byte[] raw = Base64.getDecoder().decode(Files.readString(file, StandardCharsets.US_ASCII).trim());
                if (raw.length != 32) throw new IllegalStateException("master key " + file + " is damaged (expected 32 bytes)");
                return new MasterKey(Secret.of(raw));
            }
            byte[] raw = new byte[32];
            RANDOM.nextBytes(raw);
            Files.createDirectories(file.getParent());
            Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
            Files.deleteIfExists(tmp);
            Files.createFile(tmp, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            Files.writeString(tmp, Base64.getEncoder().encodeToString(raw) + "\n", StandardCharsets.US_ASCII, StandardOpenOption.TRUNCATE_EXISTING);
            Files.move(tmp, file, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
            return new MasterKey(Secret.of(raw));
        } catch (IOException e) {
            throw new IllegalStateException("cannot read or create master key " + file, e);
        }
    }

    /** Encrypts a secret for the record named {@code context} (e.g. "identity/imp1/tomcat"). */
    public String seal(Secret plain, String context) {
        try {
            byte[] nonce = new byte[12];
            RANDOM.nextBytes(nonce);
            Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
            c.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(key.reveal(SecretAccess.granted()), "AES"), new GCMParameterSpec(128, nonce));
            c.updateAAD(context.getBytes(StandardCharsets.UTF_8));
            byte[] ct = c.doFinal(plain.reveal(SecretAccess.granted()));
            byte[] out = new byte[nonce.length + ct.length];
            System.arraycopy(nonce, 0, out, 0, nonce.length);
            System.arraycopy(ct, 0, out, nonce.length, ct.length);
            return VERSION + Base64.getEncoder().encodeToString(out);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("encryption failed", e);
        }
    }

    public Secret open(String sealed, String context) {
        if (sealed == null || !sealed.startsWith(VERSION)) throw new IllegalStateException("sealed value for " + context + " has an unknown format");
        try {
            byte[] in = Base64.getDecoder().decode(sealed.substring(VERSION.length()));
            Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
            c.init(Cipher.DECRYPT_MODE, new SecretKeySpec(key.reveal(SecretAccess.granted()), "AES"), new GCMParameterSpec(128, in, 0, 12));
            c.updateAAD(context.getBytes(StandardCharsets.UTF_8));
            return Secret.of(c.doFinal(in, 12, in.length - 12));
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new IllegalStateException("sealed value for " + context + " cannot be decrypted with this node's master key", e);
        }
    }

    @Override public String toString() { return "MasterKey[****]"; }
}
