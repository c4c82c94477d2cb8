package dev.codestory.gitops.spec;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What environments must not share: a namespace (two environments in one namespace would own, and prune, each
 * other's objects), an Argo CD Application name, or a Flux Kustomization name on one cluster (one name is one
 * file under {@code clusters/}: {@code prod} on cluster {@code us-east-1} and an environment
 * {@code prod-us-east-1} would both be {@code code-story-prod-us-east-1}); a host name the specs write, on one
 * cluster; a managed database (each environment runs its own migration and Celery beat: two migrations race on
 * one schema, and every periodic task is sent twice) or a managed Redis (two environments' Celery on one broker
 * take each other's tasks). A spec copied from another one and not yet edited is the usual cause.
 */
final class CrossEnvironment {

    private CrossEnvironment() {
    }

    static List<SpecProblem> check(List<Environment> environments) {
        List<SpecProblem> problems = new ArrayList<>();
        Map<String, Environment> namespaces = new LinkedHashMap<>();
        Map<String, Environment> applications = new LinkedHashMap<>();
        Map<String, Environment> kustomizations = new LinkedHashMap<>();
        Map<String, Environment> databases = new LinkedHashMap<>();
        Map<String, Environment> redises = new LinkedHashMap<>();
        Map<String, Environment> hosts = new LinkedHashMap<>();
        for (Environment environment : environments) {
            Environment first = namespaces.putIfAbsent(environment.namespace(), environment);
            if (first != null) {
                problems.add(new SpecProblem(environment.positionOf("namespace"), "namespace", "namespace '"
                        + environment.namespace() + "' is already " + first.name() + "'s; each environment needs one"
                        + " of its own"));
            }
            stores(environment, databases, redises, problems);
            hosts(environment, hosts, problems);
            EnvSpec.Gitops gitops = environment.spec().gitops();
            for (EnvSpec.Cluster cluster : gitops.clusters()) {
                if (gitops.controller() == EnvSpec.Controller.ARGOCD) {
                    clash(problems, applications, environment.applicationName(cluster), environment,
                            "the Argo CD Application");
                } else {
                    for (String name : List.of(environment.fluxAppName(), environment.fluxMigrateName())) {
                        clash(problems, kustomizations, cluster.name() + "/" + name, environment,
                                "the Flux Kustomization on cluster " + cluster.name() + " named");
                    }
                }
            }
        }
        return problems;
    }

    private static void stores(Environment environment, Map<String, Environment> databases,
                               Map<String, Environment> redises, List<SpecProblem> problems) {
        EnvSpec spec = environment.spec();
        if (spec.has(Component.MANAGED_DB)) {
            EnvSpec.ExternalDatabase database = spec.externalDatabase();
            String at = database.host() + ":" + database.port();
            shared(problems, databases, at + "/" + database.database(), environment, "externalDatabase.host",
                    "the database " + database.database() + " at " + at,
                    "each environment would run its migration and Celery beat on it");
        }
        if (spec.has(Component.MANAGED_REDIS)) {
            String at = spec.externalRedis().host() + ":" + spec.externalRedis().port();
            shared(problems, redises, at, environment, "externalRedis.host", "the Redis at " + at,
                    "the environments' Celery would share its queues");
        }
    }

    /**
     * The host names a spec writes itself (the defaults' are placeholders every minimal spec shares), per cluster:
     * two environments on one cluster may not both claim one, since two Ingresses for a host on one ingress
     * controller are refused, or served by either.
     */
    private static void hosts(Environment environment, Map<String, Environment> hosts, List<SpecProblem> problems) {
        EnvSpec spec = environment.spec();
        Map<String, EnvSpec.IngressSpec> ingresses = new LinkedHashMap<>();
        ingresses.put("api", spec.api().ingress());
        ingresses.put("web", spec.web().ingress());
        ingresses.put("admin", spec.admin().ingress());
        ingresses.forEach((part, ingress) -> {
            for (int i = 0; ingress.enabled() && i < ingress.hosts().size(); i++) {
                String field = part + ".ingress.hosts[" + i + "].host";
                if (environment.isDefault(field)) {
                    continue;
                }
                String host = ingress.hosts().get(i).host();
                for (EnvSpec.Cluster cluster : spec.gitops().clusters()) {
                    shared(problems, hosts, cluster.server() + " " + host, environment, field, "host '" + host
                            + "' on the cluster at " + cluster.server(), "two Ingresses would claim it");
                }
            }
        });
    }

    private static void shared(List<SpecProblem> problems, Map<String, Environment> seen, String key,
                               Environment environment, String field, String what, String why) {
        Environment first = seen.putIfAbsent(key, environment);
        if (first != null && first != environment) {
            problems.add(new SpecProblem(environment.positionOf(field), field, what + " is already " + first.name()
                    + "'s: " + why));
        }
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
