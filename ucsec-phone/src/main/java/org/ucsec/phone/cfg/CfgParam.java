package org.ucsec.phone.cfg;

/**
 * One parameter element of a cfg.xml as written: name, where it starts, its {@code ua} attribute (null when absent),
 * its value (entities decoded, not stripped), and whether it is self-closing. {@code template} = the value holds
 * Jinja / Smarty / {@code @VAR@} markers. {@code name} is the open tag's name (a mismatched close tag is reported,
 * not used).
 */
public record CfgParam(String name, int line, int column, String ua, String value, boolean selfClosing, boolean template) {
    @Override public String toString() { return "CfgParam[" + name + " line " + line + "]"; }
}
