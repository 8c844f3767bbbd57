package org.ucsec.node;

import java.nio.file.Path;

/** The defaults a node and its CLI share, defined once (issue 6, item 6). */
public final class Defaults {
    private Defaults() {}

    /** Admin HTTPS (REST) port: {@code serve --port}. */
    public static final int ADMIN_PORT = 8443;
    /** Address the hosted listeners bind: {@code serve --bind}. */
    public static final String BIND = "127.0.0.1";
    /** SIP proxy peer-authenticated TLS port (SPEC S4): {@code serve --sip-tls-port}. */
    public static final int SIP_TLS_PORT = 5062;
    /**
     * Phone HTTPS provisioning port (SPEC P6): {@code serve --provisioning-port}. In CUCM's range of phone file download
     * ports (6970 HTTP, 6971-6973 HTTPS): 6971 is kept for the OAuth phones' file download, 6972 is the SIP OAuth token
     * listener ({@code sip-oauth-token}). Phones reach it through
     * their Profile_Rule ({@code https://prov.example.com:6973/$MA.xml}).
     */
    public static final int PROVISIONING_PORT = 6973;
    /** Environment variable naming the data directory. */
    public static final String DATA_ENV = "UCSEC_DATA";
    /** Data directory when neither {@code --data} nor {@code $UCSEC_DATA} is given. */
    public static final String DATA_DIR = ".ucsec";

    /** {@code --data}, else {@code $UCSEC_DATA}, else {@code ./.ucsec}. */
    public static Path dataDir(Path option) {
        if (option != null) return option;
        String env = System.getenv(DATA_ENV);
        return Path.of(env != null && !env.isBlank() ? env : DATA_DIR);
    }
}
