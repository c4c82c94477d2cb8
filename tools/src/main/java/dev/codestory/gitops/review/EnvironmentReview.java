package dev.codestory.gitops.review;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/** What changes in one environment's build: its resources changed, added and removed, in that order. */
public record EnvironmentReview(String name, Presence presence, List<ResourceReview> resources) {

    public enum Presence {
        BOTH, ADDED, REMOVED
    }

    public EnvironmentReview {
        resources = List.copyOf(resources);
    }

    /** Resources whose whole change is the same one field change, told once: an image bump's version label. */
    public record SameChange(String change, List<String> names) {
    }

    /** A field change shared, as their only change and without a flag, by this many resources or more. */
    static final int SAME_CHANGE_AT_LEAST = 3;

    /** The changes told once for several resources ({@link SameChange}), most resources first. */
    public List<SameChange> sameChanges() {
        Map<String, List<String>> byChange = new TreeMap<>();
        for (ResourceReview resource : resources) {
            if (collapsible(resource)) {
                byChange.computeIfAbsent(resource.changes().get(0).describe(), c -> new ArrayList<>())
                        .add(resource.name());
            }
        }
        return byChange.entrySet().stream().filter(entry -> entry.getValue().size() >= SAME_CHANGE_AT_LEAST)
                .map(entry -> new SameChange(entry.getKey(), List.copyOf(entry.getValue())))
                .sorted(Comparator.comparing((SameChange same) -> -same.names().size())).toList();
    }

    /** The resources told one by one: all but those of {@link #sameChanges()}. */
    public List<ResourceReview> toldOneByOne() {
        Set<String> told = new HashSet<>();
        sameChanges().forEach(same -> told.addAll(same.names()));
        return resources.stream().filter(resource -> !(collapsible(resource) && told.contains(resource.name())))
                .toList();
    }

    private static boolean collapsible(ResourceReview resource) {
        return resource.status() == ResourceReview.Status.CHANGED && resource.changes().size() == 1
                && resource.flags().isEmpty();
    }

    public boolean hasChanges() {
        return presence != Presence.BOTH || !resources.isEmpty();
    }

    public long count(ResourceReview.Status status) {
        return resources.stream().filter(resource -> resource.status() == status).count();
    }

    public long count(Flag.Type type) {
        return resources.stream().filter(resource -> resource.flags().stream()
                .anyMatch(flag -> flag.type() == type)).count();
    }

    /** {@code prod: 1 changed, 0 added, 0 removed}, or {@code dev: no change}. */
    public String headline() {
        if (!hasChanges()) {
            return name + ": no change";
        }
        String label = switch (presence) {
            case BOTH -> name;
            case ADDED -> name + " (new environment)";
            case REMOVED -> name + " (environment removed)";
        };
        return label + ": " + count(ResourceReview.Status.CHANGED) + " changed, "
                + count(ResourceReview.Status.ADDED) + " added, " + count(ResourceReview.Status.REMOVED) + " removed";
    }
}
