package org.ucsec.node.platform;

import org.ucsec.core.UcsecException;

/**
 * Free text from operators (descriptions): trimmed, at most {@link #MAX_DESCRIPTION} characters (the store's column),
 * no control characters (NUL, escape sequences, C1 controls, bidirectional overrides) that could corrupt logs or
 * terminals. A refusal names the field.
 */
public final class Text {
    public static final int MAX_DESCRIPTION = 1024;

    private Text() {}

    /** A description: null or blank = none. */
    public static String description(String field, String value) {
        if (value == null || value.isBlank()) return null;
        String t = value.strip();
        if (t.length() > MAX_DESCRIPTION)
            throw new UcsecException("text.too-long", field + " has " + t.length() + " characters; at most " + MAX_DESCRIPTION + " are allowed");
        for (int i = 0; i < t.length(); i++) {
            char c = t.charAt(i);
            if (Character.isISOControl(c) || (c >= '\u202a' && c <= '\u202e') || (c >= '\u2066' && c <= '\u2069') || c == '\u2028' || c == '\u2029')
                throw new UcsecException("text.control-character", field + " contains the control character U+" + String.format("%04X", (int) c)
                        + " at position " + (i + 1) + "; descriptions are plain text on one line");
        }
        return t;
    }
}
