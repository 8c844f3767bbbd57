package org.ucsec.pki.catalogue;

import java.util.Collections;
import java.util.EnumSet;
import java.util.Set;

/** What a CSR or self-signed certificate of a purpose carries (SPEC C2). Immutable. */
public record KeyUsageProfile(Set<KeyUsageBit> keyUsage, Set<ExtendedKeyUsage> extendedKeyUsage) {
    public KeyUsageProfile {
        if (keyUsage.isEmpty()) throw new IllegalArgumentException("a key usage profile needs at least one key usage bit");
        keyUsage = Collections.unmodifiableSet(EnumSet.copyOf(keyUsage));
        extendedKeyUsage = extendedKeyUsage.isEmpty() ? Set.of() : Collections.unmodifiableSet(EnumSet.copyOf(extendedKeyUsage));
    }

    /** RFC 5480 section 3: keyEncipherment and dataEncipherment must not be asserted for EC keys. */
    public KeyUsageProfile forKeyAlgorithm(KeyAlgorithm alg) {
        if (alg != KeyAlgorithm.EC) return this;
        EnumSet<KeyUsageBit> ku = EnumSet.copyOf(keyUsage);
        ku.remove(KeyUsageBit.KEY_ENCIPHERMENT);
        ku.remove(KeyUsageBit.DATA_ENCIPHERMENT);
        return new KeyUsageProfile(ku, extendedKeyUsage);
    }
}
