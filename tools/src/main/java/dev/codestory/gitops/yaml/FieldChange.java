package dev.codestory.gitops.yaml;

import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * One difference between two versions of an object: the path to it and the value on each side ({@code null}
 * where the field is absent). Path segments are map keys, or list items by name (or index).
 */
public record FieldChange(List<Segment> path, JsonNode before, JsonNode after) {

    private static final int MAX_VALUE = 40;
    private static final int SHOWN = 60;

    /** A map key, or a list item's label: its {@code name}, or its index when it has none. */
    public record Segment(String text, boolean item) {
        static Segment key(String key) {
            return new Segment(key, false);
        }

        static Segment item(String label) {
            return new Segment(label, true);
        }
    }

    public FieldChange {
        path = List.copyOf(path);
    }

    /** Whether the change is at or below the field reached through these map keys. */
    public boolean isUnder(String... keys) {
        if (path.size() < keys.length) {
            return false;
        }
        for (int i = 0; i < keys.length; i++) {
            if (path.get(i).item() || !path.get(i).text().equals(keys[i])) {
                return false;
            }
        }
        return true;
    }

    /** The path as {@link FieldPath} prints every path, e.g. {@code spec.template.spec.containers[api].image}. */
    public String pathText() {
        String text = "";
        for (Segment segment : path) {
            text = segment.item() ? text + "[" + segment.text() + "]" : FieldPath.key(text, segment.text());
        }
        return text;
    }

    /** {@code spec.maxReplicas: 20 → 25} for values that fit on a line; the path alone for maps and lists. */
    public String describe() {
        String where = path.isEmpty() ? "(whole resource)" : pathText();
        if (shortScalar(before) && shortScalar(after) && (before != null || after != null)) {
            return where + ": " + show(before) + " → " + show(after);
        }
        if (before == null) {
            return where + " (added)";
        }
        if (after == null) {
            return where + " (removed)";
        }
        return where;
    }

    /** {@code "the build has 5, the golden file has 6"}: what each side holds, named. */
    public String contrast(String beforeName, String afterName) {
        return afterName + " has " + value(after) + ", " + beforeName + " has " + value(before);
    }

    /** A value as findings quote it: JSON, cut short. */
    public static String value(JsonNode node) {
        if (node == null || node.isMissingNode()) {
            return "nothing";
        }
        String text = node.toString();
        return text.length() <= SHOWN ? text : text.substring(0, SHOWN - 3) + "...";
    }

    private static boolean shortScalar(JsonNode value) {
        return value == null || value.isValueNode() && !value.asText().contains("\n");
    }

    private static String show(JsonNode value) {
        if (value == null) {
            return "(none)";
        }
        if (value.isNull()) {
            return "null";
        }
        String text = value.asText();
        if (text.isEmpty()) {
            return "\"\"";
        }
        return text.length() > MAX_VALUE ? text.substring(0, MAX_VALUE - 1) + "…" : text;
    }
}
