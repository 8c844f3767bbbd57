package org.ucsec.pki.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs the real {@code openssl} binary (no shell) for tests: verifying ucsec's output and acting as a CA or peer. */
public final class OpenSsl {
    private OpenSsl() {}

    public record Result(int exit, String out, String err) {
        public Result ok() {
            if (exit != 0) throw new AssertionError("openssl failed (" + exit + "): " + err + out);
            return this;
        }
    }

    public static Result run(Path dir, String... args) {
        return runWithInput(dir, null, args);
    }

    public static Result runWithInput(Path dir, String stdin, String... args) {
        List<String> cmd = new ArrayList<>();
        cmd.add("openssl");
        cmd.addAll(List.of(args));
        try {
            ProcessBuilder pb = new ProcessBuilder(cmd).directory(dir.toFile());
            Path out = Files.createTempFile(dir, "ossl", ".out");
            Path err = Files.createTempFile(dir, "ossl", ".err");
            pb.redirectOutput(out.toFile()).redirectError(err.toFile());
            if (stdin == null) pb.redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
            Process p = pb.start();
            if (stdin != null) try (var w = p.getOutputStream()) { w.write(stdin.getBytes(StandardCharsets.UTF_8)); }
            if (!p.waitFor(60, TimeUnit.SECONDS)) { p.destroyForcibly(); throw new AssertionError("openssl timed out: " + cmd); }
            Result r = new Result(p.exitValue(), Files.readString(out), Files.readString(err));
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
            return r;
        } catch (IOException e) {
            throw new AssertionError("cannot run openssl", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** A three-level CA made by the openssl binary: root > intermediate; signs CSRs as leaf certificates. */
    public static final class Ca {
        public final Path dir;
        public final Path rootCert, intCert, rootKey, intKey;

        private Ca(Path dir) {
            this.dir = dir;
            rootCert = dir.resolve("root.pem"); rootKey = dir.resolve("root.key");
            intCert = dir.resolve("int.pem"); intKey = dir.resolve("int.key");
        }

        /** Creates root + intermediate CA with the given key algorithm ("rsa" or "ec"). */
        public static Ca create(Path dir, String name, String alg) throws IOException {
            Files.createDirectories(dir);
            Ca ca = new Ca(dir);
            Files.writeString(dir.resolve("ca.ext"), """
                    [v3_ca]
                    basicConstraints = critical, CA:TRUE
                    keyUsage = critical, keyCertSign, cRLSign
                    subjectKeyIdentifier = hash
                    authorityKeyIdentifier = keyid
                    """);
            String[] keyArgs = alg.equals("ec")
                    ? new String[]{"-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256"}
                    : new String[]{"-newkey", "rsa:2048"};
            List<String> root = new ArrayList<>(List.of("req", "-x509", "-nodes"));
            root.addAll(List.of(keyArgs));
            root.addAll(List.of("-keyout", "root.key", "-out", "root.pem", "-days", "3650", "-subj", "/O=ucsec test/CN=" + name + " Root CA",
                    "-addext", "basicConstraints=critical,CA:TRUE", "-addext", "keyUsage=critical,keyCertSign,cRLSign"));
            run(dir, root.toArray(String[]::new)).ok();
            List<String> intReq = new ArrayList<>(List.of("req", "-nodes"));
            intReq.addAll(List.of(keyArgs));
            intReq.addAll(List.of("-keyout", "int.key", "-out", "int.csr", "-subj", "/O=ucsec test/CN=" + name + " Issuing CA"));
            run(dir, intReq.toArray(String[]::new)).ok();
            run(dir, "x509", "-req", "-in", "int.csr", "-CA", "root.pem", "-CAkey", "root.key", "-CAcreateserial", "-out", "int.pem",
                    "-days", "1825", "-extfile", "ca.ext", "-extensions", "v3_ca").ok();
            return ca;
        }

        /** Signs a CSR (PEM text) as a leaf with the intermediate, copying the CSR's extensions (like a CA that honours requests). */
        public String sign(String csrPem, String fileBase, int days, String extraExtensions) throws IOException {
            Path csr = dir.resolve(fileBase + ".csr");
            Files.writeString(csr, csrPem);
            List<String> args = new ArrayList<>(List.of("x509", "-req", "-in", csr.getFileName().toString(), "-CA", "int.pem", "-CAkey", "int.key",
                    "-CAcreateserial", "-out", fileBase + ".pem", "-days", String.valueOf(days)));
            if (extraExtensions == null) {
                args.addAll(List.of("-copy_extensions", "copyall"));
            } else {
                Files.writeString(dir.resolve(fileBase + ".ext"), "[leaf]\n" + extraExtensions + "\n");
                args.addAll(List.of("-extfile", fileBase + ".ext", "-extensions", "leaf"));
            }
            run(dir, args.toArray(String[]::new)).ok();
            return Files.readString(dir.resolve(fileBase + ".pem"));
        }

        public String rootPem() throws IOException { return Files.readString(rootCert); }
        public String intPem() throws IOException { return Files.readString(intCert); }
    }
}
