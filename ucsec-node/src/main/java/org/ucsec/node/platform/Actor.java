package org.ucsec.node.platform;

import org.ucsec.core.UcsecException;

/** Who asks: an authenticated API token (X5). Read-only actors can look but not change; delete rights are separate (C10). */
public record Actor(String name, Role role, boolean canDelete) {
    public enum Role { ADMIN, READ_ONLY }

    public static Actor system() { return new Actor("system", Role.ADMIN, true); }

    public void requireAdmin(String what) {
        if (role != Role.ADMIN) throw new UcsecException("auth.read-only", "'" + name + "' is read-only and may not " + what);
    }
}
