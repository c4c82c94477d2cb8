package dev.codestory.gitops.review;

import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import com.fasterxml.jackson.databind.JsonNode;

import dev.codestory.gitops.analysis.lifecycle.Lifecycle;
import dev.codestory.gitops.analysis.lifecycle.SyncUnit;
import dev.codestory.gitops.kustomize.Kustomize;
import dev.codestory.gitops.kustomize.ControllerObjects;
import dev.codestory.gitops.layout.RepoLayout;

/**
 * Builds the environments a change can affect on both sides and compares them; the others have no change. What
 * the lifecycle model finds wrong with the change (an update refused without a recreate marker, an object moved
 * to another unit unsafely, a change only to hooks) is flagged UNSAFE on the resource.
 */
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
        Map<String, JsonNode> baseControllers = controllerObjects(baseTree);
        Map<String, JsonNode> controllers = controllerObjects(workTree);
        Set<String> affected = affected(baseTree, workTree, inputs, environments, baseControllers, controllers);
        List<Map<String, Map<String, Map<String, JsonNode>>>> units = new OverlayBuilds(kustomize).buildUnits(List.of(
                new OverlayBuilds.Tree(baseTree, "at " + base),
                new OverlayBuilds.Tree(workTree, "in the work tree")), affected::contains);
        List<Map<String, Map<String, JsonNode>>> builds = units.stream().map(OverlayBuilds::merged).toList();
        for (String environment : environments) {
            if (!affected.contains(environment)) {
                builds.forEach(build -> build.put(environment, Map.of()));
            }
        }
        builds.get(0).put(CLUSTERS, baseControllers);
        builds.get(1).put(CLUSTERS, controllers);
        Map<String, List<Lifecycle.Problem>> unsafe = new TreeMap<>();
        Map<String, Map<String, String>> kept = new TreeMap<>();
        List<SyncUnit> baseUnits = SyncUnit.read(baseControllers);
        List<SyncUnit> syncUnits = SyncUnit.read(controllers);
        for (String environment : affected) {
            Map<String, Map<String, JsonNode>> before = units.get(0).get(environment);
            Map<String, Map<String, JsonNode>> after = units.get(1).get(environment);
            if (before != null && after != null) {
                unsafe.put(environment, Lifecycle.transitions(environment, baseUnits, before, syncUnits, after));
            }
            if (before != null) {
                kept.put(environment, Lifecycle.kept(environment, baseUnits, before, syncUnits,
                        after == null ? Map.of() : after));
            }
        }
        return BuildComparison.compare(base, baseCommit, builds.get(0), builds.get(1), unsafe, kept);
    }

    /**
     * The environments whose builds can differ ({@link AffectedEnvironments}), and those whose units under
     * {@code clusters/} differ: an object that moves from one unit to another builds the same on both sides.
     */
    public static Set<String> affected(Path baseTree, Path workTree, List<String> inputs, Set<String> environments,
                                       Map<String, JsonNode> baseControllers, Map<String, JsonNode> controllers) {
        Set<String> affected = new TreeSet<>(AffectedEnvironments.between(baseTree, workTree, inputs, environments));
        Set<SyncUnit> before = new HashSet<>(SyncUnit.read(baseControllers));
        Set<SyncUnit> after = new HashSet<>(SyncUnit.read(controllers));
        for (String environment : environments) {
            if (!units(before, environment).equals(units(after, environment))) {
                affected.add(environment);
            }
        }
        return affected;
    }

    /**
     * The builds of each unit of {@code environments} in {@code tree} (environment, then unit directory, then
     * objects), for {@code verify --base}.
     */
    public Map<String, Map<String, Map<String, JsonNode>>> unitBuilds(Path tree, String label,
                                                                     Set<String> environments) {
        return new OverlayBuilds(kustomize).buildUnits(List.of(new OverlayBuilds.Tree(tree, label)),
                environments::contains).get(0);
    }

    public static Map<String, JsonNode> controllerObjects(Path root) {
        return ControllerObjects.read(root);
    }

    private static Set<SyncUnit> units(Set<SyncUnit> units, String environment) {
        Set<SyncUnit> of = new HashSet<>();
        units.stream().filter(unit -> environment.equals(unit.environment())).forEach(of::add);
        return of;
    }
}
