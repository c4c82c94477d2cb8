package dev.codestory.gitops.review;

/**
 * The review for a terminal: a headline per environment, a line per resource (marker, name, changed fields),
 * its flags, and the diff of each changed resource.
 */
public final class TextReport {

    private static final int SUMMARY_FIELDS = 3;

    private TextReport() {
    }

    public static String render(Review review) {
        StringBuilder text = new StringBuilder();
        if (review.environments().isEmpty()) {
            text.append("no environments (no overlays/<env>/kustomization.yaml) at ").append(review.base())
                    .append(" or in the work tree\n");
        }
        for (EnvironmentReview environment : review.environments()) {
            text.append(environment.headline()).append('\n');
            for (EnvironmentReview.SameChange same : environment.sameChanges()) {
                text.append("  ~ ").append(same.names().size()).append(" resources changed only in ")
                        .append(same.change()).append(": ").append(String.join(", ", same.names())).append('\n');
            }
            for (ResourceReview resource : environment.toldOneByOne()) {
                text.append("  ").append(resource.status().marker()).append(' ').append(resource.name());
                String summary = resource.status() == ResourceReview.Status.CHANGED
                        ? resource.summary(SUMMARY_FIELDS) : "";
                text.append(summary.isEmpty() ? "" : "  " + summary).append('\n');
                for (Flag flag : resource.flags()) {
                    text.append("    ").append(flag).append('\n');
                }
                if (resource.hasDiff()) {
                    for (String line : ResourceDiff.of(review.base(), resource).split("\n")) {
                        text.append("      ").append(line).append('\n');
                    }
                }
            }
        }
        return text.toString();
    }
}
