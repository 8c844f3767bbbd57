package org.ucsec.node.provisioning;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.ucsec.node.platform.Capability;
import org.ucsec.node.platform.Wiring;
import org.ucsec.node.platform.cli.CliTree;
import org.ucsec.node.platform.rest.Router;
import org.ucsec.tls.transport.MessageHandler;

import java.util.Map;
import java.util.Optional;

/**
 * HTTPS provisioning of multiplatform phones (SPEC P6, seed 003 "HTTPS provisioning"): the application of the hosted
 * {@code provisioning} listener (listeners.tsv: tomcat / tomcat-ECDSA keys, client certificates required and decided
 * by ucsec's validator over {@code phone-provisioning-trust}, on the fast TLS transport with HTTP/1.1 framing), the
 * syslog settings of its request / success / failure events, and what it served and refused.
 *
 * <p>The phones and their cfg.xml come from the {@link PhoneDirectory} the {@code phone} capability provides (listed
 * before this one). Without it no phone is known and every phone is refused as unknown (logged at start).
 */
public final class ProvisioningCapability implements Capability {
    private static final Logger LOG = LoggerFactory.getLogger(ProvisioningCapability.class);

    @Override public String name() { return "provisioning"; }

    @Override public void commands(CliTree cli) { ProvisioningCommands.attach(cli); }

    @Override public Running start(Wiring w) {
        Optional<PhoneDirectory> provided = w.find(PhoneDirectory.class);
        if (provided.isEmpty()) LOG.warn("provisioning: no phone capability provides a phone directory; every phone is refused as unknown");
        PhoneDirectory directory = provided.orElse(mac -> Optional.empty());
        ProvisioningService service = w.provide(ProvisioningService.class, new ProvisioningService(w.ctx()));
        MessageHandler handler = new ProvisioningHandler(directory, service);
        return new Running() {
            @Override public void routes(Router r) {
                r.get("/api/v1/provisioning", c -> service.status());
                r.get("/api/v1/provisioning/syslog", c -> service.syslog());
                r.put("/api/v1/provisioning/syslog", c -> service.updateSyslog(c.actor(), c.json(ProvisioningService.SyslogChange.class)));
            }

            @Override public Map<String, MessageHandler> connectionHandlers() { return Map.of("provisioning", handler); }
        };
    }
}
