package dev.codestory.gitops.kustomize;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import com.fasterxml.jackson.databind.JsonNode;

import dev.codestory.gitops.yaml.RenderedObjects;
import dev.codestory.gitops.layout.RepoLayout;

/**
 * The Argo CD and Flux objects regen wrote under clusters/, applied as they are (not built by kustomize). Files
 * there that regen did not write ({@code flux bootstrap}'s {@code flux-system/}, a team's own) are their owners'
 * business; a generated file edited by hand is the tree check's.
 */
public final class ControllerObjects {

    private ControllerObjects() {
    }

    /** The objects, keyed by directory and object: the same object for two Flux clusters is two deployments. */
    public static Map<String, JsonNode> read(Path root) {
        Map<String, JsonNode> objects = new TreeMap<>();
        RepoLayout layout = new RepoLayout(root);
        for (String path : layout.generatedFilesOnDisk(List.of(RepoLayout.CLUSTERS))) {
            if (!path.startsWith(RepoLayout.CLUSTERS + "/") || !path.endsWith(".yaml")) {
                continue;
            }
            byte[] content = layout.readIfFile(layout.generated(path));
            if (content == null || !RepoLayout.carriesGeneratedMark(content)) {
                continue;
            }
            String where = path.substring(0, path.lastIndexOf('/')) + " ";
            RenderedObjects.parse(new String(content, StandardCharsets.UTF_8))
                    .forEach((key, object) -> objects.put(where + key, object));
        }
        return objects;
    }
}
