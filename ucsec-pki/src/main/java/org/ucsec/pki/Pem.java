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
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads and writes PEM. Reading is strict and names what is wrong: garbage, a private key or CSR where a
 * certificate is expected, a damaged base64 block. A single DER certificate is accepted too.
 */
public final class Pem {
    private static final Pattern BLOCK = Pattern.compile("-----BEGIN ([A-Z0-9 ]+)-----(.*?)-----END ([A-Z0-9 ]+)-----", Pattern.DOTALL);

    private Pem() {}

    /** Parses one or more certificates from PEM text (any number of blocks) or from one DER certificate. */
    public static List<X509Certificate> certificates(byte[] input) {
        if (input == null || input.length == 0) throw new UcsecException("pem.empty", "the upload is empty: expected a PEM or DER certificate");
        if ((input[0] & 0xff) == 0x30) return List.of(der(input, "DER input"));
        String text = new String(input, StandardCharsets.ISO_8859_1);
        Matcher m = BLOCK.matcher(text);
        List<X509Certificate> out = new ArrayList<>();
        int index = 0;
        while (m.find()) {
            index++;
            String type = m.group(1).trim();
            if (!type.equals(m.group(3).trim())) throw new UcsecException("pem.malformed", "PEM block " + index + ": BEGIN " + type + " is closed by END " + m.group(3).trim());
            if (type.contains("PRIVATE KEY")) throw new UcsecException("pem.private-key", "PEM block " + index + " is a private key (" + type + "), not a certificate; private keys are never uploaded: ucsec generates them");
            if (type.contains("CERTIFICATE REQUEST")) throw new UcsecException("pem.csr", "PEM block " + index + " is a certificate signing request, not a certificate: have it signed by the CA and upload the result");
            if (!type.equals("CERTIFICATE") && !type.equals("TRUSTED CERTIFICATE") && !type.equals("X509 CERTIFICATE")) throw new UcsecException("pem.unexpected-type", "PEM block " + index + " is '" + type + "', not a CERTIFICATE");
            byte[] der;
            try {
                der = Base64.getMimeDecoder().decode(m.group(2).replaceAll("\\s", ""));
            } catch (IllegalArgumentException e) {
                throw new UcsecException("pem.malformed", "PEM block " + index + " has damaged base64: " + e.getMessage());
            }
            out.add(der(der, "PEM block " + index));
        }
        if (out.isEmpty()) {
            throw new UcsecException("pem.garbage", "no certificate found: the input is neither PEM (-----BEGIN CERTIFICATE-----) nor a DER certificate");
        }
        return out;
    }

    private static X509Certificate der(byte[] der, String where) {
        try {
            CertificateFactory cf = CertificateFactory.getInstance("X.509");
            var c = cf.generateCertificate(new ByteArrayInputStream(der));
            if (!(c instanceof X509Certificate x)) throw new UcsecException("pem.malformed", where + " is not an X.509 certificate");
            return x;
        } catch (CertificateException | RuntimeException e) {
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

    public static PKCS10CertificationRequest csr(String pem) {
        Matcher m = BLOCK.matcher(pem);
        if (!m.find() || !m.group(1).contains("CERTIFICATE REQUEST")) throw new UcsecException("pem.not-csr", "not a PEM certificate request");
        try {
            return new PKCS10CertificationRequest(Base64.getMimeDecoder().decode(m.group(2).replaceAll("\\s", "")));
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
