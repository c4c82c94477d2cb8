package dev.codestory.gitops.review;

import dev.codestory.gitops.yaml.FieldDiff;
import dev.codestory.gitops.yaml.FieldChange;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.JsonNode;

import dev.codestory.gitops.analysis.lifecycle.Lifecycle;
import dev.codestory.gitops.analysis.lifecycle.SyncUnit;
import dev.codestory.gitops.yaml.RenderedObjects;

/**
 * Compares the builds of every environment on both sides, resource by resource (keyed by kind, namespace and
 * name), and flags the changes that delete something.
 */
public final class BuildComparison {

    private BuildComparison() {
    }

    /**
     * {@code before} and {@code after}: each environment's build, as {@link RenderedObjects#parse} keys it;
     * {@code unsafe}: per environment, what the lifecycle model finds wrong with the change, flagged UNSAFE;
     * {@code kept}: per environment, the removed objects its controller leaves in the cluster, and why.
     */
    public static Review compare(String base, String baseCommit, Map<String, Map<String, JsonNode>> before,
            Map<String, Map<String, JsonNode>> after, Map<String, List<Lifecycle.Problem>> unsafe,
            Map<String, Map<String, String>> kept) {
        List<EnvironmentReview> environments = new ArrayList<>();
        TreeSet<String> names = new TreeSet<>(before.keySet());
        names.addAll(after.keySet());
        for (String name : names) {
            environments.add(compare(name, before.get(name), after.get(name), unsafe.getOrDefault(name, List.of()),
                    kept.getOrDefault(name, Map.of())));
        }
        return new Review(base, baseCommit, environments);
    }

    static EnvironmentReview compare(String environment, Map<String, JsonNode> before, Map<String, JsonNode> after) {
        return compare(environment, before, after, List.of(), Map.of());
    }

    static EnvironmentReview compare(String environment, Map<String, JsonNode> before, Map<String, JsonNode> after,
                                     List<Lifecycle.Problem> unsafe, Map<String, String> kept) {
        EnvironmentReview.Presence presence = before == null ? EnvironmentReview.Presence.ADDED
                : after == null ? EnvironmentReview.Presence.REMOVED : EnvironmentReview.Presence.BOTH;
        Map<String, JsonNode> old = sorted(before);
        Map<String, JsonNode> now = sorted(after);
        Function<JsonNode, String> names = displayNames(old, now);

        List<ResourceReview> changed = new ArrayList<>();
        List<ResourceReview> added = new ArrayList<>();
        List<ResourceReview> removed = new ArrayList<>();
        for (Map.Entry<String, JsonNode> entry : now.entrySet()) {
            JsonNode previous = old.get(entry.getKey());
            if (previous == null) {
                continue;
            }
            List<FieldChange> changes = FieldDiff.between(previous, entry.getValue());
            if (!changes.isEmpty()) {
                changed.add(new ResourceReview(ResourceReview.Status.CHANGED, names.apply(entry.getValue()), previous,
                        entry.getValue(), changes, RecreateRules.flags(kind(previous), changes)));
            }
        }
        for (Map.Entry<String, JsonNode> entry : now.entrySet()) {
            if (!old.containsKey(entry.getKey())) {
                added.add(new ResourceReview(ResourceReview.Status.ADDED, names.apply(entry.getValue()), null,
                        entry.getValue(), List.of(), List.of()));
            }
        }
        for (Map.Entry<String, JsonNode> entry : old.entrySet()) {
            if (!now.containsKey(entry.getKey())) {
                Optional<SyncUnit> unit = SyncUnit.of(entry.getKey(), entry.getValue());
                String keptBecause = kept.get(entry.getKey());
                Flag flag = unit.isPresent() ? Flag.removedDeployment(unit.get().keepsOnDeletion())
                        : keptBecause != null ? Flag.kept(keptBecause) : Flag.pruned();
                removed.add(new ResourceReview(ResourceReview.Status.REMOVED, names.apply(entry.getValue()),
                        entry.getValue(), null, List.of(), List.of(flag)));
            }
        }
        flagUnsafe(unsafe, old, now, names, changed, added);
        List<ResourceReview> resources = new ArrayList<>(changed);
        resources.addAll(added);
        resources.addAll(removed);
        return new EnvironmentReview(environment, presence, resources);
    }

    /** Adds each problem to its resource's review, or as a review of its own when the resource does not change. */
    private static void flagUnsafe(List<Lifecycle.Problem> unsafe, Map<String, JsonNode> old,
                                   Map<String, JsonNode> now, Function<JsonNode, String> names,
                                   List<ResourceReview> changed, List<ResourceReview> added) {
        for (Lifecycle.Problem problem : unsafe) {
            JsonNode resource = problem.key() == null ? null : now.get(problem.key());
            if (resource == null) {
                continue;
            }
            Flag flag = Flag.unsafe(problem.problem());
            String name = names.apply(resource);
            boolean found = false;
            for (List<ResourceReview> reviews : List.of(changed, added)) {
                for (int i = 0; i < reviews.size(); i++) {
                    ResourceReview review = reviews.get(i);
                    if (review.name().equals(name)) {
                        List<Flag> flags = new ArrayList<>(review.flags());
                        flags.add(flag);
                        reviews.set(i, new ResourceReview(review.status(), review.name(), review.before(),
                                review.after(), review.changes(), flags));
                        found = true;
                    }
                }
            }
            if (!found) {
                changed.add(new ResourceReview(ResourceReview.Status.CHANGED, name, null, resource, List.of(),
                        List.of(flag)));
            }
        }
    }

    private static Map<String, JsonNode> sorted(Map<String, JsonNode> build) {
        return build == null ? new TreeMap<>() : new TreeMap<>(build);
    }

    private static String kind(JsonNode resource) {
        return resource.path("kind").asText();
    }

    /**
     * {@code Kind/name}, with the namespace left out where it is the environment's own on both sides (the one
     * most resources are in), so a change of namespace still shows on every resource.
     */
    private static Function<JsonNode, String> displayNames(Map<String, JsonNode> old, Map<String, JsonNode> now) {
        Optional<String> oldNamespace = commonNamespace(old.values());
        Optional<String> newNamespace = commonNamespace(now.values());
        String shared = oldNamespace.isEmpty() ? newNamespace.orElse("")
                : newNamespace.isEmpty() || newNamespace.equals(oldNamespace) ? oldNamespace.get() : null;
        return resource -> {
            String namespace = resource.path("metadata").path("namespace").asText("");
            String name = resource.path("metadata").path("name").asText();
            return kind(resource) + "/" + (namespace.isEmpty() || namespace.equals(shared) ? "" : namespace + "/")
                    + name;
        };
    }

    private static Optional<String> commonNamespace(Collection<JsonNode> resources) {
        Map<String, Long> counts = resources.stream()
                .map(resource -> resource.path("metadata").path("namespace").asText(""))
                .filter(namespace -> !namespace.isEmpty())
                .collect(Collectors.groupingBy(Function.identity(), TreeMap::new, Collectors.counting()));
        String common = null;
        long most = 0;
        for (Map.Entry<String, Long> count : counts.entrySet()) {
            if (count.getValue() > most) {
                common = count.getKey();
                most = count.getValue();
            }
        }
        return Optional.ofNullable(common);
    }
}
