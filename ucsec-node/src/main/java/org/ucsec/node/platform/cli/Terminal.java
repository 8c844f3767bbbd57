package org.ucsec.node.platform.cli;

/**
 * Text that came from certificates or users (CNs, descriptions, audit lines) is never written raw to a terminal:
 * C0/C1 control characters (escape sequences, carriage returns, bells) are shown as {@code \\uXXXX}; newline and
 * tab stay.
 */
public final class Terminal {
    private Terminal() {}

    public static String safe(String s) {
        if (s == null) return null;
        StringBuilder sb = null;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            boolean control = (c < 0x20 && c != '\n' && c != '\t') || (c >= 0x7f && c <= 0x9f) || c == '\u2028' || c == '\u2029'
                    || (c >= '\u202a' && c <= '\u202e') || (c >= '\u2066' && c <= '\u2069');
            if (control) {
                if (sb == null) sb = new StringBuilder(s.length() + 8).append(s, 0, i);
                sb.append(String.format("\\u%04x", (int) c));
            } else if (sb != null) {
                sb.append(c);
            }
        }
        return sb == null ? s : sb.toString();
    }

    /** A writer that makes everything printed through it {@link #safe}. */
    public static java.io.PrintWriter safeWriter(java.io.PrintWriter out) {
        return new java.io.PrintWriter(new java.io.Writer() {
            @Override public void write(char[] buf, int off, int len) { out.write(safe(new String(buf, off, len))); }
            @Override public void flush() { out.flush(); }
            @Override public void close() { out.flush(); }
        }, true);
    }
}
