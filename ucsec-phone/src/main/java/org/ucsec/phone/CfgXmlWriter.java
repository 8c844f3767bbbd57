package org.ucsec.phone;

import org.ucsec.core.SecretAccess;

import java.nio.charset.StandardCharsets;

/**
 * Renders an effective profile as the {@code <flat-profile>} cfg.xml the phone reads: UTF-8 declaration, one element
 * per parameter with its catalogue {@code ua}, the exact names of seed 003, values escaped. Which values are written:
 * every value set by the cluster, a group or the phone, and the seed's defaults of the parameters whose default the
 * seed prints (source {@code seed}); the phone keeps its own factory value for the rest.
 */
public final class CfgXmlWriter {
    private CfgXmlWriter() {}

    /** For an administrator to read: secrets masked. */
    public static String renderMasked(Effective e) { return render(e, null); }

    /** For the phone over its authenticated channel: secrets in clear. */
    public static byte[] renderForPhone(Effective e, SecretAccess access) {
        if (access == null) throw new IllegalArgumentException("access");
        return render(e, access).getBytes(StandardCharsets.UTF_8);
    }

    private static String render(Effective e, SecretAccess access) {
        StringBuilder sb = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<flat-profile>\n");
        String row = null;
        for (Effective.Entry x : e.entries()) {
            if (x.isDefault() && !x.param().source().equals("seed")) continue;
            if (!x.param().row().equals(row)) {
                row = x.param().row();
                sb.append("  <!-- ").append(row).append(" -->\n");
            }
            String v = access != null ? x.value().reveal(access) : x.value().shown();
            sb.append("  <").append(x.name()).append(" ua=\"").append(x.param().ua()).append('"');
            if (v.isEmpty()) sb.append("/>\n");
            else sb.append('>').append(escape(v)).append("</").append(x.name()).append(">\n");
        }
        return sb.append("</flat-profile>\n").toString();
    }

    /** XML text escaping (&amp;, &lt;, &gt;, quotes); values never hold control characters (field check). */
    public static String escape(String s) {
        StringBuilder sb = new StringBuilder(s.length() + 8);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '&' -> sb.append("&amp;");
                case '<' -> sb.append("&lt;");
                case '>' -> sb.append("&gt;");
                case '"' -> sb.append("&quot;");
                case '\'' -> sb.append("&apos;");
                default -> sb.append(c);
            }
        }
        return sb.toString();
    }
}
