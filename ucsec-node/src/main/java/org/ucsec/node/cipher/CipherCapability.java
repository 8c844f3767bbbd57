package org.ucsec.node.cipher;

import org.ucsec.node.platform.Capability;
import org.ucsec.node.platform.cli.CliTree;
import org.ucsec.node.platform.cli.NodeClient;
import org.ucsec.node.platform.rest.Json;
import org.ucsec.tls.cipher.CipherPreview;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.PrintWriter;
import java.util.concurrent.Callable;

/** {@code ucsec cipher preview STRING [--phone]}: a local helper over the cipher engine (P9, S4, S5); needs no node. */
public final class CipherCapability implements Capability {
    @Override public String name() { return "cipher"; }

    @Override public String openApi() { return null; }

    @Override public void commands(CliTree cli) { cli.add(new Preview(), "cipher"); }

    @Command(name = "preview", mixinStandardHelpOptions = true, description = "Expand an OpenSSL cipher string into the ordered TLS <= 1.2 suites it selects (P9, S4, S5).")
    static final class Preview implements Callable<Integer> {
        @Parameters(index = "0", arity = "0..1", description = "the cipher string, e.g. 'ECDHE+AESGCM:!aNULL' (empty = phone default)") String string;
        @Option(names = "--phone", description = "phone dialect: only seed 003's supported words; shows each application's fallback when empty or invalid") boolean phone;
        @Option(names = "--json", description = "print JSON") boolean json;
        @CommandLine.Spec CommandLine.Model.CommandSpec spec;

        @Override public Integer call() {
            var result = new CipherPreview().preview(string == null ? "" : string, phone);
            PrintWriter out = spec.commandLine().getOut();
            if (json) out.println(Json.write(result));
            else out.print(CipherPreview.renderText(result));
            out.flush();
            return result.valid() ? 0 : NodeClient.EXIT_REFUSED;
        }
    }
}
