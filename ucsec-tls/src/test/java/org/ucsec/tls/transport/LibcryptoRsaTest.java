package org.ucsec.tls.transport;

import io.netty.handler.ssl.OpenSslPrivateKeyMethod;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.ucsec.tls.listener.ListenerTlsConfig;
import org.ucsec.tls.listener.PeerInfo;
import org.ucsec.tls.listener.Served;
import org.ucsec.tls.testing.SClient;
import org.ucsec.tls.testing.TestPki;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.security.Signature;
import java.security.SignatureException;
import java.security.spec.MGF1ParameterSpec;
import java.security.spec.PSSParameterSpec;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Decision 0012: the server's RSA signatures of the BoringSSL engine made by the system's libcrypto through ucsec's JNI
 * signer. Signatures checked by the JDK's verifier (and byte for byte against the JDK's PKCS#1 v1.5 signer, which is
 * deterministic), handshakes by the real {@code openssl s_client} (which always checks the server's signature), the
 * fallback to BoringSSL's own signer, and the key's native lifetime across reloads.
 */
class LibcryptoRsaTest {
    @TempDir static Path dir;
    static TestPki ca;
    static TestPki.Leaf rsa, rsa3072, ec, client, clientRsa;
    static final Duration WAIT = Duration.ofSeconds(15);

    final BlockingQueue<PeerInfo> peers = new LinkedBlockingQueue<>();
    final List<TlsTransport> started = new ArrayList<>();

    @BeforeAll
    static void pki() throws IOException {
        ca = TestPki.create(dir.resolve("ca"), "Cluster", "rsa");
        rsa = ca.serverLeaf("rsa", "rsa.example.com", "rsa");
        rsa3072 = ca.serverLeaf("rsa3072", "rsa3072.example.com", "rsa:3072");
        ec = ca.serverLeaf("ec", "ec.example.com", "ec");
        client = ca.clientLeaf("peer1", "peer1.example.com", "ec");
        clientRsa = ca.clientLeaf("peer2", "peer2.example.com", "rsa");
    }

    @AfterEach
    void stop() {
        started.forEach(TlsTransport::close);
        System.clearProperty(LibcryptoRsa.PROPERTY);
    }

    // ------------------------------------------------------------------------------------------------ the signer

    @Test
    void theSignerLoadsOnThisPlatform_withTheSystemsLibcrypto3() {
        LibcryptoRsa.Status s = LibcryptoRsa.status();
        assertThat(s.loaded()).as(s.detail()).isTrue();
        assertThat(s.detail()).startsWith("OpenSSL 3.");
    }

    /** RFC 8446 4.2.3 / RFC 8017: PKCS#1 v1.5 over the hash of the message, as the JDK's SHA*withRSA makes it. */
    @ParameterizedTest(name = "{0}")
    @CsvSource({"rsa_pkcs1_sha256, 0x0401, SHA256withRSA", "rsa_pkcs1_sha384, 0x0501, SHA384withRSA", "rsa_pkcs1_sha512, 0x0601, SHA512withRSA"})
    void pkcs1Signature_isTheOneTheJdkMakes_andVerifies(String scheme, String code, String jdkAlgorithm) throws Exception {
        byte[] message = ("TLS 1.2 ServerKeyExchange params signed with " + scheme).getBytes(StandardCharsets.UTF_8);
        try (LibcryptoRsa.Key key = LibcryptoRsa.key(rsa.privateKey())) {
            byte[] sig = key.sign(Integer.decode(code), message);
            Signature jdk = Signature.getInstance(jdkAlgorithm);
            jdk.initSign(rsa.privateKey());
            jdk.update(message);
            assertThat(sig).as("PKCS#1 v1.5 is deterministic").isEqualTo(jdk.sign());
            assertThat(verifies(jdkAlgorithm, null, message, sig)).isTrue();
            message[0] ^= 1;
            assertThat(verifies(jdkAlgorithm, null, message, sig)).as("another message").isFalse();
        }
    }

    /** RFC 8446 4.2.3: RSASSA-PSS with MGF1 of the same hash and a salt as long as the hash. */
    @ParameterizedTest(name = "{0}")
    @CsvSource({"rsa_pss_rsae_sha256, 0x0804, SHA-256, 32", "rsa_pss_rsae_sha384, 0x0805, SHA-384, 48", "rsa_pss_rsae_sha512, 0x0806, SHA-512, 64"})
    void pssSignature_verifiesWithTheHashesMgf1AndSaltLength(String scheme, String code, String hash, int saltLength) throws Exception {
        byte[] message = ("TLS 1.3, server CertificateVerify, " + scheme).getBytes(StandardCharsets.UTF_8);
        PSSParameterSpec spec = new PSSParameterSpec(hash, "MGF1", new MGF1ParameterSpec(hash), saltLength, 1);
        try (LibcryptoRsa.Key key = LibcryptoRsa.key(rsa.privateKey())) {
            byte[] a = key.sign(Integer.decode(code), message), b = key.sign(Integer.decode(code), message);
            assertThat(a).hasSize(256);
            assertThat(verifies("RSASSA-PSS", spec, message, a)).isTrue();
            assertThat(verifies("RSASSA-PSS", spec, message, b)).isTrue();
            assertThat(a).as("a random salt each time").isNotEqualTo(b);
            PSSParameterSpec otherSalt = new PSSParameterSpec(hash, "MGF1", new MGF1ParameterSpec(hash), 20, 1);
            assertThat(verifies("RSASSA-PSS", otherSalt, message, a)).as("salt length is the hash's").isFalse();
            assertThat(key.signatures()).isEqualTo(2);
        }
    }

    @Test
    void a3072BitKey_signsToo() throws Exception {
        byte[] message = "m".getBytes(StandardCharsets.UTF_8);
        try (LibcryptoRsa.Key key = LibcryptoRsa.key(rsa3072.privateKey())) {
            byte[] sig = key.sign(OpenSslPrivateKeyMethod.SSL_SIGN_RSA_PSS_RSAE_SHA256, message);
            assertThat(sig).hasSize(384);
            Signature v = Signature.getInstance("RSASSA-PSS");
            v.setParameter(new PSSParameterSpec("SHA-256", "MGF1", MGF1ParameterSpec.SHA256, 32, 1));
            v.initVerify(rsa3072.certificate().getPublicKey());
            v.update(message);
            assertThat(v.verify(sig)).isTrue();
        }
    }

    @Test
    void theSchemeCodesAreBoringSslsSslSignConstants() {
        // the native side switches on TLS SignatureScheme code points (RFC 8446 4.2.3); netty hands BoringSSL's SSL_SIGN_*
        assertThat(OpenSslPrivateKeyMethod.SSL_SIGN_RSA_PKCS1_SHA256).isEqualTo(0x0401);
        assertThat(OpenSslPrivateKeyMethod.SSL_SIGN_RSA_PKCS1_SHA384).isEqualTo(0x0501);
        assertThat(OpenSslPrivateKeyMethod.SSL_SIGN_RSA_PKCS1_SHA512).isEqualTo(0x0601);
        assertThat(OpenSslPrivateKeyMethod.SSL_SIGN_RSA_PSS_RSAE_SHA256).isEqualTo(0x0804);
        assertThat(OpenSslPrivateKeyMethod.SSL_SIGN_RSA_PSS_RSAE_SHA384).isEqualTo(0x0805);
        assertThat(OpenSslPrivateKeyMethod.SSL_SIGN_RSA_PSS_RSAE_SHA512).isEqualTo(0x0806);
    }

    @Test
    void aNonRsaScheme_isRefused_notSignedWithTheWrongPadding() throws Exception {
        try (LibcryptoRsa.Key key = LibcryptoRsa.key(rsa.privateKey())) {
            for (int scheme : new int[] {OpenSslPrivateKeyMethod.SSL_SIGN_ECDSA_SECP256R1_SHA256, OpenSslPrivateKeyMethod.SSL_SIGN_ED25519,
                    OpenSslPrivateKeyMethod.SSL_SIGN_RSA_PKCS1_MD5_SHA1, 0, -1, 0x10804}) {
                assertThatThrownBy(() -> key.sign(scheme, new byte[32])).as("scheme %x", scheme).isInstanceOf(NoSuchAlgorithmException.class)
                        .hasMessageContaining("not an RSA scheme");
            }
            assertThatThrownBy(() -> key.decrypt(null, new byte[256])).isInstanceOf(NoSuchAlgorithmException.class);
        }
    }

    @Test
    void anEcKey_isRefusedByTheSigner() {
        assertThatThrownBy(() -> LibcryptoRsa.key(ec.privateKey())).isInstanceOf(InvalidKeyException.class).hasMessageContaining("not an RSA");
    }

    @Test
    void aClosedKey_isFreed_andASignatureAfterThatFails_cleanly() throws Exception {
        LibcryptoRsa.Key key = LibcryptoRsa.key(rsa.privateKey());
        key.sign(OpenSslPrivateKeyMethod.SSL_SIGN_RSA_PSS_RSAE_SHA256, new byte[10]);
        key.close();
        key.close(); // idempotent
        assertThat(key.freed()).isTrue();
        assertThatThrownBy(() -> key.sign(OpenSslPrivateKeyMethod.SSL_SIGN_RSA_PSS_RSAE_SHA256, new byte[10])).isInstanceOf(SignatureException.class)
                .hasMessageContaining("freed");
        assertThat(key.toString()).isEqualTo("LibcryptoRsa.Key[freed, 1 signatures]");
    }

    @Test
    void whenTheLibraryIsAbsent_theStatusSaysWhy() {
        LibcryptoRsa.Status s = LibcryptoRsa.load("/org/ucsec/tls/transport/native/linux-x86_64/absent.so");
        assertThat(s.loaded()).isFalse();
        assertThat(s.detail()).contains("not on the class path").contains("absent.so");
    }

    // ------------------------------------------------------------------------------------------------ handshakes

    TlsTransport start(ListenerTlsConfig cfg) {
        TlsTransport t = TlsTransport.start("rsa-signer", new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), cfg,
                TransportOptions.defaults().withEngine(TlsEngine.OPENSSL).withFraming(Framing.lines(4096)), Served.echo(peers::add));
        started.add(t);
        return t;
    }

    static ListenerTlsConfig.Builder config(TestPki.Leaf... servers) throws IOException {
        ListenerTlsConfig.Builder b = ListenerTlsConfig.builder().trustAnchors(List.of(ca.root())).requireClientCert(true)
                .protocols(List.of("TLSv1.2", "TLSv1.3"));
        for (TestPki.Leaf s : servers) b.serverKey(s.privateKey(), s.chain());
        return b;
    }

    /** s_client with the client certificate, checking the server's chain against the test root too. */
    String handshake(TlsTransport t, String tls, String sigalgs, String... more) throws Exception {
        // the client's own (EC) CertificateVerify needs an ECDSA scheme in the list; the server's RSA key can use only the RSA one
        return handshake(t, client, tls, sigalgs.startsWith("ecdsa") ? sigalgs : sigalgs + ":ecdsa_secp256r1_sha256", more);
    }

    String handshake(TlsTransport t, TestPki.Leaf client, String tls, String offered, String... more) throws Exception {
        String sigalgs = offered.split(":")[0];
        List<String> a = new ArrayList<>(List.of("-" + tls, "-sigalgs", offered, "-cert", client.cert().toString(), "-key", client.key().toString(),
                "-cert_chain", ca.ca.intCert.toString(), "-CAfile", ca.ca.rootCert.toString(), "-verify_return_error"));
        a.addAll(List.of(more));
        try (SClient c = SClient.connect(dir, t.port(), a.toArray(String[]::new))) {
            String echoed = c.roundTrip("hello " + sigalgs, WAIT);
            return echoed == null ? "FAILED: " + c.stderr() : echoed;
        }
    }

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource({"tls1_2, rsa_pss_rsae_sha256", "tls1_2, rsa_pkcs1_sha256", "tls1_2, rsa_pkcs1_sha384", "tls1_2, rsa_pkcs1_sha512",
            "tls1_2, rsa_pss_rsae_sha512", "tls1_3, rsa_pss_rsae_sha256", "tls1_3, rsa_pss_rsae_sha384", "tls1_3, rsa_pss_rsae_sha512"})
    void fullHandshake_withTheServersRsaSignatureByLibcrypto_succeeds(String tls, String sigalgs) throws Exception {
        TlsTransport t = start(config(rsa).build());
        assertThat(t.rsaSigner()).startsWith("libcrypto (OpenSSL 3.");
        assertThat(handshake(t, tls, sigalgs)).isEqualTo("hello " + sigalgs);
        assertThat(t.libcryptoSignatures()).as("libcrypto made the signature").isEqualTo(1);
        PeerInfo p = peers.poll(5, java.util.concurrent.TimeUnit.SECONDS);
        assertThat(p).isNotNull();
        assertThat(p.protocol()).isEqualTo(tls.equals("tls1_3") ? "TLSv1.3" : "TLSv1.2");
    }

    @Test
    void tls13WithOnlyPkcs1_isRefusedAsBoringSslWouldRefuseIt() throws Exception {
        // RFC 8446 4.4.3: rsa_pkcs1_* are not CertificateVerify algorithms in TLS 1.3; the handshake fails, nothing is signed
        TlsTransport t = start(config(rsa).build());
        assertThat(handshake(t, "tls1_3", "rsa_pkcs1_sha256")).startsWith("FAILED");
        assertThat(t.libcryptoSignatures()).isZero();
    }

    @Test
    void disabledByTheSystemProperty_boringSslSigns_andTheHandshakeStillSucceeds() throws Exception {
        System.setProperty(LibcryptoRsa.PROPERTY, "false");
        TlsTransport t = start(config(rsa).build());
        assertThat(t.rsaSigner()).isEqualTo("boringssl");
        assertThat(t.nativeKeys()).isEmpty();
        assertThat(handshake(t, "tls1_2", "rsa_pss_rsae_sha256")).isEqualTo("hello rsa_pss_rsae_sha256");
        assertThat(handshake(t, "tls1_3", "rsa_pss_rsae_sha256")).isEqualTo("hello rsa_pss_rsae_sha256");
        assertThat(t.libcryptoSignatures()).isZero();
    }

    @Test
    void theProperty_isReadAtReload() throws Exception {
        TlsTransport t = start(config(rsa).build());
        assertThat(t.rsaSigner()).startsWith("libcrypto");
        System.setProperty(LibcryptoRsa.PROPERTY, "false");
        t.reload(config(rsa).build());
        assertThat(t.rsaSigner()).isEqualTo("boringssl");
        assertThat(handshake(t, "tls1_2", "rsa_pkcs1_sha256")).isEqualTo("hello rsa_pkcs1_sha256");
    }

    @Test
    void anEcKey_staysOnBoringSsl() throws Exception {
        TlsTransport t = start(config(ec).build());
        assertThat(t.rsaSigner()).isEqualTo("boringssl");
        assertThat(handshake(t, "tls1_3", "ecdsa_secp256r1_sha256")).isEqualTo("hello ecdsa_secp256r1_sha256");
    }

    @Test
    void rsaAndEcKeys_theRsaContextSignsWithLibcrypto_theEcOneWithBoringSsl() throws Exception {
        TlsTransport t = start(config(rsa, ec).build());
        assertThat(t.nativeKeys()).as("one: the RSA-only context's (the mixed one keeps BoringSSL)").hasSize(1);
        // TLS 1.3: a client that offers no ECDSA scheme gets the RSA key (and an RSA client certificate signs with PSS)
        assertThat(handshake(t, clientRsa, "tls1_3", "rsa_pss_rsae_sha256")).isEqualTo("hello rsa_pss_rsae_sha256");
        assertThat(t.libcryptoSignatures()).isEqualTo(1);
        assertThat(handshake(t, "tls1_3", "ecdsa_secp256r1_sha256")).isEqualTo("hello ecdsa_secp256r1_sha256");
        assertThat(handshake(t, "tls1_2", "rsa_pkcs1_sha256", "-cipher", "ECDHE-RSA-AES128-GCM-SHA256")).isEqualTo("hello rsa_pkcs1_sha256");
        assertThat(t.libcryptoSignatures()).isEqualTo(2);
    }

    @Test
    void reload_freesTheReplacedKey_andNewConnectionsSignWithTheNewOne() throws Exception {
        TlsTransport t = start(config(rsa).build());
        List<LibcryptoRsa.Key> first = t.nativeKeys();
        assertThat(handshake(t, "tls1_2", "rsa_pss_rsae_sha256")).isEqualTo("hello rsa_pss_rsae_sha256");
        t.reload(config(rsa3072).build());
        assertThat(first).allMatch(LibcryptoRsa.Key::freed);
        assertThat(t.nativeKeys()).noneMatch(LibcryptoRsa.Key::freed);
        assertThat(handshake(t, "tls1_3", "rsa_pss_rsae_sha256")).isEqualTo("hello rsa_pss_rsae_sha256");
        assertThat(t.libcryptoSignatures()).isEqualTo(1);
        List<LibcryptoRsa.Key> second = t.nativeKeys();
        t.close();
        assertThat(second).allMatch(LibcryptoRsa.Key::freed);
    }

    @Test
    void reload_whileAHandshakeWaitsForTheClient_keepsItsKeyUntilTheHandshakeEnds() throws Exception {
        TlsTransport t = start(config(rsa).build());
        List<LibcryptoRsa.Key> first = t.nativeKeys();
        // a connection accepted under the first config that has not sent its ClientHello yet
        try (java.net.Socket s = new java.net.Socket(InetAddress.getLoopbackAddress(), t.port())) {
            long deadline = System.nanoTime() + WAIT.toNanos();
            while (t.stats().accepted() < 1 && System.nanoTime() < deadline) Thread.sleep(10);
            t.reload(config(rsa).build());
            assertThat(first).as("held by the waiting handshake").noneMatch(LibcryptoRsa.Key::freed);
        }
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (!first.get(0).freed() && System.nanoTime() < deadline) Thread.sleep(10);
        assertThat(first).as("freed once that connection closed").allMatch(LibcryptoRsa.Key::freed);
        assertThat(handshake(t, "tls1_2", "rsa_pss_rsae_sha256")).isEqualTo("hello rsa_pss_rsae_sha256");
    }

    static boolean verifies(String alg, PSSParameterSpec spec, byte[] message, byte[] sig) throws Exception {
        Signature v = Signature.getInstance(alg);
        if (spec != null) v.setParameter(spec);
        v.initVerify(rsa.certificate().getPublicKey());
        v.update(message);
        return v.verify(sig);
    }
}
