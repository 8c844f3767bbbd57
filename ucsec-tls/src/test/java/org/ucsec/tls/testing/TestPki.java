package org.ucsec.tls.testing;

import org.ucsec.pki.Pem;
import org.ucsec.core.Secret;
import org.ucsec.pki.testing.OpenSsl;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Keys and certificates made by the real openssl binary: a root > intermediate CA ({@link OpenSsl.Ca}) and leaves. */
public final class TestPki {
    public final OpenSsl.Ca ca;
    public final Path dir;

    private TestPki(OpenSsl.Ca ca) {
        this.ca = ca;
        this.dir = ca.dir;
    }

    /** A CA whose root and intermediate have "rsa" or "ec" keys. */
    public static TestPki create(Path dir, String name, String alg) throws IOException {
        return new TestPki(OpenSsl.Ca.create(dir, name, alg));
    }

    /** A leaf: key file, certificate file (leaf only), chain file (leaf + intermediate), and the Java objects. */
    public record Leaf(String cn, Path key, Path cert, Path chainFile, PrivateKey privateKey, List<X509Certificate> chain) {
        public X509Certificate certificate() { return chain.get(0); }
    }

    public Leaf serverLeaf(String base, String cn, String alg) throws IOException {
        return leaf(base, cn, alg, "basicConstraints=CA:FALSE\nkeyUsage=critical,digitalSignature,keyEncipherment\nextendedKeyUsage=serverAuth\nsubjectAltName=DNS:" + cn + ",IP:127.0.0.1");
    }

    public Leaf clientLeaf(String base, String cn, String alg) throws IOException {
        return leaf(base, cn, alg, "basicConstraints=CA:FALSE\nkeyUsage=critical,digitalSignature\nextendedKeyUsage=clientAuth");
    }

    /** A leaf with exactly the given extension lines, signed by the intermediate. {@code alg}: "rsa" (2048), "rsa:BITS" or "ec" (P-256). */
    public Leaf leaf(String base, String cn, String alg, String extensions) throws IOException {
        List<String> req = new ArrayList<>(List.of("req", "-new", "-nodes"));
        req.addAll(alg.equals("ec") ? List.of("-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256")
                : List.of("-newkey", alg.startsWith("rsa:") ? alg : "rsa:2048"));
        req.addAll(List.of("-keyout", base + ".key", "-out", base + ".csr", "-subj", "/O=ucsec test/CN=" + cn));
        OpenSsl.run(dir, req.toArray(String[]::new)).ok();
        String pem = ca.sign(Files.readString(dir.resolve(base + ".csr")), base, 30, extensions);
        Path chainFile = dir.resolve(base + "-chain.pem");
        Files.writeString(chainFile, pem + ca.intPem());
        List<X509Certificate> chain = Pem.certificates(Files.readAllBytes(chainFile));
        Path key = dir.resolve(base + ".key");
        return new Leaf(cn, key, dir.resolve(base + ".pem"), chainFile, privateKey(key, alg.equals("ec") ? "EC" : "RSA"), chain);
    }

    public X509Certificate root() throws IOException { return Pem.certificates(ca.rootPem().getBytes()).get(0); }

    public X509Certificate intermediate() throws IOException { return Pem.certificates(ca.intPem().getBytes()).get(0); }

    private static final Pattern PKCS8 = Pattern.compile("-----BEGIN PRIVATE KEY-----(.*?)-----END PRIVATE KEY-----", Pattern.DOTALL);

    public static PrivateKey privateKey(Path pkcs8Pem, String algorithm) throws IOException {
        Matcher m = PKCS8.matcher(Files.readString(pkcs8Pem));
        if (!m.find()) throw new IllegalStateException(pkcs8Pem + " is not a PKCS#8 PEM key");
        return Pem.privateKey(Secret.of(Base64.getMimeDecoder().decode(m.group(1).replaceAll("\\s", ""))), algorithm);
    }
}
