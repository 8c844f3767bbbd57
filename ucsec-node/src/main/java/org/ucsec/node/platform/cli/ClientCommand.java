package org.ucsec.node.platform.cli;

import com.fasterxml.jackson.core.type.TypeReference;
import org.ucsec.node.platform.Change;
import picocli.CommandLine;
import picocli.CommandLine.Mixin;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.function.BiConsumer;

/**
 * A CLI leaf that talks to the node: {@code --data} / {@code --json} and the one way to show an answer or a change.
 * Subclasses say which call to make and how a person reads its answer; nothing else.
 */
public abstract class ClientCommand implements Callable<Integer> {
    @Mixin protected ClientOptions c;
    @CommandLine.Spec protected CommandLine.Model.CommandSpec spec;

    protected NodeClient client() { return c.client(); }

    /** GET {@code path} as {@code type} and print it. */
    protected <T> int show(String path, TypeReference<T> type, BiConsumer<PrintWriter, T> human) {
        T a = client().get(path, type);
        c.print(spec, a, out -> human.accept(out, a));
        return 0;
    }

    /** Print a change: its value through {@code human}, then its warnings and marked restarts. */
    protected <T> int printed(Change<T> change, BiConsumer<PrintWriter, T> human) {
        c.printChange(spec, change, out -> human.accept(out, change.value()));
        return 0;
    }

    /** Upload {@code file} (bounded, named in a refusal) to {@code path} and print the change it made. */
    protected <T> int upload(Path file, String path, TypeReference<Change<T>> type, BiConsumer<PrintWriter, T> human) throws java.io.IOException {
        byte[] body = Uploads.read(file);
        return printed(Uploads.naming(file, () -> client().upload(path, body, "application/x-pem-file", type)), human);
    }

    /** PEM text as it is (to a CA, to a file): printed, or saved to {@code file} when given. */
    protected int pem(String text, Path file) throws java.io.IOException {
        if (file != null) {
            java.nio.file.Files.writeString(file, text);
            spec.commandLine().getOut().println("saved " + file);
        } else {
            spec.commandLine().getOut().print(text);
        }
        spec.commandLine().getOut().flush();
        return 0;
    }

    /** A usage error naming what was wrong (exit 2). */
    protected CommandLine.ParameterException usage(String message) { return new CommandLine.ParameterException(spec.commandLine(), message); }
}
