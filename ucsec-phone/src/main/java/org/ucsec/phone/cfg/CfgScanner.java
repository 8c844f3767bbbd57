package org.ucsec.phone.cfg;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * A small tolerant reader for cfg.xml (decision 0008): the XML subset provisioning files use (declaration, comments,
 * elements with attributes, text, CDATA, the predefined and numeric character references), read in one pass with
 * line and column for every finding, and recovery where real files (and seed 003's own examples) go wrong: a close
 * tag that does not match its open tag, {@code ua} glued to the tag name, an unclosed element. A DOCTYPE stops the
 * reading (refused, never resolved: no DTD, no external or internal entity is ever read); an entity other than the
 * five predefined ones is an error and is not expanded.
 *
 * <p>Never throws on any input: every problem becomes a {@link Finding}.
 */
final class CfgScanner {
    private final String s;
    private final int[] lineStarts;
    private final List<Finding> findings;
    private final List<CfgParam> params = new ArrayList<>();
    private int pos;
    private boolean stop;
    private boolean sawRoot;
    private boolean sawFlatProfile;
    boolean template;

    /** An open element: its name, where it opened, and (for a parameter) the text collected so far. */
    private static final class Open {
        final String name; final int line, column; final String ua; final boolean param;
        final StringBuilder text = new StringBuilder();
        boolean hasChild, templateValue, other;
        Open(String name, int line, int column, String ua, boolean param) { this.name = name; this.line = line; this.column = column; this.ua = ua; this.param = param; }
        Open other() { other = true; return this; }
    }

    private final Deque<Open> stack = new ArrayDeque<>();

    CfgScanner(String text, List<Finding> findings) {
        this.s = text;
        this.findings = findings;
        List<Integer> starts = new ArrayList<>();
        starts.add(0);
        for (int i = 0; i < text.length(); i++) if (text.charAt(i) == '\n') starts.add(i + 1);
        lineStarts = starts.stream().mapToInt(Integer::intValue).toArray();
    }

    List<CfgParam> params() { return params; }

    int line(int offset) {
        int i = Arrays.binarySearch(lineStarts, offset);
        return (i >= 0 ? i : -i - 2) + 1;
    }

    int column(int offset) { return offset - lineStarts[line(offset) - 1] + 1; }

    private void add(Finding.Severity sev, String code, int offset, String element, String message, String suggestion) {
        findings.add(new Finding(sev, code, line(offset), column(offset), element, message, suggestion));
    }

    private void error(String code, int offset, String element, String message) { add(Finding.Severity.ERROR, code, offset, element, message, null); }

    void scan() {
        if (s.startsWith("<?xml") && s.length() > 5 && (s.charAt(5) == ' ' || s.charAt(5) == '\t' || s.charAt(5) == '\r' || s.charAt(5) == '\n' || s.charAt(5) == '?')) {
            pos = s.indexOf("?>");
            if (pos < 0) { error("phone.lint.xml", 0, null, "the XML declaration is not closed with ?>"); return; }
            pos += 2;
        }
        while (!stop && pos < s.length()) {
            int lt = s.indexOf('<', pos);
            int end = lt < 0 ? s.length() : lt;
            if (end > pos) text(pos, end);
            if (lt < 0 || stop) break;
            pos = lt;
            markup();
        }
        if (stop) return;
        while (!stack.isEmpty()) {
            Open o = stack.pop();
            findings.add(new Finding(Finding.Severity.ERROR, "phone.lint.unclosed", o.line, o.column, o.name, "<" + o.name + "> is never closed (end of file)", "</" + o.name + ">"));
            if (o.param) finishParam(o, false);
        }
        if (!sawRoot) error("phone.lint.not-flat-profile", Math.min(pos, Math.max(0, s.length() - 1)), null, "no <flat-profile> element: this is not a cfg.xml");
        else if (!sawFlatProfile) error("phone.lint.not-flat-profile", 0, null, "no <flat-profile> element inside the root: this is not a cfg.xml");
    }

    // ------------------------------------------------------------------ text
    private static final Pattern TEMPLATE = Pattern.compile("\\{\\{|\\{%|\\{#|\\{\\$|\\{/?(if|else|elseif|foreach|section|literal|assign|include)\\b|@[A-Za-z_][A-Za-z0-9_]*@");

    static boolean isTemplate(String t) { return TEMPLATE.matcher(t).find(); }

    private void text(int from, int to) {
        String raw = s.substring(from, to);
        Open top = stack.peek();
        if (top != null && top.other) return; // outside the flat profile (other <device> sections, nested elements): not read
        if (top != null && top.param) {
            if (isTemplate(raw)) top.templateValue = true;
            top.text.append(decode(raw, from));
            return;
        }
        if (raw.isBlank()) return;
        if (isTemplate(raw)) {
            int at = from + firstTemplate(raw);
            templateFile(at, "template markup between elements");
            return;
        }
        String shown = raw.strip();
        if (shown.length() > 40) shown = shown.substring(0, 40) + "...";
        error("phone.lint.xml", from + (raw.length() - raw.stripLeading().length()), top == null ? null : top.name,
                "text outside a parameter: '" + org.ucsec.phone.Problem.printable(shown) + "'");
    }

    private static int firstTemplate(String t) { var m = TEMPLATE.matcher(t); return m.find() ? m.start() : 0; }

    private void templateFile(int at, String what) {
        template = true;
        add(Finding.Severity.ERROR, "phone.lint.template-file", at, null,
                "this file is a template (" + what + "): render it with its provisioning system first, then lint the result", null);
        stop = true;
    }

    /** Character references decoded; an undefined entity is an error and stays as written (never resolved). */
    private String decode(String raw, int base) {
        if (raw.indexOf('&') < 0) return raw;
        StringBuilder sb = new StringBuilder(raw.length());
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (c != '&') { sb.append(c); continue; }
            int semi = raw.indexOf(';', i);
            String ref = semi > i && semi - i <= 12 ? raw.substring(i + 1, semi) : null;
            String rep = ref == null ? null : switch (ref) {
                case "amp" -> "&"; case "lt" -> "<"; case "gt" -> ">"; case "quot" -> "\""; case "apos" -> "'";
                default -> numeric(ref);
            };
            if (rep != null) { sb.append(rep); i = semi; continue; }
            if (ref != null && ref.matches("[A-Za-z_][A-Za-z0-9._-]*")) {
                error("phone.lint.entity", base + i, stack.isEmpty() ? null : stack.peek().name, "entity &" + ref + "; is not defined (ucsec never resolves entities)");
                sb.append('&').append(ref).append(';');
                i = semi;
            } else {
                error("phone.lint.xml", base + i, stack.isEmpty() ? null : stack.peek().name, "'&' must be written &amp;");
                sb.append('&');
            }
        }
        return sb.toString();
    }

    private static String numeric(String ref) {
        try {
            int cp;
            if (ref.startsWith("#x") || ref.startsWith("#X")) cp = Integer.parseInt(ref.substring(2), 16);
            else if (ref.startsWith("#")) cp = Integer.parseInt(ref.substring(1));
            else return null;
            if (cp == 0x9 || cp == 0xA || cp == 0xD || (cp >= 0x20 && cp <= 0xD7FF) || (cp >= 0xE000 && cp <= 0xFFFD) || (cp >= 0x10000 && cp <= 0x10FFFF)) return new String(Character.toChars(cp));
            return null;
        } catch (NumberFormatException e) {
            return null;
        }
    }

    // ------------------------------------------------------------------ markup
    private void markup() {
        int at = pos;
        if (s.startsWith("<!--", at)) {
            int e = s.indexOf("-->", at + 4);
            if (e < 0) { error("phone.lint.xml", at, null, "comment is not closed with -->"); stop = true; return; }
            pos = e + 3;
            return;
        }
        if (s.startsWith("<![CDATA[", at)) {
            int e = s.indexOf("]]>", at + 9);
            if (e < 0) { error("phone.lint.xml", at, null, "CDATA section is not closed with ]]>"); stop = true; return; }
            Open top = stack.peek();
            String body = s.substring(at + 9, e);
            if (top != null && top.param) { top.text.append(body); if (isTemplate(body)) top.templateValue = true; }
            else if (!body.isBlank()) error("phone.lint.xml", at, null, "CDATA outside a parameter");
            pos = e + 3;
            return;
        }
        if (regionMatchesIgnoreCase(at, "<!DOCTYPE")) {
            error("phone.lint.doctype", at, null, "DOCTYPE is refused: a cfg.xml has no DTD, and ucsec never reads DTDs or external entities");
            stop = true;
            return;
        }
        if (s.startsWith("<!", at)) {
            error("phone.lint.xml", at, null, "markup declaration '<!' is not allowed in a cfg.xml");
            stop = true;
            return;
        }
        if (s.startsWith("<?", at)) {
            int e = s.indexOf("?>", at + 2);
            if (e < 0) { error("phone.lint.xml", at, null, "processing instruction is not closed with ?>"); stop = true; return; }
            String target = s.substring(at + 2, Math.min(e, at + 2 + 8));
            if (target.toLowerCase(Locale.ROOT).startsWith("xml") && (target.length() == 3 || !Character.isLetterOrDigit(target.charAt(3))))
                error("phone.lint.declaration", at, null, "the XML declaration must be the very first thing in the file");
            else add(Finding.Severity.WARNING, "phone.lint.pi", at, null, "processing instruction ignored", null);
            pos = e + 2;
            return;
        }
        if (s.startsWith("</", at)) { endTag(at); return; }
        startTag(at);
    }

    private boolean regionMatchesIgnoreCase(int at, String what) { return s.regionMatches(true, at, what, 0, what.length()); }

    private static boolean nameChar(char c) { return Character.isLetterOrDigit(c) || c == '_' || c == '-' || c == '.' || c == ':'; }

    /** The end of the tag starting at {@code at} (index of its '>'), or -1; quotes are respected. */
    private int tagEnd(int at) {
        char q = 0;
        for (int i = at + 1; i < s.length(); i++) {
            char c = s.charAt(i);
            if (q != 0) { if (c == q) q = 0; continue; }
            if (c == '"' || c == '\'') q = c;
            else if (c == '>') return i;
            else if (c == '<') return -1;
        }
        return -1;
    }

    private void startTag(int at) {
        int gt = tagEnd(at);
        if (gt < 0) {
            String rest = s.substring(at, Math.min(s.length(), at + 60));
            if (isTemplate(rest.split("\\s", 2)[0])) { templateFile(at, "template markup in an element name"); return; }
            error("phone.lint.xml", at, null, "tag is not closed with '>'");
            stop = true;
            return;
        }
        String tag = s.substring(at + 1, gt);
        boolean selfClosing = tag.endsWith("/");
        if (selfClosing) tag = tag.substring(0, tag.length() - 1);
        int i = 0;
        while (i < tag.length() && nameChar(tag.charAt(i))) i++;
        String name = tag.substring(0, i);
        String rest = tag.substring(i);
        String nameToken = tag.split("[\\s/>]", 2)[0];
        if (isTemplate(nameToken)) { templateFile(at, "template markup in an element name"); return; }
        if (name.isEmpty()) {
            error("phone.lint.xml", at, null, "'<' must start a tag or be written &lt;");
            pos = gt + 1;
            return;
        }
        String ua = null;
        boolean glued = false;
        if (rest.startsWith("=") && name.length() > 2 && name.endsWith("ua")) {
            glued = true;
            name = name.substring(0, name.length() - 2);
            rest = " ua" + rest;
        }
        Attr attrs = attributes(rest, at + 1 + i, name);
        ua = attrs.ua; // after an attribute error the element is still read (its ua as far as it was read)
        if (glued) {
            add(Finding.Severity.ERROR, "phone.lint.ua-glued", at, name, "'ua' is glued to the tag name: the phone reads an element named " + name + "ua=...",
                    "<" + name + " ua=\"" + (ua == null ? "na" : ua) + "\">");
        }
        pos = gt + 1;
        Open parent = stack.peek();
        if (parent != null && parent.other) {
            if (!selfClosing) stack.push(new Open(name, line(at), column(at), ua, false).other());
            return;
        }
        String local = name.contains(":") ? name.substring(name.indexOf(':') + 1) : name;
        if (parent == null) {
            if (sawRoot) { error("phone.lint.xml", at, name, "a second root element <" + name + ">: a cfg.xml has one <flat-profile>"); stop = true; return; }
            sawRoot = true;
            if (local.equals("flat-profile")) sawFlatProfile = true;
            else if (!local.equals("device")) { error("phone.lint.not-flat-profile", at, name, "the root is <" + name + ">, not <flat-profile> (or <device><flat-profile>)"); stop = true; return; }
            if (!selfClosing) stack.push(new Open(name, line(at), column(at), ua, false));
            return;
        }
        String parentLocal = parent.name.contains(":") ? parent.name.substring(parent.name.indexOf(':') + 1) : parent.name;
        if (!parent.param && parentLocal.equals("device") && stack.size() == 1) {
            if (local.equals("flat-profile")) {
                sawFlatProfile = true;
                if (!selfClosing) stack.push(new Open(name, line(at), column(at), ua, false));
            } else if (!selfClosing) {
                stack.push(new Open(name, line(at), column(at), ua, false).other()); // other device sections: not checked
            }
            return;
        }
        boolean inFlat = !parent.param && parentLocal.equals("flat-profile");
        if (parent.param) {
            parent.hasChild = true;
            add(Finding.Severity.WARNING, "phone.lint.nested", at, parent.name, "element <" + name + "> inside parameter <" + parent.name + ">: a flat profile has no nested elements", null);
        }
        Open o = new Open(name, line(at), column(at), ua, inFlat);
        if (!inFlat) o.other();
        if (selfClosing) { if (inFlat) finishParam(o, true); }
        else stack.push(o);
    }

    private record Attr(String ua) {}

    private Attr attributes(String rest, int base, String element) {
        String[] ua = {null};
        return new Attr(attributes(rest, base, element, ua) ? ua[0] : ua[0]);
    }

    /** Reads the attributes; false after the first malformed one (reported). */
    private boolean attributes(String rest, int base, String element, String[] uaOut) {
        String ua = null;
        java.util.Set<String> seen = new java.util.HashSet<>();
        int i = 0;
        while (i < rest.length()) {
            char c = rest.charAt(i);
            if (Character.isWhitespace(c)) { i++; continue; }
            int ns = i;
            while (i < rest.length() && nameChar(rest.charAt(i))) i++;
            if (ns == i) { error("phone.lint.xml", base + ns, element, "unexpected '" + org.ucsec.phone.Problem.printable(String.valueOf(c)) + "' in the tag"); uaOut[0] = ua; return false; }
            String an = rest.substring(ns, i);
            while (i < rest.length() && Character.isWhitespace(rest.charAt(i))) i++;
            if (i >= rest.length() || rest.charAt(i) != '=') { error("phone.lint.xml", base + ns, element, "attribute " + an + " has no value (write " + an + "=\"...\")"); uaOut[0] = ua; return false; }
            i++;
            while (i < rest.length() && Character.isWhitespace(rest.charAt(i))) i++;
            if (i >= rest.length() || (rest.charAt(i) != '"' && rest.charAt(i) != '\'')) { error("phone.lint.xml", base + ns, element, "attribute " + an + "'s value is not quoted"); uaOut[0] = ua; return false; }
            char q = rest.charAt(i);
            int ve = rest.indexOf(q, i + 1);
            if (ve < 0) { error("phone.lint.xml", base + ns, element, "attribute " + an + "'s value is not closed"); uaOut[0] = ua; return false; }
            String v = rest.substring(i + 1, ve);
            i = ve + 1;
            if (!seen.add(an)) { error("phone.lint.xml", base + ns, element, "attribute " + an + " is given twice"); continue; }
            switch (an) {
                case "ua" -> {
                    ua = v;
                    if (isTemplate(v)) add(Finding.Severity.INFO, "phone.lint.template-value", base + ns, element, "template value in ua, not checked", null);
                    else if (!v.equals("na") && !v.equals("rw") && !v.equals("ro")) {
                        String low = v.strip().toLowerCase(Locale.ROOT);
                        add(Finding.Severity.WARNING, "phone.lint.ua-value", base + ns, element, "ua=\"" + org.ucsec.phone.Problem.printable(v) + "\" is not na, rw or ro",
                                low.equals("na") || low.equals("rw") || low.equals("ro") ? "ua=\"" + low + "\"" : null);
                    }
                }
                case "group", "um", "xmlns", "xsi:schemaLocation" -> { }
                default -> {
                    if (!an.startsWith("xmlns:")) add(Finding.Severity.INFO, "phone.lint.attribute", base + ns, element, "attribute " + an + " is not one the phone reads (ignored)", null);
                }
            }
        }
        uaOut[0] = ua;
        return true;
    }

    private void endTag(int at) {
        int gt = s.indexOf('>', at);
        int lt = s.indexOf('<', at + 2);
        if (gt < 0 || (lt >= 0 && lt < gt)) { error("phone.lint.xml", at, null, "close tag is not closed with '>'"); stop = true; return; }
        String name = s.substring(at + 2, gt).strip();
        pos = gt + 1;
        if (isTemplate(name)) { templateFile(at, "template markup in a close tag"); return; }
        if (stack.isEmpty()) { error("phone.lint.xml", at, name, "close tag </" + name + "> without an open element"); return; }
        Open top = stack.peek();
        if (top.name.equals(name)) { stack.pop(); if (top.param) finishParam(top, false); return; }
        boolean deeper = stack.stream().skip(1).anyMatch(o -> o.name.equals(name));
        if (deeper) {
            // the elements above the matching one were never closed
            while (!stack.peek().name.equals(name)) {
                Open o = stack.pop();
                findings.add(new Finding(Finding.Severity.ERROR, "phone.lint.unclosed", o.line, o.column, o.name, "<" + o.name + "> (line " + o.line + ") is not closed before </" + name + "> on line " + line(at), "</" + o.name + ">"));
                if (o.param) finishParam(o, false);
            }
            Open o = stack.pop();
            if (o.param) finishParam(o, false);
            return;
        }
        // seed 003's own typo: <Auth_INVITE_1>Yes</Auth_INVITE_1_>; the close tag ends the element it is meant for
        stack.pop();
        String right = rightName(top.name, name);
        add(Finding.Severity.ERROR, "phone.lint.mismatched-close-tag", at, top.name,
                "<" + top.name + "> (line " + top.line + ") is closed by </" + name + ">", "<" + right + ">...</" + right + ">");
        if (top.param) finishParam(top, false);
    }

    /** Of an open and a close tag name, the one the catalogue knows (or the catalogue name either is a wrong form of). */
    private static String rightName(String open, String close) {
        var cat = org.ucsec.phone.Catalogue.standard();
        if (cat.find(open).isPresent()) return open;
        if (cat.find(close).isPresent()) return close;
        return cat.suggest(open).map(org.ucsec.phone.Catalogue.Match::name).orElse(open);
    }

    private void finishParam(Open o, boolean selfClosing) {
        params.add(new CfgParam(o.name, o.line, o.column, o.ua, o.text.toString(), selfClosing, o.templateValue));
    }
}
