package org.ucsec.pki;

import org.ucsec.core.UcsecException;

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

    public static SubjectSpec cn(String cn) { return new SubjectSpec(cn, null, null, null, null, null); }

    public X500Name toX500Name() {
        X500NameBuilder b = new X500NameBuilder(BCStyle.INSTANCE);
        if (c != null) b.addRDN(BCStyle.C, c);
        if (st != null) b.addRDN(BCStyle.ST, st);
        if (l != null) b.addRDN(BCStyle.L, l);
        if (o != null) b.addRDN(BCStyle.O, o);
        if (ou != null) b.addRDN(BCStyle.OU, ou);
        b.addRDN(BCStyle.CN, cn);
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
        if (t.length() > 64) throw new UcsecException("subject.invalid", "subject field " + field + " is longer than 64 characters (RFC 5280 upper bound)");
        for (char ch : t.toCharArray()) if (Character.isISOControl(ch)) throw new UcsecException("subject.invalid", "subject field " + field + " contains a control character");
        return t;
    }
}
