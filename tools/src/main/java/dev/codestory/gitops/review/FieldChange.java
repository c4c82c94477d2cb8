package dev.codestory.gitops.review;

import java.util.List;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * One difference between two versions of a resource: the path to it and the value on each side ({@code null}
 * where the field is absent). Path segments are map keys, or list elements as {@code [name]} or {@code [index]}.
 */
public record FieldChange(List<Segment> path, JsonNode before, JsonNode after) {

    private static final Pattern PLAIN_KEY = Pattern.compile("[A-Za-z0-9_-]+");
    private static final int MAX_VALUE = 40;

    public record Segment(String text, boolean element) {
        static Segment key(String key) {
            return new Segment(key, false);
        }

        static Segment element(String label) {
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
            if (path.get(i).element() || !path.get(i).text().equals(keys[i])) {
                return false;
            }
        }
        return true;
    }

    /** {@code spec.template.spec.containers[api].image}; keys that are not plain words are quoted. */
    public String pathText() {
        StringBuilder text = new StringBuilder();
        for (Segment segment : path) {
            if (segment.element()) {
                text.append('[').append(segment.text()).append(']');
                continue;
            }
            if (!text.isEmpty()) {
                text.append('.');
            }
            text.append(PLAIN_KEY.matcher(segment.text()).matches() ? segment.text() : '"' + segment.text() + '"');
        }
        return text.isEmpty() ? "(whole resource)" : text.toString();
    }

    /** {@code spec.maxReplicas: 20 → 25} for values that fit on a line; the path alone for maps and lists. */
    public String describe() {
        if (shortScalar(before) && shortScalar(after) && (before != null || after != null)) {
            return pathText() + ": " + show(before) + " → " + show(after);
        }
        if (before == null) {
            return pathText() + " (added)";
        }
        if (after == null) {
            return pathText() + " (removed)";
        }
        return pathText();
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
