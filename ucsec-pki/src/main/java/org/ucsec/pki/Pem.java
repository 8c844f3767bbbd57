package org.ucsec.pki;

import org.ucsec.core.UcsecException;
import org.ucsec.core.Secret;
import org.ucsec.core.SecretAccess;

import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * Reads and writes PEM. Reading is strict and names what is wrong: garbage, a private key or CSR where a
 * certificate is expected, a damaged base64 block. A single DER certificate is accepted too.
 *
 * <p>Reading is one linear pass over the input with bounded memory (issue 8): the input is at most
 * {@link #MAX_INPUT_BYTES}, at most {@link #MAX_BLOCKS} blocks are read, each certificate is at most
 * {@link #MAX_CERTIFICATE_BYTES} of DER. The block grammar is RFC 7468 section 2 (pre-encapsulation boundary
 * {@code -----BEGIN label-----}, base64 text, post-encapsulation boundary {@code -----END label-----}); a BEGIN
 * line that no END line follows is ignored, as before, so an upload of nothing but BEGIN lines is {@code pem.garbage}.
 * Refusals name the block number and the line of its BEGIN boundary.
 */
public final class Pem {
    /**
     * Largest PEM/DER input read, in bytes. Four times the node's 256 KiB upload limit, so the library never refuses
     * what the API lets through, while a single read stays bounded (the copy of the input is the only buffer).
     */
    public static final int MAX_INPUT_BYTES = 1024 * 1024;
    /**
     * Most PEM blocks read from one input. A public CA bundle (Mozilla's has about 150 roots) fits several times over;
     * a chain for one identity has at most a handful (RFC 8446 section 4.4.2 sends the chain in one handshake message).
     */
    public static final int MAX_BLOCKS = 500;
    /**
     * Largest DER certificate read. Real certificates are 1-4 KiB; the JDK refuses TLS handshake messages over 32 KiB
     * ({@code jdk.tls.maxHandshakeMessageSize}), so a certificate over 64 KiB can never be used by a TLS peer.
     */
    public static final int MAX_CERTIFICATE_BYTES = 64 * 1024;

    private static final byte[] BEGIN = "-----BEGIN ".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] END = "-----END ".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] DASHES = "-----".getBytes(StandardCharsets.US_ASCII);

    private Pem() {}

    /**
     * One PEM block as found by {@link #blocks}: its 1-based number, the line of its BEGIN boundary, the labels of both
     * boundaries and the base64 text in between (not yet decoded; offsets into the input).
     */
    record Block(int index, int line, String type, String endType, int bodyStart, int bodyEnd) {
        String where() { return "PEM block " + index + " (line " + line + ")"; }
    }

    /** Parses one or more certificates from PEM text (any number of blocks up to {@link #MAX_BLOCKS}) or from one DER certificate. */
    public static List<X509Certificate> certificates(byte[] input) {
        if (input == null || input.length == 0) throw new UcsecException("pem.empty", "the upload is empty: expected a PEM or DER certificate");
        checkSize(input.length);
        if ((input[0] & 0xff) == 0x30) return List.of(der(input, 0, input.length, "DER input"));
        List<X509Certificate> out = new ArrayList<>();
        blocks(input, Integer.MAX_VALUE, b -> {
            String type = b.type();
            if (!type.equals(b.endType())) throw new UcsecException("pem.malformed", b.where() + ": BEGIN " + type + " is closed by END " + b.endType());
            if (type.contains("PRIVATE KEY")) throw new UcsecException("pem.private-key", b.where() + " is a private key (" + type + "), not a certificate; private keys are never uploaded: ucsec generates them");
            if (type.contains("CERTIFICATE REQUEST")) throw new UcsecException("pem.csr", b.where() + " is a certificate signing request, not a certificate: have it signed by the CA and upload the result");
            if (!type.equals("CERTIFICATE") && !type.equals("TRUSTED CERTIFICATE") && !type.equals("X509 CERTIFICATE")) throw new UcsecException("pem.unexpected-type", b.where() + " is '" + type + "', not a CERTIFICATE");
            byte[] der = decodeBody(input, b);
            out.add(der(der, 0, der.length, b.where()));
        });
        if (out.isEmpty()) {
            throw new UcsecException("pem.garbage", "no certificate found: the input is neither PEM (-----BEGIN CERTIFICATE-----) nor a DER certificate");
        }
        return out;
    }

    private static void checkSize(int length) {
        if (length > MAX_INPUT_BYTES) {
            throw new UcsecException("pem.too-large", "the PEM/DER input is " + length + " bytes, more than the "
                    + (MAX_INPUT_BYTES / 1024) + " KiB limit; nothing was read");
        }
    }

    /**
     * The complete blocks of {@code in}, in order, in one pass: each BEGIN boundary is closed by the first END boundary
     * after it (whatever its label: a mismatch is for the caller to refuse); BEGIN boundaries inside a block are part of
     * its text. Stops at the first BEGIN that no END follows, or after {@code limit} blocks. Each block goes to
     * {@code sink} as soon as it is found, so a refusal there names the first bad block whatever follows it.
     * Refuses block {@value #MAX_BLOCKS}+1 with {@code pem.too-many-blocks}.
     */
    static void blocks(byte[] in, int limit, java.util.function.Consumer<Block> sink) {
        int pos = 0, line = 1, lineCountedTo = 0, count = 0;
        while (count < limit) {
            int[] begin = boundary(in, pos, BEGIN);
            if (begin == null) return;
            int[] end = boundary(in, begin[2], END);
            if (end == null) return; // no END after this BEGIN: no END after any later BEGIN either
            for (int i = lineCountedTo; i < begin[0]; i++) if (in[i] == '\n') line++;
            lineCountedTo = begin[0];
            if (count == MAX_BLOCKS) {
                throw new UcsecException("pem.too-many-blocks", "PEM block " + (MAX_BLOCKS + 1) + " (line " + line
                        + "): more than " + MAX_BLOCKS + " PEM blocks in one input; upload at most " + MAX_BLOCKS + " certificates at a time");
            }
            count++;
            sink.accept(new Block(count, line, label(in, begin, BEGIN), label(in, end, END), begin[2], end[0]));
            pos = end[2];
        }
    }

    /**
     * The next boundary {@code marker LABEL-----} at or after {@code from}, LABEL being one or more of {@code [A-Z0-9 ]}:
     * {start, labelEnd, end}, or null. Linear: a failed candidate is skipped past its label, which contains no '-'.
     */
    private static int[] boundary(byte[] in, int from, byte[] marker) {
        int i = from;
        while (true) {
            int at = indexOf(in, marker, i);
            if (at < 0) return null;
            int j = at + marker.length;
            while (j < in.length && labelChar(in[j])) j++;
            if (j > at + marker.length && startsWith(in, j, DASHES)) {
                // the label is trimmed later; as in the regex it had before, at least one label character is required
                return new int[]{at, j, j + DASHES.length};
            }
            i = Math.max(j, at + 1);
        }
    }

    private static String label(byte[] in, int[] boundary, byte[] marker) {
        int markerLength = marker.length;
        return new String(in, boundary[0] + markerLength, boundary[1] - boundary[0] - markerLength, StandardCharsets.ISO_8859_1).trim();
    }

    private static boolean labelChar(byte b) { return (b >= 'A' && b <= 'Z') || (b >= '0' && b <= '9') || b == ' '; }

    private static boolean startsWith(byte[] in, int at, byte[] s) {
        if (at + s.length > in.length) return false;
        for (int k = 0; k < s.length; k++) if (in[at + k] != s[k]) return false;
        return true;
    }

    /** Naive search is linear here: every marker starts with '-', and a mismatch restarts one byte further (markers are 9-11 bytes). */
    private static int indexOf(byte[] in, byte[] s, int from) {
        outer:
        for (int i = from; i <= in.length - s.length; i++) {
            if (in[i] != s[0]) continue;
            for (int k = 1; k < s.length; k++) if (in[i + k] != s[k]) continue outer;
            return i;
        }
        return -1;
    }

    /** The block's base64 text decoded (RFC 7468 section 3: whitespace between the characters is ignored). */
    private static byte[] decodeBody(byte[] in, Block b) {
        int n = b.bodyEnd() - b.bodyStart();
        // base64 of a DER certificate of at most MAX_CERTIFICATE_BYTES, plus line breaks; longer text cannot decode to one
        if (n > MAX_CERTIFICATE_BYTES * 2) {
            throw new UcsecException("pem.certificate-too-large", b.where() + " is " + n
                    + " characters of base64, more than a certificate of at most " + (MAX_CERTIFICATE_BYTES / 1024) + " KiB can take");
        }
        byte[] compact = new byte[n];
        int len = 0;
        for (int i = b.bodyStart(); i < b.bodyEnd(); i++) {
            byte c = in[i];
            if (c != ' ' && c != '\t' && c != '\n' && c != '\r' && c != 0x0b && c != '\f') compact[len++] = c;
        }
        try {
            return Base64.getMimeDecoder().decode(java.util.Arrays.copyOf(compact, len));
        } catch (IllegalArgumentException e) {
            throw new UcsecException("pem.malformed", b.where() + " has damaged base64: " + e.getMessage());
        }
    }

    private static X509Certificate der(byte[] der, int off, int len, String where) {
        if (len > MAX_CERTIFICATE_BYTES) {
            throw new UcsecException("pem.certificate-too-large", where + " is a " + len
                    + "-byte certificate, more than the " + (MAX_CERTIFICATE_BYTES / 1024) + " KiB limit");
        }
        try {
            CertificateFactory cf = CertificateFactory.getInstance("X.509");
            var c = cf.generateCertificate(new ByteArrayInputStream(der, off, len));
            if (!(c instanceof X509Certificate x)) throw new UcsecException("pem.malformed", where + " is not an X.509 certificate");
            return x;
        } catch (CertificateException | RuntimeException | StackOverflowError e) {
            if (e instanceof UcsecException u) throw u;
            throw new UcsecException("pem.malformed", where + " is not a valid X.509 certificate (" + rootMessage(e) + ")");
        }
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null) t = t.getCause();
        return t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
    }

    public static String toPem(X509Certificate c) { return write(c); }

    public static String toPem(List<X509Certificate> chain) {
        StringBuilder sb = new StringBuilder();
        for (X509Certificate c : chain) sb.append(write(c));
        return sb.toString();
    }

    public static String toPem(PKCS10CertificationRequest csr) { return write(csr); }

    /** PKCS#8 PEM of a private key. Only for the encrypted store and TLS key managers: never logged. */
    public static Secret privateKeyPem(PrivateKey key) {
        String b64 = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(key.getEncoded());
        return Secret.of("-----BEGIN PRIVATE KEY-----\n" + b64 + "\n-----END PRIVATE KEY-----\n");
    }

    /** Decodes a PKCS#8 PEM private key written by {@link #privateKeyPem}. */
    public static PrivateKey privateKey(Secret pkcs8Pem) {
        String b64 = pkcs8Pem.revealString(SecretAccess.granted()).replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
        byte[] der = Base64.getDecoder().decode(b64);
        for (String alg : new String[]{"RSA", "EC"}) {
            try { return KeyFactory.getInstance(alg).generatePrivate(new PKCS8EncodedKeySpec(der)); } catch (Exception ignored) { /* next */ }
        }
        throw new IllegalStateException("stored private key cannot be decoded");
    }

    /** The first block of {@code pem}, which must be a certificate request ({@code pem.not-csr} otherwise). Linear, bounded like {@link #certificates}. */
    public static PKCS10CertificationRequest csr(String pem) {
        byte[] in = pem.getBytes(StandardCharsets.ISO_8859_1);
        checkSize(in.length);
        List<Block> blocks = new ArrayList<>(1);
        blocks(in, 1, blocks::add);
        if (blocks.isEmpty() || !blocks.get(0).type().contains("CERTIFICATE REQUEST")) throw new UcsecException("pem.not-csr", "not a PEM certificate request");
        try {
            return new PKCS10CertificationRequest(decodeBody(in, blocks.get(0)));
        } catch (IOException | IllegalArgumentException e) {
            throw new UcsecException("pem.malformed", "damaged certificate request: " + e.getMessage());
        }
    }

    /** Decodes a PKCS#8 private key (DER bytes) of the given algorithm. */
    public static PrivateKey privateKey(Secret pkcs8Der, String algorithm) {
        try {
            return KeyFactory.getInstance(algorithm).generatePrivate(new PKCS8EncodedKeySpec(pkcs8Der.reveal(SecretAccess.granted())));
        } catch (Exception e) {
            throw new IllegalStateException("stored private key cannot be decoded", e);
        }
    }

    private static String write(Object o) {
        StringWriter sw = new StringWriter();
        try (JcaPEMWriter w = new JcaPEMWriter(sw)) {
            w.writeObject(o);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return sw.toString();
    }
}
