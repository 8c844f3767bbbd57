package org.ucsec.pki.path;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * Fetches CRLs over plain http (RFC 5280 4.2.1.13: CRLs are signed, so http is the norm), with a timeout and a size
 * limit; no redirects (a distribution point is a fixed place), no other schemes.
 */
public final class HttpCrlFetcher implements CrlFetcher {
    private final HttpClient client;
    private final Duration timeout;
    private final int maxBytes;

    public HttpCrlFetcher(Duration timeout, int maxBytes) {
        this.timeout = timeout;
        this.maxBytes = maxBytes;
        this.client = HttpClient.newBuilder().connectTimeout(timeout).followRedirects(HttpClient.Redirect.NEVER).build();
    }

    public static HttpCrlFetcher defaults() { return new HttpCrlFetcher(Duration.ofSeconds(5), 10 * 1024 * 1024); }

    @Override
    public byte[] fetch(URI uri) throws IOException {
        if (!"http".equalsIgnoreCase(uri.getScheme())) throw new IOException("only http distribution points are fetched, not " + uri);
        HttpRequest req = HttpRequest.newBuilder(uri).timeout(timeout).GET().build();
        try {
            HttpResponse<InputStream> r = client.send(req, HttpResponse.BodyHandlers.ofInputStream());
            try (InputStream in = r.body()) {
                if (r.statusCode() != 200) throw new IOException("HTTP " + r.statusCode() + " from " + uri);
                byte[] data = in.readNBytes(maxBytes + 1);
                if (data.length > maxBytes) throw new IOException("CRL at " + uri + " is larger than " + maxBytes + " bytes");
                return data;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted fetching " + uri, e);
        }
    }
}
