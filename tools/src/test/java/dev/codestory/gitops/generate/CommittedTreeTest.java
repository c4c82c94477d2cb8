package dev.codestory.gitops.generate;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.codestory.gitops.TestRepo;
import dev.codestory.gitops.cli.Cli;
import dev.codestory.gitops.spec.SpecLoader;

import static org.assertj.core.api.Assertions.assertThat;
import dev.codestory.gitops.workspace.LockFile;
import dev.codestory.gitops.workspace.RegenCache;
import dev.codestory.gitops.workspace.TreeSync;
import dev.codestory.gitops.layout.RepoLayout;

/** The committed tree is exactly what regen writes: generated afresh into a temporary directory, byte for byte. */
class CommittedTreeTest {

    static final Path ROOT = TestRepo.projectRoot();

    @Test
    void generatingIntoATemporaryDirectoryGivesTheCommittedFiles(@TempDir Path temp) throws IOException {
        TestRepo fresh = TestRepo.withCommittedSpecs(temp);
        assertThat(fresh.run("regen").exitCode()).isEqualTo(Cli.OK);
        Map<String, String> committed = new TreeMap<>();
        LockFile lock = LockFile.read(ROOT);
        for (String path : lock.files().keySet()) {
            committed.put(path, LockFile.sha256(Files.readAllBytes(ROOT.resolve(path))));
        }
        committed.put(LockFile.PATH, LockFile.sha256(Files.readAllBytes(ROOT.resolve(LockFile.PATH))));
        Map<String, String> generated = new TreeMap<>(fresh.snapshot());
        generated.keySet().removeIf(path -> path.endsWith("/" + RepoLayout.SPEC_FILE)
                || path.equals(RegenCache.PATH));
        assertThat(generated).as("files regen writes vs. committed files (run regen and commit)")
                .isEqualTo(committed);
    }

    @Test
    void regenCheckPassesOnTheCommittedTree() {
        var generator = new RepositoryGenerator();
        var plan = new TreeSync(ROOT).plan(generator.generate(SpecLoader.loadAll(ROOT)));
        assertThat(plan.differing()).as("files that differ from what regen would write").isEmpty();
    }

    @Test
    void twoRunsWriteIdenticalBytes(@TempDir Path first, @TempDir Path second) {
        TestRepo a = TestRepo.withCommittedSpecs(first);
        TestRepo b = TestRepo.withCommittedSpecs(second);
        assertThat(a.run("regen").exitCode()).isEqualTo(Cli.OK);
        assertThat(b.run("regen").exitCode()).isEqualTo(Cli.OK);
        assertThat(a.snapshot()).isEqualTo(b.snapshot());
    }
}
