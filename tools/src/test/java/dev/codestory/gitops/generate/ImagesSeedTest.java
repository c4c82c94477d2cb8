package dev.codestory.gitops.generate;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.codestory.gitops.TestRepo;
import dev.codestory.gitops.layout.RepoLayout;
import dev.codestory.gitops.spec.Environment;
import dev.codestory.gitops.spec.SpecLoader;

import static org.assertj.core.api.Assertions.assertThat;

/** The images file regen writes for a new environment: its spec's versions, byte for byte, markers included. */
class ImagesSeedTest {

    private static final String FLUX = "\ngitops:\n  imageUpdates:\n    tool: flux\n    policyNamespace: images\n";

    @Test
    void isTheSpecsVersionsOneEntryPerImageName() {
        Environment prod = SpecLoader.parse("prod", RepoLayout.specFile("prod"), TestRepo.fixtureSpec("prod"));
        assertThat(new String(ImagesSeed.of(prod), StandardCharsets.UTF_8)).isEqualTo("""
                # The image versions prod runs, for all its units: kustomize images:, where Renovate, `kustomize edit set
                # image` (run in this directory), Flux image automation and Argo CD Image Updater write. Change newTag (or
                # digest) here, then run regen --goldens. regen wrote this file once, from overlays/prod/env.yaml, and only reads it.
                apiVersion: kustomize.config.k8s.io/v1alpha1
                kind: Component
                images:
                  - name: codestory/admin
                    newTag: 1.0.0
                  - name: codestory/api
                    newTag: 1.0.0
                  - name: codestory/web
                    newTag: 1.0.0
                """);
    }

    @Test
    void underFluxImageAutomationMarksEachNewTagWithItsPolicy() {
        Environment staging = SpecLoader.parse("staging", RepoLayout.specFile("staging"),
                TestRepo.fixtureSpec("staging").replace("tag: \"1.0.0\"", "tag: \"1.10\"") + FLUX);
        assertThat(new String(ImagesSeed.of(staging), StandardCharsets.UTF_8)).endsWith("""
                images:
                  - name: codestory/admin
                    newTag: "1.10" # {"$imagepolicy": "images:code-story-staging-admin:tag"}
                  - name: codestory/api
                    newTag: "1.10" # {"$imagepolicy": "images:code-story-staging-api:tag"}
                  - name: codestory/web
                    newTag: "1.10" # {"$imagepolicy": "images:code-story-staging-web:tag"}
                """);
    }

    /** What regen seeds, it reads back as the same versions, and with Flux's markers it is accepted as it is. */
    @Test
    void readsBackAsTheVersionsItWasSeededWith(@TempDir Path temp) {
        TestRepo repo = TestRepo.withFixtureSpecs(temp);
        String spec = repo.read(RepoLayout.specFile("staging")) + FLUX;
        repo.write(RepoLayout.specFile("staging"), spec);
        Environment seeded = SpecLoader.parse("staging", RepoLayout.specFile("staging"), spec);
        repo.write(RepoLayout.imagesFile("staging"), new String(ImagesSeed.of(seeded), StandardCharsets.UTF_8));
        Environment read = SpecLoader.loadAll(repo.root).stream().filter(e -> e.name().equals("staging"))
                .findFirst().orElseThrow();
        assertThat(read.images().seeded()).isFalse();
        assertThat(read.images().entries()).usingRecursiveFieldByFieldElementComparatorIgnoringFields("position")
                .isEqualTo(seeded.images().entries());
    }
}
