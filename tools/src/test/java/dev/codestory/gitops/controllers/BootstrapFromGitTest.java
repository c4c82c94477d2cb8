package dev.codestory.gitops.controllers;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.codestory.gitops.TestRepo;
import dev.codestory.gitops.cli.Cli;
import dev.codestory.gitops.objects.CustomResource;
import dev.codestory.gitops.spec.Environment;
import dev.codestory.gitops.spec.SpecLoader;
import dev.codestory.gitops.yaml.RenderedObjects;
import dev.codestory.gitops.yaml.YamlRenderer;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The controllers reach every environment from Git alone: Argo CD through one root Application per Argo CD that
 * syncs clusters/argocd, Flux through flux bootstrap's own source or a GitRepository with credentials.
 */
class BootstrapFromGitTest {

    private static final String ROOT = "clusters/argocd/bootstrap/code-story-root-application.yaml";
    private static final String BOOTSTRAP_PROJECT = "clusters/argocd/bootstrap/code-story-bootstrap-appproject.yaml";

    private static Environment argo(String name, String extra) {
        return SpecLoader.parse(name, "overlays/" + name + "/env.yaml",
                "tier: development\ncomponents: [bundled-postgres, bundled-redis]\n" + extra);
    }

    private static JsonNode tree(CustomResource resource) {
        return YamlRenderer.instance().toTree(resource);
    }

    @Test
    void theRootSyncsClustersArgocdAndCannotCascadeIntoTheEnvironments() {
        JsonNode root = tree(ArgoCdRoot.application(List.of(argo("qa", ""))));

        assertThat(root.at("/metadata/namespace").asText()).isEqualTo("argocd");
        assertThat(root.at("/metadata/finalizers").isMissingNode()).as("deleting the root orphans the Applications")
                .isTrue();
        assertThat(root.at("/spec/project").asText()).isEqualTo(ArgoCdRoot.PROJECT);
        assertThat(root.at("/spec/source/path").asText()).isEqualTo("clusters/argocd");
        assertThat(root.at("/spec/source/directory/recurse").asBoolean(true)).as("not its own bootstrap/").isFalse();
        assertThat(root.at("/spec/source/repoURL").asText())
                .isEqualTo("https://github.com/code-story/code-story-gitops.git");
        assertThat(root.at("/spec/source/targetRevision").asText()).isEqualTo("main");
        assertThat(root.at("/spec/destination/server").asText()).isEqualTo("https://kubernetes.default.svc");
        assertThat(root.at("/spec/destination/namespace").asText()).isEqualTo("argocd");
        assertThat(root.at("/spec/syncPolicy/automated/prune").asBoolean()).as("a removed environment goes").isTrue();
        assertThat(root.at("/spec/syncPolicy/automated/allowEmpty").isMissingNode())
                .as("Argo CD's guard against pruning everything stays on").isTrue();
    }

    @Test
    void theRootsProjectAllowsOnlyArgoCdObjectsInArgoCdsNamespace() {
        JsonNode project = tree(ArgoCdRoot.project(List.of(argo("qa", ""))));

        assertThat(project.at("/metadata/name").asText()).isEqualTo(ArgoCdRoot.PROJECT);
        assertThat(project.at("/spec/destinations").toString())
                .isEqualTo("[{\"namespace\":\"argocd\",\"server\":\"https://kubernetes.default.svc\"}]");
        assertThat(project.at("/spec/namespaceResourceWhitelist").findValuesAsText("kind"))
                .containsExactly("Application", "AppProject");
        assertThat(project.at("/spec/namespaceResourceWhitelist").findValuesAsText("group"))
                .containsOnly("argoproj.io");
        assertThat(project.at("/spec/clusterResourceWhitelist").isMissingNode()).isTrue();
    }

    @Test
    void addingOrRemovingAnEnvironmentIsASpecAndARegen(@TempDir Path temp) throws IOException {
        TestRepo repo = TestRepo.withFixtureSpecs(temp);
        assertThat(repo.run("regen").exitCode()).isEqualTo(Cli.OK);
        String root = repo.read(ROOT);
        String project = repo.read(BOOTSTRAP_PROJECT);

        repo.write("overlays/qa/env.yaml", "tier: development\ncomponents: [bundled-postgres, bundled-redis]\n");
        assertThat(repo.run("regen").exitCode()).isEqualTo(Cli.OK);
        assertThat(repo.path("clusters/argocd/code-story-qa-application.yaml")).exists();
        assertThat(repo.read("clusters/argocd/code-story-appproject.yaml")).contains("namespace: code-story-qa");
        assertThat(repo.read(ROOT)).as("nothing to apply by hand").isEqualTo(root);
        assertThat(repo.read(BOOTSTRAP_PROJECT)).isEqualTo(project);

        Files.delete(repo.path("overlays/qa/env.yaml"));
        assertThat(repo.run("regen").exitCode()).isEqualTo(Cli.OK);
        assertThat(repo.path("clusters/argocd/code-story-qa-application.yaml")).doesNotExist();
        assertThat(repo.read(ROOT)).isEqualTo(root);
    }

    @Test
    void argoCdEnvironmentsShareTheRootsRevision(@TempDir Path temp) {
        TestRepo repo = TestRepo.withFixtureSpecs(temp);
        repo.write("overlays/qa/env.yaml", "tier: development\ncomponents: [bundled-postgres, bundled-redis]\n"
                + "gitops:\n  revision: release\n");
        TestRepo.Result result = repo.run("regen");
        assertThat(result.exitCode()).isEqualTo(Cli.BAD_INPUT);
        assertThat(result.err()).contains("overlays/qa/env.yaml:4:3: gitops.repoURL: Argo CD's root Application"
                + " already reads https://github.com/code-story/code-story-gitops.git at main for prod; environments"
                + " under Argo CD share the repository and revision");
    }

    @Test
    void fluxWithCredentialsHasItsOwnSourceWithTheSecret(@TempDir Path temp) {
        TestRepo repo = TestRepo.withFixtureSpecs(temp);
        repo.write("overlays/dev/env.yaml", repo.read("overlays/dev/env.yaml")
                + "  repoURL: ssh://git@github.com/code-story/code-story-gitops.git\n  secretRef: flux-system\n");
        assertThat(repo.run("regen").exitCode()).isEqualTo(Cli.OK);

        Map<String, JsonNode> source = RenderedObjects.parse(repo.read("clusters/flux/dev/code-story-gitrepository.yaml"));
        JsonNode gitRepository = source.values().iterator().next();
        assertThat(gitRepository.at("/spec/secretRef/name").asText()).isEqualTo("flux-system");
        assertThat(gitRepository.at("/spec/url").asText())
                .isEqualTo("ssh://git@github.com/code-story/code-story-gitops.git");
        for (String unit : List.of("code-story-dev", "code-story-dev-migrate")) {
            JsonNode kustomization = RenderedObjects.parse(repo.read("clusters/flux/dev/" + unit
                    + "-kustomization.yaml")).values().iterator().next();
            assertThat(kustomization.at("/spec/sourceRef/name").asText()).as(unit).isEqualTo("code-story");
        }
    }
}
