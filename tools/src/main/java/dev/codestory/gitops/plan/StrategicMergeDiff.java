package dev.codestory.gitops.plan;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Computes the smallest strategic-merge patch that turns one object into another, with the merge keys
 * Kubernetes declares for the fields this tool emits: lists of containers, env, volumes and ports merge by
 * key (so no patch addresses a list item by index); other lists are replaced whole; a removed field is
 * written as null. Custom resources have no merge keys (kustomize merges them as JSON merge patches), so
 * their lists are always replaced whole. {@link #apply} is the inverse, for patches made here.
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

    /** The patch from {@code base} to {@code target}; an empty object when they are equal. */
    public static ObjectNode diff(JsonNode base, JsonNode target) {
        return new StrategicMergeDiff(builtIn(base)).diffObject((ObjectNode) base, (ObjectNode) target);
    }

    /** {@code base} with {@code patch} applied, as kustomize applies a patch computed by {@link #diff}. */
    public static ObjectNode apply(JsonNode base, JsonNode patch) {
        ObjectNode result = base.deepCopy();
        new StrategicMergeDiff(builtIn(base)).merge(result, (ObjectNode) patch);
        return result;
    }

    private final boolean mergeKeys;

    private StrategicMergeDiff(boolean mergeKeys) {
        this.mergeKeys = mergeKeys;
    }

    private static final Pattern BUILT_IN_GROUP = Pattern.compile("(apps|batch|policy|autoscaling"
            + "|networking\\.k8s\\.io|rbac\\.authorization\\.k8s\\.io)/.*");

    /** Kubernetes' own kinds have strategic-merge keys; custom resources do not. */
    static boolean builtIn(JsonNode resource) {
        String apiVersion = resource.path("apiVersion").asText();
        return !apiVersion.contains("/") || BUILT_IN_GROUP.matcher(apiVersion).matches();
    }

    private void merge(ObjectNode target, ObjectNode patch) {
        patch.fields().forEachRemaining(field -> {
            String name = field.getKey();
            JsonNode change = field.getValue();
            JsonNode current = target.get(name);
            if (change.isNull()) {
                target.remove(name);
            } else if (change.isObject() && current != null && current.isObject()) {
                merge((ObjectNode) current, (ObjectNode) change);
            } else if (change.isArray() && current != null && current.isArray()) {
                target.set(name, mergeList(name, (ArrayNode) current, (ArrayNode) change));
            } else {
                target.set(name, change.deepCopy());
            }
        });
    }

    /** Kustomize's order: the patch's items first (merged), then the base items the patch does not name. */
    private JsonNode mergeList(String field, ArrayNode current, ArrayNode change) {
        String key = mergeKey(field, current, change);
        if (key == null) {
            return change.deepCopy();
        }
        if (newItemsFirst(key)) {
            return mergePorts(key, current, change);
        }
        ArrayNode result = NODES.arrayNode();
        for (JsonNode item : change) {
            if ("delete".equals(item.path("$patch").asText())) {
                continue;
            }
            JsonNode existing = find(current, key, item.get(key));
            if (existing != null) {
                ObjectNode merged = existing.deepCopy();
                merge(merged, (ObjectNode) item);
                result.add(merged);
            } else {
                result.add(item.deepCopy());
            }
        }
        for (JsonNode item : current) {
            if (find(change, key, item.get(key)) == null) {
                result.add(item.deepCopy());
            }
        }
        return result;
    }

    private ObjectNode diffObject(ObjectNode base, ObjectNode target) {
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

    /** Port lists (keyed by port and protocol): new items first, then the base items in base order. */
    private JsonNode mergePorts(String key, ArrayNode current, ArrayNode change) {
        ArrayNode result = NODES.arrayNode();
        for (JsonNode item : change) {
            if (!"delete".equals(item.path("$patch").asText()) && find(current, key, item.get(key)) == null) {
                result.add(item.deepCopy());
            }
        }
        for (JsonNode item : current) {
            JsonNode patch = find(change, key, item.get(key));
            if (patch == null) {
                result.add(item.deepCopy());
            } else if (!"delete".equals(patch.path("$patch").asText())) {
                ObjectNode merged = item.deepCopy();
                merge(merged, (ObjectNode) patch);
                result.add(merged);
            }
        }
        return result;
    }

    /**
     * Kustomize orders lists keyed by more than one field (container and Service ports: port and protocol)
     * differently from single-key lists: items a patch adds come first, the rest keep base order.
     */
    private static boolean newItemsFirst(String key) {
        return key.equals("containerPort") || key.equals("port");
    }

    /**
     * A keyed list's patch. Kustomize puts the patch's items first and the base items it does not name after
     * them, so the patch names the target's items up to the last one that changed, moved or is new (unchanged
     * ones by key alone), and the rest follow from base in their order.
     */
    private JsonNode diffList(String field, ArrayNode base, ArrayNode target) {
        String key = mergeKey(field, base, target);
        if (key == null) {
            return base.equals(target) ? null : target;
        }
        List<JsonNode> deleted = new ArrayList<>();
        for (JsonNode have : base) {
            if (find(target, key, have.get(key)) == null) {
                deleted.add(have.get(key));
            }
        }
        if (newItemsFirst(key)) {
            return diffPorts(key, base, target, deleted);
        }
        int prefix = 0;
        while (!restFollowsFromBase(base, target, key, prefix, deleted)) {
            prefix++;
        }
        ArrayNode patch = NODES.arrayNode();
        for (int i = 0; i < prefix; i++) {
            JsonNode want = target.get(i);
            JsonNode have = find(base, key, want.get(key));
            if (have == null) {
                patch.add(want);
                continue;
            }
            patch.add(keyed(key, want.get(key), diffObject((ObjectNode) have, (ObjectNode) want)));
        }
        deleted.forEach(value -> patch.add(deleteDirective(key, value)));
        return patch.isEmpty() ? null : patch;
    }

    private static ObjectNode keyed(String key, JsonNode value, ObjectNode changes) {
        ObjectNode item = NODES.objectNode();
        item.set(key, value);
        item.setAll(changes);
        return item;
    }

    private static ObjectNode deleteDirective(String key, JsonNode value) {
        ObjectNode delete = NODES.objectNode();
        delete.set(key, value);
        delete.put("$patch", "delete");
        return delete;
    }

    private JsonNode diffPorts(String key, ArrayNode base, ArrayNode target, List<JsonNode> deleted) {
        ArrayNode patch = NODES.arrayNode();
        int added = 0;
        for (JsonNode want : target) {
            JsonNode have = find(base, key, want.get(key));
            if (have == null) {
                if (added++ != patch.size()) {
                    throw new IllegalStateException("kustomize puts new ports first; " + want + " comes after an"
                            + " existing port in " + target);
                }
                patch.add(want);
            } else {
                ObjectNode nested = diffObject((ObjectNode) have, (ObjectNode) want);
                if (!nested.isEmpty()) {
                    patch.add(keyed(key, want.get(key), nested));
                }
            }
        }
        deleted.forEach(value -> patch.add(deleteDirective(key, value)));
        if (!mergePorts(key, base, patch).equals(target)) {
            throw new IllegalStateException("kustomize cannot produce this port order: " + target);
        }
        return patch.isEmpty() ? null : patch;
    }

    /** True when target[prefix..] equals, item for item, the base items neither named before nor deleted. */
    private boolean restFollowsFromBase(ArrayNode base, ArrayNode target, String key, int prefix,
                                        List<JsonNode> deleted) {
        List<JsonNode> named = new ArrayList<>();
        for (int i = 0; i < prefix; i++) {
            named.add(target.get(i).get(key));
        }
        List<JsonNode> rest = new ArrayList<>();
        for (JsonNode have : base) {
            if (!named.contains(have.get(key)) && !deleted.contains(have.get(key))) {
                rest.add(have);
            }
        }
        if (rest.size() != target.size() - prefix) {
            return false;
        }
        for (int i = 0; i < rest.size(); i++) {
            if (!rest.get(i).equals(target.get(prefix + i))) {
                return false;
            }
        }
        return true;
    }

    private String mergeKey(String field, ArrayNode base, ArrayNode target) {
        if (!mergeKeys) {
            return null;
        }
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
