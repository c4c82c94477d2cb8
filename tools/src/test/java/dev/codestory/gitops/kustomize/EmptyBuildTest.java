package dev.codestory.gitops.kustomize;

import java.nio.file.Path;
import java.util.Map;

import org.eclipse.jgit.api.Git;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.codestory.gitops.FixtureRepository;
import dev.codestory.gitops.TestRepo;
import dev.codestory.gitops.cli.Cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A "kustomize" that prints nothing (here {@code /bin/true}) is an error, not an empty build: otherwise diff
 * would say "no change" and regen --goldens would record empty golden files.
 */
class EmptyBuildTest {

    private static final String NOT_KUSTOMIZE = "/bin/true";

    @TempDir
    Path temp;

    @Test
    void anEmptyBuildIsRefused() {
        TestRepo repo = TestRepo.withFixtureSpecs(temp);
        assertThat(repo.run("regen").exitCode()).isEqualTo(Cli.OK);
        assertThatThrownBy(() -> Kustomize.of(Path.of(NOT_KUSTOMIZE)).build(repo.path("overlays/dev")))
                .isInstanceOf(KustomizeException.class).hasMessageContaining("printed nothing");
    }

    @Test
    void regenGoldensRecordsNoEmptyGoldenFile() {
        TestRepo repo = TestRepo.withFixtureSpecs(temp);
        TestRepo.Result result = repo.run("regen", "--goldens", "--kustomize", NOT_KUSTOMIZE);
        assertThat(result.exitCode()).isEqualTo(Cli.BAD_INPUT);
        assertThat(result.err()).contains("printed nothing").doesNotContain("\tat ");
        assertThat(repo.path("rendered")).doesNotExist();
    }

    /** verify's findings are about the repository; a binary that is no kustomize is bad input, as for regen. */
    @Test
    void verifyIsBadInputNotFindings() {
        TestRepo repo = FixtureRepository.copyTo(temp);
        TestRepo.Result result = repo.run("verify", "--kustomize", NOT_KUSTOMIZE);
        assertThat(result.exitCode()).isEqualTo(Cli.BAD_INPUT);
        assertThat(result.err()).contains("printed nothing").contains("is not a working kustomize")
                .doesNotContain(temp.toString()).doesNotContain("\tat ");
    }

    @Test
    void diffDoesNotSayNoChange() throws Exception {
        TestRepo repo = TestRepo.withFixtureSpecs(temp);
        assertThat(repo.run("regen").exitCode()).isEqualTo(Cli.OK);
        repo.write(".gitignore", ".regen-cache\n");
        try (Git git = Git.init().setDirectory(temp.toFile()).setInitialBranch("main").call()) {
            git.add().addFilepattern(".").call();
            git.commit().setMessage("generated").setSign(false).setAuthor("t", "t@example.com")
                    .setCommitter("t", "t@example.com").call();
        }
        repo.write("overlays/prod/env.yaml", repo.read("overlays/prod/env.yaml")
                .replace("maxReplicas: 20", "maxReplicas: 30"));
        assertThat(repo.run("regen").exitCode()).isEqualTo(Cli.OK);
        Map<String, String> before = repo.snapshot();
        TestRepo.Result result = repo.run("diff", "--base", "main", "--kustomize", NOT_KUSTOMIZE);
        assertThat(result.exitCode()).isEqualTo(Cli.BAD_INPUT);
        assertThat(result.err()).contains("printed nothing");
        assertThat(result.out()).doesNotContain("no change");
        assertThat(repo.snapshot()).isEqualTo(before);
    }
}
