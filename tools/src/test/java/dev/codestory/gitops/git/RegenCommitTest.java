package dev.codestory.gitops.git;

import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.treewalk.TreeWalk;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.codestory.gitops.TestRepo;
import dev.codestory.gitops.cli.Cli;

import static org.assertj.core.api.Assertions.assertThat;

/** regen --commit on temporary repositories: owned paths only, no empty commits, a summary per environment. */
class RegenCommitTest {

    private static final String AUTHOR = "Regen Bot <regen@example.com>";

    @TempDir
    Path temp;
    TestRepo repo;
    Git git;

    @BeforeEach
    void repositoryWithSpecsOnly() throws Exception {
        repo = TestRepo.withFixtureSpecs(temp);
        repo.write("README.md", "team notes\n");
        git = Git.init().setDirectory(temp.toFile()).setInitialBranch("main").call();
        git.add().addFilepattern(".").call();
        PersonIdent person = new PersonIdent("Someone", "someone@example.com", Instant.parse("2026-01-01T00:00:00Z"),
                ZoneId.of("UTC"));
        git.commit().setMessage("specs").setAuthor(person).setCommitter(person).call();
    }

    private List<RevCommit> log() throws Exception {
        List<RevCommit> commits = new ArrayList<>();
        git.log().call().forEach(commits::add);
        return commits;
    }

    private List<String> filesOf(RevCommit commit) throws Exception {
        List<String> files = new ArrayList<>();
        try (TreeWalk walk = new TreeWalk(git.getRepository())) {
            walk.addTree(commit.getTree());
            walk.setRecursive(true);
            while (walk.next()) {
                files.add(walk.getPathString());
            }
        }
        return files;
    }

    @Test
    void firstRunCommitsTheGeneratedTreeGoldensAndLockWithASummary() throws Exception {
        TestRepo.Result result = repo.run("regen", "--commit", "--author", AUTHOR);
        assertThat(result.exitCode()).as(result.err()).isEqualTo(Cli.OK);
        List<RevCommit> commits = log();
        assertThat(commits).hasSize(2);
        RevCommit commit = commits.get(0);
        assertThat(commit.getAuthorIdent().getName()).isEqualTo("Regen Bot");
        assertThat(commit.getCommitterIdent().getEmailAddress()).isEqualTo("regen@example.com");
        assertThat(commit.getShortMessage()).startsWith("regen: dev (").contains("prod (").contains("staging (");
        assertThat(commit.getFullMessage()).contains("\nprod:\n").contains("  added   Deployment/code-story-prod/"
                + "code-story-api\n");
        assertThat(filesOf(commit)).contains("generated.lock", "rendered/prod.yaml", "base/kustomization.yaml",
                "components/keda-scaling/kustomization.yaml", "overlays/prod/kustomization.yaml")
                .doesNotContain(".regen-cache");
        var status = git.status().call();
        assertThat(status.getUncommittedChanges()).isEmpty();
    }

    @Test
    void aSecondRunMakesNoEmptyCommit() throws Exception {
        assertThat(repo.run("regen", "--commit", "--author", AUTHOR).exitCode()).isEqualTo(Cli.OK);
        TestRepo.Result again = repo.run("regen", "--commit", "--author", AUTHOR);
        assertThat(again.exitCode()).isEqualTo(Cli.OK);
        assertThat(again.out()).contains("nothing to commit");
        assertThat(log()).hasSize(2);
    }

    @Test
    void aStagedSpecChangeAndItsOutputLandInOneCommitNamingTheResource() throws Exception {
        assertThat(repo.run("regen", "--commit", "--author", AUTHOR).exitCode()).isEqualTo(Cli.OK);
        repo.write("overlays/prod/env.yaml", repo.read("overlays/prod/env.yaml").replace("maxReplicas: 20",
                "maxReplicas: 25"));
        repo.write("NOTES.md", "not staged, not committed\n");
        git.add().addFilepattern("overlays/prod/env.yaml").call();
        TestRepo.Result result = repo.run("regen", "--commit", "--author", AUTHOR);
        assertThat(result.exitCode()).as(result.err()).isEqualTo(Cli.OK);
        RevCommit commit = log().get(0);
        // prod's secondary cluster syncs the same HPA (overlays/prod.secondary builds on overlays/prod)
        assertThat(commit.getShortMessage()).isEqualTo("regen: prod (1 changed); prod.secondary (1 changed)");
        assertThat(commit.getFullMessage()).contains("prod:\n  changed HorizontalPodAutoscaler/code-story-prod/"
                + "code-story-api\n");
        List<String> changed = new ArrayList<>();
        try (var reader = git.getRepository().newObjectReader()) {
            var diffs = git.diff().setOldTree(treeOf(reader, log().get(1))).setNewTree(treeOf(reader, commit)).call();
            diffs.forEach(d -> changed.add(d.getNewPath()));
        }
        assertThat(changed).containsExactlyInAnyOrder("overlays/prod/env.yaml",
                "overlays/prod/patches/code-story-api-horizontalpodautoscaler.yaml", "generated.lock",
                "rendered/prod.yaml", "rendered/prod.secondary.yaml");
        assertThat(git.status().call().getUntracked()).contains("NOTES.md");
    }

    @Test
    void refusesWhenOtherPathsAreStagedAndWritesNothing() throws Exception {
        repo.write("README.md", "changed notes\n");
        git.add().addFilepattern("README.md").call();
        Map<String, String> before = repo.snapshot();
        TestRepo.Result result = repo.run("regen", "--commit", "--author", AUTHOR);
        assertThat(result.exitCode()).isEqualTo(Cli.BAD_INPUT);
        assertThat(result.err()).contains("staged changes to other paths: README.md");
        assertThat(repo.snapshot()).isEqualTo(before);
        assertThat(log()).hasSize(1);
    }

    @Test
    void commitsOnANewBranchForAPullRequest() throws Exception {
        TestRepo.Result result = repo.run("regen", "--commit", "--author", AUTHOR, "--branch", "regen/first");
        assertThat(result.exitCode()).as(result.err()).isEqualTo(Cli.OK);
        assertThat(git.getRepository().getBranch()).isEqualTo("regen/first");
        assertThat(git.getRepository().resolve("main")).isEqualTo(log().get(1).getId());
        assertThat(result.out()).contains("on regen/first");
    }

    @Test
    void aMalformedAuthorIsBadInput() {
        Map<String, String> before = repo.snapshot();
        TestRepo.Result result = repo.run("regen", "--commit", "--author", "nobody");
        assertThat(result.exitCode()).isEqualTo(Cli.BAD_INPUT);
        assertThat(result.err()).contains("--author must look like 'Name <email>'");
        assertThat(repo.snapshot()).isEqualTo(before);
    }

    @Test
    void branchWithoutCommitIsBadInput() {
        TestRepo.Result result = repo.run("regen", "--branch", "x");
        assertThat(result.exitCode()).isEqualTo(Cli.BAD_INPUT);
        assertThat(result.err()).contains("only make sense with --commit");
    }

    @Test
    void outsideAGitRepositoryCommitIsBadInput(@TempDir Path plain) {
        TestRepo other = TestRepo.withFixtureSpecs(plain);
        TestRepo.Result result = other.run("regen", "--commit", "--author", AUTHOR);
        assertThat(result.exitCode()).isEqualTo(Cli.BAD_INPUT);
        assertThat(result.err()).contains("is not a Git repository");
        assertThat(Set.copyOf(other.snapshot().keySet())).allMatch(path -> path.endsWith("env.yaml"));
    }

    private static org.eclipse.jgit.treewalk.AbstractTreeIterator treeOf(org.eclipse.jgit.lib.ObjectReader reader,
                                                                          RevCommit commit) throws Exception {
        var parser = new org.eclipse.jgit.treewalk.CanonicalTreeParser();
        parser.reset(reader, commit.getTree().getId());
        return parser;
    }
}
