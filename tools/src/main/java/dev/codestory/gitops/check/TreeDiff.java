package dev.codestory.gitops.check;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Compares two builds of the same overlay as object trees, resource by resource: which resources only one side
 * has, and for each resource on both sides the first field that differs. Key order never matters, list order
 * does; numbers compare by value.
 */
public final class TreeDiff {

    /** One difference: the resource ({@code Kind/name}), the field (empty for the whole resource), and what. */
    public record Difference(String resource, String field, String problem) {
    }

    private record At(List<Object> segments, String problem) {
    }

    private static final int SHOWN = 60;

    private TreeDiff() {
    }

    /**
     * The differences of {@code actual} from {@code expected} (maps as {@link RenderedObjects#parse} returns),
     * worded with the names of the two sides, e.g. "the build" and "the golden file".
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
            firstDifference(other, expectedName, object, actualName).ifPresent(at -> differences.add(
                    new Difference(FieldPath.resource(object), FieldPath.of(object, at.segments()), at.problem())));
        });
        return differences;
    }

    /** The first field where the trees differ, as a path, if any. */
    public static Optional<String> firstDifference(JsonNode expected, JsonNode actual) {
        return firstDifference(expected, "expected", actual, "actual")
                .map(at -> FieldPath.of(actual, at.segments()));
    }

    private static Optional<At> firstDifference(JsonNode expected, String expectedName, JsonNode actual,
                                                String actualName) {
        List<Object> segments = new ArrayList<>();
        String problem = walk(expected, actual, segments, expectedName, actualName);
        return problem == null ? Optional.empty() : Optional.of(new At(segments, problem));
    }

    /** Descends while the trees agree; on the first difference leaves its path in {@code segments}. */
    private static String walk(JsonNode expected, JsonNode actual, List<Object> segments, String expectedName,
                               String actualName) {
        if (expected.isObject() && actual.isObject()) {
            List<String> keys = new ArrayList<>();
            expected.fieldNames().forEachRemaining(keys::add);
            for (Iterator<String> names = actual.fieldNames(); names.hasNext(); ) {
                String name = names.next();
                if (!expected.has(name)) {
                    keys.add(name);
                }
            }
            for (String key : keys) {
                JsonNode left = expected.get(key);
                JsonNode right = actual.get(key);
                segments.add(key);
                if (left == null || right == null) {
                    return actualName + " has " + describe(right) + ", " + expectedName + " has " + describe(left);
                }
                String problem = walk(left, right, segments, expectedName, actualName);
                if (problem != null) {
                    return problem;
                }
                segments.remove(segments.size() - 1);
            }
            return null;
        }
        if (expected.isArray() && actual.isArray()) {
            int common = Math.min(expected.size(), actual.size());
            for (int i = 0; i < common; i++) {
                segments.add(i);
                String problem = walk(expected.get(i), actual.get(i), segments, expectedName, actualName);
                if (problem != null) {
                    return problem;
                }
                segments.remove(segments.size() - 1);
            }
            if (expected.size() != actual.size()) {
                return actualName + " has " + items(actual.size()) + ", " + expectedName + " has "
                        + items(expected.size());
            }
            return null;
        }
        if (sameScalar(expected, actual)) {
            return null;
        }
        return actualName + " has " + describe(actual) + ", " + expectedName + " has " + describe(expected);
    }

    private static boolean sameScalar(JsonNode expected, JsonNode actual) {
        if (expected.isNumber() && actual.isNumber()) {
            return expected.decimalValue().compareTo(actual.decimalValue()) == 0;
        }
        return expected.equals(actual);
    }

    static String describe(JsonNode node) {
        if (node == null || node.isMissingNode()) {
            return "nothing";
        }
        String text = node.toString();
        return text.length() <= SHOWN ? text : text.substring(0, SHOWN - 3) + "...";
    }

    private static String items(int count) {
        return count == 1 ? "1 item" : count + " items";
    }
}
