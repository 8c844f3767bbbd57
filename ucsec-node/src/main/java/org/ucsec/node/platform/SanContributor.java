package org.ucsec.node.platform;

import org.jdbi.v3.core.Handle;
import org.ucsec.node.platform.ClusterRepo.NodeRow;
import org.ucsec.pki.catalogue.Purpose;

import java.util.List;

/**
 * A started capability that adds subject alternative names to the identity certificates of some purposes (C9: the
 * XMPP federation domains in cup-xmpp-s2s). The certificate service asks every capability that implements it.
 */
public interface SanContributor {
    List<String> extraSans(Handle h, Purpose purpose, NodeRow node);
}
