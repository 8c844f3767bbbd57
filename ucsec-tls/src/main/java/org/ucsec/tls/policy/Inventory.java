package org.ucsec.tls.policy;

import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * What the cluster currently has, as far as the security modes care (SPEC S5): certificates (identity and trust, named
 * by the caller, for example {@code "tomcat-trust/Example Root CA"}), named cipher lists (TLS contexts, phone
 * {@code TLS_Cipher_List} after expansion to JSSE names), the configured minimum TLS version, and the external databases
 * with their "Enable SSL" flag. Plain data; the node builds it from the store.
 */
public record Inventory(List<NamedCertificate> certificates, List<NamedCipherList> cipherLists, TlsVersion minTlsVersion,
                        List<ExternalDatabase> externalDatabases) {

    public record NamedCertificate(String name, X509Certificate certificate) {
        public NamedCertificate { Objects.requireNonNull(name, "name"); Objects.requireNonNull(certificate, "certificate"); }
    }

    public record NamedCipherList(String name, List<String> suites) {
        public NamedCipherList { Objects.requireNonNull(name, "name"); suites = List.copyOf(suites); }
    }

    /** An external database (message archiver, persistent chat, managed file transfer) and whether its SSL checkbox is on. */
    public record ExternalDatabase(String name, boolean ssl) {
        public ExternalDatabase { Objects.requireNonNull(name, "name"); }
    }

    public Inventory {
        certificates = List.copyOf(certificates);
        cipherLists = List.copyOf(cipherLists);
        externalDatabases = List.copyOf(externalDatabases);
        Objects.requireNonNull(minTlsVersion, "minTlsVersion");
    }

    public static Builder builder() { return new Builder(); }

    public static final class Builder {
        private final List<NamedCertificate> certificates = new ArrayList<>();
        private final List<NamedCipherList> cipherLists = new ArrayList<>();
        private final List<ExternalDatabase> externalDatabases = new ArrayList<>();
        private TlsVersion minTlsVersion = SecurityModes.DEFAULT_MIN_TLS;

        private Builder() {}

        public Builder certificate(String name, X509Certificate c) { certificates.add(new NamedCertificate(name, c)); return this; }
        public Builder cipherList(String name, List<String> suites) { cipherLists.add(new NamedCipherList(name, suites)); return this; }
        public Builder minTlsVersion(TlsVersion v) { this.minTlsVersion = v; return this; }
        public Builder externalDatabase(String name, boolean ssl) { externalDatabases.add(new ExternalDatabase(name, ssl)); return this; }
        public Inventory build() { return new Inventory(certificates, cipherLists, minTlsVersion, externalDatabases); }
    }
}
