package dev.codestory.gitops.spec;

import java.util.List;
import java.util.regex.Pattern;

/**
 * Strings that look like secret values: the API keys and tokens this app uses (Anthropic, GitHub, AWS, Slack),
 * private keys, URLs with a password, and long high-entropy tokens. One set of rules: the spec parser applies them to
 * specs and verify to built objects.
 */
public final class SecretPatterns {

    /** One alternation, so that a string is scanned once. */
    private static final Pattern KNOWN = Pattern.compile(String.join("|", List.of(
            "sk-ant-[A-Za-z0-9_-]{10,}",
            "sk-[A-Za-z0-9]{20,}",
            "gh[pousr]_[A-Za-z0-9]{20,}",
            "github_pat_[A-Za-z0-9_]{20,}",
            "(AKIA|ASIA)[0-9A-Z]{16}",
            "xox[abprs]-[A-Za-z0-9-]{10,}",
            "-----BEGIN [A-Z ]*PRIVATE KEY-----",
            "[a-z][a-z0-9+.-]*://[^/:@\\s]*:[^/@\\s]+@.*")));

    /** The shortest string any pattern above can match. */
    private static final int SHORTEST = 7;

    private static final Pattern TOKEN = Pattern.compile("[A-Za-z0-9+/=_-]+");

    private SecretPatterns() {
    }

    public static boolean looksSecret(String text) {
        return text.length() >= SHORTEST && (KNOWN.matcher(text).find() || highEntropy(text));
    }

    /** A long token of mixed letters and digits with no separators a human would write. */
    private static boolean highEntropy(String text) {
        if (text.length() < 32 || !TOKEN.matcher(text).matches() || text.startsWith("sha256")) {
            return false;
        }
        int[] counts = new int[128];
        for (char c : text.toCharArray()) {
            counts[c]++;
        }
        double entropy = 0;
        for (int count : counts) {
            if (count > 0) {
                double p = (double) count / text.length();
                entropy -= p * (Math.log(p) / Math.log(2));
            }
        }
        boolean mixed = text.chars().anyMatch(Character::isDigit) && text.chars().anyMatch(Character::isLetter);
        return mixed && entropy > 4.0;
    }
}
