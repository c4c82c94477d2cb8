package dev.codestory.gitops.workspace;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import dev.codestory.gitops.FixtureRepository;
import dev.codestory.gitops.TestRepo;
import dev.codestory.gitops.cli.Cli;
import dev.codestory.gitops.kustomize.Goldens;
import dev.codestory.gitops.kustomize.Kustomize;
import dev.codestory.gitops.layout.LayoutException;
import dev.codestory.gitops.layout.RepoLayout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Nothing outside the repository is read, written or deleted, whatever is planted in it: lock and journal entries
 * that name other files, symbolic links for overlays, patches, specs and regen's own files. Each is refused with a
 * named message (exit code 2), the file outside untouched, and no message shows a file's content.
 */
class ContainmentTest {

    private static final String TOKEN = "ghp_Zx9Qw8Er7Ty6Ui5Op4As3Df2Gh1Jk0LmNbVc";

    @TempDir
    Path temp;
    TestRepo repo;
    Path outside;

    @BeforeEach
    void copyTheFixture() throws IOException {
        repo = FixtureRepository.copyTo(temp.resolve("repo"));
        outside = Files.createDirectories(temp.resolve("outside"));
        Files.writeString(outside.resolve("victim.yaml"), "not the repository's\n");
    }

    private String outsideSha() throws IOException {
        return LockFile.sha256(Files.readAllBytes(outside.resolve("victim.yaml")));
    }

    @ParameterizedTest
    @ValueSource(strings = {"ABSOLUTE", "../outside/victim.yaml", "overlays/prod/../../../outside/victim.yaml",
            "overlays/prod/env.yaml", "overlays/prod/local/kustomization.yaml", "rendered/prod.yaml", ".git/config",
            "overlays/x.yaml"})
    void aPlantedLockEntryIsRefusedAndNothingIsDeleted(String entry) throws IOException {
        String path = entry.equals("ABSOLUTE") ? outside.resolve("victim.yaml").toString() : entry;
        repo.write("overlays/prod/local/kustomization.yaml", "kind: Component\n");
        repo.write("rendered/prod.yaml", "a golden file\n");
        String lock = repo.read(LockFile.PATH);
        repo.write(LockFile.PATH, lock.replace("files:\n", "files:\n  " + path + ": "
                + LockFile.sha256(Files.readAllBytes(repo.path(entry.startsWith("over") && !entry.contains("..")
                        && !entry.equals("overlays/x.yaml") ? entry : "../outside/victim.yaml"))) + "\n"));
        Map<String, String> before = repo.snapshot();

        TestRepo.Result result = repo.run("regen");
        assertThat(result.exitCode()).isEqualTo(Cli.BAD_INPUT);
        assertThat(result.err()).contains("generated.lock: lists '" + path + "', which is not a path regen generates")
                .contains("restore it from Git").doesNotContain("\tat ");
        assertThat(repo.snapshot()).isEqualTo(before);
        assertThat(outside.resolve("victim.yaml")).hasContent("not the repository's");
        assertThat(repo.run("regen", "--check").exitCode()).isEqualTo(Cli.BAD_INPUT);
    }

    @Test
    void aPlantedJournalIsRefusedBeforeAnythingIsReplayed() throws IOException {
        for (String journal : new String[] {"moves: [../outside/victim.yaml]\n", "deletes: [overlays/prod/env.yaml]\n",
                "deletes: [" + outside.resolve("victim.yaml") + "]\n", "phase: commit\nrm: [base]\n",
                "moves: [overlays/prod/local/x.yaml]\n", "{{{ not yaml\n"}) {
            repo.write(WriteJournal.PATH, journal);
            Map<String, String> before = repo.snapshot();
            TestRepo.Result result = repo.run("regen");
            assertThat(result.exitCode()).as(journal).isEqualTo(Cli.BAD_INPUT);
            assertThat(result.err()).as(journal).contains(".regen-journal: ").contains("not written by regen")
                    .doesNotContain("\tat ");
            assertThat(repo.snapshot()).isEqualTo(before);
            assertThat(outside.resolve("victim.yaml")).hasContent("not the repository's");
            assertThat(repo.run("regen", "--check").exitCode()).as(journal).isEqualTo(Cli.BAD_INPUT);
        }
    }

    @Test
    void anOverlayLinkedOutsideIsNeitherWrittenNorRead() throws IOException {
        Files.writeString(outside.resolve("env.yaml"), "tier: development\n");
        Files.createSymbolicLink(repo.path("overlays/qa"), outside);
        Map<String, String> before = repo.snapshot();
        for (String[] command : new String[][] {{"regen"}, {"regen", "--check"}}) {
            TestRepo.Result result = repo.run(command);
            assertThat(result.exitCode()).isEqualTo(Cli.BAD_INPUT);
            assertThat(result.err()).contains("overlays/qa: is a symbolic link; an overlay directory must be a real"
                    + " directory inside the repository");
        }
        assertThat(repo.snapshot()).isEqualTo(before);
        try (var files = Files.list(outside)) {
            assertThat(files.map(f -> f.getFileName().toString())).containsExactlyInAnyOrder("env.yaml", "victim.yaml");
        }
    }

    @Test
    void patchesLinkedOutsideAreNotDeletedWhenTheirEnvironmentIsRemoved() throws IOException {
        Path patches = repo.path("overlays/staging/patches");
        Path moved = outside.resolve("patches");
        Files.move(patches, moved);
        Files.createSymbolicLink(patches, moved);
        Files.delete(repo.path("overlays/staging/env.yaml"));
        Map<String, String> before = repo.snapshot();
        long outsideFiles;
        try (var files = Files.list(moved)) {
            outsideFiles = files.count();
        }

        TestRepo.Result result = repo.run("regen");
        assertThat(result.exitCode()).isEqualTo(Cli.BAD_INPUT);
        assertThat(result.err()).contains("overlays/staging/patches: is a symbolic link");
        assertThat(repo.snapshot()).isEqualTo(before);
        try (var files = Files.list(moved)) {
            assertThat(files.count()).isEqualTo(outsideFiles);
        }
    }

    @Test
    void aSpecLinkedToATokenFileIsRefusedWithoutShowingIt() throws IOException {
        Files.writeString(outside.resolve("token"), TOKEN + "\n");
        Files.createDirectories(repo.path("overlays/qa"));
        Files.createSymbolicLink(repo.path("overlays/qa/env.yaml"), outside.resolve("token"));
        Map<String, String> before = repo.snapshot();
        TestRepo.Result result = repo.run("regen");
        assertThat(result.exitCode()).isEqualTo(Cli.BAD_INPUT);
        assertThat(result.err()).contains("overlays/qa/env.yaml:1:1: (document): is a symbolic link")
                .doesNotContain(TOKEN).doesNotContain("ghp_");
        assertThat(repo.snapshot()).isEqualTo(before);
    }

    @Test
    void anImagesFileLinkedToATokenFileIsRefusedWithoutShowingIt() throws IOException {
        Files.writeString(outside.resolve("token"), TOKEN + "\n");
        Path images = repo.path("overlays/staging/images/kustomization.yaml");
        Files.delete(images);
        Files.createSymbolicLink(images, outside.resolve("token"));
        Map<String, String> before = repo.snapshot();
        TestRepo.Result result = repo.run("regen");
        assertThat(result.exitCode()).isEqualTo(Cli.BAD_INPUT);
        assertThat(result.err()).contains("overlays/staging/images/kustomization.yaml:1:1: (document): is a symbolic"
                + " link").doesNotContain(TOKEN).doesNotContain("ghp_");
        assertThat(repo.snapshot()).isEqualTo(before);
    }

    @Test
    void aTokenFileAsTheSpecItselfIsNotShownEither() {
        repo.write("overlays/qa/env.yaml", TOKEN + "\n");
        TestRepo.Result result = repo.run("regen");
        assertThat(result.exitCode()).isEqualTo(Cli.BAD_INPUT);
        assertThat(result.err()).contains("overlays/qa/env.yaml:1:1: (document): a spec is a mapping of keys, got a"
                + " single value").doesNotContain(TOKEN);
    }

    @Test
    void aDanglingSpecLinkIsAnErrorNeverAnEnvironmentRemoved() throws IOException {
        Path spec = repo.path("overlays/staging/env.yaml");
        Files.delete(spec);
        Files.createSymbolicLink(spec, outside.resolve("no-such-file"));
        Map<String, String> before = repo.snapshot();
        TestRepo.Result result = repo.run("regen");
        assertThat(result.exitCode()).isEqualTo(Cli.BAD_INPUT);
        assertThat(result.err()).contains("overlays/staging/env.yaml:1:1: (document): is a symbolic link");
        assertThat(repo.snapshot()).isEqualTo(before);
        assertThat(repo.run("regen", "--check").exitCode()).isEqualTo(Cli.BAD_INPUT);
    }

    @Test
    void aSpecThatIsADirectoryIsAnError() throws IOException {
        Path spec = repo.path("overlays/staging/env.yaml");
        Files.delete(spec);
        Files.createDirectories(spec);
        Map<String, String> before = repo.snapshot();
        TestRepo.Result result = repo.run("regen");
        assertThat(result.exitCode()).isEqualTo(Cli.BAD_INPUT);
        assertThat(result.err()).contains("overlays/staging/env.yaml:1:1: (document): is a directory");
        assertThat(repo.snapshot()).isEqualTo(before);
    }

    @Test
    @Timeout(value = 20, unit = TimeUnit.SECONDS)
    void aSpecThatIsAPipeIsAnErrorAndNothingWaitsOnIt() throws Exception {
        Path spec = repo.path("overlays/staging/env.yaml");
        Files.delete(spec);
        Process mkfifo;
        try {
            mkfifo = new ProcessBuilder("mkfifo", spec.toString()).start();
        } catch (IOException e) {
            Assumptions.abort("no mkfifo here");
            return;
        }
        Assumptions.assumeTrue(mkfifo.waitFor() == 0, "mkfifo failed");
        TestRepo.Result result = repo.run("regen");
        assertThat(result.exitCode()).isEqualTo(Cli.BAD_INPUT);
        assertThat(result.err()).contains("overlays/staging/env.yaml:1:1: (document): is not a regular file");
        assertThat(repo.path("overlays/staging/kustomization.yaml")).exists();
    }

    @Test
    void aSpecOverTheSizeLimitIsRefusedByItsSize() {
        repo.write("overlays/staging/env.yaml", "# " + "x".repeat(RepoLayout.SPEC_MAX_BYTES) + "\ntier: staging\n");
        TestRepo.Result result = repo.run("regen");
        assertThat(result.exitCode()).isEqualTo(Cli.BAD_INPUT);
        assertThat(result.err()).contains("overlays/staging/env.yaml:1:1: (document): is " + (RepoLayout.SPEC_MAX_BYTES
                + 17) + " bytes; a spec may hold at most 262144 bytes (256 KiB)");
    }

    @ParameterizedTest
    @ValueSource(strings = {LockFile.PATH, WriteJournal.PATH, RegenCache.PATH})
    void regensOwnFilesAreNeverFollowedThroughALink(String name) throws IOException {
        Files.deleteIfExists(repo.path(name));
        Files.createSymbolicLink(repo.path(name), outside.resolve("victim.yaml"));
        TestRepo.Result result = repo.run("regen");
        assertThat(result.exitCode()).isEqualTo(Cli.BAD_INPUT);
        assertThat(result.err()).contains(name + ": is a symbolic link");
        assertThat(outside.resolve("victim.yaml")).hasContent("not the repository's");
    }

    @Test
    void aGeneratedDirectoryLinkedOutsideIsRefused() throws IOException {
        Path argocd = repo.path("clusters/argocd");
        Path moved = outside.resolve("argocd");
        Files.move(argocd, moved);
        Files.createSymbolicLink(argocd, moved);
        repo.write("overlays/prod/env.yaml", repo.read("overlays/prod/env.yaml").replace("deletionProtection: true",
                "deletionProtection: false"));
        Map<String, String> before = repo.snapshot();
        TestRepo.Result result = repo.run("regen");
        assertThat(result.exitCode()).isEqualTo(Cli.BAD_INPUT);
        assertThat(result.err()).contains("clusters/argocd: is a symbolic link");
        assertThat(repo.snapshot()).isEqualTo(before);
    }

    @Test
    void aLocalComponentMayBeALinkInsideTheRepositoryButNotOutside() throws IOException {
        repo.write("shared/local/kustomization.yaml", "apiVersion: kustomize.config.k8s.io/v1alpha1\nkind: Component\n");
        Files.createSymbolicLink(repo.path("overlays/staging/local"), repo.path("shared/local"));
        assertThat(repo.run("regen").exitCode()).isEqualTo(Cli.OK);
        assertThat(repo.read("overlays/staging/kustomization.yaml")).contains("- local");

        Files.delete(repo.path("overlays/staging/local"));
        Files.writeString(outside.resolve("kustomization.yaml"), "kind: Component\n");
        Files.createSymbolicLink(repo.path("overlays/staging/local"), outside);
        TestRepo.Result result = repo.run("regen");
        assertThat(result.exitCode()).isEqualTo(Cli.BAD_INPUT);
        assertThat(result.err()).contains("overlays/staging/local: is a symbolic link that leads outside the"
                + " repository");
    }

    @Test
    void goldenFilesAreNotWrittenThroughALink() throws IOException {
        Kustomize fake = Kustomize.of(Path.of("/bin/true"));
        RepoLayout.Unit unit = new RepoLayout.Unit("dev", "overlays/dev");
        TestRepo.delete(repo.path("rendered"));
        Files.createSymbolicLink(repo.path("rendered"), outside);
        assertThatThrownBy(() -> Goldens.write(repo.root, unit, fake, "kind: x\n"))
                .isInstanceOf(LayoutException.class).hasMessageContaining("rendered: is a symbolic link");
        Files.delete(repo.path("rendered"));
        Files.createDirectories(repo.path("rendered"));
        Files.createSymbolicLink(repo.path("rendered/dev.yaml"), outside.resolve("victim.yaml"));
        assertThatThrownBy(() -> Goldens.write(repo.root, unit, fake, "kind: x\n"))
                .isInstanceOf(LayoutException.class).hasMessageContaining("rendered/dev.yaml: is a symbolic link");
        assertThat(Files.readString(outside.resolve("victim.yaml"), StandardCharsets.UTF_8))
                .isEqualTo("not the repository's\n");
    }
}
