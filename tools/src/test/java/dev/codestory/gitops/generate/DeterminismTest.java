package dev.codestory.gitops.generate;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.codestory.gitops.FixtureRepository;
import dev.codestory.gitops.TestRepo;
import dev.codestory.gitops.cli.Cli;

import static org.assertj.core.api.Assertions.assertThat;

/** The same specs give byte-identical files, in another directory and in another run. */
class DeterminismTest {

    @Test
    void twoRunsWriteIdenticalBytes(@TempDir Path other) {
        TestRepo again = TestRepo.withFixtureSpecs(other);
        assertThat(again.run("regen").exitCode()).isEqualTo(Cli.OK);
        var expected = new java.util.TreeMap<>(FixtureRepository.get().snapshot());
        expected.keySet().removeIf(path -> path.startsWith("rendered/"));
        assertThat(again.snapshot()).isEqualTo(expected);
    }
}
