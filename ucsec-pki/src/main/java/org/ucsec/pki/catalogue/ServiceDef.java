package org.ucsec.pki.catalogue;

import java.util.List;

/** A service ucsec knows: hosted (it runs it; restart = hot reload) or managed (restart = configured hook). */
public record ServiceDef(String id, boolean hosted, String displayName, List<String> aliases) {
    public ServiceDef { aliases = List.copyOf(aliases); }

    public boolean answersTo(String name) {
        if (id.equalsIgnoreCase(name) || displayName.equalsIgnoreCase(name)) return true;
        for (String a : aliases) if (a.equalsIgnoreCase(name)) return true;
        return false;
    }
}
