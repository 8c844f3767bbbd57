package org.ucsec.tls.policy;

import org.ucsec.core.SecretAccess;

import org.ucsec.core.Secret;
import org.ucsec.core.UcsecException;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Password rules (SPEC S5: "credential policy ... (enhanced)"). Seeds 000/002 say only that enhanced security mode
 * brings a "stricter credential policy" ("엄격한 자격 증명 정책" / "厳格な認証情報ポリシー") and give no numbers; the numbers
 * of {@link #ENHANCED_SECURITY} are those of the Cisco Unified Communications Manager Security Guide, section
 * "Enhanced Security Mode &gt; Credential Policy Updates": length 14-127, at least one lowercase, uppercase, digit and
 * special character, none of the previous 24 passwords, minimum age 1 day, maximum age 60 days, and a new password
 * that differs from the old one by at least 4 characters (measured here as edit distance).
 *
 * <p>Messages and details never contain the password, only lengths and counts.
 *
 * @param historyDepth        how many previous passwords may not be reused (0 = no check)
 * @param minCharacterDifference minimum edit distance between the current and the new password (0 = no check)
 * @param minAge              how long a password must be kept before it may be changed (zero = no limit)
 * @param maxAge              after how long a password expires (null = never)
 */
public record CredentialPolicy(int minLength, int maxLength, int minLowercase, int minUppercase, int minDigits, int minSpecial,
                               int historyDepth, int minCharacterDifference, Duration minAge, Duration maxAge) {

    /** Enhanced security mode (numbers from the CUCM Security Guide; see the class comment). */
    public static final CredentialPolicy ENHANCED_SECURITY =
            new CredentialPolicy(14, 127, 1, 1, 1, 1, 24, 4, Duration.ofDays(1), Duration.ofDays(60));

    /**
     * Outside enhanced security mode: no composition, history or age rules (the seeds name none), only "not empty" and
     * the same upper bound. The node may construct its own policy instead.
     */
    public static final CredentialPolicy BASELINE = new CredentialPolicy(1, 127, 0, 0, 0, 0, 0, 0, Duration.ZERO, null);

    public CredentialPolicy {
        if (minLength < 1 || maxLength < minLength) throw new UcsecException("credential.policy-invalid", "credential policy lengths must satisfy 1 <= min <= max (min " + minLength + ", max " + maxLength + ")");
        if (minLowercase < 0 || minUppercase < 0 || minDigits < 0 || minSpecial < 0 || historyDepth < 0 || minCharacterDifference < 0) {
            throw new UcsecException("credential.policy-invalid", "credential policy counts must not be negative");
        }
        if (minLowercase + minUppercase + minDigits + minSpecial > maxLength) throw new UcsecException("credential.policy-invalid", "credential policy requires more characters of each class than the maximum length allows");
        if (minAge == null || minAge.isNegative()) throw new UcsecException("credential.policy-invalid", "credential policy minimum age must be zero or positive");
        if (maxAge != null && maxAge.compareTo(minAge) <= 0) throw new UcsecException("credential.policy-invalid", "credential policy maximum age must be longer than the minimum age");
    }

    /** Previous passwords, as the store keeps them (hashed); asked whether a candidate equals one of the last {@code depth}. */
    @FunctionalInterface
    public interface PasswordHistory {
        boolean matchesAnyOfLast(Secret candidate, int depth);

        PasswordHistory NONE = (c, d) -> false;
    }

    /** One unmet rule: stable code and a message without the password. */
    public record Problem(String code, String message) {}

    /** Every composition rule the candidate breaks (length, character classes), in a fixed order. */
    public List<Problem> problems(Secret candidate) {
        String pw = candidate.revealString(SecretAccess.granted());
        int len = pw.codePointCount(0, pw.length());
        int lower = 0, upper = 0, digits = 0, special = 0;
        for (int cp : pw.codePoints().toArray()) {
            if (Character.isLowerCase(cp)) lower++;
            else if (Character.isUpperCase(cp)) upper++;
            else if (Character.isDigit(cp)) digits++;
            else if (!Character.isLetter(cp) && !Character.isWhitespace(cp)) special++;
        }
        List<Problem> out = new ArrayList<>();
        if (len < minLength) out.add(new Problem("credential.too-short", "the password has " + len + " characters; at least " + minLength + " are required"));
        if (len > maxLength) out.add(new Problem("credential.too-long", "the password has " + len + " characters; at most " + maxLength + " are allowed"));
        if (lower < minLowercase) out.add(new Problem("credential.needs-lowercase", "the password needs at least " + minLowercase + " lowercase letter(s)"));
        if (upper < minUppercase) out.add(new Problem("credential.needs-uppercase", "the password needs at least " + minUppercase + " uppercase letter(s)"));
        if (digits < minDigits) out.add(new Problem("credential.needs-digit", "the password needs at least " + minDigits + " digit(s)"));
        if (special < minSpecial) out.add(new Problem("credential.needs-special", "the password needs at least " + minSpecial + " special character(s)"));
        return out;
    }

    /** Refuses a password that breaks a composition rule. The code is the first unmet rule's; the message lists all. */
    public void check(Secret candidate) { throwIfAny(problems(candidate)); }

    /**
     * Refuses a password change: composition rules, reuse of one of the last {@link #historyDepth} passwords, and (when
     * the current password is known, i.e. the user typed it) a difference of fewer than {@link #minCharacterDifference}.
     */
    public void checkChange(Secret candidate, Secret current, PasswordHistory history) {
        List<Problem> out = new ArrayList<>(problems(candidate));
        if (historyDepth > 0 && history.matchesAnyOfLast(candidate, historyDepth)) {
            out.add(new Problem("credential.reused", "the password is one of the last " + historyDepth + " passwords and cannot be reused"));
        } else if (current != null && minCharacterDifference > 0) {
            int d = editDistance(current.revealString(SecretAccess.granted()), candidate.revealString(SecretAccess.granted()));
            if (d < minCharacterDifference) {
                out.add(new Problem("credential.too-similar", "the new password differs from the current one by " + d
                        + " character(s); at least " + minCharacterDifference + " are required"));
            }
        }
        throwIfAny(out);
    }

    /** Refuses a change before the minimum age has passed since {@code lastChanged} ({@code credential.too-soon}). */
    public void checkMayChange(Instant lastChanged, Clock clock) {
        if (lastChanged == null || minAge.isZero()) return;
        Instant allowed = lastChanged.plus(minAge);
        Instant now = clock.instant();
        if (now.isBefore(allowed)) {
            throw new UcsecException("credential.too-soon", "the password was changed at " + lastChanged
                    + " and may be changed again from " + allowed + " (minimum age " + minAge.toDays() + " day(s))");
        }
    }

    /** Whether a password set at {@code lastChanged} has expired (older than {@link #maxAge}). */
    public boolean isExpired(Instant lastChanged, Clock clock) {
        return maxAge != null && lastChanged != null && !clock.instant().isBefore(lastChanged.plus(maxAge));
    }

    private static void throwIfAny(List<Problem> problems) {
        if (problems.isEmpty()) return;
        StringBuilder msg = new StringBuilder("the password does not meet the credential policy: ");
        for (int i = 0; i < problems.size(); i++) msg.append(i == 0 ? "" : "; ").append(problems.get(i).message());
        throw new UcsecException(problems.get(0).code(), msg.toString(),
                Map.of("violations", problems.stream().map(Problem::code).toList()));
    }

    /** Levenshtein distance over code points. */
    static int editDistance(String a, String b) {
        int[] x = a.codePoints().toArray();
        int[] y = b.codePoints().toArray();
        int[] prev = new int[y.length + 1];
        int[] cur = new int[y.length + 1];
        for (int j = 0; j <= y.length; j++) prev[j] = j;
        for (int i = 1; i <= x.length; i++) {
            cur[0] = i;
            for (int j = 1; j <= y.length; j++) {
                int cost = x[i - 1] == y[j - 1] ? 0 : 1;
                cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
            }
            int[] t = prev; prev = cur; cur = t;
        }
        return prev[y.length];
    }
}
