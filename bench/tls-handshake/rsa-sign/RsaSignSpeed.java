package org.ucsec.tls.transport;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;

/**
 * RSA-2048 signatures inside the JVM, CPU time each: ucsec's libcrypto signer through JNI (as the TLS transport calls it,
 * TLS SignatureScheme rsa_pss_rsae_sha256 and rsa_pkcs1_sha256), and the JDK's own SHA256withRSA for scale.
 * Evidence for decision 0012; see run.sh.   java -cp CP org.ucsec.tls.transport.RsaSignSpeed KEY.pem N
 */
public class RsaSignSpeed {
    public static void main(String[] a) throws Exception {
        String pem = Files.readString(Path.of(a[0]));
        PrivateKey key = KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(
                Base64.getMimeDecoder().decode(pem.replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", ""))));
        int n = Integer.parseInt(a[1]);
        byte[] msg = new byte[200];
        var bean = (com.sun.management.ThreadMXBean) java.lang.management.ManagementFactory.getThreadMXBean();
        try (LibcryptoRsa.Key k = LibcryptoRsa.key(key)) {
            for (int scheme : new int[] {0x0804, 0x0401}) {
                for (int i = 0; i < 200; i++) k.sign(scheme, msg);
                long t0 = bean.getCurrentThreadCpuTime();
                for (int i = 0; i < n; i++) k.sign(scheme, msg);
                long t1 = bean.getCurrentThreadCpuTime();
                System.out.printf("libcrypto via JNI (%s), scheme 0x%04x: %.3f ms CPU per signature (n=%d)%n",
                        LibcryptoRsa.status().detail(), scheme, (t1 - t0) / 1e6 / n, n);
            }
        }
        Signature s = Signature.getInstance("SHA256withRSA");
        for (int i = 0; i < 100; i++) { s.initSign(key); s.update(msg); s.sign(); }
        long t0 = bean.getCurrentThreadCpuTime();
        for (int i = 0; i < n / 4; i++) { s.initSign(key); s.update(msg); s.sign(); }
        long t1 = bean.getCurrentThreadCpuTime();
        System.out.printf("JDK SHA256withRSA (SunRsaSign): %.3f ms CPU per signature (n=%d)%n", (t1 - t0) / 1e6 / (n / 4), n / 4);
    }
}
