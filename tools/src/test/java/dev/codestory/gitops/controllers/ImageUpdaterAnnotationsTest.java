package dev.codestory.gitops.controllers;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.junit.jupiter.api.Test;

import dev.codestory.gitops.TestRepo;
import dev.codestory.gitops.layout.RepoLayout;
import dev.codestory.gitops.objects.CustomResource;
import dev.codestory.gitops.spec.Environment;
import dev.codestory.gitops.spec.SpecException;
import dev.codestory.gitops.spec.SpecLoader;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * With {@code gitops.imageUpdates.tool: argocd-image-updater}, one Application per environment carries Argo CD
 * Image Updater's annotations: every image it runs, Git write-back into the environment's images Component, on a
 * branch of its own for a pull request.
 */
class ImageUpdaterAnnotationsTest {

    private static final String PREFIX = "argocd-image-updater.argoproj.io/";

    private static Environment environment(String name, String addition) {
        String spec = TestRepo.fixtureSpec(name);
        return SpecLoader.parse(name, RepoLayout.specFile(name), addition.isEmpty() ? spec
                : spec.replace("gitops:\n", "gitops:\n" + addition));
    }

    @Test
    void annotateTheApplicationOfThePrimaryClusterOnly() {
        Environment prod = environment("prod", "  imageUpdates:\n    tool: argocd-image-updater\n"
                + "    allowTags: regexp:^[0-9]+\\.[0-9]+\\.[0-9]+$\n");
        List<CustomResource> applications = ArgoCd.applications(prod);
        assertThat(applications).extracting(a -> a.getMetadata().getName())
                .containsExactly("code-story-prod-us-east-1", "code-story-prod-eu-west-1");
        assertThat(applications.get(1).getMetadata().getAnnotations()).as("the secondary cluster's").isNullOrEmpty();

        Map<String, String> expected = new TreeMap<>();
        expected.put("image-list", "admin=codestory/admin,api=codestory/api,web=codestory/web");
        for (String alias : List.of("admin", "api", "web")) {
            expected.put(alias + ".update-strategy", "semver");
            expected.put(alias + ".kustomize.image-name", "codestory/" + alias);
            expected.put(alias + ".allow-tags", "regexp:^[0-9]+\\.[0-9]+\\.[0-9]+$");
        }
        expected.put("write-back-method", "git");
        expected.put("write-back-target", "kustomization:/overlays/prod/images");
        expected.put("git-branch", "main:image-updater-prod{{range .Images}}-{{.NewTag}}{{end}}");
        Map<String, String> annotations = new TreeMap<>();
        applications.get(0).getMetadata().getAnnotations().forEach((key, value) -> {
            assertThat(key).startsWith(PREFIX);
            annotations.put(key.substring(PREFIX.length()), value);
        });
        assertThat(annotations).isEqualTo(expected);
    }

    @Test
    void nameTheImagesAsTheImagesFileDoesWithItsRegistry() {
        Environment staging = environment("staging", "");
        Environment withRegistry = SpecLoader.parse("staging", RepoLayout.specFile("staging"),
                TestRepo.fixtureSpec("staging") + "\nglobal:\n  imageRegistry: registry.example.com\ngitops:\n"
                        + "  imageUpdates:\n    tool: argocd-image-updater\n");
        assertThat(ArgoCd.applications(staging).get(0).getMetadata().getAnnotations()).isNullOrEmpty();
        Map<String, String> annotations = ArgoCd.applications(withRegistry).get(0).getMetadata().getAnnotations();
        assertThat(annotations).containsEntry(PREFIX + "image-list", "admin=registry.example.com/codestory/admin,"
                + "api=registry.example.com/codestory/api,web=registry.example.com/codestory/web")
                .containsEntry(PREFIX + "api.kustomize.image-name", "codestory/api")
                .doesNotContainKey(PREFIX + "api.allow-tags");
    }

    @Test
    void areRefusedForAnEnvironmentFluxSyncs() {
        assertThatThrownBy(() -> environment("dev", "  imageUpdates:\n    tool: argocd-image-updater\n"))
                .isInstanceOf(SpecException.class)
                .hasMessageContaining("overlays/dev/env.yaml:14:11: gitops.imageUpdates.tool: argocd-image-updater"
                        + " reads its settings from the environment's Argo CD Application, and this environment is"
                        + " synced by flux");
        assertThatThrownBy(() -> environment("prod", "  imageUpdates:\n    allowTags: \"v1.*\"\n"))
                .isInstanceOf(SpecException.class)
                .hasMessageContaining("gitops.imageUpdates.allowTags: 'v1.*' is neither regexp:<expression> nor any");
    }
}
