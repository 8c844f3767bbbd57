package org.ucsec.pki.path;

import java.security.AlgorithmParameters;
import java.security.PublicKey;
import java.security.interfaces.DSAPublicKey;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.PSSParameterSpec;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import org.ucsec.core.UcsecException;

/** Key size and signature algorithm rules of a {@link ValidationPolicy} (the node's security mode). */
final class AlgorithmRules {
    private AlgorithmRules() {}

    static final Set<String> FIPS_HASHES = Set.of("SHA-224", "SHA-256", "SHA-384", "SHA-512", "SHA3-224", "SHA3-256", "SHA3-384", "SHA3-512");

    /** Refuses a public key of a certificate in the path (anchor included) that the policy does not allow. */
    static void checkKey(ValidationPolicy p, PublicKey key, String role, String certName) {
        String where = " of " + role + " '" + certName + "'";
        if (key instanceof RSAPublicKey rsa) {
            int bits = rsa.getModulus().bitLength();
            if (bits < p.minRsaBits() || (p.fips() && bits < 2048)) {
                throw refusal("path.key-too-small", "RSA " + bits + "-bit key" + where + " is too small: at least "
                        + Math.max(p.minRsaBits(), p.fips() ? 2048 : 0) + " bits are required", certName);
            }
        } else if (key instanceof ECPublicKey ec) {
            String curve = curveName(ec);
            int field = ec.getParams().getCurve().getField().getFieldSize();
            if (p.fips() ? !(curve.equals("P-256") || curve.equals("P-384")) : field < 256) {
                throw refusal("path.key-not-allowed", "EC key on curve " + curve + where + " is not allowed: "
                        + (p.fips() ? "FIPS mode allows P-256 and P-384 only" : "curves of at least 256 bits are required"), certName);
            }
        } else if (key instanceof DSAPublicKey dsa) {
            if (p.minDsaBits() <= 0 || p.fips()) {
                throw refusal("path.key-not-allowed", "DSA key" + where + " is not allowed by the security policy", certName);
            }
            if (dsa.getParams() != null && dsa.getParams().getP().bitLength() < p.minDsaBits()) {
                throw refusal("path.key-too-small", "DSA " + dsa.getParams().getP().bitLength() + "-bit key" + where + " is too small", certName);
            }
        } else {
            String alg = key.getAlgorithm();
            boolean eddsa = alg.equalsIgnoreCase("Ed25519") || alg.equalsIgnoreCase("Ed448") || alg.equalsIgnoreCase("EdDSA");
            if (!eddsa || p.fips()) {
                throw refusal("path.key-not-allowed", alg + " key" + where + " is not allowed" + (p.fips() ? " in FIPS mode" : ""), certName);
            }
        }
    }

    /** Refuses a signature (on a certificate or CRL) whose hash the policy forbids. */
    static void checkSignature(ValidationPolicy p, String sigAlgName, byte[] sigAlgParams, String what, String certName) {
        String hash = hashOf(sigAlgName, sigAlgParams);
        if (p.forbiddenHashes().contains(hash) || (p.fips() && !hash.startsWith("Ed") && !FIPS_HASHES.contains(hash))) {
            throw refusal("path.signature-algorithm-not-allowed", what + " is signed with " + sigAlgName + " (" + hash
                    + "), which the security policy does not allow" + (p.fips() ? " (FIPS mode: SHA-2 only)" : " (MD5 and SHA-1 signatures are refused)"), certName);
        }
    }

    static String hashOf(String sigAlgName, byte[] params) {
        String s = sigAlgName.toUpperCase(Locale.ROOT);
        if (s.equals("RSASSA-PSS") && params != null) {
            try {
                AlgorithmParameters ap = AlgorithmParameters.getInstance("RSASSA-PSS");
                ap.init(params);
                return canonical(ap.getParameterSpec(PSSParameterSpec.class).getDigestAlgorithm());
            } catch (Exception e) {
                return "unknown";
            }
        }
        if (s.startsWith("ED")) return sigAlgName;
        int w = s.indexOf("WITH");
        return canonical(w > 0 ? s.substring(0, w) : s);
    }

    private static final Map<String, String> CANON = Map.ofEntries(Map.entry("SHA1", "SHA-1"), Map.entry("SHA-1", "SHA-1"), Map.entry("SHA", "SHA-1"),
            Map.entry("MD5", "MD5"), Map.entry("MD2", "MD2"), Map.entry("SHA224", "SHA-224"), Map.entry("SHA256", "SHA-256"),
            Map.entry("SHA384", "SHA-384"), Map.entry("SHA512", "SHA-512"), Map.entry("SHA-224", "SHA-224"), Map.entry("SHA-256", "SHA-256"),
            Map.entry("SHA-384", "SHA-384"), Map.entry("SHA-512", "SHA-512"), Map.entry("SHA3-256", "SHA3-256"), Map.entry("SHA3-384", "SHA3-384"),
            Map.entry("SHA3-512", "SHA3-512"), Map.entry("SHA3-224", "SHA3-224"));

    static String canonical(String h) { return CANON.getOrDefault(h.toUpperCase(Locale.ROOT), h.toUpperCase(Locale.ROOT)); }

    static String curveName(ECPublicKey ec) {
        String s = ec.getParams().toString();
        for (String c : new String[]{"P-256", "P-384", "P-521", "P-224", "P-192"}) if (s.contains(c)) return c;
        int f = ec.getParams().getCurve().getField().getFieldSize();
        return "unnamed " + f + "-bit curve";
    }

    private static UcsecException refusal(String code, String message, String certName) {
        return new UcsecException(code, message, Map.of("certificate", certName));
    }
}
