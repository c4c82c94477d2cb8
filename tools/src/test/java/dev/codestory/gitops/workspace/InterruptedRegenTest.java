package dev.codestory.gitops.workspace;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.codestory.gitops.TestRepo;
import dev.codestory.gitops.cli.Cli;
import dev.codestory.gitops.layout.RepoLayout;
import dev.codestory.gitops.spec.SpecLoader;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import dev.codestory.gitops.generate.GeneratedTree;
import dev.codestory.gitops.generate.RepositoryGenerator;

/** A regen killed at any step leaves the old tree, or (once the journal exists) the next run completes the new one. */
class InterruptedRegenTest {

    @TempDir
    Path temp;
    TestRepo repo;
    Map<String, String> oldTree;

    @BeforeEach
    void generateThenChangeASpec() {
        repo = TestRepo.withFixtureSpecs(temp);
        assertThat(repo.run("regen").exitCode()).isEqualTo(Cli.OK);
        oldTree = generatedFiles();
        repo.write("overlays/prod/env.yaml", repo.read("overlays/prod/env.yaml")
                .replace("maxReplicas: 20", "maxReplicas: 30").replace("minReplicas: 5", "minReplicas: 6"));
        Path staging = repo.path("overlays/staging/env.yaml");
        staging.toFile().delete();
    }

    private Map<String, String> generatedFiles() {
        Map<String, String> files = new TreeMap<>(repo.snapshot());
        // the inputs (specs, and the images files regen seeds once) are no part of the generated tree
        files.keySet().removeIf(path -> path.endsWith("env.yaml") || RepoLayout.environmentOfImagesFile(path) != null
                || path.equals(RegenCache.PATH));
        return files;
    }

    private void interruptAt(int stepNumber) {
        TreeSync sync = new TreeSync(repo.root);
        GeneratedTree tree = new RepositoryGenerator().generate(SpecLoader.loadAll(repo.root));
        TreeSync.Plan plan = sync.plan(tree);
        AtomicInteger steps = new AtomicInteger();
        assertThatThrownBy(() -> sync.apply(plan, tree, step -> {
            if (steps.incrementAndGet() == stepNumber) {
                throw new IllegalStateException("killed at " + step);
            }
        })).hasMessageStartingWith("killed at");
    }

    @Test
    void killedWhileStagingLeavesTheOldTree() {
        interruptAt(3);
        assertThat(repo.path(WriteJournal.PATH)).doesNotExist();
        Map<String, String> now = generatedFiles();
        now.keySet().removeIf(path -> path.endsWith(WriteJournal.SUFFIX));
        assertThat(now).isEqualTo(oldTree);
        assertThat(repo.run("regen", "--check").exitCode()).isEqualTo(Cli.CHECK_FAILED);
        assertThat(repo.run("regen").exitCode()).isEqualTo(Cli.OK);
        assertThat(generatedFiles().keySet()).noneMatch(path -> path.endsWith(WriteJournal.SUFFIX));
        assertThat(repo.run("regen", "--check").exitCode()).isEqualTo(Cli.OK);
    }

    @Test
    void killedWhileMovingIsFinishedByTheNextRun(@TempDir Path other) {
        TestRepo expected = TestRepo.withFixtureSpecs(other);
        expected.write("overlays/prod/env.yaml", repo.read("overlays/prod/env.yaml"));
        expected.path("overlays/staging/env.yaml").toFile().delete();
        int staged = (int) countSteps();
        interruptAt(staged + 2);
        assertThat(repo.path(WriteJournal.PATH)).exists();

        new TreeSync(repo.root).recover();
        assertThat(repo.path(WriteJournal.PATH)).doesNotExist();
        assertThat(repo.run("regen", "--check").exitCode()).isEqualTo(Cli.OK);
        assertThat(expected.run("regen").exitCode()).isEqualTo(Cli.OK);
        Map<String, String> want = new TreeMap<>(expected.snapshot());
        want.keySet().removeIf(path -> path.endsWith("env.yaml") || RepoLayout.environmentOfImagesFile(path) != null
                || path.equals(RegenCache.PATH));
        assertThat(generatedFiles()).isEqualTo(want);
    }

    private long countSteps() {
        TreeSync sync = new TreeSync(repo.root);
        GeneratedTree tree = new RepositoryGenerator().generate(SpecLoader.loadAll(repo.root));
        TreeSync.Plan plan = sync.plan(tree);
        return plan.write().size();
    }

    @Test
    void aSecondRegenWhileOneHoldsTheLockIsRefused() throws Exception {
        try (RunLock held = RunLock.acquire(repo.root)) {
            Map<String, String> before = repo.snapshot();
            TestRepo.Result result = repo.run("regen");
            assertThat(result.exitCode()).isEqualTo(Cli.BAD_INPUT);
            assertThat(result.err()).contains("another regen is writing this tree");
            assertThat(repo.snapshot()).isEqualTo(before);
        }
        assertThat(repo.run("regen").exitCode()).isEqualTo(Cli.OK);
        assertThat(Files.exists(repo.path("overlays/staging/kustomization.yaml"))).isFalse();
    }
}
