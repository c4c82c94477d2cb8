package dev.codestory.gitops.review;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;

import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.Status;
import org.eclipse.jgit.lib.PersonIdent;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.codestory.gitops.TestRepo;
import dev.codestory.gitops.cli.Cli;
import dev.codestory.gitops.layout.RepoLayout;

import static org.assertj.core.api.Assertions.assertThat;

/** diff --base on scratch Git repositories: the committed tree against a regenerated work tree. */
class DiffCommandTest {

    private static final String PROD = "overlays/prod/env.yaml";

    /** Generated and committed once; every test works on a copy. */
    @TempDir
    static Path committed;

    @TempDir
    Path temp;
    TestRepo repo;

    @BeforeAll
    static void commitTheGeneratedTree() throws Exception {
        TestRepo template = TestRepo.withFixtureSpecs(committed);
        assertThat(template.run("regen").exitCode()).isEqualTo(Cli.OK);
        template.write(".gitignore", ".regen-cache\n");
        try (Git git = Git.init().setDirectory(committed.toFile()).setInitialBranch("main").call()) {
            commitAll(git, "generated tree");
        }
    }

    @BeforeEach
    void copyTheRepository() {
        repo = TestRepo.at(committed).copyTo(temp);
    }

    @Test
    void anUnchangedTreeHasNoChange() {
        TestRepo.Result result = repo.run("diff", "--base", "main");
        assertThat(result.exitCode()).as(result.err()).isEqualTo(Cli.OK);
        assertThat(result.out()).isEqualTo("clusters: no change\ndev: no change\nprod: no change\nstaging: no change\n");

        // a file no build reads: the overlays are built on both sides and come out the same
        repo.write("overlays/prod/NOTES.md", "ours\n");
        result = repo.run("diff", "--base", "HEAD");
        assertThat(result.exitCode()).as(result.err()).isEqualTo(Cli.OK);
        assertThat(result.out()).isEqualTo("clusters: no change\ndev: no change\nprod: no change\nstaging: no change\n");
    }

    @Test
    void aChangedFieldIsNamedWithBothValuesAndTheWorkTreeIsLeftAlone() throws Exception {
        repo.write(PROD, repo.read(PROD).replace("maxReplicas: 20", "maxReplicas: 25"));
        assertThat(repo.run("regen").exitCode()).isEqualTo(Cli.OK);
        String statusBefore = status();
        Map<String, String> filesBefore = repo.snapshot();

        TestRepo.Result result = repo.run("diff", "--base", "HEAD");

        assertThat(repo.snapshot()).isEqualTo(filesBefore);
        assertThat(status()).isEqualTo(statusBefore).contains("modified=[generated.lock, " + PROD);
        assertThat(result.exitCode()).as(result.err()).isEqualTo(Cli.CHECK_FAILED);
        assertThat(result.out()).contains("""
                dev: no change
                prod: 1 changed, 0 added, 0 removed
                  ~ HorizontalPodAutoscaler/code-story-api  spec.maxReplicas: 20 → 25
                      --- HEAD
                      +++ work tree
                """)
                .contains("      -  maxReplicas: 20\n      +  maxReplicas: 25\n")
                .endsWith("staging: no change\n");
        assertThat(result.err()).isEmpty();
    }

    @Test
    void aSelectorChangeIsFlaggedAsRecreate() {
        repo.write("overlays/prod/local/kustomization.yaml", """
                apiVersion: kustomize.config.k8s.io/v1alpha1
                kind: Component
                patches:
                  - path: api-track.yaml
                """);
        repo.write("overlays/prod/local/api-track.yaml", """
                apiVersion: apps/v1
                kind: Deployment
                metadata:
                  name: code-story-api
                spec:
                  selector:
                    matchLabels:
                      track: stable
                  template:
                    metadata:
                      labels:
                        track: stable
                """);
        assertThat(repo.run("regen").exitCode()).isEqualTo(Cli.OK);
        assertThat(repo.read("overlays/prod/kustomization.yaml")).contains("  - local\n");

        TestRepo.Result result = repo.run("diff", "--base", "HEAD");

        assertThat(result.exitCode()).as(result.err()).isEqualTo(Cli.CHECK_FAILED);
        assertThat(result.out()).contains("prod: 1 changed, 0 added, 0 removed\n"
                        + "  ~ Deployment/code-story-api  spec.selector.matchLabels.track: (none) → stable,"
                        + " spec.template.metadata.labels.track: (none) → stable\n"
                        + "    RECREATE: spec.selector is immutable: the Deployment is deleted and recreated\n")
                .contains("      +      track: stable\n");
    }

    /** Staging, without deletion protection: everything its Application applied goes, but its Namespace. */
    @Test
    void aRemovedEnvironmentListsEveryResourceAsPrunedButTheNamespace() throws Exception {
        Files.delete(repo.path("overlays/staging/env.yaml"));
        assertThat(repo.run("regen").exitCode()).isEqualTo(Cli.OK);
        try (Git git = Git.open(temp.toFile())) {
            commitAll(git, "remove staging");
        }

        TestRepo.Result result = repo.run("diff", "--base", "HEAD~1");

        assertThat(result.exitCode()).as(result.err()).isEqualTo(Cli.CHECK_FAILED);
        assertThat(result.out()).containsPattern("staging \\(environment removed\\): 0 changed, 0 added, \\d+ removed\n")
                .contains("  - Deployment/code-story-api\n    PRUNED: will be pruned by the GitOps controller\n")
                .contains("  - Namespace/code-story-staging\n    KEPT: left in the cluster: the sync option"
                        + " Delete=false\n")
                .contains("dev: no change\nprod: no change\n")
                .contains("  - Application/code-story-staging\n    PRUNED: deleting it deletes what it deployed");
        String staging = result.out().substring(result.out().indexOf("staging (environment removed)"));
        assertThat(staging).doesNotContain("  + ").doesNotContain("  ~ ");
        long removed = staging.lines().filter(line -> line.startsWith("  - ")).count();
        long pruned = staging.lines().filter(line -> line.equals("    PRUNED: will be pruned by the GitOps"
                + " controller")).count();
        assertThat(removed).isGreaterThan(10).isEqualTo(pruned + 1);
    }

    /** Prod has deletion protection: its Applications have no resources finalizer, and nothing of it goes. */
    @Test
    void aRemovedEnvironmentWithDeletionProtectionKeepsEverything() throws Exception {
        Files.delete(repo.path("overlays/prod/env.yaml"));
        TestRepo.delete(repo.path("overlays/prod/images"));
        assertThat(repo.run("regen").exitCode()).as("regen").isEqualTo(Cli.OK);

        TestRepo.Result result = repo.run("diff", "--base", "HEAD");

        assertThat(result.exitCode()).as(result.err()).isEqualTo(Cli.CHECK_FAILED);
        String prod = result.out().substring(result.out().indexOf("prod (environment removed)"));
        prod = prod.substring(0, prod.indexOf("\nstaging"));
        assertThat(prod).doesNotContain("PRUNED").containsPattern("  - Deployment/code-story-api\n    KEPT: left in"
                + " the cluster: Application code-story-prod-(us-east|eu-west)-1, removed, leaves what it applied"
                + " \\(deletion protection\\)\n");
        assertThat(result.out()).contains("  - Application/code-story-prod-us-east-1\n    KEPT: deleting it leaves"
                + " what it deployed running (deletion protection)");
    }

    @Test
    void aFluxEnvironmentsMigrationUnitIsPartOfIt() {
        // dev runs under Flux: its migration Job is only in overlays/dev/migrate, which the overlay depends on
        assertThat(repo.path("overlays/dev/migrate/kustomization.yaml")).exists();
        repo.write("overlays/dev/env.yaml", repo.read("overlays/dev/env.yaml")
                + "\nmigration:\n  command: [alembic, upgrade, heads]\n");
        assertThat(repo.run("regen").exitCode()).isEqualTo(Cli.OK);

        TestRepo.Result result = repo.run("diff", "--base", "HEAD");

        // the Job keeps its name; Flux recreates it (kustomize.toolkit.fluxcd.io/force), so nothing is unsafe
        assertThat(result.exitCode()).as(result.err()).isEqualTo(Cli.CHECK_FAILED);
        assertThat(result.out()).contains("""
                dev: 1 changed, 0 added, 0 removed
                  ~ Job/code-story-migrate  spec.template.spec.containers[migrate].command[2]: head → heads
                    RECREATE: spec.template is immutable: the Job is deleted and recreated
                """)
                .contains("      -            - head\n      +            - heads\n")
                .doesNotContain("UNSAFE")
                .endsWith("prod: no change\nstaging: no change\n");
    }

    @Test
    void markdownIsAPullRequestCommentWithDiffBlocksAndBoldFlags() {
        // a new version: the Deployments, the migration Job and, on the secondary cluster, the Job that waits for
        // it (hooks Argo CD recreates) take the new image
        String images = RepoLayout.imagesFile("prod");
        repo.write(images, repo.read(images).replace("newTag: 1.0.0", "newTag: 1.1.0"));
        assertThat(repo.run("regen").exitCode()).isEqualTo(Cli.OK);

        TestRepo.Result result = repo.run("diff", "--base", "HEAD", "--format", "markdown");

        assertThat(result.exitCode()).as(result.err()).isEqualTo(Cli.CHECK_FAILED);
        String markdown = result.out();
        assertThat(markdown).startsWith("### Rendered changes against `HEAD` (`")
                .contains("**dev**: no change\n")
                .containsPattern("<details><summary>prod: \\d+ changed, 0 added, 0 removed"
                        + " — <b>2 RECREATE</b></summary>\n\n")
                .contains("- changed `Deployment/code-story-api`: `")
                .contains("spec.template.spec.containers[api].image: codestory/api:1.0.0 → codestory/api:1.1.0")
                .contains("\n  ```diff\n  --- HEAD\n  +++ work tree\n")
                .containsPattern("- changed `Job/code-story-migrate`: `[^\n]*` — \\*\\*RECREATE\\*\\*: spec.template is"
                        + " immutable: the Job is deleted and recreated\n")
                .containsPattern("- changed `Job/code-story-migration-wait`: `[^\n]*` — \\*\\*RECREATE\\*\\*:")
                .doesNotContain("UNSAFE")
                // the objects whose only change is the version label, told once
                .containsPattern("\n- \\d+ resources changed only in"
                        + " `metadata.labels\\[\"app.kubernetes.io/version\"\\]: 1.0.0 → 1.1.0`: `ConfigMap/code-story-config`, ")
                .doesNotContain("- changed `Service/code-story-api`")
                .contains("</details>")
                .endsWith("**staging**: no change\n");
        assertThat(markdown.split("<details>", -1)).hasSize(2);
    }

    @Test
    void aJobChangedUnderItsNameWithoutARecreateMarkerIsUnsafeInDiffAndVerify() {
        // staging's own component turns the migration hook into a plain Job; a new version then changes its
        // template under the same name, which Argo CD cannot apply and is not told to recreate
        repo.write("overlays/staging/local/kustomization.yaml", """
                apiVersion: kustomize.config.k8s.io/v1alpha1
                kind: Component
                patches:
                  - path: plain-job.yaml
                """);
        repo.write("overlays/staging/local/plain-job.yaml", """
                apiVersion: batch/v1
                kind: Job
                metadata:
                  name: code-story-migrate
                  annotations:
                    argocd.argoproj.io/hook: null
                    argocd.argoproj.io/hook-delete-policy: null
                """);
        String images = RepoLayout.imagesFile("staging");
        repo.write(images, repo.read(images).replace("newTag: 1.0.0", "newTag: 1.0.1"));
        assertThat(repo.run("regen").exitCode()).isEqualTo(Cli.OK);

        TestRepo.Result diff = repo.run("diff", "--base", "HEAD");
        assertThat(diff.exitCode()).as(diff.err()).isEqualTo(Cli.CHECK_FAILED);
        assertThat(diff.out()).contains("    UNSAFE: spec.template is immutable: the Job is deleted and recreated only if"
                + " Argo CD is told to: make it a hook with hook-delete-policy BeforeHookCreation, or give it the sync"
                + " option Force=true; otherwise the update is refused and the sync fails\n");

        TestRepo.Result verify = repo.run("verify", "--base", "HEAD");
        assertThat(verify.exitCode()).as(verify.err()).isEqualTo(Cli.CHECK_FAILED);
        assertThat(verify.out()).contains("staging Job/code-story-migrate spec.template: from HEAD: spec.template is"
                + " immutable: the Job is deleted and recreated only if Argo CD is told to: ")
                .contains(" [lifecycle]\n");
    }

    /** A spec changed and regen not run: the diff is of the files as they are, and says so. */
    @Test
    void aSpecChangedWithoutRegenIsNoted() {
        TestRepo.Result fresh = repo.run("diff", "--base", "HEAD");
        assertThat(fresh.err()).doesNotContain("note:");
        repo.write(PROD, repo.read(PROD).replace("maxReplicas: 20", "maxReplicas: 30"));
        TestRepo.Result result = repo.run("diff", "--base", "HEAD");
        assertThat(result.exitCode()).isEqualTo(Cli.OK);
        assertThat(result.out()).contains("prod: no change");
        assertThat(result.err()).contains("diff: note: the generated files are not what regen writes from the specs;"
                + " run regen first");

        // a pull-request comment says it too: "no change" there would otherwise be read as the spec change's effect
        TestRepo.Result comment = repo.run("diff", "--base", "HEAD", "--format", "markdown");
        assertThat(comment.exitCode()).isEqualTo(Cli.OK);
        assertThat(comment.out()).contains("> **Note:** the generated files are not what regen writes from the specs;"
                + " run regen first").contains("No change in any environment");
    }

    @Test
    void anUnknownRevisionIsBadInputNamingIt() {
        TestRepo.Result result = repo.run("diff", "--base", "no-such-branch");
        assertThat(result.exitCode()).isEqualTo(Cli.BAD_INPUT);
        assertThat(result.err()).contains("'no-such-branch'").doesNotContain("Exception");
        assertThat(result.out()).isEmpty();
    }

    @Test
    void aDirectoryOutsideGitIsBadInput(@TempDir Path outside) {
        TestRepo plain = TestRepo.withFixtureSpecs(outside);
        TestRepo.Result result = plain.run("diff", "--base", "HEAD");
        assertThat(result.exitCode()).isEqualTo(Cli.BAD_INPUT);
        assertThat(result.err()).contains("not in a Git repository").doesNotContain("Exception");
    }

    private String status() throws Exception {
        try (Git git = Git.open(temp.toFile())) {
            Status status = git.status().call();
            return Map.of("added", status.getAdded(), "changed", status.getChanged(), "modified",
                            status.getModified(), "missing", status.getMissing(), "removed", status.getRemoved(),
                            "untracked", status.getUntracked(), "conflicting", status.getConflicting())
                    .entrySet().stream().sorted(Map.Entry.comparingByKey())
                    .map(entry -> entry.getKey() + "=" + entry.getValue().stream().sorted().toList())
                    .toList().toString();
        }
    }

    private static void commitAll(Git git, String message) throws Exception {
        git.add().addFilepattern(".").call();
        git.add().addFilepattern(".").setUpdate(true).call();
        PersonIdent author = new PersonIdent("Test", "test@example.com", Instant.parse("2025-01-01T00:00:00Z"),
                ZoneOffset.UTC);
        git.commit().setMessage(message).setAuthor(author).setCommitter(author).setSign(false).setNoVerify(true)
                .call();
    }
}
