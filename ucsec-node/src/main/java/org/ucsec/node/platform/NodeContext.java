package org.ucsec.node.platform;

import org.ucsec.node.NodeConfig;
import org.ucsec.pki.catalogue.Catalogue;
import org.ucsec.pki.catalogue.Product;
import org.ucsec.store.MasterKey;
import org.ucsec.store.Store;

import java.time.Clock;
import java.time.Instant;

/** What every application service shares: the store, the master key, the clock and this node's identity. */
public record NodeContext(Store store, MasterKey masterKey, Clock clock, Catalogue catalogue, NodeConfig config) {
    public String node() { return config.nodeName(); }
    public Product product() { return config.product(); }
    public Instant now() { return clock.instant(); }
}
