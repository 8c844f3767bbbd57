package org.ucsec.node;

import org.ucsec.node.platform.cli.Cli;
import picocli.CommandLine;

/** Entry point of the {@code ucsec} launcher: `ucsec serve` runs a node, every other command is a thin REST client. */
public final class Main {
    private Main() {}

    /** The whole CLI: {@code serve}, {@code help} and every capability's commands. */
    public static CommandLine commandLine() { return Cli.commandLine(Capabilities.all(), new Serve()); }

    public static void main(String[] args) {
        // a TLS client may not renegotiate (CVE-2011-1473 CPU exhaustion; TLS 1.3 has no renegotiation at all)
        System.setProperty("jdk.tls.rejectClientInitiatedRenegotiation", "true");
        // libraries that log through java.util.logging / System.Logger (the TLS listener) go to the same log as the rest
        org.slf4j.bridge.SLF4JBridgeHandler.removeHandlersForRootLogger();
        org.slf4j.bridge.SLF4JBridgeHandler.install();
        System.exit(commandLine().execute(args));
    }
}
