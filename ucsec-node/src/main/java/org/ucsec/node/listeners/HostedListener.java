package org.ucsec.node.listeners;

import java.util.List;

/** One hosted TLS listener (listeners.tsv), whatever engine serves it. "Restart" of its service is {@link #reload}. */
public interface HostedListener extends AutoCloseable {
    String service();

    /** The bound port (the real one when bound to port 0). */
    int port();

    /** New connections get the current keys, trust, protocols and suites; open connections keep theirs. Returns what is now served. */
    String reload() throws Exception;

    /** What it serves now. */
    Status status();

    record Status(String service, String bind, int port, String engine, List<String> keyPurposes, String trustStore, String tlsContext,
                  boolean clientCertificateRequired, List<String> protocols, List<String> cipherSuites, List<String> peerSubjects) {}

    @Override void close();
}
