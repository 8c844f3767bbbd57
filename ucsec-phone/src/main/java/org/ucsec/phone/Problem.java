package org.ucsec.phone;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One thing wrong with a phone profile value: a stable code ({@code phone.firewall-config}), the field (element
 * name), the reason, and for list-valued fields the token at fault with its 0-based index in the list and its
 * 1-based column in the value.
 */
public record Problem(Severity severity, String code, String field, String message, String token, int index, int column) {
    public enum Severity { ERROR, WARNING }

    public static Problem error(String code, String field, String message) { return new Problem(Severity.ERROR, code, field, message, null, -1, -1); }

    public static Problem warning(String code, String field, String message) { return new Problem(Severity.WARNING, code, field, message, null, -1, -1); }

    public static Problem token(String code, String field, String message, String token, int index, int column) {
        return new Problem(Severity.ERROR, code, field, message, token, index, column);
    }

    public boolean isError() { return severity == Severity.ERROR; }

    /** "FIELD: message (token 'X', item 3, column 12)". */
    public String describe() { return (field == null ? "" : field + ": ") + reason(); }

    /** "message (token 'X', item 3, column 12)". */
    public String reason() {
        StringBuilder sb = new StringBuilder(message);
        if (token != null && index < 0) sb.append(" (token '").append(printable(token)).append("', column ").append(column).append(')');
        else if (token != null) sb.append(" (token '").append(printable(token)).append("', item ").append(index + 1).append(", column ").append(column).append(')');
        return sb.toString();
    }

    public Map<String, Object> details() {
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("code", code);
        d.put("severity", severity.name().toLowerCase());
        if (field != null) d.put("field", field);
        d.put("message", message);
        if (token != null) { d.put("token", token); d.put("index", index); d.put("column", column); }
        return d;
    }

    /** The text with control characters shown as \\uXXXX and cut at 120 characters (for messages). */
    public static String printable(String s) {
        if (s == null) return "";
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < s.length() && sb.length() < 120; i++) {
            char c = s.charAt(i);
            if (c < 0x20 || c == 0x7f || (c >= 0x80 && c < 0xa0) || c == '\u2028' || c == '\u2029' || c == '\u202e') sb.append(String.format("\\u%04x", (int) c));
            else sb.append(c);
        }
        if (sb.length() >= 120) sb.append("...");
        return sb.toString();
    }
}
