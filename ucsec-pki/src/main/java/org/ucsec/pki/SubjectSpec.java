package org.ucsec.pki;

import org.ucsec.core.UcsecException;

import org.bouncycastle.asn1.DERPrintableString;
import org.bouncycastle.asn1.DERUTF8String;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;

/** Subject of a CSR / self-signed cert: CN plus the optional O, OU, L, ST, C fields (SPEC C4). Validated when built. */
public record SubjectSpec(String cn, String o, String ou, String l, String st, String c) {
    public SubjectSpec {
        cn = require("CN", cn);
        o = optional("O", o); ou = optional("OU", ou); l = optional("L", l); st = optional("ST", st); c = optional("C", c);
        if (c != null && !c.matches("[A-Za-z]{2}")) throw new UcsecException("subject.invalid", "subject field C must be a two-letter country code, got '" + c + "'");
        if (c != null) c = c.toUpperCase();
    }

    /**
     * Longest subject field, in characters: RFC 5280 appendix A.1 ub-common-name, ub-organization-name and
     * ub-organizational-unit-name are 64 (ub-locality-name and ub-state-name are 128; ucsec keeps all fields to 64).
     */
    public static final int UB_NAME = 64;

    private static String upperBoundName(String field) {
        return switch (field) {
            case "CN" -> "ub-common-name";
            case "O" -> "ub-organization-name";
            case "OU" -> "ub-organizational-unit-name";
            case "L" -> "ub-locality-name is 128, ucsec keeps it to 64";
            case "ST" -> "ub-state-name is 128, ucsec keeps it to 64";
            default -> "upper bounds";
        };
    }

    public static SubjectSpec cn(String cn) { return new SubjectSpec(cn, null, null, null, null, null); }

    public X500Name toX500Name() {
        // values as ASN.1 strings, not as text for BouncyCastle to interpret: a text value starting with '#' would be read
        // as hex-encoded DER ("#abc" fails to build). RFC 5280 section 4.1.2.4: UTF8String, PrintableString for C.
        X500NameBuilder b = new X500NameBuilder(BCStyle.INSTANCE);
        if (c != null) b.addRDN(BCStyle.C, new DERPrintableString(c));
        if (st != null) b.addRDN(BCStyle.ST, new DERUTF8String(st));
        if (l != null) b.addRDN(BCStyle.L, new DERUTF8String(l));
        if (o != null) b.addRDN(BCStyle.O, new DERUTF8String(o));
        if (ou != null) b.addRDN(BCStyle.OU, new DERUTF8String(ou));
        b.addRDN(BCStyle.CN, new DERUTF8String(cn));
        return b.build();
    }

    private static String require(String field, String v) {
        String t = optional(field, v);
        if (t == null) throw new UcsecException("subject.invalid", "subject field " + field + " is required");
        return t;
    }

    private static String optional(String field, String v) {
        if (v == null || v.isBlank()) return null;
        String t = v.trim();
        if (t.length() > UB_NAME) throw new UcsecException("subject.invalid", "subject field " + field + " is " + t.length() + " characters long, more than "
                + UB_NAME + " (RFC 5280 appendix A.1, " + upperBoundName(field) + ")");
        for (int i = 0; i < t.length(); i++) {
            char ch = t.charAt(i);
            if (Character.isISOControl(ch)) throw new UcsecException("subject.invalid", "subject field " + field + " contains a control character at position " + (i + 1));
            boolean pair = Character.isHighSurrogate(ch) && i + 1 < t.length() && Character.isLowSurrogate(t.charAt(i + 1));
            if (pair) {
                i++;
            } else if (Character.isSurrogate(ch)) {
                throw new UcsecException("subject.invalid", "subject field " + field + " is not valid Unicode text (an unpaired surrogate at position " + (i + 1) + ")");
            }
        }
        return t;
    }
}
