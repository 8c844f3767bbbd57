package org.ucsec.node.platform;

import org.jdbi.v3.core.Handle;
import org.ucsec.node.platform.cli.CliTree;
import org.ucsec.node.platform.rest.Router;
import org.ucsec.tls.transport.MessageHandler;
import org.ucsec.tls.policy.Inventory;

import java.util.Map;

/**
 * One capability of ucsec (certificates, trust stores, TLS contexts, security modes, ...): one package holding its
 * service, REST routes, CLI commands, OpenAPI part and repository. {@link org.ucsec.node.Capabilities} lists them; the
 * node builds each one ({@link #start}), the router and the CLI are assembled from the list.
 *
 * <p>The CLI side ({@link #commands}, {@link #openApi}) needs no node: the CLI is a thin REST client.
 */
public interface Capability {
    /** Short id, the package name: {@code certs}, {@code trust}, ... */
    String name();

    /** Attaches this capability's CLI commands under {@code show} / {@code set} / {@code utils} / {@code cert}. */
    default void commands(CliTree cli) {}

    /** Class-path resource of this capability's OpenAPI fragment ({@code paths:} and {@code schemas:}), or null. */
    default String openApi() { return "/" + getClass().getPackageName().replace('.', '/') + "/openapi.yaml"; }

    /** Builds the running part on a node; services it offers to later capabilities go into {@code wiring}. */
    default Running start(Wiring wiring) { return Running.NONE; }

    /** What a started capability contributes to the node. */
    interface Running {
        Running NONE = new Running() {};

        /** Its REST routes. */
        default void routes(Router router) {}

        /** First-start setup (runs on every start in list order; must be idempotent and use its own transactions). */
        default void bootstrap() {}

        /** The objects it owns that the security modes check (SPEC S5): keys, hashes, cipher lists, protocols. */
        default void inventory(Handle h, Inventory.Builder inventory) {}

        /** Application handlers for the hosted TLS listeners it serves, by service id (see {@code listeners.tsv}). */
        default Map<String, MessageHandler> connectionHandlers() { return Map.of(); }

        /**
         * Hosted listeners whose port this capability decides from its settings, by service id: the port to listen on,
         * or -1 = not listening. Read at start and at every restart of the service (which opens, moves or closes the
         * listener); a service listed here is not bound from the serve options.
         */
        default Map<String, java.util.function.IntSupplier> listenerPorts() { return Map.of(); }

        /**
         * The HTTP application of a hosted {@code https} listener other than the admin REST API, by service id (a
         * phone-facing listener serves only its own routes, never the admin API).
         */
        default Map<String, org.eclipse.jetty.server.Handler> httpsHandlers() { return Map.of(); }
    }
}
