package org.ucsec.node.platform;

/**
 * Implemented by a capability's connection handler ({@code Running.connectionHandlers}) that holds settings of its own
 * in memory: told after its hosted listener reloaded ({@code utils service restart SERVICE}), so it re-reads them
 * (e.g. the provisioning syslog settings another node of the cluster changed).
 */
public interface ReloadAware {
    /** After the listener's reload; returns a line for the restart's answer, or null. Runs on the restart's thread. */
    String reloaded();
}
