package org.ucsec.node;

import org.junit.jupiter.api.Test;
import org.ucsec.node.platform.rest.OpenApi;
import org.ucsec.node.testing.NodeTest;
import org.ucsec.node.testing.TestNode;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import static org.assertj.core.api.Assertions.assertThat;

/** Every REST route is documented in the OpenAPI document with its method (SPEC X2), and the document names no route that does not exist. */
@NodeTest
class OpenApiConsistencyTest {
    @Test
    void everyRoute_isInTheOpenApiDocument_andEveryDocumentedPathIsARoute(TestNode n) {
        String yaml = OpenApi.document(Capabilities.all());
        List<String> routes = n.node.router().describe();
        List<String> missing = new ArrayList<>();
        for (String r : routes) {
            String method = r.substring(0, r.indexOf(' ')).toLowerCase(Locale.ROOT);
            String path = r.substring(r.indexOf(' ') + 1);
            int at = yaml.indexOf("\n  " + path + ":");
            if (at < 0) { missing.add(r + " (path)"); continue; }
            int next = yaml.indexOf("\n  /", at + 3);
            String block = yaml.substring(at, next < 0 ? yaml.length() : next);
            if (!block.contains("\n    " + method + ":")) missing.add(r + " (method)");
        }
        assertThat(missing).as("routes not documented in the OpenAPI document").isEmpty();
        List<String> documented = yaml.lines().filter(l -> l.startsWith("  /")).map(l -> l.trim().replaceAll(":$", "")).toList();
        List<String> routePaths = routes.stream().map(r -> r.substring(r.indexOf(' ') + 1)).toList();
        assertThat(routePaths).containsAll(documented);
    }

    @Test
    void theAssembledDocument_isValidYaml_withEveryCapabilitysSchemas() {
        String yaml = OpenApi.document(Capabilities.all());
        assertThat(yaml).contains("\n    OwnCert:\n").contains("\n    TrustEntry:\n").contains("\n    Change:\n").doesNotContain("# capability");
        // every $ref points at a schema, response or parameter that the document defines
        var refs = java.util.regex.Pattern.compile("#/components/(schemas|responses|parameters)/(\\w+)").matcher(yaml);
        while (refs.find()) assertThat(yaml).as("definition of " + refs.group()).contains("\n    " + refs.group(2) + ":");
    }
}
