package dev.codestory.gitops.analysis.lifecycle;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import com.fasterxml.jackson.databind.JsonNode;

import dev.codestory.gitops.layout.RepoLayout;

/**
 * The lifecycle of an environment as its controllers carry it out, from the units they sync (read from
 * {@code clusters/}) and what each unit builds to:
 * <ul>
 * <li>a first install ({@link FirstInstall}): everything a pod needs is applied in the same step as the pod or an
 * earlier one, or comes from outside Git (a prerequisite, listed);</li>
 * <li>one writer per shared store ({@link SingleWriters}): across the clusters of the environment, at most one
 * Celery beat and one migration per database or broker;</li>
 * <li>ownership ({@link Ownership}): removing one unit deletes no Namespace or volume another unit still uses,
 * and deletion protection holds for every unit;</li>
 * <li>the transition from another revision ({@link Transitions}): no update the API server refuses unless the
 * controller recreates the object, no object moved to another unit that the old one could prune first, no change
 * confined to Argo CD hooks (which start no sync).</li>
 * </ul>
 */
public final class Lifecycle {

    /**
     * One problem: {@code key} is the object's key in a build ({@code Kind/namespace/name}) or null when the problem
     * is not about one object; {@code resource} is {@code Kind/name}.
     */
    public record Problem(String key, String resource, String field, String problem) {
    }

    /** Something a pod needs that nothing in Git makes: it must exist before the first sync. */
    public record Prerequisite(String resource, List<String> neededBy) {
    }

    public record Result(List<Problem> problems, List<Prerequisite> prerequisites) {
    }

    /** An object as a unit applies it. */
    record Placed(SyncUnit unit, String key, JsonNode object) {
        String resource() {
            return object.path("kind").asText() + "/" + object.path("metadata").path("name").asText();
        }

        String namespace() {
            return object.path("metadata").path("namespace").asText("");
        }
    }

    private Lifecycle() {
    }

    /**
     * The rules that need one revision. {@code builds}: each unit directory's objects (as
     * {@code RenderedObjects.parse} keys them); {@code units}: every unit under {@code clusters/}, of any environment.
     */
    public static Result check(String environment, boolean deletionProtection, List<SyncUnit> units,
                               Map<String, Map<String, JsonNode>> builds) {
        List<Problem> problems = new ArrayList<>();
        Map<String, TreeSet<String>> prerequisites = new TreeMap<>();
        Map<String, List<SyncUnit>> clusters = byCluster(environment, units);
        if (clusters.isEmpty()) {
            problems.add(new Problem(null, RepoLayout.overlay(environment), "", "no Argo CD Application or Flux"
                    + " Kustomization under " + RepoLayout.CLUSTERS + "/ syncs it"));
        }
        for (List<SyncUnit> members : clusters.values()) {
            for (SyncUnit unit : members) {
                if (!builds.containsKey(unit.path())) {
                    problems.add(new Problem(null, unit.describe(), "spec", "syncs " + unit.path()
                            + ", which is not a unit of " + environment));
                }
            }
            FirstInstall.check(members, placed(members, builds), problems, prerequisites);
            Ownership.check(members, placed(members, builds), deletionProtection, problems);
        }
        SingleWriters.check(clusters, builds, problems);
        List<Prerequisite> listed = new ArrayList<>();
        prerequisites.forEach((resource, neededBy) -> listed.add(new Prerequisite(resource, List.copyOf(neededBy))));
        return new Result(distinct(problems), listed);
    }

    /** The rules of a change from {@code base} to now, on every cluster the environment runs on in both. */
    public static List<Problem> transitions(String environment, List<SyncUnit> baseUnits,
                                            Map<String, Map<String, JsonNode>> baseBuilds, List<SyncUnit> units,
                                            Map<String, Map<String, JsonNode>> builds) {
        List<Problem> problems = new ArrayList<>();
        Map<String, List<SyncUnit>> before = byCluster(environment, baseUnits);
        byCluster(environment, units).forEach((cluster, members) -> {
            List<SyncUnit> old = before.get(cluster);
            if (old != null) {
                Transitions.check(old, placed(old, baseBuilds), members, placed(members, builds), problems);
            }
        });
        return distinct(problems);
    }

    /**
     * Among the objects the environment's units applied at {@code base} and no unit applies now: per key, why the
     * controller leaves it in the cluster ({@link Removals}); the others are deleted.
     */
    public static Map<String, String> kept(String environment, List<SyncUnit> baseUnits,
                                           Map<String, Map<String, JsonNode>> baseBuilds, List<SyncUnit> units,
                                           Map<String, Map<String, JsonNode>> builds) {
        Set<String> stillBuilt = new TreeSet<>();
        builds.values().forEach(objects -> stillBuilt.addAll(objects.keySet()));
        List<SyncUnit> before = baseUnits.stream().filter(unit -> environment.equals(unit.environment())).toList();
        return Removals.kept(placed(before, baseBuilds), stillBuilt, units);
    }

    /** The environment's units, by cluster; each cluster's in name order. */
    static Map<String, List<SyncUnit>> byCluster(String environment, List<SyncUnit> units) {
        Map<String, List<SyncUnit>> clusters = new TreeMap<>();
        units.stream().filter(unit -> environment.equals(unit.environment()))
                .sorted(Comparator.comparing(SyncUnit::name))
                .forEach(unit -> clusters.computeIfAbsent(unit.cluster(), c -> new ArrayList<>()).add(unit));
        return clusters;
    }

    static List<Placed> placed(List<SyncUnit> units, Map<String, Map<String, JsonNode>> builds) {
        List<Placed> placed = new ArrayList<>();
        for (SyncUnit unit : units) {
            builds.getOrDefault(unit.path(), Map.of()).forEach((key, object) ->
                    placed.add(new Placed(unit, key, object)));
        }
        return placed;
    }

    /** Whether {@code unit} waits for {@code other}, directly or through others (Flux {@code dependsOn}). */
    static boolean dependsOn(SyncUnit unit, SyncUnit other, List<SyncUnit> units) {
        Map<String, SyncUnit> byName = new LinkedHashMap<>();
        units.forEach(u -> byName.put(u.name(), u));
        TreeSet<String> seen = new TreeSet<>();
        List<String> next = new ArrayList<>(unit.dependsOn());
        while (!next.isEmpty()) {
            String name = next.remove(next.size() - 1);
            if (name.equals(other.name())) {
                return true;
            }
            SyncUnit dependency = byName.get(name);
            if (seen.add(name) && dependency != null) {
                next.addAll(dependency.dependsOn());
            }
        }
        return false;
    }

    /** The same problem found on two clusters is one problem. */
    private static List<Problem> distinct(List<Problem> problems) {
        return List.copyOf(new LinkedHashSet<>(problems));
    }
}
