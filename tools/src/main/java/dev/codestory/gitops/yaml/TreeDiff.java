package dev.codestory.gitops.yaml;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Compares two builds of the same unit resource by resource: which resources only one side has, and for each
 * resource on both sides the first field that differs ({@link FieldDiff}) and the paths of the others.
 */
public final class TreeDiff {

    /** One difference: the resource ({@code Kind/name}), the field (empty for the whole resource), and what. */
    public record Difference(String resource, String field, String problem) {
    }

    /** Fields named after the first one; more are counted. */
    private static final int NAMED_OTHERS = 3;

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
                        first.contrast(expectedName, actualName) + others(changes.subList(1, changes.size()))));
            }
        });
        return differences;
    }

    /**
     * {@code ; also differs in a, b, c and 2 more fields}: a version bump's first field is a label, its image comes
     * later.
     */
    private static String others(List<FieldChange> others) {
        if (others.isEmpty()) {
            return "";
        }
        List<String> named = others.stream().limit(NAMED_OTHERS).map(FieldChange::pathText).toList();
        int rest = others.size() - named.size();
        return "; also differs in " + String.join(", ", named) + (rest == 0 ? "" : " and " + rest + " more field"
                + (rest == 1 ? "" : "s"));
    }
}
