package dev.codestory.gitops.kustomize;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;

import com.fasterxml.jackson.databind.JsonNode;

import dev.codestory.gitops.yaml.RenderedObjects;
import dev.codestory.gitops.layout.RepoLayout;

/** The Argo CD and Flux objects under clusters/, applied as they are (not built by kustomize). */
public final class ControllerObjects {

    private ControllerObjects() {
    }

    /** The objects, keyed by directory and object: the same object for two Flux clusters is two deployments. */
    public static Map<String, JsonNode> read(Path root) {
        Map<String, JsonNode> objects = new TreeMap<>();
        RepoLayout layout = new RepoLayout(root);
        for (String path : layout.generatedFilesOnDisk(java.util.List.of(RepoLayout.CLUSTERS))) {
            if (!path.startsWith(RepoLayout.CLUSTERS + "/") || !path.endsWith(".yaml")) {
                continue;
            }
            byte[] content = layout.readIfFile(layout.generated(path));
            if (content == null) {
                continue;
            }
            String where = path.substring(0, path.lastIndexOf('/')) + " ";
            RenderedObjects.parse(new String(content, StandardCharsets.UTF_8))
                    .forEach((key, object) -> objects.put(where + key, object));
        }
        return objects;
    }
}
