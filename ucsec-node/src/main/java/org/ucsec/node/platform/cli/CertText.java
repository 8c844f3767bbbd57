package org.ucsec.node.platform.cli;

import org.ucsec.pki.CertInfo;

import java.io.PrintWriter;
import java.util.List;

/** How the CLI shows a certificate (shared by the certificate, trust and import-tool commands). */
public final class CertText {
    private CertText() {}

    public static void describe(PrintWriter out, CertInfo cert) {
        out.println("  subject:     " + cert.subject());
        out.println("  issuer:      " + cert.issuer());
        out.println("  serial:      " + cert.serial());
        out.println("  valid:       " + cert.notBefore() + " .. " + cert.notAfter());
        out.println("  key:         " + cert.keyType() + " " + cert.keySize() + " (" + cert.signatureAlgorithm() + ")");
        out.println("  SANs:        " + join(cert.subjectAltNames()));
        out.println("  key usage:   " + join(cert.keyUsage()));
        out.println("  ext. usage:  " + join(cert.extendedKeyUsage()));
        out.println("  SHA-256:     " + cert.sha256Fingerprint());
        out.println("  self-signed: " + (cert.selfSigned() ? "yes" : "no (CA-signed)"));
    }

    public static String join(List<String> l) { return l == null || l.isEmpty() ? "-" : String.join(", ", l); }
}
