package org.ucsec.pki;

import org.ucsec.pki.catalogue.KeyAlgorithm;
import org.ucsec.pki.catalogue.Catalogue;
import org.ucsec.pki.catalogue.Product;

import java.security.cert.X509Certificate;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

/** One small self-signed EC certificate for the parser tests, made once. */
final class PemFixtures {
    private static X509Certificate cert;

    private PemFixtures() {}

    static synchronized X509Certificate cert() {
        if (cert == null) {
            var p = Catalogue.get().purposes(Product.IMP).stream().filter(x -> x.keyAlgorithm() == KeyAlgorithm.EC).findFirst()
                    .orElse(Catalogue.get().purposes(Product.IMP).get(0));
            Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
            cert = Certs.selfSigned(KeySpec.defaultFor(p.keyAlgorithm()).generate(),
                    new Certs.Request(SubjectSpec.cn("pem.example.com"), List.of("pem.example.com"), p.profile(), SignatureHash.SHA256), now, now.plus(30, ChronoUnit.DAYS));
        }
        return cert;
    }
}
