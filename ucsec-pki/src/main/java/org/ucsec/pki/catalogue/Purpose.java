package org.ucsec.pki.catalogue;

import java.util.List;

/**
 * A certificate purpose ("certificate unit": tomcat, cup-xmpp-ECDSA, ...) of one product (SPEC C1).
 *
 * @param restarts services to restart when the identity certificate changes (C12)
 */
public record Purpose(Product product, String name, KeyAlgorithm keyAlgorithm, String trustStore, boolean multiServer,
                      boolean publisherOnly, List<String> services, List<RestartTarget> restarts, KeyUsageProfile profile) {
    public Purpose {
        services = List.copyOf(services);
        restarts = List.copyOf(restarts);
    }

    /** File name under which the identity certificate is exported (cup.pem, cup-ECDSA.pem, ...). */
    public String pemFileName() { return name + ".pem"; }
}
