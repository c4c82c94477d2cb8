package dev.codestory.gitops.spec;

import java.util.List;
import java.util.regex.Pattern;

/**
 * Refuses secret values anywhere in a spec: strings that look like the API keys and tokens this app uses
 * (Anthropic, ElevenLabs is free-form so it is caught by entropy, GitHub, AWS), private keys, and URLs with
 * passwords. The spec names where secrets come from; it never holds them.
 */
final class SecretScanner {

    private static final List<Pattern> KNOWN = List.of(
            Pattern.compile("sk-ant-[A-Za-z0-9_-]{10,}"),
            Pattern.compile("sk-[A-Za-z0-9]{20,}"),
            Pattern.compile("gh[pousr]_[A-Za-z0-9]{20,}"),
            Pattern.compile("github_pat_[A-Za-z0-9_]{20,}"),
            Pattern.compile("(AKIA|ASIA)[0-9A-Z]{16}"),
            Pattern.compile("xox[abprs]-[A-Za-z0-9-]{10,}"),
            Pattern.compile("-----BEGIN [A-Z ]*PRIVATE KEY-----"),
            Pattern.compile("[a-z][a-z0-9+.-]*://[^/:@\\s]*:[^/@\\s]+@.*"));

    private SecretScanner() {
    }

    static void scan(YamlNode node, String path, List<SpecProblem> problems) {
        if (node instanceof YamlNode.Mapping mapping) {
            mapping.entries().forEach((key, value) -> scan(value, path.isEmpty() ? key : path + "." + key, problems));
        } else if (node instanceof YamlNode.Sequence sequence) {
            for (int i = 0; i < sequence.items().size(); i++) {
                scan(sequence.items().get(i), path + "[" + i + "]", problems);
            }
        } else if (node instanceof YamlNode.Scalar scalar && !scalar.isNull() && looksSecret(scalar.text())) {
            problems.add(new SpecProblem(scalar.position(), path,
                    "this looks like a secret value; secrets never go in a spec (see README, 'Secrets')"));
        }
    }

    static boolean looksSecret(String text) {
        for (Pattern pattern : KNOWN) {
            if (pattern.matcher(text).find()) {
                return true;
            }
        }
        return highEntropy(text);
    }

    /** A long token of mixed letters and digits with no separators a human would write. */
    private static boolean highEntropy(String text) {
        if (text.length() < 32 || !text.matches("[A-Za-z0-9+/=_-]+") || text.startsWith("sha256")) {
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
