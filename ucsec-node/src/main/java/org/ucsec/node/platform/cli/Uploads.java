package org.ucsec.node.platform.cli;

import org.ucsec.core.UcsecException;
import org.ucsec.node.platform.rest.Router;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Supplier;

/** Files the CLI uploads: read bounded, and named in a refusal (the node only sees bytes). */
public final class Uploads {
    private Uploads() {}

    /** Reads an upload file, refusing an oversized one before reading it all (the node refuses it too). */
    public static byte[] read(Path file) throws java.io.IOException {
        if (!Files.isReadable(file)) throw new UcsecException("upload.unreadable", "cannot read " + file);
        long size = Files.size(file);
        if (size > Router.MAX_UPLOAD) throw new UcsecException("upload.too-large",
                file + " is " + size + " bytes, larger than the " + (Router.MAX_UPLOAD / 1024) + " KiB limit; nothing was sent");
        return Files.readAllBytes(file);
    }

    /** Runs the upload call; a refusal names the file. */
    public static <T> T naming(Path file, Supplier<T> call) {
        try {
            return call.get();
        } catch (NodeClient.CliError e) {
            throw new NodeClient.CliError(e.exit, e.getMessage() + " (file " + file + ")", e.problem);
        }
    }
}
