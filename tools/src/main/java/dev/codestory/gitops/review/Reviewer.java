package dev.codestory.gitops.review;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import com.fasterxml.jackson.databind.JsonNode;

import dev.codestory.gitops.kustomize.Kustomize;
import dev.codestory.gitops.kustomize.ControllerObjects;
import dev.codestory.gitops.layout.RepoLayout;

/** Builds the environments a change can affect on both sides and compares them; the others have no change. */
public final class Reviewer {

    /** Not an environment's name (those have no '/'): the GitOps controllers' own objects. */
    public static final String CLUSTERS = RepoLayout.CLUSTERS;

    private final Kustomize kustomize;

    public Reviewer(Kustomize kustomize) {
        this.kustomize = kustomize;
    }

    /**
     * {@code baseTree} holds {@code inputs} as they are at {@code base} (commit {@code baseCommit});
     * {@code workTree} is the repository root.
     */
    public Review review(String base, String baseCommit, Path baseTree, Path workTree, List<String> inputs) {
        Set<String> environments = new TreeSet<>(OverlayBuilds.environments(baseTree));
        environments.addAll(OverlayBuilds.environments(workTree));
        Set<String> affected = AffectedEnvironments.between(baseTree, workTree, inputs, environments);
        List<Map<String, Map<String, JsonNode>>> builds = new OverlayBuilds(kustomize).build(List.of(
                new OverlayBuilds.Tree(baseTree, "at " + base),
                new OverlayBuilds.Tree(workTree, "in the work tree")), affected::contains);
        for (String environment : environments) {
            if (!affected.contains(environment)) {
                builds.forEach(build -> build.put(environment, Map.of()));
            }
        }
        builds.get(0).put(CLUSTERS, controllerObjects(baseTree));
        builds.get(1).put(CLUSTERS, controllerObjects(workTree));
        return BuildComparison.compare(base, baseCommit, builds.get(0), builds.get(1));
    }

    static Map<String, JsonNode> controllerObjects(Path root) {
        return ControllerObjects.read(root);
    }

}
