package org.ucsec.tls.cipher;

import java.security.NoSuchAlgorithmException;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import javax.net.ssl.SSLContext;

/**
 * Bridges an expansion to JSSE: which of its suites the running JDK supports, and their names as the JDK spells
 * them, ready for {@code SSLParameters.setCipherSuites}. JSSE uses IANA names, except that it spells a few
 * SSLv3-era suites with {@code SSL_} (e.g. {@code SSL_RSA_WITH_3DES_EDE_CBC_SHA}).
 */
public final class JdkCipherSuites {
    private JdkCipherSuites() {}

    /** {@code SSLContext.getDefault().getSupportedSSLParameters().getCipherSuites()}. */
    public static List<String> runningJdkSupported() {
        try {
            return List.of(SSLContext.getDefault().getSupportedSSLParameters().getCipherSuites());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("no default SSLContext", e);
        }
    }

    /** The suites of {@code suites} the running JDK supports, in the same order. */
    public static List<CipherSuite> supportedByRunningJdk(List<CipherSuite> suites) {
        return filterSupported(suites, runningJdkSupported());
    }

    /** The suites of {@code suites} whose name is in {@code jdkSupported}, in the same order. */
    public static List<CipherSuite> filterSupported(List<CipherSuite> suites, Collection<String> jdkSupported) {
        Map<String, String> byKey = index(jdkSupported);
        return suites.stream().filter(s -> byKey.containsKey(key(s.ianaName()))).toList();
    }

    /**
     * The JDK's names of the supported suites of {@code suites}, in order: what to pass to
     * {@code SSLParameters.setCipherSuites}.
     */
    public static List<String> jsseNames(List<CipherSuite> suites, Collection<String> jdkSupported) {
        Map<String, String> byKey = index(jdkSupported);
        return suites.stream().map(s -> byKey.get(key(s.ianaName()))).filter(n -> n != null).toList();
    }

    /** {@link #jsseNames(List, Collection)} for the running JDK, as an array for {@code setCipherSuites}. */
    public static String[] jsseNamesForRunningJdk(List<CipherSuite> suites) {
        return jsseNames(suites, runningJdkSupported()).toArray(String[]::new);
    }

    private static Map<String, String> index(Collection<String> jdkNames) {
        Map<String, String> m = new HashMap<>();
        for (String n : jdkNames) {
            m.putIfAbsent(key(n), n);
        }
        return m;
    }

    private static String key(String name) {
        return name.startsWith("SSL_") ? "TLS_" + name.substring(4) : name;
    }
}
