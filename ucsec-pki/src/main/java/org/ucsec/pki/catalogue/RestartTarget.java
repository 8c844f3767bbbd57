package org.ucsec.pki.catalogue;

/** A service to restart after a change, and on which nodes (C12). */
public record RestartTarget(String service, Scope scope) {
    public enum Scope { NODE, CLUSTER, FEDERATION }

    static RestartTarget parse(String s) {
        int at = s.indexOf('@');
        if (at < 0) return new RestartTarget(s.trim(), Scope.NODE);
        return new RestartTarget(s.substring(0, at).trim(), Scope.valueOf(s.substring(at + 1).trim().toUpperCase()));
    }
}
