package dev.codestory.gitops.workspace;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.codestory.gitops.generate.GeneratedTree;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A seed (a new environment's images file) is written where no file is, and from then on is the user's and the
 * bots': never recorded in the lock, compared, called a hand edit, rewritten or removed.
 */
class SeedFilesTest {

    private static final String OWNED = "overlays/qa/kustomization.yaml";
    private static final String SEED = "overlays/qa/images/kustomization.yaml";

    @TempDir
    Path root;

    private static GeneratedTree tree(boolean withSeed) {
        GeneratedTree tree = new GeneratedTree();
        tree.put(OWNED, bytes("owned\n"));
        if (withSeed) {
            tree.seed(SEED, bytes("seed\n"));
        }
        return tree;
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private TreeSync.Plan sync(GeneratedTree tree) {
        TreeSync sync = new TreeSync(root);
        TreeSync.Plan plan = sync.plan(tree);
        sync.apply(plan, tree);
        return plan;
    }

    @Test
    void isWrittenOnceAndThenLeftAsItIs() throws Exception {
        TreeSync.Plan first = sync(tree(true));
        assertThat(first.seeded()).containsExactly(SEED);
        assertThat(first.write()).contains(OWNED, SEED);
        assertThat(Files.readString(root.resolve(SEED))).isEqualTo("seed\n");
        assertThat(LockFile.read(root).files()).containsOnlyKeys(OWNED);

        // a bot's edit: no conflict, no write, the tree is in sync
        Files.writeString(root.resolve(SEED), "newTag: 1.0.1 # {\"$imagepolicy\": \"ns:p:tag\"}\n");
        TreeSync.Plan afterBump = new TreeSync(root).plan(tree(true));
        assertThat(afterBump.inSync()).isTrue();
        assertThat(afterBump.conflicts()).isEmpty();

        // the environment gone: the owned file goes, the seed stays (an input, like the spec)
        TreeSync.Plan removed = sync(new GeneratedTree());
        assertThat(removed.delete()).containsExactly(OWNED);
        assertThat(root.resolve(SEED)).hasContent("newTag: 1.0.1 # {\"$imagepolicy\": \"ns:p:tag\"}");
    }

    @Test
    void aMissingSeedIsWrittenAgainAndReportedUntilItIs() throws Exception {
        sync(tree(true));
        Files.delete(root.resolve(SEED));
        TreeSync.Plan plan = new TreeSync(root).plan(tree(true));
        assertThat(plan.inSync()).isFalse();
        assertThat(plan.differing()).containsExactly(SEED);
        assertThat(plan.conflicts()).isEmpty();
    }

    @Test
    void aSeedThatAnOlderLockRecordedIsNeverRemoved() throws Exception {
        Files.createDirectories(root.resolve(SEED).getParent());
        Files.writeString(root.resolve(SEED), "bumped\n");
        Files.write(root.resolve(LockFile.PATH), new LockFile(new TreeMap<>(Map.of(SEED,
                LockFile.sha256(bytes("seed\n"))))).render());
        TreeSync.Plan plan = sync(tree(true));
        assertThat(plan.delete()).isEmpty();
        assertThat(plan.conflicts()).isEmpty();
        assertThat(root.resolve(SEED)).hasContent("bumped");
        assertThat(LockFile.read(root).files()).doesNotContainKey(SEED);
    }
}
