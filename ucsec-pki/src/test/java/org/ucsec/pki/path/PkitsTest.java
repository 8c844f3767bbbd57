package org.ucsec.pki.path;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.ucsec.core.UcsecException;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * NIST PKITS (RFC 5280 section 6 conformance): every case of {@code pkits-cases.json} (4.1-4.12, 4.14-4.16, revocation
 * included) and {@code pkits-413-cases.json} (4.13 name constraints) through {@link PathValidator}, with the suite's
 * default policy inputs and its 2010 algorithms allowed ({@link ValidationPolicy#legacyForConformanceTests()}).
 * Cases with {@code require_rev} run with revocation hard-fail, the others soft-fail with the same CRLs.
 */
class PkitsTest {
    static final Instant AT = Instant.parse("2024-01-01T00:00:00Z");
    static final ObjectMapper JSON = new ObjectMapper();
    static final java.util.concurrent.atomic.AtomicInteger PASSED = new java.util.concurrent.atomic.AtomicInteger();

    /** ucsec's code for each of PKITS's reasons (the expected message of the case list, or the 4.13 file names). */
    static List<String> expectedCodes(String pkitsMessage) {
        String m = pkitsMessage;
        if (m.contains("(from file name)")) return List.of("path.name-constraint-violated");
        if (m.contains("CRL issuer was revoked")) return List.of("path.revoked", "path.revocation-unknown");
        if (m.startsWith("CRL indicates")) return List.of("path.revoked");
        if (m.contains("no revocation information") || m.contains("revocation checks failed")) return List.of("path.revocation-unknown");
        if (m.contains("signature of")) return List.of("path.signature-invalid");
        if (m.contains("is not valid until")) return List.of("path.not-yet-valid");
        if (m.contains("expired")) return List.of("path.expired");
        if (m.contains("issuer name could not be matched")) return List.of("path.issuer-missing");
        if (m.contains("is not a CA")) return List.of("path.not-ca");
        if (m.contains("exceeds the maximum path length")) return List.of("path.length-exceeded");
        if (m.contains("not allowed to sign certificates")) return List.of("path.key-cert-sign-missing");
        if (m.contains("no valid set of policies")) return List.of("path.policy-invalid");
        if (m.contains("policy mapping for the \"any policy\"")) return List.of("path.policy-mapping-any");
        if (m.contains("unsupported critical")) return List.of("path.unknown-critical-extension");
        throw new AssertionError("no ucsec code mapped for PKITS reason: " + m);
    }

    @org.junit.jupiter.api.AfterAll
    static void report() {
        System.out.println("PKITS: " + PASSED.get() + " of 212 cases gave the expected result (pkits-cases.json 174, pkits-413-cases.json 38)");
    }

    @TestFactory
    Stream<DynamicTest> pkitsSections4_1to4_16() throws Exception {
        return cases("pkits-cases.json");
    }

    @TestFactory
    Stream<DynamicTest> pkitsSection4_13NameConstraints() throws Exception {
        return cases("pkits-413-cases.json");
    }

    private Stream<DynamicTest> cases(String file) throws Exception {
        JsonNode root = JSON.readTree(resource(file));
        X509Certificate anchor = cert(root.get("anchor").asText());
        List<DynamicTest> tests = new ArrayList<>();
        for (JsonNode t : root.get("testcases")) {
            String id = t.get("id").asText();
            tests.add(DynamicTest.dynamicTest(id, () -> run(anchor, t)));
        }
        return tests.stream();
    }

    static Outcome run(X509Certificate anchor, JsonNode t) throws Exception {
        X509Certificate leaf = cert(t.get("leaf").asText());
        List<X509Certificate> intermediates = new ArrayList<>();
        for (JsonNode n : t.get("intermediates")) intermediates.add(cert(n.asText()));
        List<ParsedCrl> crls = new ArrayList<>();
        for (JsonNode n : t.get("crls")) crls.add(ParsedCrl.parse(resource("crls/" + n.asText()).readAllBytes()));
        boolean requireRev = t.get("require_rev").asBoolean();
        ValidationPolicy policy = ValidationPolicy.legacyForConformanceTests()
                .withRevocation(requireRev ? ValidationPolicy.RevocationMode.HARD_FAIL : ValidationPolicy.RevocationMode.SOFT_FAIL);
        PathValidator v = PathValidator.builder().anchors(List.of(anchor)).policy(policy)
                .revocation(CrlRevocationChecker.of(crls)).build();
        boolean expectSuccess = t.get("expected_result").asText().equals("SUCCESS");
        String id = t.get("id").asText();
        try {
            ValidatedPath p = v.validate(leaf, intermediates, CertPurpose.ANY, AT);
            assertThat(expectSuccess).as(id + " validated (" + p.certificates().size() + " certificates) but PKITS expects a failure: "
                    + t.get("expected_message").asText()).isTrue();
            Integer len = t.get("path_len").isNull() ? null : t.get("path_len").asInt();
            if (len != null) assertThat(p.certificates()).as(id + " path length").hasSize(len);
            PASSED.incrementAndGet();
            return new Outcome(true, null);
        } catch (UcsecException e) {
            assertThat(expectSuccess).as(id + " refused with " + e.code() + ": " + e.getMessage()).isFalse();
            assertThat(e.code()).as(id + ": the refusal's rule matches PKITS's reason '" + t.get("expected_message").asText() + "'; got: " + e.getMessage())
                    .isIn(expectedCodes(t.get("expected_message").asText()));
            PASSED.incrementAndGet();
            return new Outcome(false, e);
        }
    }

    record Outcome(boolean ok, UcsecException error) {}

    /** RFC 5280 6.1.1 (c), (f): the policy inputs reach the algorithm (PKITS 4.8.2 and 4.8.10 with other settings). */
    @org.junit.jupiter.api.Test
    void policyInputs_explicitPolicyAndInitialPolicySet() throws Exception {
        X509Certificate anchor = cert("TrustAnchorRootCertificate.crt");
        ValidationPolicy base = ValidationPolicy.legacyForConformanceTests().withRevocation(ValidationPolicy.RevocationMode.OFF);
        X509Certificate noPolicies = cert("AllCertificatesNoPoliciesTest2EE.crt");
        List<X509Certificate> noPoliciesCa = List.of(cert("NoPoliciesCACert.crt"));
        PathValidator plain = PathValidator.builder().anchors(List.of(anchor)).policy(base).build();
        assertThat(plain.validate(noPolicies, noPoliciesCa, CertPurpose.ANY, AT).policies()).isEmpty();
        PathValidator explicit = PathValidator.builder().anchors(List.of(anchor))
                .policy(base.withPolicyInputs(java.util.Set.of(ValidationPolicy.ANY_POLICY), true, false, false)).build();
        UcsecException e = org.assertj.core.api.Assertions.catchThrowableOfType(UcsecException.class,
                () -> explicit.validate(noPolicies, noPoliciesCa, CertPurpose.ANY, AT));
        assertThat(e.code()).isEqualTo("path.policy-invalid");

        X509Certificate samePolicies = cert("AllCertificatesSamePoliciesTest10EE.crt");
        List<X509Certificate> p12 = List.of(cert("PoliciesP12CACert.crt"));
        String policy1 = "2.16.840.1.101.3.2.1.48.1", policy3 = "2.16.840.1.101.3.2.1.48.3";
        assertThat(PathValidator.builder().anchors(List.of(anchor)).policy(base.withPolicyInputs(java.util.Set.of(policy1), true, false, false)).build()
                .validate(samePolicies, p12, CertPurpose.ANY, AT).policies()).containsExactly(policy1);
        UcsecException e3 = org.assertj.core.api.Assertions.catchThrowableOfType(UcsecException.class,
                () -> PathValidator.builder().anchors(List.of(anchor)).policy(base.withPolicyInputs(java.util.Set.of(policy3), true, false, false)).build()
                        .validate(samePolicies, p12, CertPurpose.ANY, AT));
        assertThat(e3.code()).isEqualTo("path.policy-invalid");
    }

    static X509Certificate cert(String name) throws Exception {
        try (InputStream in = resource("certs/" + name)) {
            return (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
        }
    }

    static InputStream resource(String name) {
        InputStream in = PkitsTest.class.getResourceAsStream("/pkits/" + name);
        if (in == null) throw new IllegalStateException("missing test resource /pkits/" + name);
        return in;
    }
}
