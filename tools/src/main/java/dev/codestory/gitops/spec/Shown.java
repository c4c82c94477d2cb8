package dev.codestory.gitops.spec;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * Problems as they may be printed: a value that looked like a secret is never repeated by another message (a
 * wrong type, an invalid label), and a very long value is shortened, so that a message stays one readable line.
 */
final class Shown {

    /** Values longer than this are shortened in messages. */
    static final int LONGEST = 100;
    static final String HIDDEN = "<secret value hidden>";

    private Shown() {
    }

    static List<SpecProblem> redacted(List<SpecProblem> problems, Set<String> secrets, YamlNode spec) {
        Set<String> longTexts = new TreeSet<>((a, b) -> b.length() != a.length() ? b.length() - a.length()
                : a.compareTo(b));
        collectLong(spec, longTexts);
        List<SpecProblem> shown = new ArrayList<>();
        for (SpecProblem problem : problems) {
            shown.add(new SpecProblem(problem.position(), redact(problem.fieldPath(), secrets, longTexts),
                    redact(problem.message(), secrets, longTexts)));
        }
        return shown;
    }

    private static String redact(String text, Set<String> secrets, Set<String> longTexts) {
        String result = text;
        for (String secret : secrets) {
            if (!secret.isEmpty()) {
                result = result.replace(secret, HIDDEN);
            }
        }
        for (String value : longTexts) {
            if (result.length() > LONGEST) {
                result = result.replace(value, value.substring(0, 40) + "... (" + value.length() + " characters)");
            }
        }
        return result;
    }

    private static void collectLong(YamlNode node, Set<String> texts) {
        if (node instanceof YamlNode.Mapping mapping) {
            mapping.entries().forEach((key, value) -> {
                if (key.length() > LONGEST) {
                    texts.add(key);
                }
                collectLong(value, texts);
            });
        } else if (node instanceof YamlNode.Sequence sequence) {
            sequence.items().forEach(item -> collectLong(item, texts));
        } else if (node instanceof YamlNode.Scalar scalar && scalar.text().length() > LONGEST) {
            texts.add(scalar.text());
        }
    }
}
