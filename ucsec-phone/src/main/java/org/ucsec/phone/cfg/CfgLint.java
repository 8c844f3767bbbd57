package org.ucsec.phone.cfg;

import org.ucsec.phone.Catalogue;
import org.ucsec.phone.Effective;
import org.ucsec.phone.FieldRules;
import org.ucsec.phone.Layer;
import org.ucsec.phone.Param;
import org.ucsec.phone.Problem;
import org.ucsec.phone.ProfileRules;
import org.ucsec.phone.Value;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code ucsec phone lint FILE}: reads a cfg.xml written by anyone (phone exports, PBX provisioning systems, seed
 * 003's examples) and reports every problem with its line: broken XML, mismatched close tags, {@code ua} glued to the
 * tag name, seed parameters in a wrong form (with the right name), values outside the allowed set, localized values,
 * duplicates (and which one the phone uses), template files. Parameters outside ucsec's catalogue are "not checked",
 * never errors. Pure: no node, no network, no DTD or entity is ever read.
 */
public final class CfgLint {
    /** Larger files are refused before they are read (real MPP exports are 100-300 KB). */
    public static final long MAX_BYTES = 2L * 1024 * 1024;

    /**
     * @param findings   errors, warnings and infos in line order
     * @param params     the parameter elements of the flat profile, in file order
     * @param notChecked names of the parameters outside ucsec's catalogue, in file order (each once)
     * @param template   the file is a template that must be rendered first
     */
    public record Report(String file, List<Finding> findings, List<CfgParam> params, List<String> notChecked, boolean template) {
        public List<Finding> errors() { return findings.stream().filter(Finding::isError).toList(); }
        public List<Finding> warnings() { return findings.stream().filter(f -> f.severity() == Finding.Severity.WARNING).toList(); }
        public boolean ok() { return errors().isEmpty(); }

        /**
         * The catalogue parameters of the file as profile values (the last occurrence of each, as the phone reads it;
         * values stripped, secrets as secrets). Only meaningful when {@link #ok()}.
         */
        public Map<String, String> catalogueValues() {
            Map<String, String> out = new LinkedHashMap<>();
            for (CfgParam p : params) {
                var m = Catalogue.standard().find(p.name());
                if (m.isEmpty() || p.template()) continue;
                out.put(p.name(), m.get().param().secret() ? p.value() : p.value().strip());
            }
            return out;
        }

        /** Plain text: one line per error and warning, then a summary (infos summarised). */
        public String text() {
            StringBuilder sb = new StringBuilder();
            for (Finding f : findings) if (f.severity() != Finding.Severity.INFO) sb.append(f.format(file)).append('\n');
            long templ = findings.stream().filter(f -> f.code().equals("phone.lint.template-value")).count();
            long checked = params.stream().filter(p -> Catalogue.standard().find(p.name()).isPresent()).count();
            sb.append(file).append(": ").append(params.size()).append(" parameters, ").append(checked).append(" checked, ")
                    .append(notChecked.size()).append(" not checked (outside ucsec's catalogue)");
            if (templ > 0) sb.append(", ").append(templ).append(" template values not checked");
            sb.append("; ").append(errors().size()).append(" errors, ").append(warnings().size()).append(" warnings\n");
            return sb.toString();
        }
    }

    private CfgLint() {}

    /** Refuses a file larger than {@link #MAX_BYTES} by its size, before reading it. */
    public static Report lint(Path file) {
        String name = file.toString();
        try {
            long size = Files.size(file);
            if (size > MAX_BYTES) return tooLarge(name, size);
            return lint(Files.readAllBytes(file), name);
        } catch (IOException e) {
            return single(name, "phone.lint.unreadable", "cannot read the file: " + e.getClass().getSimpleName() + " " + Problem.printable(String.valueOf(e.getMessage())));
        }
    }

    public static Report lint(byte[] bytes, String name) {
        if (bytes.length > MAX_BYTES) return tooLarge(name, bytes.length);
        try {
            return run(bytes, name);
        } catch (RuntimeException e) {
            // a defect of the reader must not become a stack trace for the operator
            return single(name, "phone.lint.internal", "ucsec could not read this file (" + e.getClass().getSimpleName() + "); please report it");
        }
    }

    private static Report tooLarge(String name, long size) {
        return single(name, "phone.lint.too-large", "the file is " + size + " bytes; cfg.xml files larger than " + MAX_BYTES + " bytes are refused unread");
    }

    private static Report single(String name, String code, String message) {
        return new Report(name, List.of(new Finding(Finding.Severity.ERROR, code, 1, 0, null, message, null)), List.of(), List.of(), false);
    }

    private static final Pattern DECL = Pattern.compile("^<\\?xml(\\s[^?]*)\\?>");
    private static final Pattern PSEUDO = Pattern.compile("(\\w+)\\s*=\\s*(\"([^\"]*)\"|'([^']*)')");

    private static Report run(byte[] bytes, String name) {
        List<Finding> findings = new ArrayList<>();
        int off = 0;
        if (bytes.length >= 2 && ((bytes[0] == (byte) 0xFE && bytes[1] == (byte) 0xFF) || (bytes[0] == (byte) 0xFF && bytes[1] == (byte) 0xFE))) {
            return single(name, "phone.lint.encoding", "the file is UTF-16; phones read cfg.xml as UTF-8");
        }
        if (bytes.length >= 3 && bytes[0] == (byte) 0xEF && bytes[1] == (byte) 0xBB && bytes[2] == (byte) 0xBF) off = 3;
        // the declaration is ASCII: read it before choosing the decoder
        String head = new String(bytes, off, Math.min(bytes.length - off, 200), StandardCharsets.ISO_8859_1);
        CharsetDecoder dec = StandardCharsets.UTF_8.newDecoder();
        Matcher dm = DECL.matcher(head);
        if (dm.find()) {
            Map<String, String> pseudo = new LinkedHashMap<>();
            Matcher pm = PSEUDO.matcher(dm.group(1));
            while (pm.find()) pseudo.put(pm.group(1), pm.group(3) != null ? pm.group(3) : pm.group(4));
            String v = pseudo.get("version");
            if (v == null) findings.add(new Finding(Finding.Severity.WARNING, "phone.lint.declaration", 1, 1, null, "the XML declaration has no version", "<?xml version=\"1.0\" encoding=\"UTF-8\"?>"));
            else if (!v.equals("1.0") && !v.equals("1.1")) findings.add(new Finding(Finding.Severity.ERROR, "phone.lint.declaration", 1, 1, null, "XML version " + Problem.printable(v) + " is not 1.0", null));
            String enc = pseudo.get("encoding");
            if (enc != null) {
                switch (enc.toLowerCase(Locale.ROOT)) {
                    case "utf-8", "utf8", "us-ascii", "ascii" -> { }
                    case "iso-8859-1", "latin1", "latin-1" -> dec = StandardCharsets.ISO_8859_1.newDecoder();
                    default -> { return single(name, "phone.lint.encoding", "encoding \"" + Problem.printable(enc) + "\" is not supported; write the file as UTF-8"); }
                }
            }
            String sa = pseudo.get("standalone");
            if (sa != null && !sa.equals("yes") && !sa.equals("no")) findings.add(new Finding(Finding.Severity.WARNING, "phone.lint.declaration", 1, 1, null, "standalone=\"" + Problem.printable(sa) + "\" is not yes or no", null));
        }
        String text;
        try {
            text = dec.onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes, off, bytes.length - off)).toString();
        } catch (CharacterCodingException e) {
            int bad = firstBadUtf8(bytes, off);
            int line = 1;
            for (int i = off; i < bad; i++) if (bytes[i] == '\n') line++;
            return new Report(name, List.of(new Finding(Finding.Severity.ERROR, "phone.lint.encoding", line, 0, null, "byte " + (bad - off) + " is not valid UTF-8", null)), List.of(), List.of(), false);
        }
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if ((c < 0x20 && c != '\t' && c != '\n' && c != '\r') || c == '\uFFFE' || c == '\uFFFF') {
                int line = 1;
                for (int j = 0; j < i; j++) if (text.charAt(j) == '\n') line++;
                findings.add(new Finding(Finding.Severity.ERROR, "phone.lint.xml", line, 0, null, String.format("control character U+%04X is not allowed in XML", (int) c), null));
                text = text.replace(c, ' ');
            }
        }
        CfgScanner sc = new CfgScanner(text, findings);
        sc.scan();
        List<CfgParam> params = sc.params();
        List<String> notChecked = new ArrayList<>();
        if (!sc.template) check(params, findings, notChecked);
        findings.sort(Comparator.comparingInt(Finding::line).thenComparingInt(Finding::column));
        return new Report(name, List.copyOf(findings), List.copyOf(params), List.copyOf(notChecked), sc.template);
    }

    private static int firstBadUtf8(byte[] b, int off) {
        CharsetDecoder d = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT);
        int lo = off, hi = b.length;
        while (hi - lo > 1) {
            int mid = (lo + hi) >>> 1;
            try { d.reset().decode(ByteBuffer.wrap(b, off, mid - off)); lo = mid; }
            catch (CharacterCodingException e) { hi = mid; }
        }
        return lo;
    }

    private static void check(List<CfgParam> params, List<Finding> findings, List<String> notChecked) {
        Catalogue cat = Catalogue.standard();
        Map<String, CfgParam> last = new LinkedHashMap<>();
        Map<String, Integer> firstLine = new LinkedHashMap<>();
        for (CfgParam p : params) {
            CfgParam before = last.put(p.name(), p);
            firstLine.putIfAbsent(p.name(), p.line());
            if (before != null) {
                findings.add(new Finding(Finding.Severity.WARNING, "phone.lint.duplicate", p.line(), p.column(), p.name(),
                        p.name() + " is also on line " + before.line() + "; the phone applies them in order, so the last one (line " + lastLine(params, p.name()) + ") is the one it uses", null));
            }
        }
        Map<String, Value> layer = new LinkedHashMap<>();
        Map<String, CfgParam> where = new LinkedHashMap<>();
        for (CfgParam p : params) {
            Optional<Catalogue.Match> m = cat.find(p.name());
            if (m.isEmpty()) {
                Optional<Catalogue.Match> s = cat.suggest(p.name());
                if (s.isPresent()) {
                    findings.add(new Finding(Finding.Severity.ERROR, "phone.lint.wrong-name", p.line(), p.column(), p.name(),
                            p.name() + " is not a name the phone knows; the parameter is " + s.get().name() + " (names are case-sensitive; per-line suffix _n_)", s.get().name()));
                } else if (!notChecked.contains(p.name())) {
                    notChecked.add(p.name());
                    findings.add(new Finding(Finding.Severity.INFO, "phone.lint.not-checked", p.line(), p.column(), p.name(), "outside ucsec's catalogue: not checked", null));
                }
                continue;
            }
            Param param = m.get().param();
            if (p.template()) {
                findings.add(new Finding(Finding.Severity.INFO, "phone.lint.template-value", p.line(), p.column(), p.name(), "template value, not checked", null));
                continue;
            }
            String value = param.secret() ? p.value() : p.value().strip();
            if (value.isEmpty() && param.type() == Param.Type.ENUM) {
                findings.add(new Finding(Finding.Severity.WARNING, "phone.lint.empty-value", p.line(), p.column(), p.name(), "empty value (one of " + String.join(", ", param.allowed()) + " expected); the phone keeps its current value", null));
                continue;
            }
            if (param.secret() && value.length() >= 3 && value.chars().allMatch(c -> c == '*')) {
                findings.add(new Finding(Finding.Severity.WARNING, "phone.lint.masked-secret", p.line(), p.column(), p.name(),
                        "the value is only asterisks, as a phone's own export masks passwords: the phone would be given '" + value + "' as its password", null));
            }
            Value v = Value.of(param, value);
            List<Problem> problems = FieldRules.check(m.get(), v);
            for (Problem x : problems) {
                String sugg = FieldRules.caseFix(param, value).orElse(null);
                findings.add(new Finding(x.isError() ? Finding.Severity.ERROR : Finding.Severity.WARNING, x.code(), p.line(), p.column(), p.name(), x.reason(), sugg));
            }
            if (problems.stream().noneMatch(Problem::isError)) {
                layer.put(p.name(), v);
                where.put(p.name(), p);
            }
        }
        // rules between fields, over what the file sets (the phone's defaults for the rest)
        Effective e = Effective.of(0, List.of(new Effective.Level("file", Layer.stored(layer))));
        for (Problem x : ProfileRules.cross(e)) {
            CfgParam at = where.get(x.field());
            if (at == null) at = firstSetOf(x, where);
            findings.add(new Finding(x.isError() ? Finding.Severity.ERROR : Finding.Severity.WARNING, x.code(), at == null ? 1 : at.line(), at == null ? 0 : at.column(), x.field(), x.message(), null));
        }
    }

    /** A field named in a cross-field problem that the file does not set: place the finding at a field it does set. */
    private static CfgParam firstSetOf(Problem x, Map<String, CfgParam> where) {
        for (var e : where.entrySet()) if (x.message().contains(e.getKey())) return e.getValue();
        return null;
    }

    private static int lastLine(List<CfgParam> params, String name) {
        int l = 0;
        for (CfgParam p : params) if (p.name().equals(name)) l = p.line();
        return l;
    }
}
