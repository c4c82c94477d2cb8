package dev.codestory.gitops.verify;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

import dev.codestory.gitops.analysis.lifecycle.Lifecycle;
import dev.codestory.gitops.analysis.lifecycle.SyncUnit;
import dev.codestory.gitops.spec.Environment;

/**
 * The {@code lifecycle} check: what {@link Lifecycle} finds about one environment, from the units under
 * {@code clusters/} and the builds of its units; with a base revision, also about the change from it.
 */
final class LifecycleCheck {

    private LifecycleCheck() {
    }

    /** {@code builds}: each of the environment's unit directories and its objects. */
    static List<Finding> check(Environment environment, List<SyncUnit> units, Map<String, Map<String, JsonNode>> builds,
                               List<Verification.Prerequisite> prerequisites) {
        Lifecycle.Result result = Lifecycle.check(environment.name(), environment.spec().gitops().deletionProtection(),
                units, builds);
        result.prerequisites().forEach(prerequisite -> prerequisites.add(new Verification.Prerequisite(
                environment.name(), prerequisite.resource(), prerequisite.neededBy())));
        return findings(environment, result.problems(), "");
    }

    static List<Finding> transitions(Environment environment, BaseRevision base, List<SyncUnit> units,
                                     Map<String, Map<String, JsonNode>> builds) {
        List<Lifecycle.Problem> problems = Lifecycle.transitions(environment.name(),
                SyncUnit.read(base.controllerObjects()), base.builds().getOrDefault(environment.name(), builds),
                units, builds);
        return findings(environment, problems, "from " + base.name() + ": ");
    }

    private static List<Finding> findings(Environment environment, List<Lifecycle.Problem> problems, String prefix) {
        List<Finding> findings = new ArrayList<>();
        for (Lifecycle.Problem problem : problems) {
            findings.add(new Finding(environment.name(), problem.resource(), problem.field(), prefix
                    + problem.problem(), CheckId.LIFECYCLE));
        }
        return findings;
    }
}
