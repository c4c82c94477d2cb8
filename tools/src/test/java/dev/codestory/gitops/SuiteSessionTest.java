package dev.codestory.gitops;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/** Where the suite's temporary files go, and that they went there. */
class SuiteSessionTest {

    @Test
    void aWritableDirectoryWithRoomIsTakenAndAnythingElseFallsBack(@TempDir Path temp) throws IOException {
        Path fallback = temp.resolve("fallback");
        assertThat(SuiteSession.parent(temp, fallback)).isEqualTo(temp);
        assertThat(SuiteSession.parent(temp.resolve("missing"), fallback)).isEqualTo(fallback);
        Path file = Files.writeString(temp.resolve("file"), "x");
        assertThat(SuiteSession.parent(file, fallback)).isEqualTo(fallback);
    }

    @Test
    void aKilledSuitesDirectoryIsRemovedAndALiveOnesKept(@TempDir Path temp) throws IOException {
        Path dead = Files.createDirectories(temp.resolve(SuiteSession.PREFIX + "999999999-1/junit-1"));
        Path live = Files.createDirectories(temp.resolve(SuiteSession.PREFIX + ProcessHandle.current().pid()
                + "-2"));
        Path other = Files.createDirectories(temp.resolve(SuiteSession.PREFIX + "notes"));

        SuiteSession.removeLeftovers(temp);

        assertThat(dead.getParent()).doesNotExist();
        assertThat(live).isDirectory();
        assertThat(other).isDirectory();
    }

    @Test
    void theSuitesTemporaryFilesAreInItsOwnDirectory(@TempDir Path temp) {
        assertThat(System.getProperty("java.io.tmpdir")).contains("code-story-tests-");
        assertThat(temp.toAbsolutePath().toString()).startsWith(System.getProperty("java.io.tmpdir"));
    }
}
