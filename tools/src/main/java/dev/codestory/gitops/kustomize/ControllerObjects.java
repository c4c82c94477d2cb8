package dev.codestory.gitops.kustomize;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

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
        Path dir = root.resolve(RepoLayout.CLUSTERS);
        if (!Files.isDirectory(dir)) {
            return objects;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".yaml")).sorted().toList()) {
                String where = root.relativize(file.getParent()).toString().replace('\\', '/') + " ";
                RenderedObjects.parse(Files.readString(file, StandardCharsets.UTF_8))
                        .forEach((key, object) -> objects.put(where + key, object));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return objects;
    }
}
