package dev.codestory.gitops.controllers;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.codestory.gitops.layout.RepoLayout;
import dev.codestory.gitops.objects.CustomResource;
import dev.codestory.gitops.objects.Labels;
import dev.codestory.gitops.objects.Names;
import dev.codestory.gitops.spec.EnvSpec;
import dev.codestory.gitops.spec.Environment;

import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;

/**
 * Flux: per cluster ({@code clusters/flux/<cluster>/}, the path {@code flux bootstrap} points at) a GitRepository
 * and, per environment, a Kustomization for the migration ({@code overlays/<env>/migrate}, {@code wait: true})
 * and one for the app that {@code dependsOn} it, with health checks on the Deployments. What each holds, and why
 * no object ever moves between them: {@link MigrationGate}.
 */
public final class Flux {

    static final String NAMESPACE = "flux-system";
    static final String SOURCE = "code-story";
    /** The GitRepository {@code flux bootstrap} creates, with the credentials it was given. */
    static final String BOOTSTRAP_SOURCE = "flux-system";

    private Flux() {
    }

    /** Our own GitRepository, written only when the spec names the Secret with its credentials. */
    public static CustomResource gitRepository(EnvSpec.Gitops gitops) {
        Map<String, Object> spec = new LinkedHashMap<>();
        spec.put("interval", "1m");
        spec.put("url", gitops.repoURL());
        spec.put("ref", Map.of("branch", gitops.revision()));
        spec.put("secretRef", Map.of("name", gitops.secretRef()));
        return resource("source.toolkit.fluxcd.io/v1", "GitRepository", SOURCE, spec);
    }

    /**
     * Whether the environment needs a GitRepository of its own: only with credentials named in the spec. Without,
     * the Kustomizations read {@code flux-system}, the source {@code flux bootstrap} made for this repository with
     * its deploy key or token (a second GitRepository without a secretRef could fetch only a public repository).
     */
    public static boolean ownSource(EnvSpec.Gitops gitops) {
        return !gitops.secretRef().isEmpty();
    }

    static String sourceName(EnvSpec.Gitops gitops) {
        return ownSource(gitops) ? SOURCE : BOOTSTRAP_SOURCE;
    }

    /**
     * The environment's Kustomizations on one cluster: the migration unit ({@code wait: true}, so it is ready once
     * the Job has completed) and the app, which depends on it. On a cluster that runs neither the migration nor
     * Celery beat, the same pair from {@code overlays/<env>.secondary}.
     */
    public static List<CustomResource> kustomizations(Environment environment, EnvSpec.Cluster cluster) {
        EnvSpec spec = environment.spec();
        boolean primary = spec.gitops().isPrimary(cluster);
        String overlay = primary ? RepoLayout.overlay(environment.name()) : RepoLayout.secondary(environment.name());
        String migrate = environment.fluxMigrateName();
        Map<String, Object> gate = base(environment, "./" + overlay + "/" + RepoLayout.MIGRATE);
        gate.put("wait", true);
        gate.put("timeout", (spec.migration().activeDeadlineSeconds() + 300) / 60 + "m");

        Map<String, Object> app = base(environment, "./" + overlay);
        app.put("dependsOn", List.of(Map.of("name", migrate)));
        app.put("timeout", "10m");
        List<Object> checks = new ArrayList<>();
        for (String deployment : deployments(spec, primary)) {
            checks.add(Map.of("apiVersion", "apps/v1", "kind", "Deployment", "name", deployment, "namespace",
                    environment.namespace()));
        }
        app.put("healthChecks", checks);
        return List.of(resource("kustomize.toolkit.fluxcd.io/v1", "Kustomization", migrate, gate),
                resource("kustomize.toolkit.fluxcd.io/v1", "Kustomization", environment.fluxAppName(), app));
    }

    private static Map<String, Object> base(Environment environment, String path) {
        EnvSpec.Gitops gitops = environment.spec().gitops();
        Map<String, Object> spec = new LinkedHashMap<>();
        spec.put("interval", "10m");
        spec.put("retryInterval", "1m");
        spec.put("path", path);
        spec.put("prune", gitops.prune());
        // only to pause: a suspend: false in Git is applied again over a `flux suspend` made in an incident
        if (!gitops.automated()) {
            spec.put("suspend", true);
        }
        spec.put("sourceRef", Map.of("kind", "GitRepository", "name", sourceName(gitops)));
        spec.put("deletionPolicy", gitops.deletionProtection() ? "Orphan" : "MirrorPrune");
        return spec;
    }

    private static List<String> deployments(EnvSpec spec, boolean primary) {
        List<String> names = new ArrayList<>(List.of(Names.API, Names.CELERY_WORKER));
        if (spec.celeryBeat().enabled() && primary) {
            names.add(Names.CELERY_BEAT);
        }
        if (spec.web().enabled()) {
            names.add(Names.WEB);
        }
        if (spec.admin().enabled()) {
            names.add(Names.ADMIN);
        }
        return names;
    }

    private static CustomResource resource(String apiVersion, String kind, String name,
                                           Map<String, Object> spec) {
        return new CustomResource(apiVersion, kind, new ObjectMetaBuilder().withName(name).withNamespace(NAMESPACE)
                .addToLabels(Labels.PART_OF, Names.APP).build(), spec);
    }
}
