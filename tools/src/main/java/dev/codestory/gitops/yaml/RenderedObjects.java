package dev.codestory.gitops.yaml;

import java.util.LinkedHashMap;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;


/** A multi-document build output, as trees keyed by {@code kind/namespace/name}, for comparisons. */
public final class RenderedObjects {

    private RenderedObjects() {
    }

    public static Map<String, JsonNode> parse(String yaml) {
        Map<String, JsonNode> objects = new LinkedHashMap<>();
        for (JsonNode document : YamlRenderer.instance().parse(yaml)) {
            if (document.isNull() || document.isEmpty()) {
                continue;
            }
            objects.put(key(document), document);
        }
        return objects;
    }

    public static String key(JsonNode resource) {
        JsonNode metadata = resource.path("metadata");
        String namespace = metadata.path("namespace").asText("");
        return resource.path("kind").asText() + "/" + (namespace.isEmpty() ? "" : namespace + "/")
                + metadata.path("name").asText();
    }
}
