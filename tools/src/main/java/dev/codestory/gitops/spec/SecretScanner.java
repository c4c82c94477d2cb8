package dev.codestory.gitops.spec;

import java.util.List;

/**
 * Refuses secret values anywhere in a spec: strings that look like the API keys and tokens this app uses
 * (Anthropic, ElevenLabs is free-form so it is caught by entropy, GitHub, AWS), private keys, and URLs with
 * passwords. The spec names where secrets come from; it never holds them.
 */
final class SecretScanner {

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
        return SecretPatterns.looksSecret(text);
    }
}
