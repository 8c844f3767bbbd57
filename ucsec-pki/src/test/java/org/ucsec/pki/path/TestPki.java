package org.ucsec.pki.path;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import org.ucsec.pki.testing.OpenSsl;

/**
 * Test certificates and CRLs made by the real {@code openssl} binary in a directory, and {@code openssl verify
 * -x509_strict} as the second opinion.
 */
final class TestPki {
    final Path dir;
    private final AtomicInteger serial = new AtomicInteger(4096);

    TestPki(Path dir) { this.dir = dir; }

    /** One certificate: its file names in {@link #dir}. */
    record Issued(String name, Path cert, Path key) {
        X509Certificate x509() { return load(cert); }
    }

    static final String CA_EXT = "basicConstraints=critical,CA:TRUE\nkeyUsage=critical,keyCertSign,cRLSign\nsubjectKeyIdentifier=hash\n";
    static final String SERVER_EXT = "basicConstraints=critical,CA:FALSE\nkeyUsage=critical,digitalSignature,keyEncipherment\n"
            + "extendedKeyUsage=serverAuth,clientAuth\nsubjectAltName=DNS:uc.example.com\n";

    Path key(String name, String spec) {
        Path k = dir.resolve(name + ".key");
        if (spec.startsWith("rsa:")) OpenSsl.run(dir, "genpkey", "-algorithm", "RSA", "-pkeyopt", "rsa_keygen_bits:" + spec.substring(4), "-out", k.getFileName().toString()).ok();
        else OpenSsl.run(dir, "genpkey", "-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:" + spec.substring(3), "-out", k.getFileName().toString()).ok();
        return k;
    }

    /** A self-signed certificate (a root) with the given v3 extensions (one per line). */
    Issued root(String name, String subject, String keySpec, String extensions, String digest) throws IOException {
        return issue(name, subject, keySpec, extensions, digest, null, 3650);
    }

    /** A certificate issued by {@code issuer} (null: self-signed). */
    Issued issue(String name, String subject, String keySpec, String extensions, String digest, Issued issuer, int days) throws IOException {
        Path key = key(name, keySpec);
        Files.writeString(dir.resolve(name + ".ext"), "[v3]\n" + (issuer == null ? "" : "authorityKeyIdentifier=keyid\n") + extensions + "\n");
        OpenSsl.run(dir, "req", "-new", "-key", key.getFileName().toString(), "-subj", subject, "-out", name + ".csr").ok();
        List<String> args = new ArrayList<>(List.of("x509", "-req", "-in", name + ".csr", "-out", name + ".pem", "-days", String.valueOf(days),
                "-set_serial", String.valueOf(serial.incrementAndGet()), "-extfile", name + ".ext", "-extensions", "v3", "-" + digest));
        if (issuer == null) args.addAll(List.of("-signkey", key.getFileName().toString()));
        else args.addAll(List.of("-CA", issuer.cert.getFileName().toString(), "-CAkey", issuer.key.getFileName().toString()));
        OpenSsl.run(dir, args.toArray(String[]::new)).ok();
        return new Issued(name, dir.resolve(name + ".pem"), key);
    }

    /** A CRL signed by {@code ca} with openssl's own CA database, listing {@code revoked}; valid for {@code hours}. */
    Path crl(Issued ca, int hours, Issued... revoked) throws IOException {
        String n = ca.name();
        Path cnf = dir.resolve(n + "-ca.cnf");
        if (!Files.exists(cnf)) {
            Files.writeString(dir.resolve(n + ".index"), "");
            Files.writeString(dir.resolve(n + ".crlnum"), "01\n");
            Files.writeString(cnf, "[ca]\ndefault_ca=d\n[d]\ndatabase=" + dir.resolve(n + ".index") + "\ncrlnumber=" + dir.resolve(n + ".crlnum")
                    + "\ndefault_md=sha256\n[crlext]\nauthorityKeyIdentifier=keyid\n");
        }
        for (Issued r : revoked) {
            OpenSsl.run(dir, "ca", "-config", cnf.toString(), "-keyfile", ca.key().toString(), "-cert", ca.cert().toString(),
                    "-revoke", r.cert().toString(), "-crl_reason", "keyCompromise").ok();
        }
        Path out = dir.resolve(n + "-" + serial.incrementAndGet() + ".crl.pem");
        OpenSsl.run(dir, "ca", "-config", cnf.toString(), "-keyfile", ca.key().toString(), "-cert", ca.cert().toString(), "-gencrl",
                "-crlhours", String.valueOf(hours), "-crlexts", "crlext", "-out", out.toString()).ok();
        return out;
    }

    /** {@code openssl verify -x509_strict} with the anchors, untrusted intermediates and extra options. */
    OpenSsl.Result verify(Issued leaf, List<Issued> anchors, List<Issued> untrusted, String... options) throws IOException {
        Path caFile = dir.resolve("anchors-" + serial.incrementAndGet() + ".pem");
        StringBuilder sb = new StringBuilder();
        for (Issued a : anchors) sb.append(Files.readString(a.cert()));
        Files.writeString(caFile, sb.toString());
        List<String> args = new ArrayList<>(List.of("verify", "-x509_strict", "-CAfile", caFile.toString()));
        if (!untrusted.isEmpty()) {
            Path u = dir.resolve("untrusted-" + serial.incrementAndGet() + ".pem");
            StringBuilder us = new StringBuilder();
            for (Issued i : untrusted) us.append(Files.readString(i.cert()));
            Files.writeString(u, us.toString());
            args.addAll(List.of("-untrusted", u.toString()));
        }
        args.addAll(List.of(options));
        args.add(leaf.cert().toString());
        return OpenSsl.run(dir, args.toArray(String[]::new));
    }

    static X509Certificate load(Path p) {
        try (InputStream in = Files.newInputStream(p)) {
            return (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
        } catch (Exception e) {
            throw new AssertionError("cannot read " + p, e);
        }
    }

    static ParsedCrl loadCrl(Path p) {
        try { return ParsedCrl.parse(Files.readAllBytes(p)); } catch (IOException e) { throw new AssertionError(e); }
    }
}
