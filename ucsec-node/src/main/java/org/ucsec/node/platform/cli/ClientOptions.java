package org.ucsec.node.platform.cli;

import org.ucsec.node.Defaults;
import org.ucsec.node.platform.Change;
import org.ucsec.node.platform.rest.Json;
import picocli.CommandLine;
import picocli.CommandLine.Option;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.function.Consumer;

/**
 * {@code --data} and {@code --json}, shared by every client command (a picocli mixin), and the one way commands
 * print: JSON as the node answered, or human text through {@link Terminal#safeWriter} (no raw control characters).
 */
public final class ClientOptions {
    @Option(names = "--data", description = "node data directory (default: $UCSEC_DATA or ./.ucsec)")
    Path data;
    @Option(names = "--json", description = "print the node's JSON answer (errors: problem+json on stderr)")
    boolean json;

    public Path dataDir() { return Defaults.dataDir(data); }

    public boolean json() { return json; }

    public NodeClient client() { return NodeClient.connect(dataDir()); }

    /** Prints {@code answer} as JSON with --json, else through {@code human}. */
    public <T> void print(CommandLine.Model.CommandSpec spec, T answer, Consumer<PrintWriter> human) {
        PrintWriter raw = spec.commandLine().getOut();
        if (json) raw.println(Json.write(answer));
        else {
            PrintWriter out = Terminal.safeWriter(raw);
            human.accept(out);
            out.flush();
        }
        raw.flush();
    }

    /** Prints a change: its value, then its warnings (also on stderr) and the restarts it marked, as the service returned them. */
    public <T> void printChange(CommandLine.Model.CommandSpec spec, Change<T> change, Consumer<PrintWriter> human) {
        print(spec, change, out -> {
            human.accept(out);
            for (String w : change.warnings()) out.println("WARNING: " + w);
            if (!change.restartsMarked().isEmpty()) out.println("Restart required: " + String.join(", ", change.restartsMarked()) + " (see `ucsec utils service list`)");
        });
        if (!json && !change.warnings().isEmpty()) {
            PrintWriter err = Terminal.safeWriter(spec.commandLine().getErr());
            for (String w : change.warnings()) err.println("WARNING: " + w);
            err.flush();
        }
    }
}
