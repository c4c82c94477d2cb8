package dev.codestory.gitops.spec;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What environments must not share: a namespace (two environments in one namespace would own, and prune, each
 * other's objects), an Argo CD Application name, or a Flux Kustomization name on one cluster (one name is one
 * file under {@code clusters/}: {@code prod} on cluster {@code us-east-1} and an environment
 * {@code prod-us-east-1} would both be {@code code-story-prod-us-east-1}).
 */
final class CrossEnvironment {

    private CrossEnvironment() {
    }

    static List<SpecProblem> check(List<Environment> environments) {
        List<SpecProblem> problems = new ArrayList<>();
        Map<String, Environment> namespaces = new LinkedHashMap<>();
        Map<String, Environment> applications = new LinkedHashMap<>();
        Map<String, Environment> kustomizations = new LinkedHashMap<>();
        for (Environment environment : environments) {
            Environment first = namespaces.putIfAbsent(environment.namespace(), environment);
            if (first != null) {
                problems.add(new SpecProblem(environment.positionOf("namespace"), "namespace", "namespace '"
                        + environment.namespace() + "' is already " + first.name() + "'s; each environment needs one"
                        + " of its own"));
            }
            EnvSpec.Gitops gitops = environment.spec().gitops();
            for (EnvSpec.Cluster cluster : gitops.clusters()) {
                if (gitops.controller() == EnvSpec.Controller.ARGOCD) {
                    // controllers.ArgoCd names an Application so: the environment, and the cluster when it has several
                    String name = gitops.clusters().size() == 1 ? "code-story-" + environment.name()
                            : "code-story-" + environment.name() + "-" + cluster.name();
                    clash(problems, applications, name, environment, "the Argo CD Application");
                } else {
                    for (String name : List.of("code-story-" + environment.name(),
                            "code-story-" + environment.name() + "-migrate")) {
                        clash(problems, kustomizations, cluster.name() + "/" + name, environment,
                                "the Flux Kustomization on cluster " + cluster.name() + " named");
                    }
                }
            }
        }
        return problems;
    }

    private static void clash(List<SpecProblem> problems, Map<String, Environment> seen, String key,
                              Environment environment, String what) {
        Environment first = seen.putIfAbsent(key, environment);
        if (first != null && first != environment) {
            String name = key.substring(key.indexOf('/') + 1);
            problems.add(new SpecProblem(environment.positionOf("gitops.clusters"), "gitops.clusters", what + " '"
                    + name + "' would be written for " + first.name() + " and for " + environment.name()
                    + " (one file under clusters/); rename the environment or the cluster"));
        }
    }
}
