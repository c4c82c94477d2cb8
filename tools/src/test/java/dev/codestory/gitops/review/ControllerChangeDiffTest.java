package dev.codestory.gitops.review;

import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;

import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.lib.PersonIdent;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.codestory.gitops.TestRepo;
import dev.codestory.gitops.cli.Cli;

import static org.assertj.core.api.Assertions.assertThat;

/** diff shows what a change to the controllers' objects does: switching a controller, deleting an Application. */
class ControllerChangeDiffTest {

    @Test
    void switchingStagingToFluxCallsOutTheApplicationItDeletes(@TempDir Path temp) throws Exception {
        TestRepo repo = TestRepo.withFixtureSpecs(temp);
        assertThat(repo.run("regen").exitCode()).isEqualTo(Cli.OK);
        try (Git git = Git.init().setDirectory(temp.toFile()).setInitialBranch("main").call()) {
            git.add().addFilepattern(".").call();
            PersonIdent person = new PersonIdent("Someone", "someone@example.com", Instant.parse("2026-01-01T00:00:00Z"),
                    ZoneId.of("UTC"));
            git.commit().setMessage("generated").setAuthor(person).setCommitter(person).call();
        }
        repo.write("overlays/staging/env.yaml", repo.read("overlays/staging/env.yaml")
                + "\ngitops:\n  controller: flux\n  clusters:\n    - name: staging\n"
                + "      server: https://staging.example.com\n");
        assertThat(repo.run("regen").exitCode()).isEqualTo(Cli.OK);

        TestRepo.Result result = repo.run("diff", "--base", "HEAD");
        assertThat(result.exitCode()).as(result.err()).isEqualTo(Cli.CHECK_FAILED);
        assertThat(result.out()).contains("clusters: ").contains("- Application/code-story-staging")
                .contains("deleting it deletes what it deployed (all but what is kept on deletion)")
                .contains("Kustomization/flux-system/code-story-staging-migrate");
        assertThat(result.out()).contains("dev: no change").contains("prod: no change");
    }
}
