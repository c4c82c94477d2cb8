package dev.codestory.gitops.verify;

import java.util.List;

/** Sets aside the findings an environment accepted in its spec ({@code verify.waivers}), each with its waiver. */
final class Waivers {

    private Waivers() {
    }

    /** Adds each of {@code found} to {@code findings}, or to {@code waived} when one of {@code accepted} covers it. */
    static void apply(List<Finding> found, List<Waiver> accepted, List<Finding> findings,
                      List<Verification.Waived> waived) {
        for (Finding finding : found) {
            accepted.stream().filter(waiver -> waiver.waives(finding)).findFirst().ifPresentOrElse(
                    waiver -> waived.add(new Verification.Waived(finding, waiver)), () -> findings.add(finding));
        }
    }
}
