package org.ucsec.tls.transport;

import io.netty.handler.ssl.OpenSslPrivateKeyMethod;

import javax.net.ssl.SSLEngine;
import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.security.PrivateKey;
import java.security.SignatureException;
import java.security.interfaces.RSAPrivateCrtKey;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

/**
 * RSA signatures for the BoringSSL engine made by the system's libcrypto 3 (decision 0012): on CPUs with AVX-512 IFMA,
 * OpenSSL 3's RSA-2048 private-key operation costs about 0.24 ms and BoringSSL's (netty-tcnative 2.0.84) about 0.57 ms,
 * which is most of a full RSA handshake's server CPU. ucsec's own JNI library ({@code src/main/native/ucsec_rsasign.c})
 * does the signature; BoringSSL calls it through Netty's {@link OpenSslPrivateKeyMethod} with the raw message to sign
 * and the TLS SignatureScheme (RSASSA-PKCS1-v1_5 or RSASSA-PSS with MGF1 of the same hash and a salt of the hash's
 * length, RFC 8446 4.2.3).
 *
 * <p>The key goes to native memory once per reload ({@link #key}), is freed when its listener config is replaced and
 * no handshake that began under it is still running, and never appears in a log or a message. When the library or
 * libcrypto cannot load, or {@value #PROPERTY}{@code =false}, BoringSSL signs as before (logged once).
 */
final class LibcryptoRsa {
    private static final System.Logger LOG = System.getLogger(LibcryptoRsa.class.getName());

    /** {@code -Ducsec.tls.libcrypto-rsa=false}: BoringSSL signs RSA itself (read at every listener reload). */
    static final String PROPERTY = "ucsec.tls.libcrypto-rsa";
    static final String RESOURCE = "/org/ucsec/tls/transport/native/linux-x86_64/libucsec_rsasign.so";

    /** Whether the library loaded, and libcrypto's version or why not. */
    record Status(boolean loaded, String detail) {}

    private static volatile Status status;
    private static final Object LOCK = new Object();

    private LibcryptoRsa() {}

    /** Loads the library once (the first listener with an RSA key asks); logs the outcome once. */
    static Status status() {
        Status s = status;
        if (s != null) return s;
        synchronized (LOCK) {
            if (status == null) {
                status = load(RESOURCE);
                if (status.loaded()) LOG.log(System.Logger.Level.INFO, "RSA signatures of the BoringSSL engine are made by libcrypto ({0})", status.detail());
                else LOG.log(System.Logger.Level.WARNING, "RSA signatures stay on BoringSSL (an RSA-2048 signature there costs about twice what libcrypto 3 takes on CPUs with AVX-512 IFMA): {0}", status.detail());
            }
            return status;
        }
    }

    /** Whether the listener being prepared should use it: not disabled by {@value #PROPERTY}, and loaded. */
    static boolean enabled() {
        return !"false".equalsIgnoreCase(System.getProperty(PROPERTY, "true").trim()) && status().loaded();
    }

    /** Loads the library found at {@code resource} on the class path (extracted to a private temporary file if in a jar). */
    static Status load(String resource) {
        String os = System.getProperty("os.name", "") + "-" + System.getProperty("os.arch", "");
        if (!os.equals("Linux-amd64") && !os.equals("Linux-x86_64")) return new Status(false, "no ucsec_rsasign library for " + os);
        URL url = LibcryptoRsa.class.getResource(resource);
        if (url == null) return new Status(false, "the ucsec_rsasign library is not on the class path (" + resource + "; built by ucsec-tls/src/main/native/build.sh)");
        try {
            Path file, extracted = null;
            if (url.getProtocol().equals("file")) {
                file = Path.of(url.toURI());
            } else {
                Path dir = Files.createTempDirectory("ucsec-rsasign", PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
                file = dir.resolve("libucsec_rsasign.so");
                dir.toFile().deleteOnExit(); // deleted in reverse order: the file, then its directory
                file.toFile().deleteOnExit();
                try (InputStream in = url.openStream()) { Files.copy(in, file, StandardCopyOption.REPLACE_EXISTING); }
                extracted = dir;
            }
            System.load(file.toAbsolutePath().toString());
            if (extracted != null) { // mapped now: nothing is left behind even if the JVM is killed
                Files.deleteIfExists(file);
                Files.deleteIfExists(extracted);
            }
            return new Status(true, version());
        } catch (UnsatisfiedLinkError | IOException | URISyntaxException | SecurityException e) {
            return new Status(false, "the ucsec_rsasign library cannot load (" + e.getMessage() + "); is libcrypto.so.3 (Debian: libssl3) installed?");
        }
    }

    /**
     * The key in native memory, for a context's {@link OpenSslPrivateKeyMethod}. The DER copy made here is zeroed
     * before return; the caller closes the key (once) when its config is replaced.
     *
     * @throws InvalidKeyException when {@code key} is not an RSA (rsaEncryption) key libcrypto accepts, or the signer
     *                             is not loaded
     */
    static Key key(PrivateKey key) throws InvalidKeyException {
        Status s = status();
        if (!s.loaded()) throw new InvalidKeyException("the libcrypto RSA signer is not loaded: " + s.detail());
        if (!(key instanceof RSAPrivateCrtKey)) throw new InvalidKeyException("not an RSA private key with CRT parameters");
        byte[] der = key.getEncoded();
        if (der == null) throw new InvalidKeyException("the RSA private key has no PKCS#8 encoding");
        try {
            return new Key(load(der));
        } finally {
            Arrays.fill(der, (byte) 0);
        }
    }

    /**
     * One RSA key in native memory. {@link #close} frees it once no signature is running; a signature asked for after
     * that fails (the handshake fails, nothing is read from freed memory).
     */
    static final class Key implements OpenSslPrivateKeyMethod, AutoCloseable {
        private final long handle;
        private final AtomicInteger users = new AtomicInteger(1); // 1 = the owner; 0 = freed
        private final LongAdder signatures = new LongAdder();
        private final AtomicBoolean closed = new AtomicBoolean();

        private Key(long handle) { this.handle = handle; }

        /** Signs {@code message} (hashed here) with the TLS SignatureScheme {@code scheme}. */
        byte[] sign(int scheme, byte[] message) throws GeneralSecurityException {
            int n;
            do {
                n = users.get();
                if (n == 0) throw new SignatureException("the RSA key of a replaced listener config was freed");
            } while (!users.compareAndSet(n, n + 1));
            try {
                byte[] sig = LibcryptoRsa.sign(handle, scheme, message);
                signatures.increment();
                return sig;
            } finally {
                release();
            }
        }

        @Override public byte[] sign(SSLEngine engine, int signatureAlgorithm, byte[] input) throws Exception {
            return sign(signatureAlgorithm, input);
        }

        /** RSA key exchange is not offered with this signer (see TlsTransport): nothing to decrypt. */
        @Override public byte[] decrypt(SSLEngine engine, byte[] input) throws Exception {
            throw new NoSuchAlgorithmException("RSA key exchange is not offered by a listener whose RSA key libcrypto holds");
        }

        /** Signatures made so far. */
        long signatures() { return signatures.sum(); }

        /** Whether the native key was freed. */
        boolean freed() { return users.get() == 0; }

        private void release() {
            if (users.decrementAndGet() == 0) LibcryptoRsa.free(handle);
        }

        /** Gives up the owner's reference: the key is freed now, or when the signature in progress ends. Idempotent. */
        @Override public void close() {
            if (closed.compareAndSet(false, true)) release();
        }

        @Override public String toString() { return "LibcryptoRsa.Key[" + (freed() ? "freed" : "held") + ", " + signatures() + " signatures]"; }
    }

    private static native String version();
    private static native long load(byte[] pkcs8) throws InvalidKeyException;
    private static native byte[] sign(long key, int scheme, byte[] message) throws GeneralSecurityException;
    private static native void free(long key);
}
