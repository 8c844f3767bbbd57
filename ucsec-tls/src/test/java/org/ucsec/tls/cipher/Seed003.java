package org.ucsec.tls.cipher;

import org.ucsec.pki.testing.Seeds;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Seed 003 (the Korean multiplatform phone security chapter): the parts the cipher tests read, from the verbatim extract
 * {@code src/test/resources/seeds/003-phone-cipher-strings.txt} ({@link Seed003ExtractTest} keeps it equal to the seed).
 */
final class Seed003 {
    private Seed003() {}

    static final String EXTRACT = "003-phone-cipher-strings.txt";

    static List<String> lines() {
        return Seeds.lines(EXTRACT);
    }

    /** Table 6 "지원되는 암호화 문자열 (OpenSSL 1.1.1d)": every cell split on ", ", as printed. */
    static List<String> table6Words() {
        List<String> lines = lines();
        int i = indexOf(lines, l -> l.startsWith("표 6:"), 0);
        i = indexOf(lines, l -> l.startsWith("문자열\t"), i) + 1;
        List<String> words = new ArrayList<>();
        for (; i < lines.size() && !lines.get(i).isBlank(); i++) {
            for (String cell : lines.get(i).split("\t")) {
                for (String w : cell.split(",")) {
                    if (!w.isBlank()) {
                        words.add(w.trim());
                    }
                }
            }
        }
        return words;
    }

    /** The web server (HTTPS) fallback: the bold suite names listed under it. */
    static List<String> webServerFallback() {
        List<String> lines = lines();
        int i = indexOf(lines, l -> l.contains("웹 서버(HTTPS)"), 0) + 1;
        Pattern bold = Pattern.compile("^\\s*- \\*\\*(.+)\\*\\*\\s*$");
        List<String> out = new ArrayList<>();
        for (; i < lines.size() && !lines.get(i).contains("XMPP"); i++) {
            Matcher m = bold.matcher(lines.get(i));
            if (m.matches()) {
                out.add(m.group(1));
            }
        }
        return out;
    }

    /** The XMPP fallback cipher string (in bold on the XMPP line). */
    static String xmppFallback() {
        String line = lines().stream().filter(l -> l.contains("XMPP는")).findFirst().orElseThrow();
        Matcher m = Pattern.compile("\\*\\*(.+?)\\*\\*").matcher(line);
        if (!m.find()) {
            throw new IllegalStateException("no bold string on: " + line);
        }
        return m.group(1);
    }

    /** The curl DEFAULT block: its header line and its entries. */
    static List<String> curlFallback() {
        List<String> lines = lines();
        int i = indexOf(lines, l -> l.startsWith("DEFAULT Cipher Suites ("), 0) + 1;
        List<String> out = new ArrayList<>();
        for (; i < lines.size() && !lines.get(i).startsWith("```"); i++) {
            if (!lines.get(i).isBlank()) {
                out.add(lines.get(i).trim());
            }
        }
        return out;
    }

    static String curlFallbackHeader() {
        return lines().stream().filter(l -> l.startsWith("DEFAULT Cipher Suites (")).findFirst().orElseThrow();
    }

    private static int indexOf(List<String> lines, java.util.function.Predicate<String> p, int from) {
        for (int i = from; i < lines.size(); i++) {
            if (p.test(lines.get(i))) {
                return i;
            }
        }
        throw new IllegalStateException("seed 003 layout changed: marker not found after line " + from);
    }
}
