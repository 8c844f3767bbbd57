package org.ucsec.node;

import org.ucsec.node.audit.AuditCapability;
import org.ucsec.node.auth.AuthCapability;
import org.ucsec.node.certs.CertsCapability;
import org.ucsec.node.cipher.CipherCapability;
import org.ucsec.node.importtool.ImportToolCapability;
import org.ucsec.node.modes.ModesCapability;
import org.ucsec.node.nodeinfo.NodeInfoCapability;
import org.ucsec.node.phone.PhoneCapability;
import org.ucsec.node.platform.Capability;
import org.ucsec.node.provisioning.ProvisioningCapability;
import org.ucsec.node.restarts.RestartsCapability;
import org.ucsec.node.sipoauth.SipOAuthCapability;
import org.ucsec.node.phonesecurity.PhoneSecurityCapability;
import org.ucsec.node.sipproxy.SipProxyCapability;
import org.ucsec.node.tlscontext.TlsContextCapability;
import org.ucsec.node.trust.TrustCapability;
import org.ucsec.node.xmpp.XmppCapability;

import java.util.List;

/**
 * Every capability of ucsec, in start order (a capability may use the services of those above it). The node, its REST
 * router, its OpenAPI document and the CLI are all assembled from this list: a new capability is its own package and
 * one line here.
 */
public final class Capabilities {
    private Capabilities() {}

    public static List<Capability> all() {
        return List.of(
                new AuditCapability(),
                new RestartsCapability(),
                new AuthCapability(),
                new ModesCapability(),
                new TrustCapability(),
                new CertsCapability(),
                new XmppCapability(),
                new TlsContextCapability(),
                new ImportToolCapability(),
                new SipProxyCapability(),
                new NodeInfoCapability(),
                new CipherCapability(),
                new SipOAuthCapability(),
                new PhoneSecurityCapability(),
                new PhoneCapability(),
                new ProvisioningCapability());
    }
}
