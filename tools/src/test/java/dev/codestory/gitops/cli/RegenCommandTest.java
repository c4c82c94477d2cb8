package dev.codestory.gitops.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.codestory.gitops.TestRepo;
import dev.codestory.gitops.kustomize.Kustomize;
import dev.codestory.gitops.workspace.LockFile;
import dev.codestory.gitops.workspace.RegenCache;

import static org.assertj.core.api.Assertions.assertThat;

/** regen on a scratch repository: ownership, hand edits, removed environments, --check and --force. */
class RegenCommandTest {

    private static final String PATCH = "overlays/prod/patches/code-story-api-horizontalpodautoscaler.yaml";

    @TempDir
    Path temp;
    TestRepo repo;

    @BeforeEach
    void generate() {
        repo = TestRepo.withFixtureSpecs(temp);
        assertThat(repo.run("regen").exitCode()).isEqualTo(Cli.OK);
    }

    @Test
    void aSecondRunWritesNothing() throws Exception {
        Map<String, String> before = repo.snapshot();
        TestRepo.Result result = repo.run("regen");
        assertThat(result.exitCode()).isEqualTo(Cli.OK);
        assertThat(result.out()).contains("up to date");
        assertThat(repo.snapshot()).isEqualTo(before);
        Files.delete(repo.path(RegenCache.PATH));
        result = repo.run("regen");
        assertThat(result.out()).contains("0 file(s) written, 0 removed");
        assertThat(repo.snapshot()).isEqualTo(before);
    }

    @Test
    void aHandEditAloneIsNoticedDespiteTheCache() {
        repo.write(PATCH, repo.read(PATCH).replace("maxReplicas: 20", "maxReplicas: 99"));
        TestRepo.Result result = repo.run("regen");
        assertThat(result.exitCode()).isEqualTo(Cli.BAD_INPUT);
        assertThat(result.err()).contains("  " + PATCH);
        assertThat(repo.run("regen", "--check").exitCode()).isEqualTo(Cli.CHECK_FAILED);
    }

    @Test
    void checkPassesOnAFreshTreeAndListsDifferingFiles() {
        assertThat(repo.run("regen", "--check").exitCode()).isEqualTo(Cli.OK);
        repo.write("overlays/prod/env.yaml", repo.read("overlays/prod/env.yaml")
                .replace("maxReplicas: 20", "maxReplicas: 25"));
        Map<String, String> before = repo.snapshot();
        TestRepo.Result result = repo.run("regen", "--check");
        assertThat(result.exitCode()).isEqualTo(Cli.CHECK_FAILED);
        assertThat(result.err()).contains("  " + PATCH).contains("  " + LockFile.PATH);
        assertThat(repo.snapshot()).isEqualTo(before);
    }

    @Test
    void aHandEditStopsRegenAndSurvivesUntilForced() {
        String edited = repo.read(PATCH).replace("maxReplicas: 20", "maxReplicas: 99");
        repo.write(PATCH, edited);
        repo.write("overlays/prod/env.yaml", repo.read("overlays/prod/env.yaml")
                .replace("minReplicas: 3", "minReplicas: 4"));
        Map<String, String> before = repo.snapshot();

        TestRepo.Result refused = repo.run("regen");
        assertThat(refused.exitCode()).isEqualTo(Cli.BAD_INPUT);
        assertThat(refused.err()).contains("  " + PATCH).contains("-  maxReplicas: 99").contains("+  maxReplicas: 20")
                .contains("nothing was written");
        assertThat(repo.snapshot()).isEqualTo(before);

        assertThat(repo.run("regen", "--force").exitCode()).isEqualTo(Cli.OK);
        assertThat(repo.read(PATCH)).contains("maxReplicas: 20").contains("minReplicas: 4");
    }

    @Test
    void filesTheToolNeverWroteAreNeverTouched() {
        repo.write("overlays/prod/NOTES.md", "ours\n");
        repo.write("base/extra-configmap.yaml", "kind: ConfigMap\n");
        repo.write("overlays/prod/env.yaml", repo.read("overlays/prod/env.yaml")
                .replace("maxReplicas: 20", "maxReplicas: 21"));
        assertThat(repo.run("regen").exitCode()).isEqualTo(Cli.OK);
        assertThat(repo.read("overlays/prod/NOTES.md")).isEqualTo("ours\n");
        assertThat(repo.read("base/extra-configmap.yaml")).isEqualTo("kind: ConfigMap\n");
    }

    @Test
    void aFileInTheWayThatTheToolDidNotWriteStopsRegen() {
        repo.write("overlays/qa/env.yaml", "tier: development\n");
        repo.write("overlays/qa/kustomization.yaml", "# mine\n");
        Map<String, String> before = repo.snapshot();
        TestRepo.Result result = repo.run("regen");
        assertThat(result.exitCode()).isEqualTo(Cli.BAD_INPUT);
        assertThat(result.err()).contains("  overlays/qa/kustomization.yaml");
        assertThat(repo.snapshot()).isEqualTo(before);
    }

    @Test
    void removingASpecRemovesOnlyTheToolsFilesOfThatOverlay() throws Exception {
        repo.write("overlays/staging/README.md", "kept\n");
        Files.delete(repo.path("overlays/staging/env.yaml"));
        TestRepo.Result result = repo.run("regen");
        assertThat(result.exitCode()).isEqualTo(Cli.OK);
        assertThat(repo.snapshot().keySet()).filteredOn(path -> path.startsWith("overlays/staging/"))
                .containsExactly("overlays/staging/README.md");
        assertThat(repo.path("overlays/staging/patches")).doesNotExist();
        assertThat(repo.read(LockFile.PATH)).doesNotContain("overlays/staging/");
    }

    @Test
    void addingASpecAddsAnEnvironment() {
        repo.write("overlays/qa/env.yaml", "tier: development\nnamespace: qa\n");
        assertThat(repo.run("regen").exitCode()).isEqualTo(Cli.OK);
        assertThat(repo.read("overlays/qa/kustomization.yaml")).contains("namespace: qa").contains("- ../../base");
    }

    @Test
    void anOverlaysLocalComponentIsIncludedAndNeverWritten() {
        String component = "apiVersion: kustomize.config.k8s.io/v1alpha1\nkind: Component\n"
                + "resources:\n  - extra-configmap.yaml\n";
        String extra = "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: team-extra\ndata:\n  note: ours\n";
        repo.write("overlays/prod/local/kustomization.yaml", component);
        repo.write("overlays/prod/local/extra-configmap.yaml", extra);
        assertThat(repo.run("regen").exitCode()).isEqualTo(Cli.OK);
        assertThat(repo.read("overlays/prod/kustomization.yaml")).contains("  - ../../components/external-secrets\n"
                + "  - local\n");
        assertThat(repo.read("overlays/staging/kustomization.yaml")).doesNotContain("- local");
        assertThat(repo.read("overlays/prod/local/kustomization.yaml")).isEqualTo(component);
        assertThat(repo.read(LockFile.PATH)).doesNotContain("local/");
        String build = Kustomize.locate(null).build(repo.path("overlays/prod"));
        assertThat(build).contains("name: team-extra").contains("namespace: code-story-prod");
    }

    @Test
    void aDirectoryWithoutOverlaysIsRefused(@TempDir Path elsewhere) {
        TestRepo.Result result = TestRepo.at(elsewhere).run("regen");
        assertThat(result.exitCode()).isEqualTo(Cli.BAD_INPUT);
        assertThat(result.err()).contains("is not a code-story-gitops repository");
    }

    @Test
    void anUnknownOptionIsBadInputWithASuggestion() {
        TestRepo.Result result = repo.run("regen", "--chek");
        assertThat(result.exitCode()).isEqualTo(Cli.BAD_INPUT);
        assertThat(result.err()).contains("Unknown option: '--chek'");
    }
}
