package dev.codestory.gitops.check;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;

import dev.codestory.gitops.render.YamlRenderer;

/** A multi-document build output, as trees keyed by {@code kind/namespace/name}, for comparisons. */
public final class RenderedObjects {

    private RenderedObjects() {
    }

    public static Map<String, JsonNode> parse(String yaml) {
        Map<String, JsonNode> objects = new LinkedHashMap<>();
        try (MappingIterator<JsonNode> documents = YamlRenderer.instance().mapper().readerFor(JsonNode.class)
                .readValues(yaml)) {
            List<JsonNode> all = new ArrayList<>(documents.readAll());
            for (JsonNode document : all) {
                if (document == null || document.isNull() || document.isEmpty()) {
                    continue;
                }
                objects.put(key(document), document);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
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
