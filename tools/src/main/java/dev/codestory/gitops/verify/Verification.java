package dev.codestory.gitops.verify;

import java.time.Duration;
import java.util.List;

/**
 * What {@code verify} found: the findings that count, in a stable order (the repository's first, then by
 * environment and check), the findings an environment waived and by which waiver, how much was checked, and what
 * each environment needs from outside Git before its first sync.
 */
public record Verification(List<Finding> findings, List<Waived> waived, int environments, int checks,
                           Duration elapsed, List<Prerequisite> prerequisites) {

    public Verification(List<Finding> findings, List<Waived> waived, int environments, int checks, Duration elapsed) {
        this(findings, waived, environments, checks, elapsed, List.of());
    }

    /** A finding its environment accepted. */
    public record Waived(Finding finding, Waiver waiver) {
    }

    /** Something an environment's pods need that nothing in Git makes ({@code Kind/name}), and which pods. */
    public record Prerequisite(String environment, String resource, List<String> neededBy) {
    }

    public boolean clean() {
        return findings.isEmpty();
    }
}
