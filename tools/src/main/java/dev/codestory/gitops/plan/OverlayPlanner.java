package dev.codestory.gitops.plan;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Works out what an overlay must say so that {@code kustomize build} of it gives the environment's objects:
 * strategic-merge patches for what differs from base, deletions for what the environment drops, whole
 * resources only for what base does not have. Names are stable: an object is the same across base and overlay
 * when its kind and name are.
 */
public final class OverlayPlanner {

    /** A resource identified across base and overlay. */
    record Key(String kind, String name) {
        static Key of(JsonNode resource) {
            return new Key(resource.path("kind").asText(), resource.path("metadata").path("name").asText());
        }
    }

    /** What an overlay holds besides its kustomization's plain fields. */
    public record Plan(List<JsonNode> added, List<JsonNode> patches, List<JsonNode> deletions) {
    }

    private OverlayPlanner() {
    }

    public static Plan plan(List<JsonNode> base, List<JsonNode> environment) {
        Map<Key, JsonNode> baseByKey = index(base);
        Map<Key, JsonNode> envByKey = index(environment);
        List<JsonNode> added = new ArrayList<>();
        List<JsonNode> patches = new ArrayList<>();
        List<JsonNode> deletions = new ArrayList<>();
        envByKey.forEach((key, want) -> {
            JsonNode have = baseByKey.get(key);
            if (have == null) {
                added.add(want);
                return;
            }
            ObjectNode diff = StrategicMergeDiff.diff(have, want);
            if (!diff.isEmpty()) {
                patches.add(withIdentity(have, diff));
            }
        });
        baseByKey.forEach((key, have) -> {
            if (!envByKey.containsKey(key)) {
                ObjectNode delete = identity(have);
                ObjectNode withDirective = JsonNodeFactory.instance.objectNode();
                withDirective.put("$patch", "delete");
                withDirective.setAll(delete);
                deletions.add(withDirective);
            }
        });
        return new Plan(added, patches, deletions);
    }

    /** The objects after kustomize applies a plan made here (as a component): what an overlay builds on. */
    public static List<JsonNode> applied(List<JsonNode> objects, Plan plan) {
        Map<Key, JsonNode> byKey = index(objects);
        plan.deletions().forEach(deletion -> byKey.remove(Key.of(deletion)));
        for (JsonNode patch : plan.patches()) {
            Key key = Key.of(patch);
            byKey.put(key, StrategicMergeDiff.apply(byKey.get(key), patch));
        }
        plan.added().forEach(resource -> byKey.put(Key.of(resource), resource));
        return List.copyOf(byKey.values());
    }

    private static Map<Key, JsonNode> index(List<JsonNode> resources) {
        Map<Key, JsonNode> byKey = new LinkedHashMap<>();
        resources.forEach(resource -> byKey.put(Key.of(resource), resource));
        return byKey;
    }

    private static ObjectNode withIdentity(JsonNode resource, ObjectNode diff) {
        ObjectNode patch = identity(resource);
        ObjectNode metadata = (ObjectNode) patch.get("metadata");
        JsonNode diffMetadata = diff.remove("metadata");
        if (diffMetadata != null) {
            metadata.setAll((ObjectNode) diffMetadata);
        }
        patch.setAll(diff);
        return patch;
    }

    private static ObjectNode identity(JsonNode resource) {
        ObjectNode identity = JsonNodeFactory.instance.objectNode();
        identity.set("apiVersion", resource.get("apiVersion"));
        identity.set("kind", resource.get("kind"));
        identity.putObject("metadata").set("name", resource.path("metadata").get("name"));
        return identity;
    }
}
