package dev.codestory.gitops.review;

import dev.codestory.gitops.yaml.FieldDiff;
import dev.codestory.gitops.yaml.FieldChange;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.JsonNode;

import dev.codestory.gitops.yaml.RenderedObjects;

/**
 * Compares the builds of every environment on both sides, resource by resource (keyed by kind, namespace and
 * name), and flags the changes that delete something.
 */
public final class BuildComparison {

    /** A Job named after what it runs ends in a hash; another hash after the same stem is its next release. */
    private static final Pattern HASHED_NAME = Pattern.compile("(.+)-[0-9a-f]{8,}");

    private BuildComparison() {
    }

    /** {@code before} and {@code after}: each environment's build, as {@link RenderedObjects#parse} keys it. */
    public static Review compare(String base, String baseCommit, Map<String, Map<String, JsonNode>> before,
            Map<String, Map<String, JsonNode>> after) {
        List<EnvironmentReview> environments = new ArrayList<>();
        TreeSet<String> names = new TreeSet<>(before.keySet());
        names.addAll(after.keySet());
        for (String name : names) {
            environments.add(compare(name, before.get(name), after.get(name)));
        }
        return new Review(base, baseCommit, environments);
    }

    static EnvironmentReview compare(String environment, Map<String, JsonNode> before, Map<String, JsonNode> after) {
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
        Map<String, JsonNode> replaceable = replaceableJobs(old, now);
        for (Map.Entry<String, JsonNode> entry : now.entrySet()) {
            if (old.containsKey(entry.getKey())) {
                continue;
            }
            JsonNode resource = entry.getValue();
            JsonNode replaced = stem(resource).map(replaceable::get).orElse(null);
            if (replaced == null) {
                added.add(new ResourceReview(ResourceReview.Status.ADDED, names.apply(resource), null, resource,
                        List.of(), List.of()));
            } else {
                added.add(new ResourceReview(ResourceReview.Status.ADDED, names.apply(resource), replaced, resource,
                        FieldDiff.between(replaced, resource), List.of(Flag.recreate("new migration Job replaces "
                        + replaced.path("metadata").path("name").asText()))));
            }
        }
        for (Map.Entry<String, JsonNode> entry : old.entrySet()) {
            if (!now.containsKey(entry.getKey())) {
                String removedKind = kind(entry.getValue());
                Flag flag = removedKind.equals("Application") || (removedKind.equals("Kustomization")
                        && entry.getValue().path("apiVersion").asText().startsWith("kustomize.toolkit.fluxcd.io/"))
                        ? Flag.removedDeployment() : Flag.pruned();
                removed.add(new ResourceReview(ResourceReview.Status.REMOVED, names.apply(entry.getValue()),
                        entry.getValue(), null, List.of(), List.of(flag)));
            }
        }
        List<ResourceReview> resources = new ArrayList<>(changed);
        resources.addAll(added);
        resources.addAll(removed);
        return new EnvironmentReview(environment, presence, resources);
    }

    private static Map<String, JsonNode> sorted(Map<String, JsonNode> build) {
        return build == null ? new TreeMap<>() : new TreeMap<>(build);
    }

    /** Removed Jobs with a hashed name, by namespace and stem, when exactly one was added with that stem. */
    private static Map<String, JsonNode> replaceableJobs(Map<String, JsonNode> old, Map<String, JsonNode> now) {
        Map<String, List<JsonNode>> removed = byStem(old, now);
        Map<String, List<JsonNode>> added = byStem(now, old);
        Map<String, JsonNode> replaceable = new HashMap<>();
        removed.forEach((stem, jobs) -> {
            if (jobs.size() == 1 && added.getOrDefault(stem, List.of()).size() == 1) {
                replaceable.put(stem, jobs.get(0));
            }
        });
        return replaceable;
    }

    private static Map<String, List<JsonNode>> byStem(Map<String, JsonNode> side, Map<String, JsonNode> other) {
        Map<String, List<JsonNode>> jobs = new HashMap<>();
        side.forEach((key, resource) -> {
            if (!other.containsKey(key)) {
                stem(resource).ifPresent(stem -> jobs.computeIfAbsent(stem, s -> new ArrayList<>()).add(resource));
            }
        });
        return jobs;
    }

    private static Optional<String> stem(JsonNode resource) {
        if (!"Job".equals(kind(resource))) {
            return Optional.empty();
        }
        Matcher hashed = HASHED_NAME.matcher(resource.path("metadata").path("name").asText());
        return hashed.matches()
                ? Optional.of(resource.path("metadata").path("namespace").asText("") + "/" + hashed.group(1))
                : Optional.empty();
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
