package org.ucsec.tls.cipher;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/** Runs the real {@code openssl} binary (no shell) — the reference the cipher engine is compared with. */
final class OpenSslBinary {
    private OpenSslBinary() {}

    /** The outcome of {@code openssl ciphers}. */
    record Listing(int exitCode, List<String> names, List<String> verboseLines, String stderr) {
        boolean rejected() {
            return exitCode != 0;
        }
    }

    static String executable() {
        return System.getProperty("ucsec.openssl", "openssl");
    }

    static String version() {
        Result r = run(List.of(executable(), "version"));
        return r.exitCode == 0 ? r.stdout.trim() : "";
    }

    /** {@code openssl ciphers [-provider legacy -provider default] -V -stdname -v -ciphersuites "" -- SPEC}. */
    static Listing ciphers(String spec, OpenSslCatalog catalog) {
        List<String> cmd = new ArrayList<>(List.of(executable(), "ciphers"));
        if (catalog == OpenSslCatalog.WITH_LEGACY_PROVIDER) {
            cmd.addAll(List.of("-provider", "legacy", "-provider", "default"));
        }
        cmd.addAll(List.of("-V", "-stdname", "-v", "-ciphersuites", "", "--", spec));
        Result r = run(cmd);
        List<String> lines = r.stdout.lines().filter(s -> !s.isBlank()).toList();
        List<String> names = new ArrayList<>();
        for (String line : lines) {
            // "          0xC0,0x2C - TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384 - ECDHE-ECDSA-AES256-GCM-SHA384 TLSv1.2 ..."
            String[] f = line.trim().split("\\s+");
            names.add(f[4]);
        }
        return new Listing(r.exitCode, names, lines, r.stderr);
    }

    private record Result(int exitCode, String stdout, String stderr) {}

    private static Result run(List<String> cmd) {
        try {
            Process p = new ProcessBuilder(cmd).start();
            p.getOutputStream().close();
            CompletableFuture<String> out = read(p.getInputStream());
            CompletableFuture<String> err = read(p.getErrorStream());
            if (!p.waitFor(30, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IllegalStateException("timeout: " + cmd);
            }
            return new Result(p.exitValue(), out.join(), err.join());
        } catch (IOException e) {
            return new Result(-1, "", String.valueOf(e));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static CompletableFuture<String> read(InputStream in) {
        return CompletableFuture.supplyAsync(() -> {
            try (in) {
                return new String(in.readAllBytes(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                return "";
            }
        });
    }

    static boolean isReferenceVersion(String version) {
        return Arrays.stream(new String[] {"OpenSSL 3.0.", "OpenSSL 1.1.1"}).anyMatch(version::startsWith);
    }
}
