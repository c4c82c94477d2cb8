package dev.codestory.gitops.yaml;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Compares two builds of the same unit resource by resource: which resources only one side has, and for each
 * resource on both sides the first field that differs ({@link FieldDiff}).
 */
public final class TreeDiff {

    /** One difference: the resource ({@code Kind/name}), the field (empty for the whole resource), and what. */
    public record Difference(String resource, String field, String problem) {
    }

    private TreeDiff() {
    }

    /**
     * The differences of {@code actual} from {@code expected} (objects keyed by kind, namespace and name), worded
     * with the names of the two sides, e.g. "the build" and "the golden file".
     */
    public static List<Difference> compare(Map<String, JsonNode> expected, String expectedName,
                                           Map<String, JsonNode> actual, String actualName) {
        List<Difference> differences = new ArrayList<>();
        expected.forEach((key, object) -> {
            if (!actual.containsKey(key)) {
                differences.add(new Difference(FieldPath.resource(object), "", "in " + expectedName + ", not in "
                        + actualName));
            }
        });
        actual.forEach((key, object) -> {
            JsonNode other = expected.get(key);
            if (other == null) {
                differences.add(new Difference(FieldPath.resource(object), "", "in " + actualName + ", not in "
                        + expectedName));
                return;
            }
            List<FieldChange> changes = FieldDiff.between(other, object);
            if (!changes.isEmpty()) {
                FieldChange first = changes.get(0);
                differences.add(new Difference(FieldPath.resource(object), first.pathText(),
                        first.contrast(expectedName, actualName)));
            }
        });
        return differences;
    }
}
