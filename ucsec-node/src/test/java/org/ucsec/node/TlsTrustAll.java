package org.ucsec.node;

import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509ExtendedTrustManager;
import javax.net.ssl.SSLEngine;
import java.net.Socket;
import java.security.cert.X509Certificate;

/** Test-only TLS client context that records nothing and trusts any server (tests inspect the certificate themselves). */
final class TlsTrustAll {
    private TlsTrustAll() {}

    static SSLContext context() throws Exception {
        SSLContext c = SSLContext.getInstance("TLS");
        c.init(null, new TrustManager[]{new X509ExtendedTrustManager() {
            public void checkClientTrusted(X509Certificate[] a, String b) {}
            public void checkServerTrusted(X509Certificate[] a, String b) {}
            public void checkClientTrusted(X509Certificate[] a, String b, Socket s) {}
            public void checkServerTrusted(X509Certificate[] a, String b, Socket s) {}
            public void checkClientTrusted(X509Certificate[] a, String b, SSLEngine e) {}
            public void checkServerTrusted(X509Certificate[] a, String b, SSLEngine e) {}
            public X509Certificate[] getAcceptedIssuers() { return new X509Certificate[0]; }
        }}, null);
        return c;
    }
}
