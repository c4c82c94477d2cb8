package dev.codestory.gitops.spec;

import java.util.List;

/**
 * Strings that look like secret values: the API keys and tokens this app uses (Anthropic, GitHub, AWS, Slack),
 * private keys, URLs with a password (any scheme, in any case), JSON Web Tokens, hex keys of 32 or more digits
 * ({@code openssl rand -hex 32}), and long high-entropy tokens; and keys (in labels, annotations, node selectors)
 * named like a secret. One set of rules: the spec parser applies them to specs and verify to built objects.
 *
 * <p>Every check is a single pass over the text, without regular expressions: a rule that backtracks (as the
 * URL pattern did) turns a long value into minutes of work, so the scan is linear in the length of the text.
 */
public final class SecretPatterns {

    /** A literal prefix, and how many letters and digits (or characters of {@code extra}) must follow it. */
    private record Prefixed(String prefix, String extra, int count) {
    }

    /** Letters and digits only. */
    private static final String ALNUM = "";
    private static final List<Prefixed> KNOWN = List.of(
            new Prefixed("sk-ant-", "_-", 10),
            new Prefixed("sk-", ALNUM, 20),
            new Prefixed("ghp_", ALNUM, 20),
            new Prefixed("gho_", ALNUM, 20),
            new Prefixed("ghu_", ALNUM, 20),
            new Prefixed("ghs_", ALNUM, 20),
            new Prefixed("ghr_", ALNUM, 20),
            new Prefixed("github_pat_", "_", 20),
            new Prefixed("xoxa-", "-", 10),
            new Prefixed("xoxb-", "-", 10),
            new Prefixed("xoxp-", "-", 10),
            new Prefixed("xoxr-", "-", 10),
            new Prefixed("xoxs-", "-", 10));

    /** The shortest string any rule can match. */
    private static final int SHORTEST = 7;
    /** The shortest hex run taken for a key: 128 bits. */
    private static final int HEX_KEY = 32;
    private static final int ENTROPY_LENGTH = 32;
    private static final List<String> DIGEST_ALGORITHMS = List.of("sha1", "sha224", "sha256", "sha384", "sha512",
            "md5");
    private static final List<String> SECRET_WORDS = List.of("password", "passwd", "passphrase", "apikey",
            "accesskey", "privatekey", "credential", "secret", "token");

    private SecretPatterns() {
    }

    public static boolean looksSecret(String text) {
        return text.length() >= SHORTEST && (known(text) || privateKey(text) || urlCredentials(text)
                || jwt(text) || hexKey(text) || highEntropy(text));
    }

    /**
     * As {@link #looksSecret(String)}, for the value of {@code key}: a digest under a {@code checksum/} key (the
     * config checksum pods carry) is a hash of public settings, not a secret.
     */
    public static boolean looksSecret(String key, String value) {
        if (key != null && key.startsWith("checksum/") && isHex(value, 0, value.length())) {
            return false;
        }
        return looksSecret(value);
    }

    /**
     * Whether a key of a free-form map (a label, an annotation, a node selector) names a secret, such as
     * {@code password}, {@code jwtSecret} or {@code api-key}. A key with a vendor prefix ({@code vendor/name}) may
     * still end in {@code secret}: controllers' annotations name Secret objects that way (ingress-nginx
     * {@code auth-secret}, {@code auth-tls-secret}); their values are scanned like any other.
     */
    public static boolean namesSecret(String key) {
        int slash = key.lastIndexOf('/');
        String name = normalized(key.substring(slash + 1));
        for (String word : SECRET_WORDS) {
            boolean hit = word.equals("token") ? name.endsWith(word) || (slash < 0 && name.contains(word))
                    : name.contains(word);
            if (hit && !(slash >= 0 && word.equals("secret"))) {
                return true;
            }
        }
        return false;
    }

    private static String normalized(String name) {
        StringBuilder text = new StringBuilder(name.length());
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c != '-' && c != '_' && c != '.') {
                text.append(Character.toLowerCase(c));
            }
        }
        return text.toString();
    }

    /**
     * A known prefix followed by enough token characters, or an AWS access key id (AKIA or ASIA and 16 upper-case
     * letters or digits): one pass, looking at a position only when its letter starts a prefix, and counting a run
     * only up to the minimum, so linear overall.
     */
    private static boolean known(String text) {
        int n = text.length();
        for (int i = 0; i < n; i++) {
            char c = text.charAt(i);
            if (c != 's' && c != 'g' && c != 'x' && c != 'A') {
                continue;
            }
            if (c == 'A' && (text.startsWith("AKIA", i) || text.startsWith("ASIA", i))) {
                int count = 0;
                while (count < 16 && i + 4 + count < n && upperOrDigit(text.charAt(i + 4 + count))) {
                    count++;
                }
                if (count == 16) {
                    return true;
                }
                continue;
            }
            for (Prefixed rule : KNOWN) {
                if (rule.prefix().charAt(0) == c && text.startsWith(rule.prefix(), i)
                        && run(text, i + rule.prefix().length(), rule.extra(), rule.count()) >= rule.count()) {
                    return true;
                }
            }
        }
        return false;
    }

    private static boolean privateKey(String text) {
        int begin = text.indexOf("-----BEGIN ");
        return begin >= 0 && text.indexOf("PRIVATE KEY-----", begin) >= 0;
    }

    /**
     * {@code scheme://user:password@host}, in any case, with a non-empty password (the user may be empty, as in
     * {@code redis://:password@host}). Each {@code ://} is looked at once, and the authorities after two of them
     * do not overlap, since an authority ends at the first '/'.
     */
    private static boolean urlCredentials(String text) {
        int at = text.indexOf("://");
        while (at >= 0) {
            if (at > 0 && schemeChar(text.charAt(at - 1))) {
                int start = at + 3;
                int colon = -1;
                for (int i = start; i < text.length(); i++) {
                    char c = text.charAt(i);
                    if (c == '/' || c == '?' || c == '#' || Character.isWhitespace(c)) {
                        break;
                    }
                    if (c == ':' && colon < 0) {
                        colon = i;
                    }
                    if (c == '@') {
                        if (colon >= 0 && colon + 1 < i) {
                            return true;
                        }
                        break;
                    }
                }
            }
            at = text.indexOf("://", at + 3);
        }
        return false;
    }

    /**
     * A JSON Web Token: three base64url parts joined by dots, the first two starting {@code eyJ} (base64 of
     * <code>{"</code>). A search that fails resumes after the first part's run, which any later start inside it
     * shares.
     */
    private static boolean jwt(String text) {
        int at = text.indexOf("eyJ");
        while (at >= 0) {
            int headerEnd = base64urlRun(text, at);
            if (headerEnd - at >= 10 && headerEnd < text.length() && text.charAt(headerEnd) == '.'
                    && text.startsWith("eyJ", headerEnd + 1)) {
                int payloadEnd = base64urlRun(text, headerEnd + 1);
                if (payloadEnd - headerEnd - 1 >= 10 && payloadEnd < text.length() && text.charAt(payloadEnd) == '.') {
                    return true;
                }
            }
            at = text.indexOf("eyJ", Math.max(headerEnd, at + 1));
        }
        return false;
    }

    /**
     * A run of at least 32 hex digits, standing alone (no letter or digit on either side), with both digits and
     * letters, that is not a digest written as {@code <algorithm>:<hex>} (an image digest).
     */
    private static boolean hexKey(String text) {
        int i = 0;
        int n = text.length();
        while (i < n) {
            if (!hex(text.charAt(i))) {
                i++;
                continue;
            }
            int start = i;
            boolean digit = false;
            boolean letter = false;
            while (i < n && hex(text.charAt(i))) {
                if (Character.isDigit(text.charAt(i))) {
                    digit = true;
                } else {
                    letter = true;
                }
                i++;
            }
            boolean alone = (start == 0 || !alnum(text.charAt(start - 1))) && (i == n || !alnum(text.charAt(i)));
            if (i - start >= HEX_KEY && alone && digit && letter && !digest(text, start)) {
                return true;
            }
            // a run that does not stand alone continues as letters or digits: skip them, hex or not
            while (i < n && alnum(text.charAt(i))) {
                i++;
            }
        }
        return false;
    }

    /** Whether the hex run at {@code start} follows {@code <algorithm>:}. */
    private static boolean digest(String text, int start) {
        if (start == 0 || text.charAt(start - 1) != ':') {
            return false;
        }
        int end = start - 1;
        for (String algorithm : DIGEST_ALGORITHMS) {
            int begin = end - algorithm.length();
            if (begin >= 0 && text.regionMatches(true, begin, algorithm, 0, algorithm.length())
                    && (begin == 0 || !alnum(text.charAt(begin - 1)))) {
                return true;
            }
        }
        return false;
    }

    /** A long token of mixed letters and digits with no separators a human would write. */
    private static boolean highEntropy(String text) {
        if (text.length() < ENTROPY_LENGTH || text.startsWith("sha256")) {
            return false;
        }
        int[] counts = new int[128];
        boolean digit = false;
        boolean letter = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (!(alnum(c) || c == '+' || c == '/' || c == '=' || c == '_' || c == '-')) {
                return false;
            }
            counts[c]++;
            digit |= Character.isDigit(c);
            letter |= Character.isLetter(c);
        }
        double entropy = 0;
        for (int count : counts) {
            if (count > 0) {
                double p = (double) count / text.length();
                entropy -= p * (Math.log(p) / Math.log(2));
            }
        }
        return digit && letter && entropy > 4.0;
    }

    /** How many characters from {@code from} are letters, digits or in {@code extra}, counting up to {@code max}. */
    private static int run(String text, int from, String extra, int max) {
        int n = 0;
        while (n < max && from + n < text.length()) {
            char c = text.charAt(from + n);
            if (!alnum(c) && extra.indexOf(c) < 0) {
                break;
            }
            n++;
        }
        return n;
    }

    private static int base64urlRun(String text, int from) {
        int i = from;
        while (i < text.length() && (alnum(text.charAt(i)) || text.charAt(i) == '_' || text.charAt(i) == '-')) {
            i++;
        }
        return i;
    }

    private static boolean isHex(String text, int from, int to) {
        if (to - from < 1) {
            return false;
        }
        for (int i = from; i < to; i++) {
            if (!hex(text.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    private static boolean hex(char c) {
        return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
    }

    private static boolean alnum(char c) {
        return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    }

    private static boolean upperOrDigit(char c) {
        return (c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z');
    }

    private static boolean schemeChar(char c) {
        return alnum(c) || c == '+' || c == '.' || c == '-';
    }
}
