package dev.codestory.gitops.controllers;

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
 * Argo CD's root object (app of apps): an Application that syncs {@code clusters/argocd}, where regen writes the
 * AppProject and one Application per environment and cluster. Adding or removing an environment's spec and
 * running regen is all it takes for its Application to appear or go.
 *
 * <p>It lives in {@code clusters/argocd/bootstrap/} with its own AppProject and is applied once by hand: a
 * directory source reads only the files at its path, not below, so the root does not manage itself, and changing
 * what it reads stays an administrator's step. Its project may create only Applications and AppProjects, only in
 * Argo CD's namespace of its own cluster (whoever may create Applications there is an administrator).
 *
 * <p>Safe deletion: the root has no resources finalizer, so deleting it orphans the Applications instead of
 * cascading into every environment. It prunes an Application whose environment is gone; that Application's own
 * finalizer then decides, as its spec says (deletion protection leaves the workloads running). Automated sync
 * refuses to leave the root with no objects at all (Argo CD's allowEmpty, off by default).
 */
public final class ArgoCdRoot {

    public static final String NAME = "code-story-root";
    public static final String PROJECT = "code-story-bootstrap";
    /** Argo CD's own cluster, where the Application objects live. */
    static final String IN_CLUSTER = "https://kubernetes.default.svc";

    private ArgoCdRoot() {
    }

    /** {@code environments}: those under Argo CD (the spec makes them share repository and revision). */
    public static CustomResource project(List<Environment> environments) {
        Map<String, Object> spec = new LinkedHashMap<>();
        spec.put("description", "Code Story's root Application: only this repository, only Applications and"
                + " AppProjects in " + ArgoCd.NAMESPACE);
        spec.put("sourceRepos", List.of(gitops(environments).repoURL()));
        spec.put("destinations", List.of(Map.of("server", IN_CLUSTER, "namespace", ArgoCd.NAMESPACE)));
        spec.put("namespaceResourceWhitelist", List.of(Map.of("group", "argoproj.io", "kind", "Application"),
                Map.of("group", "argoproj.io", "kind", "AppProject")));
        return resource("AppProject", PROJECT, spec);
    }

    public static CustomResource application(List<Environment> environments) {
        EnvSpec.Gitops gitops = gitops(environments);
        Map<String, Object> source = new LinkedHashMap<>();
        source.put("repoURL", gitops.repoURL());
        source.put("targetRevision", gitops.revision());
        source.put("path", RepoLayout.ARGOCD);
        source.put("directory", Map.of("recurse", false));
        Map<String, Object> syncPolicy = new LinkedHashMap<>();
        syncPolicy.put("automated", Map.of("prune", true, "selfHeal", true));
        syncPolicy.put("retry", Map.of("limit", 5, "backoff", Map.of("duration", "10s", "factor", 2,
                "maxDuration", "3m")));
        Map<String, Object> spec = new LinkedHashMap<>();
        spec.put("project", PROJECT);
        spec.put("source", source);
        spec.put("destination", Map.of("server", IN_CLUSTER, "namespace", ArgoCd.NAMESPACE));
        spec.put("syncPolicy", syncPolicy);
        return resource("Application", NAME, spec);
    }

    private static EnvSpec.Gitops gitops(List<Environment> environments) {
        return environments.get(0).spec().gitops();
    }

    private static CustomResource resource(String kind, String name, Map<String, Object> spec) {
        return new CustomResource("argoproj.io/v1alpha1", kind, new ObjectMetaBuilder().withName(name)
                .withNamespace(ArgoCd.NAMESPACE).addToLabels(Labels.PART_OF, Names.APP).build(), spec);
    }
}
