package dev.codestory.gitops.spec;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A YAML value that remembers where it was written. Scalars keep the text exactly as written, so that
 * {@code tag: 1.10} stays the string "1.10" and {@code yes} is never silently read as a boolean.
 */
public sealed interface YamlNode {

    SourcePosition position();

    record Scalar(String text, boolean plain, boolean isNull, SourcePosition position) implements YamlNode {
    }

    record Sequence(List<YamlNode> items, SourcePosition position) implements YamlNode {
    }

    /** Entries keep file order; {@code keyPositions} says where each key was written. */
    record Mapping(LinkedHashMap<String, YamlNode> entries, Map<String, SourcePosition> keyPositions,
                   SourcePosition position) implements YamlNode {
    }

    default String describe() {
        if (this instanceof Scalar s) {
            return s.isNull() ? "null" : "'" + s.text() + "'";
        }
        return this instanceof Sequence ? "a list" : "a mapping";
    }
}
