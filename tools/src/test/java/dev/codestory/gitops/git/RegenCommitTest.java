package dev.codestory.gitops.git;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.treewalk.AbstractTreeIterator;
import org.eclipse.jgit.treewalk.CanonicalTreeParser;
import org.eclipse.jgit.treewalk.TreeWalk;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import dev.codestory.gitops.FixtureRepository;
import dev.codestory.gitops.TestRepo;
import dev.codestory.gitops.cli.Cli;
import dev.codestory.gitops.layout.RepoLayout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * regen --commit on temporary repositories: owned paths only, the specs regen read, no empty commits, a summary
 * against HEAD, every argument checked before anything is written, and never a commit that fails regen --check.
 * Tests that commit start from the fixture repository (generated and recorded once per run) committed as HEAD,
 * except the first-commit test; tests of refusals start from the committed specs alone, since nothing may be
 * written (and there is all the more to write).
 */
class RegenCommitTest {

    private static final String AUTHOR = "Regen Bot <regen@example.com>";
    private static final String PROD = "overlays/prod/env.yaml";
    private static final String HPA_PATCH = "overlays/prod/patches/code-story-api-horizontalpodautoscaler.yaml";

    @TempDir
    Path temp;
    TestRepo repo;
    Git git;

    /** The fixture repository, generated and with its goldens, as the only commit on main. */
    private void committedFixture() throws Exception {
        repo = FixtureRepository.copyTo(temp);
        initAndCommit();
    }

    /** Only the fixture specs (and a README), committed: nothing generated yet. */
    private void committedSpecs() throws Exception {
        repo = TestRepo.withFixtureSpecs(temp);
        repo.write("README.md", "team notes\n");
        initAndCommit();
    }

    private void initAndCommit() throws Exception {
        repo.write(".gitignore", ".regen-cache\n.regen-journal\n");
        git = Git.init().setDirectory(temp.toFile()).setInitialBranch("main").call();
        git.add().addFilepattern(".").call();
        PersonIdent person = new PersonIdent("Someone", "someone@example.com", Instant.parse("2026-01-01T00:00:00Z"),
                ZoneId.of("UTC"));
        git.commit().setMessage("start").setAuthor(person).setCommitter(person).call();
    }

    private void raiseProdMaxReplicas() {
        repo.write(PROD, repo.read(PROD).replace("maxReplicas: 20", "maxReplicas: 25"));
    }

    private void stage(String path) throws Exception {
        git.add().addFilepattern(path).call();
    }

    private List<RevCommit> log() throws Exception {
        List<RevCommit> commits = new ArrayList<>();
        git.log().call().forEach(commits::add);
        return commits;
    }

    private byte[] index() throws IOException {
        return Files.readAllBytes(git.getRepository().getIndexFile().toPath());
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

    private List<String> changedBy(RevCommit commit) throws Exception {
        List<String> changed = new ArrayList<>();
        try (ObjectReader reader = git.getRepository().newObjectReader()) {
            git.diff().setOldTree(treeOf(reader, commit.getParent(0))).setNewTree(treeOf(reader, commit)).call()
                    .forEach(d -> changed.add(d.getNewPath()));
        }
        return changed;
    }

    private static AbstractTreeIterator treeOf(ObjectReader reader, RevCommit commit) throws Exception {
        CanonicalTreeParser parser = new CanonicalTreeParser();
        parser.reset(reader, commit.getTree().getId());
        return parser;
    }

    /** The commit, checked out on its own (read from Git's objects), passes regen --check. */
    private void assertPassesRegenCheck(String revision) {
        List<String> paths = new ArrayList<>(RepoLayout.GENERATED_DIRS);
        paths.add(RepoLayout.LOCK_FILE);
        try (RevisionExport export = RevisionExport.of(repo.root, revision, paths)) {
            TestRepo.Result check = TestRepo.at(export.dir()).run("regen", "--check");
            assertThat(check.exitCode()).as(check.err()).isEqualTo(Cli.OK);
        }
    }

    /** Also with a golden file at HEAD that is not YAML: it counts as no build, and is recorded again. */
    @Test
    void firstRunCommitsTheGeneratedTreeGoldensAndLockWithASummary() throws Exception {
        repo = TestRepo.withFixtureSpecs(temp);
        repo.write("rendered/dev.yaml", "kind: [not yaml\n");
        initAndCommit();
        TestRepo.Result result = repo.run("regen", "--commit", "--author", AUTHOR);
        assertThat(result.exitCode()).as(result.err()).isEqualTo(Cli.OK);
        assertThat(result.err()).contains("rendered/dev.yaml at HEAD is not a build (not YAML)");
        List<RevCommit> commits = log();
        assertThat(commits).hasSize(2);
        RevCommit commit = commits.get(0);
        assertThat(commit.getAuthorIdent().getName()).isEqualTo("Regen Bot");
        assertThat(commit.getCommitterIdent().getEmailAddress()).isEqualTo("regen@example.com");
        assertThat(commit.getShortMessage()).startsWith("regen: dev (").contains("prod (").contains("staging (");
        assertThat(commit.getFullMessage()).contains("\nprod:\n").contains("  added   Deployment/code-story-prod/"
                + "code-story-api\n");
        assertThat(filesOf(commit)).contains("generated.lock", "rendered/prod.yaml", "base/kustomization.yaml",
                "components/keda-scaling/kustomization.yaml", "overlays/prod/kustomization.yaml",
                "overlays/prod/images/kustomization.yaml")
                .doesNotContain(".regen-cache");
        assertThat(git.status().call().getUncommittedChanges()).isEmpty();
        assertPassesRegenCheck("HEAD");
    }

    @Test
    void nothingChangedMakesNoCommit() throws Exception {
        committedFixture();
        TestRepo.Result again = repo.run("regen", "--commit", "--author", AUTHOR);
        assertThat(again.exitCode()).as(again.err()).isEqualTo(Cli.OK);
        assertThat(again.out()).contains("nothing to commit");
        assertThat(log()).hasSize(1);
    }

    /**
     * The README's order of steps: change the spec, record the goldens, then commit. The message still names the
     * change, since it compares with HEAD's golden files, not with those on disk.
     */
    @Test
    void aStagedSpecChangeAndItsOutputLandInOneCommitOnANewBranchNamingTheResourceAfterRegenGoldens()
            throws Exception {
        committedFixture();
        raiseProdMaxReplicas();
        assertThat(repo.run("regen", "--goldens").exitCode()).isEqualTo(Cli.OK);
        repo.write("NOTES.md", "not staged, not committed\n");
        stage(PROD);

        TestRepo.Result result = repo.run("regen", "--commit", "--author", AUTHOR, "--branch", "regen/prod-max");
        assertThat(result.exitCode()).as(result.err()).isEqualTo(Cli.OK);
        RevCommit commit = log().get(0);
        // prod's secondary cluster syncs the same HPA (overlays/prod.secondary builds on overlays/prod)
        assertThat(commit.getShortMessage()).isEqualTo("regen: prod (1 changed); prod.secondary (1 changed)");
        assertThat(commit.getFullMessage()).contains("prod:\n  changed HorizontalPodAutoscaler/code-story-prod/"
                + "code-story-api\n");
        assertThat(changedBy(commit)).containsExactlyInAnyOrder(PROD, HPA_PATCH, "generated.lock",
                "rendered/prod.yaml", "rendered/prod.secondary.yaml");
        assertThat(git.getRepository().getBranch()).isEqualTo("regen/prod-max");
        assertThat(git.getRepository().resolve("main")).isEqualTo(commit.getParent(0).getId());
        assertThat(result.out()).contains("on regen/prod-max");
        assertThat(git.status().call().getUntracked()).contains("NOTES.md");
        assertPassesRegenCheck("HEAD");
    }

    /** A person's version bump: the images file, staged, lands in one commit with what depends on it. */
    @Test
    void aStagedVersionBumpAndItsOutputLandInOneCommit() throws Exception {
        committedFixture();
        String images = RepoLayout.imagesFile("prod");
        repo.write(images, repo.read(images).replace("name: codestory/web\n    newTag: 1.0.0",
                "name: codestory/web\n    newTag: 1.0.1"));
        stage(images);

        TestRepo.Result result = repo.run("regen", "--commit", "--author", AUTHOR);
        assertThat(result.exitCode()).as(result.err()).isEqualTo(Cli.OK);
        RevCommit commit = log().get(0);
        assertThat(commit.getFullMessage()).contains("prod:\n  changed Deployment/code-story-prod/code-story-web\n");
        assertThat(changedBy(commit)).containsExactlyInAnyOrder(images, "rendered/prod.yaml",
                "rendered/prod.secondary.yaml");
        assertThat(git.status().call().getUncommittedChanges()).isEmpty();
        assertPassesRegenCheck("HEAD");
    }

    /** Ways the specs on disk can differ from the index; regen would read one and commit the other. */
    static Stream<Arguments> specsNotStagedAsOnDisk() {
        return Stream.of(
                Arguments.of("an edit not staged", (Setup) (repo, git) -> repo.write(PROD, repo.read(PROD)
                        .replace("maxReplicas: 20", "maxReplicas: 25")), PROD + " (edited, not staged)"),
                Arguments.of("an edit staged, then edited again", (Setup) (repo, git) -> {
                    repo.write(PROD, repo.read(PROD).replace("maxReplicas: 20", "maxReplicas: 25"));
                    git.add().addFilepattern(PROD).call();
                    repo.write(PROD, repo.read(PROD).replace("maxReplicas: 25", "maxReplicas: 30"));
                }, PROD + " (edited, not staged)"),
                Arguments.of("a new spec not added", (Setup) (repo, git) -> repo.write("overlays/qa/env.yaml",
                        "tier: development\n"), "overlays/qa/env.yaml (new, not added)"),
                Arguments.of("a spec deleted, not staged", (Setup) (repo, git) -> Files.delete(repo.path(
                        "overlays/staging/env.yaml")), "overlays/staging/env.yaml (deleted, not staged)"),
                Arguments.of("an images file not added", (Setup) (repo, git) -> repo.write(
                        "overlays/prod/images/kustomization.yaml", "apiVersion: kustomize.config.k8s.io/v1alpha1\n"
                                + "kind: Component\nimages:\n  - name: codestory/api\n    newTag: 1.0.1\n"),
                        "overlays/prod/images/kustomization.yaml (new, not added)"),
                Arguments.of("a local/ component file not added", (Setup) (repo, git) -> repo.write(
                        "overlays/prod/local/kustomization.yaml", "apiVersion: kustomize.config.k8s.io/v1alpha1\n"
                                + "kind: Component\n"), "overlays/prod/local/kustomization.yaml (new, not added)"));
    }

    interface Setup {
        void apply(TestRepo repo, Git git) throws Exception;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("specsNotStagedAsOnDisk")
    void specsThatDifferFromTheIndexAreRefusedBeforeAnythingIsWritten(String name, Setup setup, String listed)
            throws Exception {
        committedSpecs();
        setup.apply(repo, git);
        Map<String, String> before = repo.snapshot();
        byte[] index = index();
        TestRepo.Result result = repo.run("regen", "--commit", "--author", AUTHOR);
        assertThat(result.exitCode()).isEqualTo(Cli.BAD_INPUT);
        assertThat(result.err()).contains("differ from the index:\n  " + listed).contains("git add")
                .contains("nothing was written");
        assertThat(repo.snapshot()).isEqualTo(before);
        assertThat(index()).isEqualTo(index);
        assertThat(log()).hasSize(1);
    }

    @ParameterizedTest
    @ValueSource(strings = {"bad..name", "has space", "ends.lock", "trailing/", "-", "main"})
    void aBadBranchIsRefusedWithTheWorkTreeAndIndexUntouched(String branch) throws Exception {
        committedSpecs();
        raiseProdMaxReplicas();
        stage(PROD);
        Map<String, String> before = repo.snapshot();
        byte[] index = index();
        TestRepo.Result result = repo.run("regen", "--commit", "--author", AUTHOR, "--branch", branch);
        assertThat(result.exitCode()).isEqualTo(Cli.BAD_INPUT);
        assertThat(result.err()).contains(branch.equals("main") ? "already exists" : "not a valid Git branch name");
        assertThat(repo.snapshot()).isEqualTo(before);
        assertThat(index()).isEqualTo(index);
        assertThat(git.getRepository().getBranch()).isEqualTo("main");
        assertThat(log()).hasSize(1);
    }

    @ParameterizedTest
    @ValueSource(strings = {"nobody", "Name <a@b> extra", "<a@b>", "Name <a b@c>", "Name <a@b"})
    void aMalformedAuthorIsRefusedBeforeAnythingIsWritten(String author) throws Exception {
        committedSpecs();
        raiseProdMaxReplicas();
        stage(PROD);
        Map<String, String> before = repo.snapshot();
        byte[] index = index();
        TestRepo.Result result = repo.run("regen", "--commit", "--author", author);
        assertThat(result.exitCode()).isEqualTo(Cli.BAD_INPUT);
        assertThat(result.err()).contains("--author must look like 'Name <email>'");
        assertThat(repo.snapshot()).isEqualTo(before);
        assertThat(index()).isEqualTo(index);
    }

    @Test
    void refusesWhenOtherPathsAreStagedAndWritesNothing() throws Exception {
        committedSpecs();
        raiseProdMaxReplicas();
        stage(PROD);
        repo.write("NOTES.md", "changed notes\n");
        stage("NOTES.md");
        Map<String, String> before = repo.snapshot();
        byte[] index = index();
        TestRepo.Result result = repo.run("regen", "--commit", "--author", AUTHOR);
        assertThat(result.exitCode()).isEqualTo(Cli.BAD_INPUT);
        assertThat(result.err()).contains("staged changes to other paths: NOTES.md");
        assertThat(repo.snapshot()).isEqualTo(before);
        assertThat(index()).isEqualTo(index);
        assertThat(log()).hasSize(1);
    }

    @Test
    void outsideAGitRepositoryCommitIsBadInput(@TempDir Path plain) {
        TestRepo other = TestRepo.withFixtureSpecs(plain);
        TestRepo.Result result = other.run("regen", "--commit", "--author", AUTHOR);
        assertThat(result.exitCode()).isEqualTo(Cli.BAD_INPUT);
        assertThat(result.err()).contains("is not a Git repository");
        assertThat(Set.copyOf(other.snapshot().keySet())).allMatch(path -> path.endsWith("env.yaml"));
    }

    /** The last check before committing: a file .gitignore kept out of the index stops the commit. */
    @Test
    void aFileTheIndexWouldNotHoldStopsTheCommitAndRestoresTheIndex() throws Exception {
        committedSpecs();
        repo.write(".gitignore", ".regen-cache\nrendered/\n");
        stage(".gitignore");
        byte[] golden = "# golden\n".getBytes();
        byte[] lock = "# lock\n".getBytes();
        repo.write("rendered/dev.yaml", "# golden\n");
        repo.write("generated.lock", "# lock\n");
        RegenCommit commit = RegenCommit.prepare(repo.root, AUTHOR, null);
        commit.checkStaged(Set.of(".gitignore"));
        byte[] index = index();
        assertThatThrownBy(() -> commit.commit(Map.of("rendered/dev.yaml", golden, "generated.lock", lock), Set.of(),
                "regen: dev"))
                .isInstanceOf(GitException.class)
                .hasMessageContaining("rendered/dev.yaml (not staged: is it ignored by .gitignore?)")
                .hasMessageContaining("the index is as it was");
        assertThat(index()).isEqualTo(index);
        assertThat(log()).hasSize(1);
    }

    /** A spec edited between regen's read and its commit: the commit would hold another spec than regen read. */
    @Test
    void aSpecEditedWhileRegenRunsStopsTheCommit() throws Exception {
        committedSpecs();
        RegenCommit commit = RegenCommit.prepare(repo.root, AUTHOR, null);
        repo.write(PROD, repo.read(PROD) + "# edited meanwhile\n");
        byte[] index = index();
        assertThatThrownBy(() -> commit.commit(Map.of("generated.lock", "# lock\n".getBytes()), Set.of(), "regen"))
                .isInstanceOf(GitException.class).hasMessageContaining("the specs changed while regen ran");
        assertThat(index()).isEqualTo(index);
        repo.write(PROD, TestRepo.fixtureSpec("prod"));
        stage(PROD);
        RegenCommit restaged = RegenCommit.prepare(repo.root, AUTHOR, null);
        repo.write(PROD, repo.read(PROD) + "# staged meanwhile\n");
        stage(PROD);
        assertThatThrownBy(() -> restaged.commit(Map.of(), Set.of(), "regen"))
                .isInstanceOf(GitException.class).hasMessageContaining("in the index");
    }

    @Test
    void inputsAreTheSpecsAndTheLocalComponents() {
        assertThat(RegenCommit.isInput("overlays/prod/env.yaml")).isTrue();
        assertThat(RegenCommit.isInput("overlays/prod/local/kustomization.yaml")).isTrue();
        assertThat(RegenCommit.isInput("overlays/prod/local/patches/api.yaml")).isTrue();
        assertThat(RegenCommit.isInput("overlays/prod/kustomization.yaml")).isFalse();
        assertThat(RegenCommit.isInput("overlays/prod/patches/env.yaml")).isFalse();
        assertThat(RegenCommit.isInput("overlays/local/x.yaml")).isFalse();
        assertThat(RegenCommit.isInput("base/env.yaml")).isFalse();
    }
}
