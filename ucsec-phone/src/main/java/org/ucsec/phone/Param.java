package org.ucsec.phone;

import java.util.List;

/**
 * One cfg.xml parameter of the catalogue ({@code parameters.tsv}).
 *
 * @param name         XML element name; per-line parameters end in {@code _n_} ({@code SIP_Transport_n_})
 * @param row          SPEC row ({@code P4})
 * @param ua           the {@code ua} attribute ucsec writes: {@code na}, {@code rw} or {@code ro}
 * @param perLine      the name carries the line number ({@code _1_} .. {@code _n_})
 * @param defaultValue the phone default, "" when empty
 * @param type         how values are checked
 * @param allowed      enum: the values as the phone expects them; url/rule: schemes; text/cipher-list: max length
 * @param secret       encrypted at rest and masked (P15)
 * @param source       {@code seed}, {@code seed-field} or {@code seed-nodefault} (see the data file)
 */
public record Param(String name, String row, String ua, boolean perLine, String defaultValue, Type type, List<String> allowed,
                    boolean secret, String source, String note) {
    public enum Type { ENUM, FQDN_LIST, DHCP4, DHCP6, LDAP_URL, FIREWALL_CONFIG, CIPHER_LIST, URL, RULE, SIP_HOST, HOST, PORT, TEXT }

    public Param {
        allowed = List.copyOf(allowed);
    }

    /** The name without the {@code n_} placeholder of a per-line parameter ({@code SIP_Transport_}); the name otherwise. */
    public String base() { return perLine ? name.substring(0, name.length() - 2) : name; }

    /** The element name for line {@code n} ({@code SIP_Transport_2_}); the name itself for a global parameter. */
    public String instance(int line) { return perLine ? base() + line + "_" : name; }

    /** Max length for TEXT and CIPHER_LIST parameters. */
    public int maxLength() {
        return (type == Type.TEXT || type == Type.CIPHER_LIST) && !allowed.isEmpty() ? Integer.parseInt(allowed.get(0)) : 4096;
    }
}
