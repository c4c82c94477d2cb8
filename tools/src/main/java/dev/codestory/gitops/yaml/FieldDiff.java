package dev.codestory.gitops.yaml;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The fields that differ between two object trees, as narrow as they can be named: maps key by key, lists of
 * named items (containers, env, ports, volumes) item by item, other lists of equal length index by index.
 * Key order never matters; numbers compare by value.
 */
public final class FieldDiff {

    private FieldDiff() {
    }

    public static List<FieldChange> between(JsonNode before, JsonNode after) {
        List<FieldChange> changes = new ArrayList<>();
        compare(new ArrayList<>(), before, after, changes);
        return changes;
    }

    private static void compare(List<FieldChange.Segment> path, JsonNode before, JsonNode after,
                                List<FieldChange> changes) {
        if (same(before, after)) {
            return;
        }
        if (before != null && after != null && before.isObject() && after.isObject()) {
            Set<String> keys = new LinkedHashSet<>();
            before.fieldNames().forEachRemaining(keys::add);
            after.fieldNames().forEachRemaining(keys::add);
            for (String key : keys) {
                path.add(FieldChange.Segment.key(key));
                compare(path, before.get(key), after.get(key), changes);
                path.remove(path.size() - 1);
            }
            return;
        }
        if (before != null && after != null && before.isArray() && after.isArray()) {
            Map<String, JsonNode> namedBefore = byName(before);
            Map<String, JsonNode> namedAfter = byName(after);
            if (namedBefore != null && namedAfter != null) {
                Set<String> names = new LinkedHashSet<>(namedBefore.keySet());
                names.addAll(namedAfter.keySet());
                for (String name : names) {
                    path.add(FieldChange.Segment.item(name));
                    compare(path, namedBefore.get(name), namedAfter.get(name), changes);
                    path.remove(path.size() - 1);
                }
                return;
            }
            if (before.size() == after.size()) {
                for (int i = 0; i < before.size(); i++) {
                    path.add(FieldChange.Segment.item(Integer.toString(i)));
                    compare(path, before.get(i), after.get(i), changes);
                    path.remove(path.size() - 1);
                }
                return;
            }
        }
        changes.add(new FieldChange(path, before, after));
    }

    private static boolean same(JsonNode before, JsonNode after) {
        if (before != null && after != null && before.isNumber() && after.isNumber()) {
            return before.decimalValue().compareTo(after.decimalValue()) == 0;
        }
        return Objects.equals(before, after);
    }

    /** The items by their {@code name}, or null when some item has none or two share one. */
    private static Map<String, JsonNode> byName(JsonNode list) {
        Map<String, JsonNode> named = new LinkedHashMap<>();
        for (Iterator<JsonNode> items = list.elements(); items.hasNext(); ) {
            JsonNode item = items.next();
            JsonNode name = item.path("name");
            if (!item.isObject() || !name.isTextual() || named.putIfAbsent(name.asText(), item) != null) {
                return null;
            }
        }
        return named;
    }
}
