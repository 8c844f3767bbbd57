package org.ucsec.node.platform.rest;

import org.ucsec.node.platform.Capability;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The OpenAPI document, assembled from the node's base ({@code openapi-base.yaml}: info, security, shared schemas) and
 * each capability's fragment ({@code <package>/openapi.yaml} with top-level {@code schemas:} and {@code paths:} blocks).
 */
public final class OpenApi {
    private OpenApi() {}

    public static String document(List<Capability> capabilities) {
        StringBuilder schemas = new StringBuilder();
        StringBuilder paths = new StringBuilder();
        for (Capability c : capabilities) {
            if (c.openApi() == null) continue;
            String fragment = resource(c.openApi());
            if (fragment == null) throw new IllegalStateException("capability " + c.name() + " names OpenAPI fragment " + c.openApi() + ", which is not packaged");
            StringBuilder target = null;
            for (String line : fragment.split("\n", -1)) {
                if (line.startsWith("#") || line.isBlank()) continue;
                if (line.equals("schemas:")) { target = schemas; continue; }
                if (line.equals("paths:")) { target = paths; continue; }
                if (target == null || !line.startsWith("  ")) throw new IllegalStateException(c.openApi() + ": expected a 'schemas:' or 'paths:' block, got: " + line);
                target.append(target == schemas ? "  " : "").append(line).append('\n');
            }
        }
        String base = resource("/org/ucsec/node/platform/rest/openapi-base.yaml");
        return base.replace("    # capability schemas\n", schemas.toString()).replace("  # capability paths\n", paths.toString());
    }

    private static String resource(String name) {
        try (InputStream in = OpenApi.class.getResourceAsStream(name)) {
            return in == null ? null : new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
