package dev.codestory.gitops.generate;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import com.fasterxml.jackson.databind.JsonNode;

import dev.codestory.gitops.layout.RepoLayout;
import dev.codestory.gitops.plan.Kustomization;
import dev.codestory.gitops.plan.OverlayPlanner;
import dev.codestory.gitops.spec.Component;
import dev.codestory.gitops.spec.Environment;

/**
 * Turns the environments into every file regen owns, in memory; nothing touches the disk here. base/ and the
 * components come from the spec defaults; each overlay is the difference between its environment's objects and
 * base plus its components; clusters/ points the controllers at the overlays.
 */
public final class RepositoryGenerator {

    /**
     * Starts computing base/ and the component plans on a thread of their own: they depend on the tool alone, and
     * a command that will generate can have them ready by the time its specs are read.
     */
    public static void prepare() {
        Thread thread = new Thread(Defaults::get, "defaults");
        thread.setDaemon(true);
        thread.start();
    }

    /** Environments are generated in parallel; the result does not depend on the order they finish in. */
    public GeneratedTree generate(List<Environment> environments) {
        Defaults defaults = Defaults.get();
        Map<String, List<JsonNode>> objects = new ConcurrentHashMap<>();
        List<GeneratedTree> overlays = environments.parallelStream().map(environment -> {
            List<JsonNode> composed = defaults.base();
            for (Component component : environment.spec().orderedComponents()) {
                composed = OverlayPlanner.applied(composed, defaults.components().get(component));
            }
            List<JsonNode> own = AppObjects.trees(environment);
            objects.put(environment.name(), own);
            return OverlayFiles.of(environment, composed, own);
        }).toList();

        GeneratedTree tree = new GeneratedTree();
        DirectoryWriter base = new DirectoryWriter(tree, RepoLayout.BASE, "the spec defaults");
        base.kustomization(Kustomization.of(null, base.resources(defaults.base()), null, null, null, null));
        defaults.components().forEach((component, plan) ->
                ComponentFiles.write(tree, component, plan, environments, objects));
        ClusterFiles.write(tree, environments);
        overlays.forEach(overlay -> {
            overlay.files().forEach(tree::put);
            overlay.seeds().forEach(tree::seed);
        });
        return tree;
    }
}
