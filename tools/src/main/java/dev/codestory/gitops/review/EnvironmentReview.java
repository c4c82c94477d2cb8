package dev.codestory.gitops.review;

import java.util.List;

/** What changes in one environment's build: its resources changed, added and removed, in that order. */
public record EnvironmentReview(String name, Presence presence, List<ResourceReview> resources) {

    public enum Presence {
        BOTH, ADDED, REMOVED
    }

    public EnvironmentReview {
        resources = List.copyOf(resources);
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
