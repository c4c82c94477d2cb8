package dev.codestory.gitops.review;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The review as a pull-request comment: a heading, then per environment a collapsed {@code <details>} block
 * with a line per resource and its diff in a {@code diff} code block; recreate and prune flags in bold.
 */
public final class MarkdownReport {

    /** GitHub refuses comments over 65,536 characters; diffs past this budget are left out, never cut. */
    static final int DIFF_BUDGET = 60_000;

    private static final int SUMMARY_FIELDS = 5;
    private static final Pattern BACKTICKS = Pattern.compile("`+");

    private MarkdownReport() {
    }

    /**
     * With {@code note} (or null), a caveat shown under the heading: a comment is read without the command's
     * standard error, so what makes its content doubtful belongs in it.
     */
    public static String render(Review review, String note) {
        StringBuilder text = new StringBuilder();
        text.append("### Rendered changes against ").append(code(review.base()));
        if (!review.baseCommit().isEmpty() && !review.baseCommit().equals(review.base())) {
            text.append(" (").append(code(review.baseCommit())).append(')');
        }
        text.append("\n\n");
        if (note != null) {
            text.append("> **Note:** ").append(note).append("\n\n");
        }
        if (!review.hasChanges()) {
            text.append("No change in any environment").append(review.environments().isEmpty() ? "."
                    : " (" + String.join(", ", review.environments().stream().map(EnvironmentReview::name).toList())
                    + ").").append('\n');
            return text.toString();
        }
        int budget = DIFF_BUDGET;
        for (EnvironmentReview environment : review.environments()) {
            if (!environment.hasChanges()) {
                text.append("**").append(environment.name()).append("**: no change\n\n");
                continue;
            }
            text.append("<details><summary>").append(environment.headline()).append(flagCounts(environment))
                    .append("</summary>\n\n");
            for (EnvironmentReview.SameChange same : environment.sameChanges()) {
                text.append("- ").append(same.names().size()).append(" resources changed only in ")
                        .append(code(same.change())).append(": ")
                        .append(String.join(", ", same.names().stream().map(MarkdownReport::code).toList()))
                        .append('\n');
            }
            for (ResourceReview resource : environment.toldOneByOne()) {
                text.append("- ").append(word(resource.status())).append(' ').append(code(resource.name()));
                String summary = resource.summary(SUMMARY_FIELDS);
                if (resource.status() == ResourceReview.Status.CHANGED && !summary.isEmpty()) {
                    text.append(": ").append(code(summary));
                }
                for (Flag flag : resource.flags()) {
                    text.append(" — **").append(flag.type()).append("**: ").append(flag.reason());
                }
                text.append('\n');
                if (resource.hasDiff()) {
                    String diff = ResourceDiff.of(review.base(), resource);
                    if (diff.length() <= budget) {
                        budget -= diff.length();
                        text.append('\n').append(fenced(diff)).append('\n');
                    } else {
                        text.append("\n  _(diff left out to keep this comment within GitHub's size limit; run ")
                                .append(code("diff --base " + review.base())).append(" locally)_\n\n");
                    }
                }
            }
            endParagraph(text);
            text.append("</details>\n\n");
        }
        return text.toString().stripTrailing() + "\n";
    }

    private static void endParagraph(StringBuilder text) {
        while (!text.toString().endsWith("\n\n")) {
            text.append('\n');
        }
    }

    private static String flagCounts(EnvironmentReview environment) {
        StringBuilder text = new StringBuilder();
        for (Flag.Type type : Flag.Type.values()) {
            long count = environment.count(type);
            if (count > 0) {
                text.append(text.isEmpty() ? " — " : ", ").append("<b>").append(count).append(' ').append(type)
                        .append("</b>");
            }
        }
        return text.toString();
    }

    private static String word(ResourceReview.Status status) {
        return switch (status) {
            case CHANGED -> "changed";
            case ADDED -> "added";
            case REMOVED -> "removed";
        };
    }

    /** A code block inside a list item (indented by two) with a fence longer than any run of backticks in it. */
    private static String fenced(String diff) {
        String fence = "`".repeat(Math.max(3, longestBackticks(diff) + 1));
        StringBuilder text = new StringBuilder("  ").append(fence).append("diff\n");
        for (String line : List.of(diff.split("\n"))) {
            text.append(line.isEmpty() ? "" : "  ").append(line).append('\n');
        }
        return text.append("  ").append(fence).append('\n').toString();
    }

    private static String code(String value) {
        String ticks = "`".repeat(longestBackticks(value) + 1);
        String pad = value.startsWith("`") || value.endsWith("`") ? " " : "";
        return ticks + pad + value + pad + ticks;
    }

    private static int longestBackticks(String text) {
        int longest = 0;
        Matcher run = BACKTICKS.matcher(text);
        while (run.find()) {
            longest = Math.max(longest, run.group().length());
        }
        return longest;
    }
}
