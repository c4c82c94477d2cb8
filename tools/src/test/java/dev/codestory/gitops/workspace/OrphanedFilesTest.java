package dev.codestory.gitops.workspace;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.codestory.gitops.TestRepo;
import dev.codestory.gitops.cli.Cli;
import dev.codestory.gitops.spec.SpecLoader;
import dev.codestory.gitops.verify.TreeCheck;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Generated files the lock file no longer lists (left when an interrupted run's journal was deleted by hand, as
 * one had to before replays were idempotent) are found by regen --check and verify, and removed by regen: files
 * at generated paths that start with regen's header. A file without it, or anything in local/, stays.
 */
class OrphanedFilesTest {

    @TempDir
    Path temp;

    @Test
    void orphansAreReportedAndRemovedAndNothingElse() throws Exception {
        TestRepo repo = TestRepo.withFixtureSpecs(temp);
        assertThat(repo.run("regen").exitCode()).isEqualTo(Cli.OK);
        String overlay = repo.read("overlays/staging/kustomization.yaml");
        String application = repo.read("clusters/argocd/code-story-staging-application.yaml");
        Files.delete(repo.path("overlays/staging/env.yaml"));
        assertThat(repo.run("regen").exitCode()).isEqualTo(Cli.OK);
        // what regen wrote is gone; the images file is an input, like the spec, and stays
        assertThat(repo.path("overlays/staging/kustomization.yaml")).doesNotExist();
        assertThat(repo.path("overlays/staging/images/kustomization.yaml")).exists();

        repo.write("overlays/staging/kustomization.yaml", overlay);
        repo.write("clusters/argocd/code-story-staging-application.yaml", application);
        repo.write("overlays/staging/NOTES.md", "the user's notes\n");
        repo.write("overlays/staging/local/kustomization.yaml", overlay);
        repo.write("base/README.md", "# mine\n");

        TestRepo.Result check = repo.run("regen", "--check");
        assertThat(check.exitCode()).isEqualTo(Cli.CHECK_FAILED);
        assertThat(check.err()).contains("  overlays/staging/kustomization.yaml")
                .contains("  clusters/argocd/code-story-staging-application.yaml").doesNotContain("NOTES.md")
                .doesNotContain("local/").doesNotContain("base/README.md");
        assertThat(TreeCheck.check(repo.root, SpecLoader.loadAll(repo.root)))
                .filteredOn(finding -> finding.problem().startsWith("orphaned"))
                .extracting(finding -> finding.resource())
                .containsExactlyInAnyOrder("overlays/staging/kustomization.yaml",
                        "clusters/argocd/code-story-staging-application.yaml");

        TestRepo.Result regen = repo.run("regen");
        assertThat(regen.exitCode()).isEqualTo(Cli.OK);
        assertThat(regen.out()).contains("2 removed");
        assertThat(repo.path("overlays/staging/kustomization.yaml")).doesNotExist();
        assertThat(repo.path("clusters/argocd/code-story-staging-application.yaml")).doesNotExist();
        assertThat(repo.read("overlays/staging/NOTES.md")).isEqualTo("the user's notes\n");
        assertThat(repo.read("overlays/staging/local/kustomization.yaml")).isEqualTo(overlay);
        assertThat(repo.read("base/README.md")).isEqualTo("# mine\n");
        assertThat(repo.run("regen", "--check").exitCode()).isEqualTo(Cli.OK);
    }
}
