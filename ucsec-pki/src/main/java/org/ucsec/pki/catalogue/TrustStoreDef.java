package org.ucsec.pki.catalogue;

import java.util.List;

/**
 * A trust store of the catalogue; {@code selfSignedDeletable} = listed in seed 001's deletion section (C10);
 * {@code importAddsPeerSubject} = a certificate imported from a live peer adds the peer's subject to the TLS peer
 * subjects and the default context (S3 with C7: cup-trust).
 */
public record TrustStoreDef(String name, boolean selfSignedDeletable, List<RestartTarget> restartsOnUpload, boolean importAddsPeerSubject) {
    public TrustStoreDef { restartsOnUpload = List.copyOf(restartsOnUpload); }
}
