package dev.codestory.gitops.workspace;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.IntStream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.codestory.gitops.Parallel;
import dev.codestory.gitops.TestRepo;
import dev.codestory.gitops.cli.Cli;
import dev.codestory.gitops.generate.GeneratedTree;
import dev.codestory.gitops.generate.RepositoryGenerator;
import dev.codestory.gitops.spec.SpecLoader;
import dev.codestory.gitops.verify.TreeCheck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A regen killed at any step of its run (a kill after each of its about 75 steps), deterministically through {@link WriteJournal}'s step callback: before
 * its journal commits, the tree is the old one (plus the journal and scratch copies the next run removes); after,
 * the next run finishes it. In every case the next run converges to the tree an uninterrupted run writes, also
 * when that next run is itself killed while it recovers. The run removes an environment (deletions and emptied
 * directories), changes one (rewrites), and adds a Flux one (new directories, files under clusters/); files of the
 * user's named like scratch files stay.
 */
class InterruptedRegenTest {

    /** Files of the user's that merely look like regen's scratch copies: never touched. */
    private static final List<String> USER_FILES = List.of("overlays/prod/local/notes.regen-tmp",
            "overlays/prod/.mine.regen-tmp", "clusters/notes.regen-tmp", "base/backup.regen-tmp");

    @TempDir
    static Path temp;
    static TestRepo template;
    static GeneratedTree tree;
    static Map<String, String> oldTree;
    static Map<String, String> newTree;
    static List<String> steps;

    @BeforeAll
    static void prepare() {
        template = TestRepo.empty(temp.resolve("template"));
        template.write("overlays/prod/env.yaml", TestRepo.fixtureSpec("prod"));
        for (String name : List.of("qa1", "qa2")) {
            template.write("overlays/" + name + "/env.yaml", TestRepo.fixtureSpec("dev"));
        }
        USER_FILES.forEach(file -> template.write(file, "the user's\n"));
        assertThat(template.run("regen").exitCode()).isEqualTo(Cli.OK);

        delete(template.path("overlays/qa1/env.yaml"));
        template.write("overlays/prod/env.yaml", template.read("overlays/prod/env.yaml")
                .replace("maxReplicas: 20", "maxReplicas: 30"));
        template.write("overlays/qa9/env.yaml", TestRepo.fixtureSpec("dev"));
        oldTree = tree(template);
        tree = new RepositoryGenerator().generate(SpecLoader.loadAll(template.root));

        TestRepo clean = template.copyTo(temp.resolve("clean"));
        List<String> seen = new ArrayList<>();
        TreeSync sync = new TreeSync(clean.root);
        sync.apply(sync.plan(tree), tree, seen::add);
        steps = List.copyOf(seen);
        newTree = tree(clean);
        assertThat(differences(newTree, oldTree)).isNotEmpty();
    }

    @Test
    void aRunKilledAtEveryStepConvergesOnTheNextRun() {
        assertThat(steps).contains("journal written: staging", "journal written: commit", "journal removed")
                .anyMatch(step -> step.startsWith("deleted overlays/qa1/"))
                .anyMatch(step -> step.startsWith("staged overlays/qa9/migrate/"))
                .anyMatch(step -> step.startsWith("staged clusters/flux/"))
                .endsWith("moved generated.lock", "journal removed");
        int commit = steps.indexOf("journal written: commit") + 1;
        Map<String, String> templateBefore = template.snapshot();
        // each kill works on a copy of its own: one per processor
        Parallel.forEach(IntStream.rangeClosed(1, steps.size()).boxed().toList(), k -> killAndRecover(k, commit));
        assertThat(template.snapshot()).isEqualTo(templateBefore);
        assertThat(steps).hasSizeGreaterThan(60);
    }

    /** Kills a run at step {@code k}, kills the run that recovers, and checks the one after converges. */
    private static void killAndRecover(int k, int commit) {
        TestRepo copy = linkedCopy(template, temp.resolve("kill-" + k));
        TreeSync sync = new TreeSync(copy.root);
        TreeSync.Plan plan = sync.plan(tree);
        assertThatThrownBy(() -> sync.apply(plan, tree, Faults.killAt(k)))
                .as("step %d: %s", k, steps.get(k - 1)).isInstanceOf(Faults.Killed.class);
        assertThat(Files.exists(copy.path(WriteJournal.PATH))).as("step %d", k).isEqualTo(k < steps.size());
        if (k < commit) {
            assertThat(differences(tree(copy), oldTree)).as("killed at %s: the old tree", steps.get(k - 1))
                    .isEmpty();
        }

        // the next run is killed too, while it recovers, and the one after finishes
        try {
            new TreeSync(copy.root).recover(Faults.killAt(1 + k % 5));
        } catch (Faults.Killed killedAgain) {
            // as intended; the journal is still there
        }
        TreeSync next = new TreeSync(copy.root);
        next.recover();
        next.apply(next.plan(tree), tree);
        assertThat(differences(tree(copy), newTree)).as("killed at step %d (%s), then recovered", k,
                steps.get(k - 1)).isEmpty();
        assertThat(copy.path(WriteJournal.PATH)).doesNotExist();
        assertThat(scratchFiles(copy)).containsExactlyInAnyOrderElementsOf(USER_FILES);
        TestRepo.delete(copy.root);
    }

    @Test
    void aKilledRunShowsInCheckAndVerifyAndTheCliFinishesIt() {
        TestRepo copy = template.copyTo(temp.resolve("cli"));
        TreeSync sync = new TreeSync(copy.root);
        TreeSync.Plan plan = sync.plan(tree);
        int middleOfCommit = steps.indexOf("journal written: commit") + 5;
        assertThatThrownBy(() -> sync.apply(plan, tree, Faults.killAt(middleOfCommit)))
                .isInstanceOf(Faults.Killed.class);

        TestRepo.Result check = copy.run("regen", "--check");
        assertThat(check.exitCode()).isEqualTo(Cli.CHECK_FAILED);
        assertThat(check.err()).contains("  " + WriteJournal.PATH);
        assertThat(TreeCheck.check(copy.root, SpecLoader.loadAll(copy.root)))
                .anyMatch(finding -> finding.resource().equals(WriteJournal.PATH)
                        && finding.problem().contains("interrupted regen left its journal"));

        TestRepo.Result regen = copy.run("regen");
        assertThat(regen.exitCode()).as(regen.err()).isEqualTo(Cli.OK);
        assertThat(differences(tree(copy), newTree)).isEmpty();
        assertThat(copy.run("regen", "--check").exitCode()).isEqualTo(Cli.OK);
    }

    @Test
    void aDiskFullWhileStagingLeavesTheOldTreeAndNoScratchFile() {
        TestRepo copy = template.copyTo(temp.resolve("full"));
        TreeSync sync = new TreeSync(copy.root);
        TreeSync.Plan plan = sync.plan(tree);
        int midStaging = steps.indexOf("journal written: commit") / 2;
        assertThatThrownBy(() -> sync.apply(plan, tree, Faults.diskFullAfter(midStaging)))
                .isInstanceOf(RegenException.class)
                .hasMessageContaining("regen stopped before changing any file")
                .hasMessageContaining("no space left on device");
        assertThat(copy.path(WriteJournal.PATH)).doesNotExist();
        assertThat(differences(tree(copy), oldTree)).isEmpty();
        assertThat(scratchFiles(copy)).containsExactlyInAnyOrderElementsOf(USER_FILES);
    }

    @Test
    void aDirectoryWhereAPendingMoveGoesStopsTheReplayUntilItIsMoved() throws IOException {
        TestRepo copy = template.copyTo(temp.resolve("blocked"));
        TreeSync sync = new TreeSync(copy.root);
        TreeSync.Plan plan = sync.plan(tree);
        int commit = steps.indexOf("journal written: commit") + 1;
        assertThatThrownBy(() -> sync.apply(plan, tree, Faults.killAt(commit))).isInstanceOf(Faults.Killed.class);
        String target = "overlays/qa9/kustomization.yaml";
        Files.createDirectories(copy.path(target).resolve("in-the-way"));
        Map<String, String> before = copy.snapshot();

        TestRepo.Result stopped = copy.run("regen");
        assertThat(stopped.exitCode()).isEqualTo(Cli.BAD_INPUT);
        assertThat(stopped.err()).contains(target + ": a directory stands where regen writes a file")
                .doesNotContain("Exception").doesNotContain("\tat ");
        assertThat(copy.snapshot()).isEqualTo(before);

        TestRepo.delete(copy.path(target));
        assertThat(copy.run("regen").exitCode()).isEqualTo(Cli.OK);
        assertThat(differences(tree(copy), newTree)).isEmpty();
    }

    @Test
    void aDirectoryWhereANewFileGoesStopsRegenBeforeItWritesAnything() throws IOException {
        TestRepo copy = template.copyTo(temp.resolve("dir-in-the-way"));
        Files.createDirectories(copy.path("overlays/qa9/migrate/kustomization.yaml/x"));
        Map<String, String> before = copy.snapshot();
        TestRepo.Result result = copy.run("regen");
        assertThat(result.exitCode()).isEqualTo(Cli.BAD_INPUT);
        assertThat(result.err()).contains("overlays/qa9/migrate/kustomization.yaml: a directory stands where regen"
                + " writes a file").doesNotContain("\tat ");
        assertThat(copy.snapshot()).isEqualTo(before);
        assertThat(copy.path(WriteJournal.PATH)).doesNotExist();
        TestRepo.Result check = copy.run("regen", "--check");
        assertThat(check.exitCode()).isEqualTo(Cli.CHECK_FAILED);
        assertThat(check.err()).contains("overlays/qa9/migrate/kustomization.yaml");
    }

    @Test
    void aStaleCopyFromARunWhoseJournalWasLostIsRefusedUnlessItIsWhatRegenWrites() throws IOException {
        TestRepo copy = template.copyTo(temp.resolve("lost-journal"));
        TreeSync sync = new TreeSync(copy.root);
        TreeSync.Plan plan = sync.plan(tree);
        int commit = steps.indexOf("journal written: commit") + 1;
        assertThatThrownBy(() -> sync.apply(plan, tree, Faults.killAt(commit))).isInstanceOf(Faults.Killed.class);
        Files.delete(copy.path(WriteJournal.PATH));
        // the copies are exactly what regen writes: replacing them loses nothing
        assertThat(copy.run("regen").exitCode()).isEqualTo(Cli.OK);
        assertThat(differences(tree(copy), newTree)).isEmpty();

        String patch = "overlays/prod/patches/code-story-api-horizontalpodautoscaler.yaml";
        String copyOfPatch = "overlays/prod/patches/.code-story-api-horizontalpodautoscaler.yaml.regen-tmp";
        copy.write(copyOfPatch, "not regen's\n");
        copy.write("overlays/prod/env.yaml", copy.read("overlays/prod/env.yaml").replace("maxReplicas: 30",
                "maxReplicas: 31"));
        Map<String, String> before = copy.snapshot();
        TestRepo.Result refused = copy.run("regen");
        assertThat(refused.exitCode()).isEqualTo(Cli.BAD_INPUT);
        assertThat(refused.err()).contains(copyOfPatch + ": is in the way").contains(patch);
        assertThat(copy.snapshot()).isEqualTo(before);
    }

    @Test
    void aSecondRegenWhileOneHoldsTheLockIsRefusedAlsoThroughALinkToTheTree() throws Exception {
        TestRepo copy = template.copyTo(temp.resolve("locked"));
        Path link = Files.createSymbolicLink(temp.resolve("locked-link"), copy.root);
        try (RunLock held = RunLock.acquire(copy.root)) {
            Map<String, String> before = copy.snapshot();
            TestRepo.Result result = TestRepo.at(link).run("regen");
            assertThat(result.exitCode()).isEqualTo(Cli.BAD_INPUT);
            assertThat(result.err()).contains("another regen is writing this tree");
            assertThat(copy.snapshot()).isEqualTo(before);
        }
        try (RunLock held = RunLock.acquire(link)) {
            assertThat(copy.run("regen").err()).contains("another regen is writing this tree");
        }
        assertThat(TestRepo.at(link).run("regen").exitCode()).isEqualTo(Cli.OK);
        assertThat(differences(tree(copy), newTree)).isEmpty();
    }

    /**
     * A copy of a tree made of hard links, far quicker than copying: safe here, since regen never changes a file
     * in place (it writes a new file and moves it over the old one, or deletes it), so the template is untouched.
     */
    private static TestRepo linkedCopy(TestRepo source, Path target) {
        try (java.util.stream.Stream<Path> walk = Files.walk(source.root)) {
            for (Path file : walk.toList()) {
                Path copy = target.resolve(source.root.relativize(file).toString());
                if (Files.isDirectory(file)) {
                    Files.createDirectories(copy);
                } else {
                    Files.createLink(copy, file);
                }
            }
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return TestRepo.at(target);
    }

    /** The files of a repository that regen's effect is judged by: all but its local cache. */
    private static Map<String, String> tree(TestRepo repo) {
        Map<String, String> files = new TreeMap<>(repo.snapshot());
        files.remove(RegenCache.PATH);
        files.remove(WriteJournal.PATH);
        files.keySet().removeIf(path -> path.endsWith(WriteJournal.SUFFIX) && !USER_FILES.contains(path));
        return files;
    }

    /** The paths whose content differs between two trees, or that only one has (short, where a map is not). */
    private static List<String> differences(Map<String, String> actual, Map<String, String> expected) {
        java.util.Set<String> paths = new java.util.TreeSet<>(actual.keySet());
        paths.addAll(expected.keySet());
        return paths.stream().filter(path -> !java.util.Objects.equals(actual.get(path), expected.get(path)))
                .map(path -> path + (actual.containsKey(path) ? expected.containsKey(path) ? " (differs)" : " (extra)"
                        : " (missing)")).toList();
    }

    private static List<String> scratchFiles(TestRepo repo) {
        return repo.snapshot().keySet().stream().filter(path -> path.endsWith(WriteJournal.SUFFIX)).toList();
    }

    private static void delete(Path file) {
        try {
            Files.delete(file);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
