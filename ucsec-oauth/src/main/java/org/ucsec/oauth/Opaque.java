package org.ucsec.oauth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;

/** High-entropy opaque values and their stored form (SHA-256, base64url): the clear value is never kept. */
final class Opaque {
    static final SecureRandom RANDOM = new SecureRandom();
    private static final Base64.Encoder B64URL = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder B64URL_DEC = Base64.getUrlDecoder();

    private Opaque() {}

    static byte[] randomBytes(int n) {
        byte[] b = new byte[n];
        RANDOM.nextBytes(b);
        return b;
    }

    static String b64url(byte[] b) { return B64URL.encodeToString(b); }

    static byte[] sha256(String s) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.US_ASCII));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The stored form of a clear value: base64url(SHA-256(value)). */
    static String hash(String clear) { return b64url(sha256(clear)); }

    /** Constant-time comparison of two stored hashes (base64url text). */
    static boolean sameHash(String a, String b) {
        if (a == null || b == null) return false;
        byte[] x, y;
        try { x = B64URL_DEC.decode(a); y = B64URL_DEC.decode(b); } catch (IllegalArgumentException e) { return false; }
        return MessageDigest.isEqual(x, y);
    }

    static boolean isBase64Url(String s, int minLen, int maxLen) {
        if (s == null || s.length() < minLen || s.length() > maxLen) return false;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            boolean ok = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_';
            if (!ok) return false;
        }
        return true;
    }

    /** Device ids (CUCM device names like SEP001122334455, CSFjdoe): 1-128 visible ASCII characters, no spaces. */
    static String checkDevice(String deviceId) {
        if (deviceId == null || deviceId.isEmpty() || deviceId.length() > 128)
            throw new OAuthException("oauth.device-invalid", OAuthException.INVALID_REQUEST, "device id must have 1 to 128 characters");
        for (int i = 0; i < deviceId.length(); i++) {
            char c = deviceId.charAt(i);
            if (c <= 0x20 || c >= 0x7f)
                throw new OAuthException("oauth.device-invalid", OAuthException.INVALID_REQUEST, "device id has a character outside visible ASCII at position " + i);
        }
        return deviceId;
    }

    /** A certificate thumbprint as in RFC 8705 3.1 (x5t#S256): base64url SHA-256, 43 characters. */
    static java.util.Optional<String> checkThumbprint(java.util.Optional<String> t) {
        if (t == null) return java.util.Optional.empty();
        t.ifPresent(v -> {
            if (!isBase64Url(v, 43, 43))
                throw new OAuthException("oauth.thumbprint-invalid", OAuthException.INVALID_REQUEST, "certificate thumbprint is not a base64url SHA-256 value (43 characters)");
        });
        return t;
    }
}
