package dev.codestory.gitops.spec;

import java.util.Map;

/**
 * A named environment: its spec after defaults, the spec file it came from (relative to the repository root)
 * and where each field path was written.
 */
public record Environment(String name, String specFile, EnvSpec spec, Map<String, SourcePosition> positions) {

    public String namespace() {
        return spec.namespace().isEmpty() ? "code-story-" + name : spec.namespace();
    }

    public SourcePosition positionOf(String fieldPath) {
        String path = fieldPath;
        while (true) {
            SourcePosition position = positions.get(path);
            if (position != null) {
                return position;
            }
            int cut = Math.max(path.lastIndexOf('.'), path.lastIndexOf('['));
            if (cut <= 0) {
                return positions.getOrDefault("", new SourcePosition(specFile, 1, 1));
            }
            path = path.substring(0, cut);
        }
    }
}
