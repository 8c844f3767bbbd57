package org.ucsec.pki.catalogue;

import java.util.List;

/** A trust store of the catalogue; {@code selfSignedDeletable} = listed in seed 001's deletion section (C10). */
public record TrustStoreDef(String name, boolean selfSignedDeletable, List<RestartTarget> restartsOnUpload) {
    public TrustStoreDef { restartsOnUpload = List.copyOf(restartsOnUpload); }
}
