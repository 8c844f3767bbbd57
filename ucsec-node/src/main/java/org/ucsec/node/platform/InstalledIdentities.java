package org.ucsec.node.platform;

import org.jdbi.v3.core.Handle;

import java.time.Instant;
import java.util.List;

/**
 * The identity certificates installed on the cluster's nodes, as other capabilities need to see them (trust-store
 * deletion rules, C10: never delete the anchor of an installed chain). Implemented by the certificates capability.
 */
public interface InstalledIdentities {
    /** One installed identity certificate: its node, purpose, whether CA-signed, when installed, and its chain (PEM). */
    record Installed(String node, String purpose, boolean caSigned, Instant installedAt, String chainPem) {}

    List<Installed> installed(Handle h);

    /** Every implementation among the started capabilities, asked in turn. */
    static InstalledIdentities of(List<Capability.Running> capabilities) {
        return h -> capabilities.stream().filter(InstalledIdentities.class::isInstance).map(InstalledIdentities.class::cast)
                .flatMap(c -> c.installed(h).stream()).toList();
    }
}
