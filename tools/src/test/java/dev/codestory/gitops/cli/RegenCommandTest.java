package dev.codestory.gitops.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import dev.codestory.gitops.FixtureRepository;
import dev.codestory.gitops.TestRepo;
import dev.codestory.gitops.kustomize.Kustomize;
import dev.codestory.gitops.layout.RepoLayout;
import dev.codestory.gitops.spec.SpecLoader;
import dev.codestory.gitops.verify.Finding;
import dev.codestory.gitops.verify.TreeCheck;
import dev.codestory.gitops.workspace.LockFile;
import dev.codestory.gitops.workspace.RegenCache;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * regen on a copy of the fixture repository: ownership, hand edits, removed environments, --check and --force,
 * options that do not go together, --repo anywhere, specs that are not UTF-8.
 */
class RegenCommandTest {

    private static final String PATCH = "overlays/prod/patches/code-story-api-horizontalpodautoscaler.yaml";

    @TempDir
    Path temp;
    TestRepo repo;

    /** A copy of the fixture repository, generated once per run, instead of a generation per test. */
    @BeforeEach
    void generated() {
        repo = FixtureRepository.copyTo(temp);
    }

    @Test
    void aFreshGenerationFromTheSpecsMatchesTheFixture(@TempDir Path fresh) {
        TestRepo specs = TestRepo.withFixtureSpecs(fresh);
        assertThat(specs.run("regen").exitCode()).isEqualTo(Cli.OK);
        assertThat(specs.run("regen", "--check").exitCode()).isEqualTo(Cli.OK);
        assertThat(specs.snapshot()).isEqualTo(withoutGoldens(repo.snapshot()));
    }

    private static Map<String, String> withoutGoldens(Map<String, String> files) {
        Map<String, String> rest = new TreeMap<>(files);
        rest.keySet().removeIf(path -> path.startsWith(RepoLayout.GOLDENS + "/"));
        return rest;
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
        // the lock file counts like the generated files: written when it changes, unchanged otherwise
        assertThat(result.out()).contains("0 file(s) written, 0 removed, "
                + (LockFile.read(repo.root).files().size() + 1) + " unchanged");
    }

    @Test
    void aHandEditAloneIsNoticedDespiteTheCache() {
        repo.write(PATCH, repo.read(PATCH).replace("maxReplicas: 20", "maxReplicas: 99"));
        TestRepo.Result result = repo.run("regen");
        assertThat(result.exitCode()).isEqualTo(Cli.BAD_INPUT);
        assertThat(result.err()).contains("  " + PATCH);
        assertThat(repo.run("regen", "--check").exitCode()).isEqualTo(Cli.CHECK_FAILED);
    }

    /** --check names a hand edit as one, and does not send the user to a regen that refuses it. */
    @Test
    void checkTellsWhatToDoAboutAHandEdit() {
        repo.write(PATCH, repo.read(PATCH).replace("maxReplicas: 20", "maxReplicas: 99"));
        TestRepo.Result check = repo.run("regen", "--check");
        assertThat(check.exitCode()).isEqualTo(Cli.CHECK_FAILED);
        assertThat(check.err()).contains("  " + PATCH + " (edited by hand, or not written by regen)")
                .doesNotContain("Run regen to update them").contains("regen --force").contains("git restore");
        assertThat(repo.run("regen").exitCode()).isEqualTo(Cli.BAD_INPUT);

        repo.write(PATCH, repo.read(PATCH).replace("maxReplicas: 99", "maxReplicas: 20"));
        repo.write("overlays/prod/env.yaml", repo.read("overlays/prod/env.yaml")
                .replace("maxReplicas: 20", "maxReplicas: 25"));
        check = repo.run("regen", "--check");
        assertThat(check.err()).contains("  " + PATCH + "\n").contains("Run regen to update them.")
                .doesNotContain("edited by hand");
    }

    static Stream<Arguments> optionsThatDoNotGoTogether() {
        return Stream.of(
                Arguments.of(List.of("--check", "--commit"), "cannot be combined with --commit"),
                Arguments.of(List.of("--check", "--force"), "cannot be combined with --force"),
                Arguments.of(List.of("--check", "--goldens"), "cannot be combined with --goldens"),
                Arguments.of(List.of("--check", "--commit", "--force"), "cannot be combined with --commit, --force"),
                Arguments.of(List.of("--branch", "x"), "--author and --branch only make sense with --commit"),
                Arguments.of(List.of("--author", "A <a@b.c>"), "only make sense with --commit"),
                Arguments.of(List.of("--kustomize", "kubectl"), "--kustomize only makes sense with --goldens or"
                        + " --commit"));
    }

    @ParameterizedTest
    @MethodSource("optionsThatDoNotGoTogether")
    void optionsThatDoNotGoTogetherAreRefusedBeforeAnyWork(List<String> options, String message) {
        repo.write("overlays/prod/env.yaml", repo.read("overlays/prod/env.yaml")
                .replace("maxReplicas: 20", "maxReplicas: 25"));
        Map<String, String> before = repo.snapshot();
        List<String> args = new ArrayList<>(List.of("regen"));
        args.addAll(options);
        TestRepo.Result result = repo.run(args.toArray(String[]::new));
        assertThat(result.exitCode()).isEqualTo(Cli.BAD_INPUT);
        assertThat(result.err()).contains(message);
        assertThat(result.out()).isEmpty();
        assertThat(repo.snapshot()).isEqualTo(before);
    }

    /** --repo stands before or after the subcommand's name, in either of picocli's spellings. */
    @ParameterizedTest
    @ValueSource(strings = {"before", "after", "before=", "after="})
    void repoBeforeOrAfterTheSubcommand(String where) {
        String root = repo.root.toString();
        String[] args = switch (where) {
            case "before" -> new String[] {"--repo", root, "regen", "--check"};
            case "after" -> new String[] {"regen", "--check", "--repo", root};
            case "before=" -> new String[] {"--repo=" + root, "regen", "--check"};
            default -> new String[] {"regen", "--repo=" + root, "--check"};
        };
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = Cli.commandLine(new PrintWriter(out, true), new PrintWriter(err, true), args).execute(args);
        assertThat(exit).as(err.toString()).isEqualTo(Cli.OK);
        assertThat(out.toString()).startsWith("regen --check: ");
    }

    @Test
    void aSpecThatIsNotUtf8IsNamedWithItsLineAndColumn() throws Exception {
        byte[] spec = (repo.read("overlays/prod/env.yaml") + "# caf").getBytes(StandardCharsets.UTF_8);
        int lines = (int) repo.read("overlays/prod/env.yaml").lines().count();
        byte[] latin1 = java.util.Arrays.copyOf(spec, spec.length + 2);
        latin1[spec.length] = (byte) 0xE9;
        latin1[spec.length + 1] = '\n';
        Files.write(repo.path("overlays/prod/env.yaml"), latin1);
        Map<String, String> before = repo.snapshot();
        TestRepo.Result result = repo.run("regen");
        assertThat(result.exitCode()).isEqualTo(Cli.BAD_INPUT);
        assertThat(result.err()).startsWith("overlays/prod/env.yaml:" + (lines + 1) + ":6: (document): not valid"
                + " UTF-8 (byte 0xE9)").doesNotContain("Input length");
        assertThat(repo.snapshot()).isEqualTo(before);
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

    /**
     * {@code kustomize edit set image} run in the overlay instead of its images directory edits a generated file:
     * refused like any hand edit, saying where the versions go.
     */
    @Test
    void versionsWrittenIntoTheOverlayAreRefusedWithWhereTheyGo() {
        String overlay = "overlays/prod/kustomization.yaml";
        repo.write(overlay, repo.read(overlay) + "images:\n- name: codestory/api\n  newTag: 1.0.1\n");
        Map<String, String> before = repo.snapshot();
        String advice = overlay + " holds images:, but prod's versions live in overlays/prod/images/kustomization.yaml"
                + " (run kustomize edit set image in overlays/prod/images): move the entries there, then git restore "
                + overlay + " and run regen";
        TestRepo.Result regen = repo.run("regen");
        assertThat(regen.exitCode()).isEqualTo(Cli.BAD_INPUT);
        assertThat(regen.err()).contains(advice);
        assertThat(repo.snapshot()).isEqualTo(before);
        TestRepo.Result check = repo.run("regen", "--check");
        assertThat(check.exitCode()).isEqualTo(Cli.CHECK_FAILED);
        assertThat(check.err()).contains("  " + overlay + " (edited by hand, or not written by regen)\n")
                .contains(advice);
        assertThat(TreeCheck.check(repo.root, SpecLoader.loadAll(repo.root))).extracting(Finding::problem)
                .anySatisfy(problem -> assertThat(problem).startsWith("edited by hand").endsWith(advice));
    }

    /** A bot's edit of an images file that changes no version (a comment, a marker) leaves the tree in sync. */
    @Test
    void anImagesFileEditThatChangesNoVersionChangesNothing() {
        String images = RepoLayout.imagesFile("staging");
        repo.write(images, "# kept by Renovate\n" + repo.read(images).replace("newTag: 1.0.0",
                "newTag: \"1.0.0\" # {\"$imagepolicy\": \"flux-system:code-story-staging:tag\"}"));
        String edited = repo.read(images);
        assertThat(repo.run("regen", "--check").exitCode()).isEqualTo(Cli.OK);
        assertThat(repo.run("regen").exitCode()).isEqualTo(Cli.OK);
        assertThat(repo.read(images)).isEqualTo(edited);
    }

    @Test
    void removingASpecRemovesOnlyTheToolsFilesOfThatOverlay() throws Exception {
        repo.write("overlays/staging/README.md", "kept\n");
        Files.delete(repo.path("overlays/staging/env.yaml"));
        TestRepo.Result result = repo.run("regen");
        assertThat(result.exitCode()).isEqualTo(Cli.OK);
        // the images file is an input, like the spec: regen seeded it once but never removes it
        assertThat(repo.snapshot().keySet()).filteredOn(path -> path.startsWith("overlays/staging/"))
                .containsExactly("overlays/staging/README.md", "overlays/staging/images/kustomization.yaml");
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

    /**
     * A recording run rewrites only the golden files whose build changed, removes a removed environment's, and
     * says how many of each.
     */
    @Test
    void recordingTheGoldensWritesWhatChangedRemovesARemovedEnvironmentsAndSaysSo(@TempDir Path temp)
            throws IOException {
        TestRepo fixture = FixtureRepository.copyTo(temp);
        Files.delete(fixture.path("overlays/staging/env.yaml"));
        TestRepo.delete(fixture.path("overlays/staging/images"));
        fixture.write(RepoLayout.golden("dev"), fixture.read(RepoLayout.golden("dev")) + "# stale\n");
        Path prod = fixture.path(RepoLayout.golden("prod"));
        FileTime untouched = FileTime.fromMillis(1_000_000_000_000L);
        Files.setLastModifiedTime(prod, untouched);

        TestRepo.Result result = fixture.run("regen", "--goldens");

        assertThat(result.exitCode()).as(result.err()).isEqualTo(Cli.OK);
        assertThat(result.out()).containsPattern("golden files: 1 written, [1-9]\\d* unchanged, 1 removed\n");
        assertThat(fixture.read(RepoLayout.golden("dev"))).doesNotContain("# stale");
        assertThat(Files.getLastModifiedTime(prod)).isEqualTo(untouched);
        assertThat(fixture.path(RepoLayout.golden("staging"))).doesNotExist();
    }

    /** regen deletes only what it wrote; what stays of a removed environment is named, for its owner to decide. */
    @Test
    void whatARemovedEnvironmentLeavesBehindIsNamed(@TempDir Path temp) throws IOException {
        TestRepo fixture = FixtureRepository.copyTo(temp);
        fixture.write("overlays/staging/NOTES.md", "ours\n");
        Files.delete(fixture.path("overlays/staging/env.yaml"));
        TestRepo.Result result = fixture.run("regen");
        assertThat(result.exitCode()).as(result.err()).isEqualTo(Cli.OK);
        assertThat(result.out()).contains("regen: staging is removed; overlays/staging/ still holds 2 file(s) regen"
                + " did not write (overlays/staging/NOTES.md, overlays/staging/images/kustomization.yaml): delete"
                + " them if the environment is gone for good");
        assertThat(fixture.path("overlays/staging/NOTES.md")).exists();
    }

    @Test
    void aDirectoryWithoutOverlaysIsRefused(@TempDir Path elsewhere) {
        TestRepo.Result result = TestRepo.at(elsewhere).run("regen");
        assertThat(result.exitCode()).isEqualTo(Cli.BAD_INPUT);
        assertThat(result.err()).contains("is not a code-story-gitops repository");
        TestRepo.Result missing = TestRepo.at(elsewhere.resolve("no-such-dir")).run("regen");
        assertThat(missing.exitCode()).isEqualTo(Cli.BAD_INPUT);
        assertThat(missing.err()).contains("no-such-dir does not exist; pass --repo <dir>").doesNotContain("\tat ");
    }

    @Test
    void anUnknownOptionIsBadInputWithASuggestion() {
        TestRepo.Result result = repo.run("regen", "--chek");
        assertThat(result.exitCode()).isEqualTo(Cli.BAD_INPUT);
        assertThat(result.err()).contains("Unknown option: '--chek'");
    }
}
