package dev.codestory.gitops.review;

import dev.codestory.gitops.yaml.FieldChange;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * One resource of an environment that differs between the base revision and the work tree. {@code before} is
 * absent for an added resource, {@code after} for a removed one.
 */
public record ResourceReview(Status status, String name, JsonNode before, JsonNode after,
        List<FieldChange> changes, List<Flag> flags) {

    public enum Status {
        CHANGED("~"), ADDED("+"), REMOVED("-");

        private final String marker;

        Status(String marker) {
            this.marker = marker;
        }

        public String marker() {
            return marker;
        }
    }

    public ResourceReview {
        changes = List.copyOf(changes);
        flags = List.copyOf(flags);
    }

    /** Whether there are two versions to show a diff of. */
    public boolean hasDiff() {
        return before != null && after != null;
    }

    /** The first changed fields, on one line: {@code spec.maxReplicas: 20 → 25, …}. */
    public String summary(int limit) {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < Math.min(limit, changes.size()); i++) {
            text.append(i == 0 ? "" : ", ").append(changes.get(i).describe());
        }
        if (changes.size() > limit) {
            text.append(" (+").append(changes.size() - limit).append(" more)");
        }
        return text.toString();
    }
}
