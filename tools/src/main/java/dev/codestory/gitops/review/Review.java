package dev.codestory.gitops.review;

import java.util.List;

/** Every environment's changes between the base revision and the work tree, environments by name. */
public record Review(String base, String baseCommit, List<EnvironmentReview> environments) {

    public Review {
        environments = List.copyOf(environments);
    }

    public boolean hasChanges() {
        return environments.stream().anyMatch(EnvironmentReview::hasChanges);
    }
}
