package dev.codestory.gitops.verify;

import java.time.Duration;
import java.util.List;

/**
 * What {@code verify} found: the findings that count, in a stable order (the repository's first, then by
 * environment and check), the findings an environment waived and by which waiver, and how much was checked.
 */
public record Verification(List<Finding> findings, List<Waived> waived, int environments, int checks,
                           Duration elapsed) {

    /** A finding its environment accepted. */
    public record Waived(Finding finding, Waiver waiver) {
    }

    public boolean clean() {
        return findings.isEmpty();
    }
}
