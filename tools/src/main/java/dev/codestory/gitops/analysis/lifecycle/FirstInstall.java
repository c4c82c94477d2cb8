package dev.codestory.gitops.analysis.lifecycle;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

import com.fasterxml.jackson.databind.JsonNode;

import dev.codestory.gitops.analysis.References;
import dev.codestory.gitops.analysis.lifecycle.Lifecycle.Placed;
import dev.codestory.gitops.analysis.lifecycle.Lifecycle.Problem;
import dev.codestory.gitops.spec.EnvSpec.Controller;

/**
 * A first install on one cluster: every pod's needs ({@link PodNeeds}, and the NetworkPolicies that select it,
 * which decide what it may reach once it runs) are applied in the same step as the pod or an earlier one.
 *
 * <p>Argo CD's steps are (phase, wave) within one Application: it applies a step and waits until it is healthy
 * before the next (docs: user-guide/sync-waves; gitops-engine {@code sync_context.go}), so a pod whose need comes
 * in a later step never starts and the sync never gets there. A Namespace in the Application is moved ahead of
 * everything in it ({@code sync_tasks.go}, {@code adjustDeps}); {@code CreateNamespace=true} creates the
 * destination namespace before the sync. Two Applications are not ordered at all.
 *
 * <p>Flux's steps are Kustomizations: one applies only once those it {@code dependsOn} are ready
 * (kustomize-controller {@code checkDependencies}), so a need is met within the same Kustomization or one it
 * depends on, directly or not. A Kustomization applies everything at once (Namespaces first).
 *
 * <p>A need that no unit of the environment on that cluster makes is a prerequisite made outside Git (the dev
 * Secret, an existing ServiceAccount): listed, not a problem.
 */
final class FirstInstall {

    private FirstInstall() {
    }

    static void check(List<SyncUnit> units, List<Placed> placed, List<Problem> problems,
                      Map<String, TreeSet<String>> prerequisites) {
        Map<String, List<Placed>> providers = new TreeMap<>();
        List<Placed> policies = new ArrayList<>();
        for (Placed object : placed) {
            String kind = object.object().path("kind").asText();
            String name = object.object().path("metadata").path("name").asText();
            providers.computeIfAbsent(kind + "/" + object.namespace() + "/" + name, k -> new ArrayList<>()).add(object);
            if (kind.equals("ExternalSecret")) {
                String target = object.object().path("spec").path("target").path("name").asText(name);
                providers.computeIfAbsent("Secret/" + object.namespace() + "/" + target, k -> new ArrayList<>())
                        .add(object);
            }
            if (kind.equals("NetworkPolicy")) {
                policies.add(object);
            }
        }
        for (Placed consumer : placed) {
            if (PodNeeds.template(consumer.object()) == null || ControllerRules.skipped(consumer.object())) {
                continue;
            }
            List<PodNeeds.Need> needs = new ArrayList<>(PodNeeds.of(consumer.object()));
            JsonNode labels = PodNeeds.template(consumer.object()).path("metadata").path("labels");
            for (Placed policy : policies) {
                if (policy.namespace().equals(consumer.namespace())
                        && References.matches(policy.object().path("spec").path("podSelector"), labels)) {
                    needs.add(new PodNeeds.Need("NetworkPolicy", policy.object().path("metadata").path("name")
                            .asText(), PodNeeds.templatePath(consumer.object()) + ".metadata.labels"));
                }
            }
            for (PodNeeds.Need need : needs) {
                String namespace = need.kind().equals("Namespace") ? "" : consumer.namespace();
                List<Placed> made = providers.getOrDefault(need.kind() + "/" + namespace + "/" + need.name(),
                        List.of()).stream().filter(p -> ControllerRules.phase(p.object()) >= 0).toList();
                if (made.isEmpty()) {
                    boolean created = need.kind().equals("Namespace") && units.stream()
                            .anyMatch(unit -> need.name().equals(unit.createdNamespace()));
                    if (!created) {
                        prerequisites.computeIfAbsent(need.resource(), r -> new TreeSet<>()).add(consumer.resource());
                    }
                    continue;
                }
                if (made.stream().noneMatch(provider -> inTime(provider, consumer, need, units))) {
                    problems.add(new Problem(consumer.key(), consumer.resource(), need.field(),
                            late(made.get(0), consumer, need)));
                }
            }
        }
    }

    private static boolean inTime(Placed provider, Placed consumer, PodNeeds.Need need, List<SyncUnit> units) {
        if (consumer.unit().controller() == Controller.FLUX) {
            return provider.unit().equals(consumer.unit()) || Lifecycle.dependsOn(consumer.unit(), provider.unit(),
                    units);
        }
        if (!provider.unit().equals(consumer.unit())) {
            return false;
        }
        return need.kind().equals("Namespace") || compare(provider.object(), consumer.object()) <= 0;
    }

    private static String late(Placed provider, Placed consumer, PodNeeds.Need need) {
        boolean policy = need.kind().equals("NetworkPolicy");
        String needs = (policy ? "is selected by " : "needs ") + need.resource() + ", ";
        String consequence = policy ? "its pods run before the policies written for them, so a release that changes"
                + " a flow they need runs them under the old one" : "on a first install its pods cannot start";
        if (consumer.unit().controller() == Controller.FLUX) {
            return needs + "which " + provider.unit().describe() + " applies, and " + consumer.unit().describe()
                    + " does not depend on it: " + (policy ? consequence : "on a first install its pods may start"
                    + " before it exists");
        }
        if (!provider.unit().equals(consumer.unit())) {
            return needs + "which " + provider.unit().describe() + " applies: nothing orders two Applications";
        }
        return needs + "which Argo CD applies only after it (" + step(provider.object()) + "; this is in "
                + step(consumer.object()) + "): " + consequence + (policy ? "" : ", so the sync never gets past "
                + step(consumer.object()));
    }

    /** Argo CD's order of two objects of one Application: phase, then wave. */
    private static int compare(JsonNode one, JsonNode other) {
        int byPhase = Integer.compare(ControllerRules.phase(one), ControllerRules.phase(other));
        return byPhase != 0 ? byPhase : Integer.compare(ControllerRules.wave(one), ControllerRules.wave(other));
    }

    private static String step(JsonNode object) {
        int phase = ControllerRules.phase(object);
        return (phase == 1 ? "" : ControllerRules.phaseName(phase) + " ") + "wave " + ControllerRules.wave(object);
    }
}
