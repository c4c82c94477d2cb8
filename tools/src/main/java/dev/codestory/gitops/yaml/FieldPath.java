package dev.codestory.gitops.yaml;

import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A field's place in an object as findings print it, e.g. {@code spec.template.spec.containers[api].image}: list
 * items that have a name are shown by it, others by index; keys with dots or slashes (labels) are quoted.
 */
public final class FieldPath {

    private FieldPath() {
    }

    /** {@code segments} are keys (strings) and indexes (integers) from {@code root}, which names list items. */
    public static String of(JsonNode root, List<?> segments) {
        String path = "";
        JsonNode node = root;
        for (Object segment : segments) {
            if (segment instanceof Integer index) {
                JsonNode item = node == null ? null : node.get(index);
                path += item(item, index);
                node = item;
            } else {
                path = key(path, segment.toString());
                node = node == null ? null : node.get(segment.toString());
            }
        }
        return path;
    }

    public static String key(String path, String key) {
        if (!plain(key)) {
            return path + "[\"" + key + "\"]";
        }
        return path.isEmpty() ? key : path + "." + key;
    }

    private static boolean plain(String key) {
        if (key.isEmpty()) {
            return false;
        }
        for (int i = 0; i < key.length(); i++) {
            char c = key.charAt(i);
            if (!(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_' || c == '-'
                    || c == '$')) {
                return false;
            }
        }
        return true;
    }

    public static String item(JsonNode item, int index) {
        JsonNode name = item == null ? null : item.get("name");
        return "[" + (name != null && name.isTextual() ? name.asText() : Integer.toString(index)) + "]";
    }

    /** {@code Kind/name}, the way every finding names a resource. */
    public static String resource(JsonNode object) {
        return object.path("kind").asText() + "/" + object.path("metadata").path("name").asText();
    }
}
