package org.ucsec.pki.catalogue;

import org.ucsec.core.UcsecException;

/** The two node products of a UC cluster. */
public enum Product {
    /** IM and Presence (seed 001 table 1 and table 3). */
    IMP("imp"),
    /** Call control, Unified CM (seed 001 table 2). */
    CUCM("cucm");

    private final String id;
    Product(String id) { this.id = id; }
    public String id() { return id; }

    public static Product byId(String id) {
        for (Product p : values()) if (p.id.equalsIgnoreCase(id)) return p;
        throw new org.ucsec.core.UcsecException("node.product-unknown", "unknown product '" + id + "' (expected imp or cucm)");
    }
}
