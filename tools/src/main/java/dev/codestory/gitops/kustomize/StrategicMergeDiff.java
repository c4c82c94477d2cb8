package dev.codestory.gitops.kustomize;

import java.util.Iterator;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Computes the smallest strategic-merge patch that turns one object into another, with the merge keys
 * Kubernetes declares for the fields this tool emits: lists of containers, env, volumes and ports merge by
 * key (so no patch addresses a list item by index); other lists are replaced whole; a removed field is
 * written as null.
 */
public final class StrategicMergeDiff {

    private static final Map<String, String> MERGE_KEYS = Map.of(
            "containers", "name",
            "initContainers", "name",
            "env", "name",
            "volumes", "name",
            "volumeMounts", "mountPath",
            "imagePullSecrets", "name");
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private StrategicMergeDiff() {
    }

    /** The patch from {@code base} to {@code target}; an empty object when they are equal. */
    public static ObjectNode diff(JsonNode base, JsonNode target) {
        return diffObject((ObjectNode) base, (ObjectNode) target);
    }

    private static ObjectNode diffObject(ObjectNode base, ObjectNode target) {
        ObjectNode patch = NODES.objectNode();
        Iterator<Map.Entry<String, JsonNode>> fields = target.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> field = fields.next();
            String name = field.getKey();
            JsonNode want = field.getValue();
            JsonNode have = base.get(name);
            if (have == null) {
                patch.set(name, want);
            } else if (have.isObject() && want.isObject()) {
                ObjectNode nested = diffObject((ObjectNode) have, (ObjectNode) want);
                if (!nested.isEmpty()) {
                    patch.set(name, nested);
                }
            } else if (have.isArray() && want.isArray()) {
                JsonNode list = diffList(name, (ArrayNode) have, (ArrayNode) want);
                if (list != null) {
                    patch.set(name, list);
                }
            } else if (!have.equals(want)) {
                patch.set(name, want);
            }
        }
        base.fieldNames().forEachRemaining(name -> {
            if (!target.has(name)) {
                patch.putNull(name);
            }
        });
        return patch;
    }

    private static JsonNode diffList(String field, ArrayNode base, ArrayNode target) {
        String key = mergeKey(field, base, target);
        if (key == null) {
            return base.equals(target) ? null : target;
        }
        ArrayNode patch = NODES.arrayNode();
        for (JsonNode want : target) {
            JsonNode have = find(base, key, want.get(key));
            if (have == null) {
                patch.add(want);
                continue;
            }
            ObjectNode nested = diffObject((ObjectNode) have, (ObjectNode) want);
            if (!nested.isEmpty()) {
                ObjectNode item = NODES.objectNode();
                item.set(key, want.get(key));
                item.setAll(nested);
                patch.add(item);
            }
        }
        for (JsonNode have : base) {
            if (find(target, key, have.get(key)) == null) {
                ObjectNode delete = NODES.objectNode();
                delete.set(key, have.get(key));
                delete.put("$patch", "delete");
                patch.add(delete);
            }
        }
        return patch.isEmpty() ? null : patch;
    }

    private static String mergeKey(String field, ArrayNode base, ArrayNode target) {
        String key = MERGE_KEYS.get(field);
        if (key == null && field.equals("ports")) {
            key = base.isEmpty() || base.get(0).has("containerPort") ? "containerPort" : "port";
        }
        if (key == null) {
            return null;
        }
        for (JsonNode item : base) {
            if (!item.isObject() || !item.has(key)) {
                return null;
            }
        }
        for (JsonNode item : target) {
            if (!item.isObject() || !item.has(key)) {
                return null;
            }
        }
        return key;
    }

    private static JsonNode find(ArrayNode list, String key, JsonNode value) {
        for (JsonNode item : list) {
            if (value.equals(item.get(key))) {
                return item;
            }
        }
        return null;
    }
}
