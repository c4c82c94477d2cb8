package dev.codestory.gitops.workspace;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.codestory.gitops.TestRepo;
import dev.codestory.gitops.cli.Cli;
import dev.codestory.gitops.kustomize.Goldens;
import dev.codestory.gitops.kustomize.Kustomize;
import dev.codestory.gitops.layout.LayoutException;
import dev.codestory.gitops.layout.RepoLayout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Faults of the file system, not of the specs: a read-only directory, an unreadable file, a directory where the
 * lock file or a golden file goes, a file where a directory goes. Each stops regen with the path and the reason
 * (exit code 2), no stack trace, and the tree as it was. (A full disk while staging: {@link InterruptedRegenTest}.)
 */
class FileSystemFaultsTest {

    private static final String PATCH = "overlays/prod/patches/code-story-api-horizontalpodautoscaler.yaml";

    @TempDir
    Path temp;
    TestRepo repo;

    @BeforeEach
    void generateThenChangeProd() {
        repo = TestRepo.withFixtureSpecs(temp);
        assertThat(repo.run("regen").exitCode()).isEqualTo(Cli.OK);
        repo.write("overlays/prod/env.yaml", repo.read("overlays/prod/env.yaml")
                .replace("maxReplicas: 20", "maxReplicas: 30"));
    }

    private void assertRefusedUnchanged(String... expected) {
        Map<String, String> before = repo.snapshot();
        TestRepo.Result result = repo.run("regen");
        assertThat(result.exitCode()).as(result.err()).isEqualTo(Cli.BAD_INPUT);
        for (String text : expected) {
            assertThat(result.err()).contains(text);
        }
        assertThat(result.err()).doesNotContain("Exception").doesNotContain("\tat ");
        assertThat(repo.snapshot()).isEqualTo(before);
        assertThat(repo.path(WriteJournal.PATH)).doesNotExist();
    }

    @Test
    void aReadOnlyDirectoryStopsRegenBeforeAnyChange() throws IOException {
        Path patches = repo.path("overlays/prod/patches");
        try (ReadOnly readOnly = ReadOnly.make(patches)) {
            assertRefusedUnchanged("regen stopped before changing any file: cannot write " + PATCH);
        }
        assertThat(repo.run("regen").exitCode()).isEqualTo(Cli.OK);
    }

    @Test
    void anUnreadableGeneratedFileIsNamed() throws IOException {
        Path file = repo.path(PATCH);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("---------"));
        try {
            Assumptions.assumeFalse(Files.isReadable(file), "permissions do not bind here (running as root)");
            assertRefusedUnchanged(PATCH + ": cannot be read: permission denied");
        } finally {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
        }
    }

    @Test
    void anUnreadableSpecIsNamed() throws IOException {
        Path spec = repo.path("overlays/staging/env.yaml");
        Files.setPosixFilePermissions(spec, PosixFilePermissions.fromString("---------"));
        try {
            Assumptions.assumeFalse(Files.isReadable(spec), "permissions do not bind here (running as root)");
            assertRefusedUnchanged("overlays/staging/env.yaml:1:1: (document): cannot be read: permission denied");
        } finally {
            Files.setPosixFilePermissions(spec, PosixFilePermissions.fromString("rw-r--r--"));
        }
    }

    @Test
    void aDirectoryWhereTheLockFileGoes() throws IOException {
        Files.delete(repo.path(LockFile.PATH));
        Files.createDirectories(repo.path(LockFile.PATH).resolve("x"));
        assertRefusedUnchanged("generated.lock: a directory stands where regen writes a file (its lock file)");
        assertThat(repo.run("regen", "--check").exitCode()).isEqualTo(Cli.BAD_INPUT);
    }

    @Test
    void aFileWhereADirectoryGoes() throws IOException {
        TestRepo.delete(repo.path("overlays/prod/patches"));
        repo.write("overlays/prod/patches", "a file\n");
        assertRefusedUnchanged("overlays/prod/patches is a file where regen needs a directory");
    }

    @Test
    void aDirectoryWhereAGoldenFileGoes() throws IOException {
        Files.createDirectories(repo.path("rendered/dev.yaml"));
        assertThatThrownBy(() -> Goldens.write(repo.root, new RepoLayout.Unit("dev", "overlays/dev"),
                Kustomize.of(Path.of("/bin/true")), "kind: x\n"))
                .isInstanceOf(LayoutException.class)
                .hasMessage("rendered/dev.yaml: a directory stands where regen --goldens records the golden file; move"
                        + " it away");
        assertThat(Goldens.recorded(repo.root)).doesNotContainKey("dev");
    }

    /** A directory nothing can be written in: by its permissions, or (as root, whom they do not bind) immutable. */
    private record ReadOnly(Path dir, boolean immutable) implements AutoCloseable {

        static ReadOnly make(Path dir) throws IOException {
            Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("r-xr-xr-x"));
            if (!writable(dir)) {
                return new ReadOnly(dir, false);
            }
            Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
            boolean set = run("chattr", "+i", dir.toString());
            Assumptions.assumeTrue(set && !writable(dir), "no way to make a directory read-only here");
            return new ReadOnly(dir, true);
        }

        private static boolean writable(Path dir) {
            try {
                Files.delete(Files.createTempFile(dir, "probe", ""));
                return true;
            } catch (IOException e) {
                return false;
            }
        }

        private static boolean run(String... command) {
            try {
                return new ProcessBuilder(command).redirectErrorStream(true).start().waitFor() == 0;
            } catch (IOException e) {
                return false;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }

        @Override
        public void close() throws IOException {
            if (immutable) {
                run("chattr", "-i", dir.toString());
            }
            Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
        }
    }
}
