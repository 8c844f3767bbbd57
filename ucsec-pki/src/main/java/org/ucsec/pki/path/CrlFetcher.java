package org.ucsec.pki.path;

import java.io.IOException;
import java.net.URI;

/** Fetches a CRL from a distribution point URI (http in production; tests use a loopback server). */
@FunctionalInterface
public interface CrlFetcher {
    /** The CRL bytes (DER or PEM) at {@code uri}; throws when it cannot be fetched. */
    byte[] fetch(URI uri) throws IOException;
}
