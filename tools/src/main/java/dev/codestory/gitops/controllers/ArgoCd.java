package dev.codestory.gitops.controllers;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

import dev.codestory.gitops.layout.RepoLayout;
import dev.codestory.gitops.objects.CustomResource;
import dev.codestory.gitops.objects.Labels;
import dev.codestory.gitops.objects.Names;
import dev.codestory.gitops.spec.EnvSpec;
import dev.codestory.gitops.spec.Environment;
import dev.codestory.gitops.spec.ImageVersions;

import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;

/**
 * Argo CD: one AppProject limiting the source repositories and destinations to the environments', and one
 * Application per environment and cluster, pointing at {@code overlays/<env>} (or, on a cluster that runs neither
 * the migration nor Celery beat, {@code overlays/<env>.secondary}). The overlay orders a first install and every
 * sync by waves ({@link SyncWaves}); the migration is a hook ({@link MigrationJob}).
 */
public final class ArgoCd {

    public static final String NAMESPACE = "argocd";
    public static final String PROJECT = "code-story";
    static final String FINALIZER = "resources-finalizer.argocd.argoproj.io";
    static final String IMAGE_UPDATER = "argocd-image-updater.argoproj.io/";
    /** The prefix of the branches Argo CD Image Updater pushes to, which the bot workflow re-records goldens on. */
    public static final String IMAGE_UPDATER_BRANCH = "image-updater-";

    private ArgoCd() {
    }

    public static CustomResource project(List<Environment> environments) {
        TreeSet<String> repositories = new TreeSet<>();
        List<Object> destinations = new ArrayList<>();
        for (Environment environment : environments) {
            EnvSpec.Gitops gitops = environment.spec().gitops();
            repositories.add(gitops.repoURL());
            for (EnvSpec.Cluster cluster : gitops.clusters()) {
                destinations.add(Map.of("server", cluster.server(), "namespace", environment.namespace()));
            }
        }
        Map<String, Object> spec = new LinkedHashMap<>();
        spec.put("description", "Code Story: only its repository, only its namespaces");
        spec.put("sourceRepos", List.copyOf(repositories));
        spec.put("destinations", destinations);
        spec.put("clusterResourceWhitelist", List.of(Map.of("group", "", "kind", "Namespace")));
        return resource("AppProject", PROJECT, null, spec);
    }

    public static List<CustomResource> applications(Environment environment) {
        EnvSpec.Gitops gitops = environment.spec().gitops();
        List<CustomResource> applications = new ArrayList<>();
        // the images file is shared by all the environment's clusters: one Application carries the updater's settings
        EnvSpec.Cluster updaterCluster = gitops.clusters().stream().filter(gitops::isPrimary).findFirst()
                .orElseThrow();
        for (EnvSpec.Cluster cluster : gitops.clusters()) {
            Map<String, Object> source = new LinkedHashMap<>();
            source.put("repoURL", gitops.repoURL());
            source.put("targetRevision", gitops.revision());
            source.put("path", path(environment, cluster));
            Map<String, Object> syncPolicy = new LinkedHashMap<>();
            if (gitops.automated()) {
                syncPolicy.put("automated", Map.of("prune", gitops.prune(), "selfHeal", gitops.selfHeal()));
            }
            syncPolicy.put("syncOptions", List.of("PruneLast=true"));
            syncPolicy.put("retry", Map.of("limit", 5, "backoff", Map.of("duration", "10s", "factor", 2,
                    "maxDuration", "3m")));
            Map<String, Object> spec = new LinkedHashMap<>();
            spec.put("project", PROJECT);
            spec.put("source", source);
            spec.put("destination", Map.of("server", cluster.server(), "namespace", environment.namespace()));
            spec.put("syncPolicy", syncPolicy);
            CustomResource application = resource("Application", environment.applicationName(cluster),
                    gitops.deletionProtection() ? null : List.of(FINALIZER), spec);
            if (gitops.imageUpdates().tool() == EnvSpec.ImageUpdateTool.ARGOCD_IMAGE_UPDATER
                    && cluster.equals(updaterCluster)) {
                application.getMetadata().setAnnotations(imageUpdater(environment));
            }
            applications.add(application);
        }
        return applications;
    }

    /**
     * Argo CD Image Updater's annotations (its Application-level configuration; from v1.0 read through an
     * ImageUpdater resource with {@code useAnnotations: true}): every image the environment runs, by alias, updated
     * by semver and written back to Git as {@code kustomize edit set image} would, into the environment's images
     * Component, on a new branch from the one the Application follows, for a pull request. Only one Application
     * per environment carries them: the images file is shared by all its clusters.
     */
    static Map<String, String> imageUpdater(Environment environment) {
        EnvSpec.Gitops gitops = environment.spec().gitops();
        Map<String, String> paths = ImageVersions.pathsByName(environment.spec());
        Map<String, String> annotations = new TreeMap<>();
        List<String> images = new ArrayList<>();
        for (ImageVersions.Entry entry : environment.images().entries()) {
            String path = paths.get(entry.name());
            if (path == null) {
                continue;
            }
            String alias = ImageVersions.alias(path);
            images.add(alias + "=" + (entry.newName().isEmpty() ? entry.name() : entry.newName()));
            annotations.put(IMAGE_UPDATER + alias + ".update-strategy", "semver");
            annotations.put(IMAGE_UPDATER + alias + ".kustomize.image-name", entry.name());
            if (!gitops.imageUpdates().allowTags().isEmpty()) {
                annotations.put(IMAGE_UPDATER + alias + ".allow-tags", gitops.imageUpdates().allowTags());
            }
        }
        annotations.put(IMAGE_UPDATER + "image-list", String.join(",", images));
        annotations.put(IMAGE_UPDATER + "write-back-method", "git");
        annotations.put(IMAGE_UPDATER + "write-back-target", "kustomization:/" + RepoLayout.imagesComponent(
                environment.name()));
        annotations.put(IMAGE_UPDATER + "git-branch", gitops.revision() + ":" + IMAGE_UPDATER_BRANCH
                + environment.name() + "{{range .Images}}-{{.NewTag}}{{end}}");
        return annotations;
    }

    /** The overlay, or on a cluster that runs neither the migration nor Celery beat the secondary one. */
    static String path(Environment environment, EnvSpec.Cluster cluster) {
        return environment.spec().gitops().isPrimary(cluster) ? RepoLayout.overlay(environment.name())
                : RepoLayout.secondary(environment.name());
    }

    private static CustomResource resource(String kind, String name, List<String> finalizers,
                                           Map<String, Object> spec) {
        return new CustomResource("argoproj.io/v1alpha1", kind, new ObjectMetaBuilder().withName(name)
                .withNamespace(NAMESPACE).withFinalizers(finalizers).addToLabels(Labels.PART_OF, Names.APP)
                .build(), spec);
    }
}
