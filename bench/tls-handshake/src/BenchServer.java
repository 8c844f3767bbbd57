import org.ucsec.tls.listener.ListenerTlsConfig;
import org.ucsec.tls.transport.Framing;
import org.ucsec.tls.transport.SipOptionsHandler;
import org.ucsec.tls.transport.TlsEngine;
import org.ucsec.tls.transport.TlsTransport;
import org.ucsec.tls.transport.TransportIo;
import org.ucsec.tls.transport.TransportOptions;

import java.io.ByteArrayInputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Duration;
import java.util.Base64;
import java.util.List;

/**
 * ucsec's side of bench/tls-handshake: the TLS transport with a test CA, a server key and chain, a client certificate
 * required, the SIP OPTIONS handler, one event-loop thread (nginx runs one worker).
 *
 *   java -cp CP BenchServer.java PORT SERVER_KEY.pem SERVER_CHAIN.pem CA.pem ENGINE(auto|openssl|jdk) [IO(auto|epoll|nio)]
 */
public class BenchServer {
    public static void main(String[] a) throws Exception {
        int port = Integer.parseInt(a[0]);
        String keyPem = Files.readString(Path.of(a[1]));
        byte[] der = Base64.getMimeDecoder().decode(keyPem.replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", ""));
        List<X509Certificate> chain = certs(Path.of(a[2]));
        X509Certificate ca = certs(Path.of(a[3])).get(0);
        String alg = chain.get(0).getPublicKey().getAlgorithm();
        PrivateKey key = KeyFactory.getInstance(alg).generatePrivate(new PKCS8EncodedKeySpec(der));
        String suite = alg.equals("EC") ? "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256" : "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256";
        ListenerTlsConfig cfg = ListenerTlsConfig.builder().serverKey(key, chain).trustAnchors(List.of(ca)).requireClientCert(true)
                .cipherSuites(List.of(suite, "TLS_AES_128_GCM_SHA256")).protocols(List.of("TLSv1.2", "TLSv1.3")).build();
        TransportOptions opts = TransportOptions.defaults().withEngine(TlsEngine.parse(a[4])).withIoThreads(1).withMaxConnections(30_000)
                .withIdleTimeout(Duration.ofMinutes(30)).withBacklog(4096).withFraming(Framing.sip(65_536)).withIo(TransportIo.parse(a.length > 5 ? a[5] : "auto"));
        // UCSEC_CHAIN_CACHE=0: every handshake validates the client chain from scratch (as nginx does)
        if ("0".equals(System.getenv("UCSEC_CHAIN_CACHE"))) opts = opts.withChainCache(0, Duration.ZERO);
        TlsTransport t = TlsTransport.start("bench", new InetSocketAddress(InetAddress.getLoopbackAddress(), port), cfg, opts, new SipOptionsHandler());
        System.out.println("READY " + t.port() + " engine=" + t.engine() + " io=" + t.io() + " rsa-signer=" + t.rsaSigner().replace(' ', '_'));
        System.out.flush();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> System.err.println("stats " + t.stats())));
        Thread.currentThread().join();
    }

    static List<X509Certificate> certs(Path p) throws Exception {
        CertificateFactory cf = CertificateFactory.getInstance("X.509");
        return cf.generateCertificates(new ByteArrayInputStream(Files.readAllBytes(p))).stream().map(c -> (X509Certificate) c).toList();
    }
}
