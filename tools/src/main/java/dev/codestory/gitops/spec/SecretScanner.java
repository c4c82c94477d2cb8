package dev.codestory.gitops.spec;

import java.util.List;
import java.util.Set;

/**
 * Refuses secret values anywhere in a spec, keys included: strings that look like the API keys and tokens this
 * app uses (Anthropic, ElevenLabs is free-form so it is caught by entropy, GitHub, AWS), private keys, URLs with
 * passwords, JSON Web Tokens and hex keys ({@link SecretPatterns}). The spec names where secrets come from; it
 * never holds them. What it finds is collected so that no other message repeats it.
 */
final class SecretScanner {

    /** A Git commit (40 hex digits) is what {@code gitops.revision} may name; it is no key. */
    private static final String REVISION = "gitops.revision";

    private SecretScanner() {
    }

    static void scan(YamlNode node, String path, List<SpecProblem> problems) {
        scan(node, path, problems, new java.util.HashSet<>());
    }

    /** As {@link #scan(YamlNode, String, List)}, adding each text found to {@code found}. */
    static void scan(YamlNode node, String path, List<SpecProblem> problems, Set<String> found) {
        if (node instanceof YamlNode.Mapping mapping) {
            mapping.entries().forEach((key, value) -> {
                String keyPath = path.isEmpty() ? key : path + "." + key;
                if (looksSecret(key)) {
                    found.add(key);
                    problems.add(new SpecProblem(mapping.keyPositions().get(key), path.isEmpty() ? "(key)" : path,
                            "a key here looks like a secret value; secrets never go in a spec (see README,"
                                    + " 'Secrets')"));
                }
                scan(value, keyPath, problems, found);
            });
        } else if (node instanceof YamlNode.Sequence sequence) {
            for (int i = 0; i < sequence.items().size(); i++) {
                scan(sequence.items().get(i), path + "[" + i + "]", problems, found);
            }
        } else if (node instanceof YamlNode.Scalar scalar && !scalar.isNull() && looksSecret(scalar.text())
                && !(path.equals(REVISION) && scalar.text().matches("[0-9a-f]{40}"))) {
            found.add(scalar.text());
            problems.add(new SpecProblem(scalar.position(), path,
                    "this looks like a secret value; secrets never go in a spec (see README, 'Secrets')"));
        }
    }

    static boolean looksSecret(String text) {
        return SecretPatterns.looksSecret(text);
    }
}
