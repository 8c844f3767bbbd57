package org.ucsec.core;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The registry of error codes (issue 6, item 3): every code the code base uses is registered, and documented. */
class ErrorCodesTest {
    /** The project root (surefire runs in the module directory). */
    static final Path ROOT = Path.of("").toAbsolutePath().getParent();

    /**
     * String literals of the form {@code "family.name"} in main sources that are NOT error codes: audit action names,
     * setting keys and file names. Everything else with a registered family prefix must be a registered code.
     */
    static final Set<String> NOT_CODES = Set.of(
            "cert.regen", "cert.import-own", "cert.cleanup-hold-minutes", "csr.generate", "trust.import", "trust.delete",
            "trust.import-tool", "service.restart", "settings.xmpp", "token.issue", "cli.json", "listener.pem",
            "security.fips", "security.enhanced", "security.common-criteria", "security.min-tls", "security.mode",
            "security.exchange-authentication", "xmpp.client-secure-mode", "xmpp.web-client-secure-mode",
            "xmpp.router-to-router-secure-mode", "xmpp.federation-wildcard", "xmpp.hosted-domains",
            "provisioning.syslog", "settings.provisioning-syslog");

    static final Pattern LITERAL = Pattern.compile("\"([a-z][a-z0-9]*(?:-[a-z0-9]+)*)\\.([a-z0-9]+(?:-[a-z0-9]+)*)\"");

    @Test
    void everyCodeLiteralInTheSources_isRegistered() throws IOException {
        Set<String> families = new TreeSet<>();
        ErrorCodes.all().keySet().forEach(c -> { if (c.contains(".")) families.add(c.substring(0, c.indexOf('.'))); });
        List<String> unregistered = new ArrayList<>();
        int seen = 0;
        try (Stream<Path> files = Files.walk(ROOT)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".java") && p.toString().contains("/src/main/java/")
                    && !p.toString().contains("/target/")).toList()) {
                Matcher m = LITERAL.matcher(Files.readString(f));
                while (m.find()) {
                    String code = m.group(1) + "." + m.group(2);
                    if (!families.contains(m.group(1)) || NOT_CODES.contains(code)) continue;
                    seen++;
                    if (!ErrorCodes.isRegistered(code)) unregistered.add(code + " in " + ROOT.relativize(f));
                }
            }
        }
        assertThat(seen).as("the scan finds the code literals").isGreaterThan(100);
        assertThat(unregistered).as("codes used in the sources but missing from errors.tsv").isEmpty();
    }

    @Test
    void anUnregisteredCode_failsLoudlyInTests() {
        assertThat(Boolean.getBoolean("ucsec.errors.strict")).as("surefire runs with ucsec.errors.strict=true").isTrue();
        assertThatThrownBy(() -> new UcsecException("no.such-code", "x")).isInstanceOf(AssertionError.class).hasMessageContaining("no.such-code");
    }

    @Test
    void kindComesFromTheRegistry() {
        assertThat(new UcsecException("chain.issuer-missing", "x").kind().httpStatus()).isEqualTo(400);
        assertThat(new UcsecException("trust.not-found", "x").kind().httpStatus()).isEqualTo(404);
        assertThat(new UcsecException("trust.delete-hold", "x").kind().httpStatus()).isEqualTo(409);
        assertThat(new UcsecException("upload.too-large", "x").kind().httpStatus()).isEqualTo(413);
        assertThat(new UcsecException("internal", "x").kind().httpStatus()).isEqualTo(500);
    }

    @Test
    void docsErrorsMd_listsEveryCodeWithItsMeaning() throws IOException {
        Path doc = ROOT.resolve("docs/errors.md");
        String expected = render();
        if (Boolean.getBoolean("ucsec.write-docs")) Files.writeString(doc, expected);
        assertThat(doc).as("regenerate with: mvn -pl ucsec-core test -Ducsec.write-docs=true").exists();
        assertThat(Files.readString(doc)).isEqualTo(expected);
    }

    static String render() {
        StringBuilder sb = new StringBuilder("# Error codes\n\n")
                .append("Every refusal carries one of these codes (REST: `code` in the `application/problem+json` body; CLI: on stderr,\n")
                .append("exit 1). The kind decides the HTTP status. Source: `ucsec-core/src/main/resources/org/ucsec/core/errors.tsv`\n")
                .append("(this page is generated from it; `ErrorCodesTest` keeps the two in step).\n\n")
                .append("| code | HTTP | meaning |\n|---|---|---|\n");
        ErrorCodes.all().values().forEach(e -> sb.append("| `").append(e.code()).append("` | ").append(e.kind().httpStatus())
                .append(' ').append(e.kind().name()).append(" | ").append(e.meaning().replace("|", "\\|")).append(" |\n"));
        return sb.toString();
    }
}
