package org.ucsec.tls.cipher;

import static org.ucsec.tls.cipher.Algo.*;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Expands an OpenSSL cipher string into the ordered list of TLS 1.2-or-older suites OpenSSL would use.
 *
 * <p>This is a port of OpenSSL 3.0's {@code ssl_create_cipher_list} ({@code ssl/ssl_ciph.c}; the rule language
 * is the same in 1.1.1): the suites are collected in descending id order, arranged by OpenSSL's built-in
 * preferences and all disabled, then the string's terms are applied ({@code X} add, {@code -X} delete,
 * {@code !X} kill for good, {@code +X} move to the end, {@code A+B} intersection, {@code @STRENGTH} sort,
 * {@code DEFAULT} and {@code SUITEB...} only as the first word), separators {@code : , ; space}. Quirks are
 * kept on purpose (an unknown word silently drops its term; a stray character after a known word rejects the
 * whole string; {@code COMPLEMENTOFDEFAULT+HIGH} means {@code HIGH}); the tests compare the result with the
 * {@code openssl ciphers} binary.
 *
 * <p>What {@code openssl ciphers} prints without {@code -s} does not depend on the security level, and neither
 * does this engine: {@code @SECLEVEL=n} is accepted and reported, and the level applies when a peer
 * negotiates (what {@code openssl ciphers -s} shows), not to the list.
 *
 * <p>Stateless and thread-safe.
 */
public final class CipherStringEngine {
    /**
     * Longest cipher string expanded, in characters. The names of every suite OpenSSL knows joined with ':' are about
     * 4,300 characters; twice that leaves room for any real string while bounding the work (each term costs one pass
     * over the fixed suite table, so expansion is linear in the string).
     */
    public static final int MAX_LENGTH = 8192;

    /** {@code OSSL_default_cipher_list()} of OpenSSL 3.0 (and {@code SSL_DEFAULT_CIPHER_LIST} of 1.1.1). */
    static final String DEFAULT_RULES = "ALL:!COMPLEMENTOFDEFAULT:!eNULL";

    private static final int ADD = 1, KILL = 2, DEL = 3, ORD = 4, SPECIAL = 5, BUMP = 6;

    private static final class Holder {
        static final CipherStringEngine STANDARD =
                new CipherStringEngine(CipherSuiteTable.standard(), PhoneCipherWords.standard());
    }

    private final CipherSuiteTable table;
    private final PhoneCipherWords phoneWords;

    public CipherStringEngine(CipherSuiteTable table, PhoneCipherWords phoneWords) {
        this.table = table;
        this.phoneWords = phoneWords;
    }

    /** The engine over ucsec's suite table and seed 003's phone words. */
    public static CipherStringEngine standard() {
        return Holder.STANDARD;
    }

    public CipherSuiteTable table() {
        return table;
    }

    /** Full OpenSSL dialect against OpenSSL 3's default provider. */
    public CipherExpansion expand(String cipherString) {
        return expand(cipherString, Dialect.OPENSSL);
    }

    /** Expands in the given dialect against that dialect's default catalog. */
    public CipherExpansion expand(String cipherString, Dialect dialect) {
        return expand(cipherString, dialect, dialect.defaultCatalog());
    }

    public CipherExpansion expand(String cipherString, Dialect dialect, OpenSslCatalog catalog) {
        if (cipherString == null) {
            throw new IllegalArgumentException("cipherString must not be null (use \"\" for an empty list)");
        }
        if (cipherString.length() > MAX_LENGTH) {
            return new CipherExpansion(cipherString, dialect, catalog, List.of(), List.of(CipherProblem.error(CipherProblem.TOO_LONG, null, MAX_LENGTH,
                    "the cipher string is " + cipherString.length() + " characters long, more than the " + MAX_LENGTH + " accepted; nothing was read")));
        }
        return new Run(cipherString, dialect, catalog).execute();
    }

    // ------------------------------------------------------------------------------------------------------

    private static final class Node {
        final SuiteDef def;
        boolean active;
        Node prev;
        Node next;

        Node(SuiteDef def) {
            this.def = def;
        }
    }

    /** A search pattern: the cumulative masks of one term. */
    private static final class Pattern {
        int cipherId;
        int mkey;
        int auth;
        int enc;
        int mac;
        int minTls;
        int strength;

        boolean matches(SuiteDef cp) {
            if (cipherId != 0 && cipherId != cp.id()) {
                return false;
            }
            if (mkey != 0 && (mkey & cp.mkey()) == 0) {
                return false;
            }
            if (auth != 0 && (auth & cp.auth()) == 0) {
                return false;
            }
            if (enc != 0 && (enc & cp.enc()) == 0) {
                return false;
            }
            if (mac != 0 && (mac & cp.mac()) == 0) {
                return false;
            }
            if (minTls != 0 && minTls != cp.minTls()) {
                return false;
            }
            if ((strength & STRONG_MASK) != 0 && (strength & STRONG_MASK & cp.algoStrength()) == 0) {
                return false;
            }
            return (strength & DEFAULT_MASK) == 0 || (strength & DEFAULT_MASK & cp.algoStrength()) != 0;
        }

        /** Adds one word to the term as ssl_cipher_process_rulestr does; false when the words exclude each other. */
        boolean combine(int wMkey, int wAuth, int wEnc, int wMac, int wMinTls, int wStrength, int wCipherId) {
            if (wMkey != 0) {
                if (mkey != 0) {
                    mkey &= wMkey;
                    if (mkey == 0) {
                        return false;
                    }
                } else {
                    mkey = wMkey;
                }
            }
            if (wAuth != 0) {
                if (auth != 0) {
                    auth &= wAuth;
                    if (auth == 0) {
                        return false;
                    }
                } else {
                    auth = wAuth;
                }
            }
            if (wEnc != 0) {
                if (enc != 0) {
                    enc &= wEnc;
                    if (enc == 0) {
                        return false;
                    }
                } else {
                    enc = wEnc;
                }
            }
            if (wMac != 0) {
                if (mac != 0) {
                    mac &= wMac;
                    if (mac == 0) {
                        return false;
                    }
                } else {
                    mac = wMac;
                }
            }
            if ((wStrength & STRONG_MASK) != 0) {
                if ((strength & STRONG_MASK) != 0) {
                    strength &= (wStrength & STRONG_MASK) | ~STRONG_MASK;
                    if ((strength & STRONG_MASK) == 0) {
                        return false;
                    }
                } else {
                    // sic: OpenSSL assigns here, dropping a NOT_DEFAULT bit set by an earlier word
                    strength = wStrength & STRONG_MASK;
                }
            }
            if ((wStrength & DEFAULT_MASK) != 0) {
                if ((strength & DEFAULT_MASK) != 0) {
                    strength &= (wStrength & DEFAULT_MASK) | ~DEFAULT_MASK;
                    if ((strength & DEFAULT_MASK) == 0) {
                        return false;
                    }
                } else {
                    strength |= wStrength & DEFAULT_MASK;
                }
            }
            if (wCipherId != 0) {
                // an explicit suite: its protocol version does not become part of the pattern
                cipherId = wCipherId;
            } else if (wMinTls != 0) {
                if (minTls != 0 && minTls != wMinTls) {
                    return false;
                }
                minTls = wMinTls;
            }
            return true;
        }
    }

    private final class Run {
        private final String input;
        private final String text;
        private final Dialect dialect;
        private final OpenSslCatalog catalog;
        private final List<SuiteDef> collected;
        private final List<CipherProblem> problems = new ArrayList<>();
        private final Set<Integer> reportedPositions = new HashSet<>();
        private boolean failed;
        private Node head;
        private Node tail;

        Run(String input, Dialect dialect, OpenSslCatalog catalog) {
            this.input = input;
            // C strings end at the first NUL
            int nul = input.indexOf('\0');
            this.text = nul >= 0 ? input.substring(0, nul) : input;
            this.dialect = dialect;
            this.catalog = catalog;
            this.collected = table.collected(catalog);
        }

        CipherExpansion execute() {
            String rules = text;
            int base = 0;
            boolean report = true;

            String suiteB = suiteBReplacement(text);
            if (suiteB != null) {
                rules = suiteB;
                report = false;
            }

            collectAndArrange();

            if (rules.startsWith("DEFAULT")) {
                processRules(DEFAULT_RULES, 0, false);
                base = 7;
                if (rules.length() > 7 && rules.charAt(7) == ':') {
                    base = 8;
                }
            }
            if (base < rules.length()) {
                boolean ok = processRules(rules.substring(base), base, report);
                if (!ok) {
                    failed = true;
                }
            }

            List<CipherSuite> result = new ArrayList<>();
            if (!failed) {
                for (Node n = head; n != null; n = n.next) {
                    if (n.active) {
                        result.add(n.def.suite());
                    }
                }
                if (result.isEmpty()) {
                    problems.add(CipherProblem.error(CipherProblem.EMPTY, null, -1, text.isBlank()
                            ? "the cipher list is empty"
                            : "the cipher string selects no suite (OpenSSL: \"no cipher match\")"));
                }
            }
            List<CipherProblem> sorted = new ArrayList<>(problems);
            sorted.sort(Comparator.comparingInt(p -> p.position() < 0 ? Integer.MAX_VALUE : p.position()));
            return new CipherExpansion(input, dialect, catalog, result, sorted);
        }

        /** check_suiteb_cipher_list: a leading SUITEB word replaces the whole string. */
        private String suiteBReplacement(String s) {
            String keyword;
            String replacement;
            if (s.startsWith("SUITEB128ONLY")) {
                keyword = "SUITEB128ONLY";
                replacement = "ECDHE-ECDSA-AES128-GCM-SHA256";
            } else if (s.startsWith("SUITEB128C2")) {
                keyword = "SUITEB128C2";
                replacement = "ECDHE-ECDSA-AES256-GCM-SHA384";
            } else if (s.startsWith("SUITEB128")) {
                keyword = "SUITEB128";
                replacement = "ECDHE-ECDSA-AES128-GCM-SHA256:ECDHE-ECDSA-AES256-GCM-SHA384";
            } else if (s.startsWith("SUITEB192")) {
                keyword = "SUITEB192";
                replacement = "ECDHE-ECDSA-AES256-GCM-SHA384";
            } else {
                return null;
            }
            if (dialect == Dialect.PHONE && !phoneWords.isSupported(keyword)) {
                problems.add(CipherProblem.warning(CipherProblem.UNSUPPORTED_ON_PHONE, keyword, 0,
                        "'" + keyword + "' is not in the phone's supported cipher strings (seed 003, table 6);"
                                + " it is ignored"));
                reportedPositions.add(0);
                return null;
            }
            boolean rest = s.length() > keyword.length();
            String msg = "'" + keyword + "' selects Suite B mode: OpenSSL replaces the whole string with "
                    + replacement + (rest ? "; everything after it is ignored" : "");
            problems.add(rest ? CipherProblem.warning(CipherProblem.SUITEB_REPLACES_STRING, keyword, 0, msg)
                    : CipherProblem.info(CipherProblem.SUITEB_REPLACES_STRING, keyword, 0, msg));
            return replacement;
        }

        /** ssl_cipher_collect_ciphers plus the built-in preference arrangement of ssl_create_cipher_list. */
        private void collectAndArrange() {
            Node prev = null;
            for (SuiteDef d : collected) {
                Node n = new Node(d);
                if (prev == null) {
                    head = n;
                } else {
                    prev.next = n;
                    n.prev = prev;
                }
                prev = n;
            }
            tail = prev;

            apply(0, kECDHE, aECDSA, 0, 0, 0, 0, ADD);
            apply(0, kECDHE, 0, 0, 0, 0, 0, ADD);
            apply(0, kECDHE, 0, 0, 0, 0, 0, DEL);
            apply(0, 0, 0, AESGCM, 0, 0, 0, ADD);
            apply(0, 0, 0, CHACHA20, 0, 0, 0, ADD);
            apply(0, 0, 0, AES ^ AESGCM, 0, 0, 0, ADD);
            apply(0, 0, 0, 0, 0, 0, 0, ADD);
            apply(0, 0, 0, 0, MD5, 0, 0, ORD);
            apply(0, 0, aNULL, 0, 0, 0, 0, ORD);
            apply(0, kRSA, 0, 0, 0, 0, 0, ORD);
            apply(0, kPSK, 0, 0, 0, 0, 0, ORD);
            apply(0, 0, 0, RC4, 0, 0, 0, ORD);
            strengthSort();
            apply(0, 0, 0, 0, 0, TLS1_2, 0, BUMP);
            apply(0, 0, 0, 0, AEAD, 0, 0, BUMP);
            apply(0, kDHE | kECDHE, 0, 0, 0, 0, 0, BUMP);
            apply(0, kDHE | kECDHE, 0, 0, AEAD, 0, 0, BUMP);
            apply(0, 0, 0, 0, 0, 0, 0, DEL);
        }

        private void apply(int cipherId, int mkey, int auth, int enc, int mac, int minTls, int strength, int rule) {
            Pattern p = new Pattern();
            p.cipherId = cipherId;
            p.mkey = mkey;
            p.auth = auth;
            p.enc = enc;
            p.mac = mac;
            p.minTls = minTls;
            p.strength = strength;
            applyRule(p, rule, -1);
        }

        /** ssl_cipher_apply_rule, pointer for pointer. */
        private void applyRule(Pattern p, int rule, int strengthBits) {
            boolean reverse = rule == DEL || rule == BUMP;
            Node next = reverse ? tail : head;
            Node last = reverse ? head : tail;
            Node curr = null;
            for (;;) {
                if (curr == last) {
                    break;
                }
                curr = next;
                if (curr == null) {
                    break;
                }
                next = reverse ? curr.prev : curr.next;
                SuiteDef cp = curr.def;
                if (strengthBits >= 0) {
                    if (strengthBits != cp.strengthBits()) {
                        continue;
                    }
                } else if (!p.matches(cp)) {
                    continue;
                }
                switch (rule) {
                    case ADD -> {
                        if (!curr.active) {
                            appendTail(curr);
                            curr.active = true;
                        }
                    }
                    case ORD -> {
                        if (curr.active) {
                            appendTail(curr);
                        }
                    }
                    case DEL -> {
                        if (curr.active) {
                            appendHead(curr);
                            curr.active = false;
                        }
                    }
                    case BUMP -> {
                        if (curr.active) {
                            appendHead(curr);
                        }
                    }
                    case KILL -> {
                        if (head == curr) {
                            head = curr.next;
                        } else {
                            curr.prev.next = curr.next;
                        }
                        if (tail == curr) {
                            tail = curr.prev;
                        }
                        curr.active = false;
                        if (curr.next != null) {
                            curr.next.prev = curr.prev;
                        }
                        if (curr.prev != null) {
                            curr.prev.next = curr.next;
                        }
                        curr.next = null;
                        curr.prev = null;
                    }
                    default -> throw new IllegalStateException("rule " + rule);
                }
            }
        }

        private void appendTail(Node curr) {
            if (curr == tail) {
                return;
            }
            if (curr == head) {
                head = curr.next;
            }
            if (curr.prev != null) {
                curr.prev.next = curr.next;
            }
            if (curr.next != null) {
                curr.next.prev = curr.prev;
            }
            tail.next = curr;
            curr.prev = tail;
            curr.next = null;
            tail = curr;
        }

        private void appendHead(Node curr) {
            if (curr == head) {
                return;
            }
            if (curr == tail) {
                tail = curr.prev;
            }
            if (curr.next != null) {
                curr.next.prev = curr.prev;
            }
            if (curr.prev != null) {
                curr.prev.next = curr.next;
            }
            head.prev = curr;
            curr.next = head;
            curr.prev = null;
            head = curr;
        }

        /** ssl_cipher_strength_sort: stable sort of the active suites by descending strength bits. */
        private void strengthSort() {
            int max = 0;
            for (Node n = head; n != null; n = n.next) {
                if (n.active && n.def.strengthBits() > max) {
                    max = n.def.strengthBits();
                }
            }
            int[] uses = new int[max + 1];
            for (Node n = head; n != null; n = n.next) {
                if (n.active) {
                    uses[n.def.strengthBits()]++;
                }
            }
            for (int i = max; i >= 0; i--) {
                if (uses[i] > 0) {
                    applyRule(new Pattern(), ORD, i);
                }
            }
        }

        // --------------------------------------------------------------------------------------------------

        private static boolean isSep(char c) {
            return c == ':' || c == ' ' || c == ';' || c == ',';
        }

        private static boolean isWordChar(char c) {
            return (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z')
                    || c == '-' || c == '.' || c == '=';
        }

        /**
         * ssl_cipher_process_rulestr. Returns false when OpenSSL would fail. Unlike OpenSSL, it keeps going
         * after a syntax error (from the next separator) so that all problems are reported at once; the result
         * is discarded in that case anyway.
         */
        private boolean processRules(String s, int base, boolean report) {
            int n = s.length();
            int l = 0;
            boolean retval = true;
            for (;;) {
                if (l >= n) {
                    break;
                }
                char ch = s.charAt(l);
                int rule;
                switch (ch) {
                    case '-' -> {
                        rule = DEL;
                        l++;
                    }
                    case '+' -> {
                        rule = ORD;
                        l++;
                    }
                    case '!' -> {
                        rule = KILL;
                        l++;
                    }
                    case '@' -> {
                        rule = SPECIAL;
                        l++;
                    }
                    default -> rule = ADD;
                }
                if (isSep(ch)) {
                    l++;
                    continue;
                }
                int termStart = l;
                Pattern p = new Pattern();
                boolean found = false;
                boolean conflict = false;
                int buf;
                int buflen;
                boolean syntaxError = false;
                for (;;) {
                    buf = l;
                    buflen = 0;
                    while (l < n && isWordChar(s.charAt(l))) {
                        l++;
                        buflen++;
                    }
                    if (buflen == 0) {
                        if (report) {
                            reportSyntax(s, l, base, rule);
                        }
                        syntaxError = true;
                        break;
                    }
                    if (rule == SPECIAL) {
                        break;
                    }
                    boolean multi = false;
                    if (l < n && s.charAt(l) == '+') {
                        multi = true;
                        l++;
                    }
                    String word = s.substring(buf, buf + buflen);
                    Object hit = lookup(word, s, buf, base + buf, report);
                    if (hit == null) {
                        found = false;
                        break;
                    }
                    boolean ok;
                    if (hit instanceof SuiteDef d) {
                        ok = p.combine(d.mkey(), d.auth(), d.enc(), d.mac(), 0, d.algoStrength(), d.id());
                    } else {
                        Alias a = (Alias) hit;
                        p.cipherId = 0; // reset for every word, as OpenSSL does
                        ok = p.combine(a.mkey(), a.auth(), a.enc(), a.mac(), a.minTls(), a.algoStrength(), 0);
                    }
                    if (!ok) {
                        found = false;
                        conflict = true;
                        break;
                    }
                    found = true;
                    if (!multi) {
                        break;
                    }
                }
                if (syntaxError) {
                    // OpenSSL stops here and rejects the string; keep scanning for more diagnostics only
                    retval = false;
                    while (l < n && !isSep(s.charAt(l))) {
                        l++;
                    }
                    if (l >= n) {
                        break;
                    }
                    continue;
                }
                if (rule == SPECIAL) {
                    if (!special(s.substring(buf, buf + buflen), base + termStart - 1, report)) {
                        retval = false;
                    }
                    while (l < n && !isSep(s.charAt(l))) {
                        l++;
                    }
                } else if (found) {
                    applyRule(p, rule, -1);
                    if (report && collected.stream().noneMatch(p::matches)) {
                        String term = s.substring(termStart, l);
                        problems.add(CipherProblem.info(CipherProblem.NO_MATCH, term, base + termStart,
                                "'" + term + "' selects no suite of " + catalogName() + "; the term has no effect"));
                    }
                } else {
                    while (l < n && !isSep(s.charAt(l))) {
                        l++;
                    }
                    if (report && conflict) {
                        String term = s.substring(termStart, l);
                        problems.add(CipherProblem.info(CipherProblem.NO_MATCH, term, base + termStart,
                                "the words of '" + term + "' exclude each other, so it selects no suite;"
                                        + " OpenSSL ignores the term"));
                    }
                }
                if (l >= n) {
                    break;
                }
            }
            return retval;
        }

        private void reportSyntax(String s, int l, int base, int rule) {
            int pos = base + l;
            String what;
            String found;
            if (l >= s.length()) {
                found = "";
                what = "the string ends";
            } else {
                char c = s.charAt(l);
                found = String.valueOf(c);
                what = describe(c) + " appears";
            }
            String expected;
            if (l > 0 && s.charAt(l - 1) == '+' && rule != ORD) {
                expected = "'+' must be followed by another word";
            } else if (rule != ADD && l > 0) {
                expected = "'" + s.charAt(l - 1) + "' must be followed by a word";
            } else {
                expected = "only letters, digits, '-', '.', '=' and the separators ': , ; space' may appear here";
            }
            problems.add(CipherProblem.error(CipherProblem.SYNTAX, found, pos,
                    "syntax error at offset " + pos + ": " + what + " where a word is expected ("
                            + expected + "); OpenSSL rejects the whole string"));
        }

        private String describe(char c) {
            if (c == '+' || c == '-' || c == '!' || c == '@') {
                return "'" + c + "'";
            }
            if (isSep(c)) {
                return c == ' ' ? "a space" : "the separator '" + c + "'";
            }
            if (c < 0x20 || c == 0x7F) {
                return String.format(Locale.ROOT, "the control character U+%04X", (int) c);
            }
            return "'" + c + "'";
        }

        /** @-commands. position is the offset of the '@'. */
        private boolean special(String cmd, int position, boolean report) {
            String word = "@" + cmd;
            if (cmd.length() == 8 && cmd.equals("STRENGTH")) {
                if (dialect == Dialect.PHONE && !phoneWords.isSupported(word) && report) {
                    unsupportedOnPhone(word, position);
                }
                strengthSort();
                return true;
            }
            if (cmd.length() == 10 && cmd.startsWith("SECLEVEL=")) {
                int level = cmd.charAt(9) - '0';
                if (level >= 0 && level <= 5) {
                    if (report) {
                        if (dialect == Dialect.PHONE && !phoneWords.isSupported(word)) {
                            unsupportedOnPhone(word, position);
                        } else {
                            problems.add(CipherProblem.info(CipherProblem.SECLEVEL, word, position,
                                    "'" + word + "' sets the security level used when a peer negotiates;"
                                            + " it does not change which suites the string selects"));
                        }
                    }
                    return true;
                }
                if (report) {
                    problems.add(CipherProblem.error(CipherProblem.BAD_COMMAND, word, position,
                            "'" + word + "': the security level must be 0 to 5; OpenSSL rejects the whole string"));
                }
                return false;
            }
            if (report) {
                problems.add(CipherProblem.error(CipherProblem.BAD_COMMAND, word, position,
                        "'" + word + "' is not a command (only @STRENGTH and @SECLEVEL=n exist);"
                                + " OpenSSL rejects the whole string"));
            }
            return false;
        }

        private void unsupportedOnPhone(String word, int position) {
            if (reportedPositions.add(position)) {
                problems.add(CipherProblem.warning(CipherProblem.UNSUPPORTED_ON_PHONE, word, position,
                        "'" + word + "' is not in the phone's supported cipher strings (seed 003, table 6);"
                                + " it is ignored"));
            }
        }

        /**
         * Looks a word up as OpenSSL's ca_list would (the catalog's suites by name, then the aliases) and
         * reports why a word is not found. Returns a SuiteDef, an Alias, or null (the term is ignored).
         */
        private Object lookup(String word, String s, int buf, int position, boolean report) {
            SuiteDef def = table.def(word);
            Alias alias = Alias.BY_NAME.get(word);
            boolean inCatalog = def != null && catalog.includes(def.suite().availability());
            Object hit = inCatalog ? def : alias;
            boolean known = def != null || alias != null;
            if (known && dialect == Dialect.PHONE && !phoneWords.isSupported(word)) {
                if (report) {
                    unsupportedOnPhone(word, position);
                }
                return null;
            }
            if (hit != null) {
                return hit;
            }
            if (!report || !reportedPositions.add(position)) {
                return null;
            }
            if (def != null) {
                problems.add(CipherProblem.warning(CipherProblem.NO_MATCH, word, position,
                        "'" + word + "' (" + def.suite().ianaName() + ") is not built into " + catalogName()
                                + "; OpenSSL ignores the term"));
            } else if (word.equals("DEFAULT")) {
                problems.add(CipherProblem.warning(CipherProblem.DEFAULT_NOT_FIRST, word, position,
                        "'DEFAULT' only works as the first word of the string; here OpenSSL ignores it"));
            } else if (word.startsWith("SUITEB128") || word.startsWith("SUITEB192")) {
                problems.add(CipherProblem.warning(CipherProblem.SUITEB_NOT_FIRST, word, position,
                        "'" + word + "' only works as the first word of the string; here OpenSSL ignores it"));
            } else if (s.startsWith("TLS_", buf) || s.startsWith("SSL_", buf)) {
                // the whole token up to the next separator; computed only here (once per term: the term ends at an
                // unknown word), so a long run of '+'-joined words stays linear
                int tokenEnd = buf;
                while (tokenEnd < s.length() && !isSep(s.charAt(tokenEnd))) {
                    tokenEnd++;
                }
                String token = s.substring(buf, tokenEnd);
                String openSsl = table.byIanaName(token).map(CipherSuite::openSslName).orElse(null);
                problems.add(CipherProblem.warning(CipherProblem.UNKNOWN_WORD, token, position,
                        "unknown cipher word '" + token + "' at offset " + position
                                + "; OpenSSL 1.1.1/3.0 cipher strings do not take IANA/JSSE names and ignore the term"
                                + (openSsl != null ? " (OpenSSL calls this suite '" + openSsl + "')" : "")));
            } else {
                String hint = caseHint(word);
                problems.add(CipherProblem.warning(CipherProblem.UNKNOWN_WORD, word, position,
                        "unknown cipher word '" + word + "' at offset " + position
                                + "; OpenSSL ignores the term containing it" + hint));
            }
            return null;
        }

        private String caseHint(String word) {
            for (Alias a : Alias.ALL) {
                if (a.name().equalsIgnoreCase(word)) {
                    return " (did you mean '" + a.name() + "'? cipher words are case-sensitive)";
                }
            }
            for (CipherSuite s : table.all()) {
                if (s.openSslName().equalsIgnoreCase(word)) {
                    return " (did you mean '" + s.openSslName() + "'? cipher words are case-sensitive)";
                }
            }
            if (word.equalsIgnoreCase("DEFAULT") || word.toUpperCase(Locale.ROOT).startsWith("SUITEB")) {
                return " (cipher words are case-sensitive)";
            }
            return "";
        }

        private String catalogName() {
            return catalog == OpenSslCatalog.DEFAULT_PROVIDER
                    ? "OpenSSL 3 (default provider)"
                    : "OpenSSL 3 with the legacy provider";
        }
    }
}
