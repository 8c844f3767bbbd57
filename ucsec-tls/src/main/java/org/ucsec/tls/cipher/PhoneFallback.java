package org.ucsec.tls.cipher;

import java.util.List;

/**
 * What one phone application uses when {@code TLS_Cipher_List} is empty or invalid (seed 003).
 *
 * @param application      stable id: {@code web-server}, {@code xmpp}, {@code curl}
 * @param label            human readable application name
 * @param kind             whether the seed gives a suite list or a cipher string
 * @param seedEntries      the entries exactly as the seed writes them (suite names, or the one cipher string)
 * @param cipherString     the cipher string for {@link Kind#CIPHER_STRING}, else {@code null}
 * @param suites           the concrete suites, in order (for a cipher string: its expansion by OpenSSL 1.1.1
 *                         rules against {@link OpenSslCatalog#WITH_LEGACY_PROVIDER})
 * @param signallingValues signalling cipher suite values listed with the suites (not suites themselves), e.g.
 *                         {@code TLS_EMPTY_RENEGOTIATION_INFO_SCSV}
 * @param unresolved       seed entries that name no known suite (empty for the shipped data)
 */
public record PhoneFallback(
        String application,
        String label,
        Kind kind,
        List<String> seedEntries,
        String cipherString,
        List<CipherSuite> suites,
        List<String> signallingValues,
        List<String> unresolved) {

    public enum Kind { SUITES, CIPHER_STRING }

    public PhoneFallback {
        seedEntries = List.copyOf(seedEntries);
        suites = List.copyOf(suites);
        signallingValues = List.copyOf(signallingValues);
        unresolved = List.copyOf(unresolved);
    }
}
