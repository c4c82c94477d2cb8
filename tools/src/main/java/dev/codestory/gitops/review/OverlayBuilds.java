package dev.codestory.gitops.review;

import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.function.Predicate;

import com.fasterxml.jackson.databind.JsonNode;

import dev.codestory.gitops.kustomize.BuildPool;
import dev.codestory.gitops.kustomize.Kustomize;
import dev.codestory.gitops.kustomize.KustomizeException;
import dev.codestory.gitops.yaml.RenderedObjects;
import dev.codestory.gitops.layout.RepoLayout;

/**
 * Every environment of two trees built with kustomize, on a {@link BuildPool}, and parsed into its resources.
 */
public final class OverlayBuilds {

    private final Kustomize kustomize;

    public OverlayBuilds(Kustomize kustomize) {
        this.kustomize = kustomize;
    }

    /** One tree to build: its root directory and how messages name it ("at HEAD", "in the work tree"). */
    public record Tree(Path root, String label) {
    }

    /**
     * Each tree's environments (those {@code selected}), each unit directory of each, and its resources, in the
     * order the trees were given.
     */
    public List<Map<String, Map<String, Map<String, JsonNode>>>> buildUnits(List<Tree> trees,
                                                                           Predicate<String> selected) {
        List<Map<String, Map<String, CompletableFuture<Map<String, JsonNode>>>>> pending = new ArrayList<>();
        try (BuildPool pool = new BuildPool("kustomize-build")) {
            for (Tree tree : trees) {
                Map<String, Map<String, CompletableFuture<Map<String, JsonNode>>>> builds = new TreeMap<>();
                for (String environment : environments(tree.root()).stream().filter(selected).toList()) {
                    Map<String, CompletableFuture<Map<String, JsonNode>>> byUnit = new LinkedHashMap<>();
                    for (String unit : units(tree.root(), environment)) {
                        byUnit.put(unit, pool.submit(() -> build(tree, unit)));
                    }
                    builds.put(environment, byUnit);
                }
                pending.add(builds);
            }
            return pending.stream().map(OverlayBuilds::join).toList();
        }
    }

    /** The environments of a tree: the directories under {@code overlays/} that hold a spec. */
    public static List<String> environments(Path root) {
        return new RepoLayout(root).environments();
    }

    /**
     * What is synced for an environment: its overlay and, when the environment runs under Flux, the migration
     * unit {@code overlays/<env>/migrate} that the overlay's Kustomization depends on; with several clusters, the
     * secondary clusters' {@code overlays/<env>.secondary} (and its migration unit).
     */
    static List<String> units(Path root, String environment) {
        return new RepoLayout(root).units(environment).stream().map(RepoLayout.Unit::directory).toList();
    }

    private Map<String, JsonNode> build(Tree tree, String unit) {
        try {
            return RenderedObjects.parse(kustomize.build(tree.root().resolve(unit)));
        } catch (KustomizeException e) {
            throw new KustomizeException("cannot build " + unit + " " + tree.label() + ": "
                    + Kustomize.message(e, tree.root()));
        } catch (UncheckedIOException e) {
            throw new KustomizeException(unit + " " + tree.label() + " does not build into valid YAML: "
                    + e.getCause().getMessage());
        }
    }

    private static Map<String, Map<String, Map<String, JsonNode>>> join(
            Map<String, Map<String, CompletableFuture<Map<String, JsonNode>>>> builds) {
        Map<String, Map<String, Map<String, JsonNode>>> results = new TreeMap<>();
        builds.forEach((environment, units) -> {
            Map<String, Map<String, JsonNode>> byUnit = new LinkedHashMap<>();
            units.forEach((unit, build) -> byUnit.put(unit, BuildPool.join(build)));
            results.put(environment, byUnit);
        });
        return results;
    }

    /** An environment's units' resources together: what it syncs. */
    static Map<String, Map<String, JsonNode>> merged(Map<String, Map<String, Map<String, JsonNode>>> units) {
        Map<String, Map<String, JsonNode>> results = new TreeMap<>();
        units.forEach((environment, byUnit) -> {
            Map<String, JsonNode> resources = new LinkedHashMap<>();
            byUnit.values().forEach(resources::putAll);
            results.put(environment, resources);
        });
        return results;
    }
}
