package dev.codestory.gitops;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.extension.AnnotatedElementContext;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.io.TempDirFactory;
import org.junit.platform.launcher.LauncherSession;
import org.junit.platform.launcher.LauncherSessionListener;

import dev.codestory.gitops.kustomize.Kustomize;

/**
 * What the test suite, one process running many commands, sets up for itself: it remembers kustomize's outputs
 * ({@link Kustomize#rememberOutputs}: the fixture's units are built once, not in test after test), and it gives
 * its temporary files (each {@code @TempDir}, the fixture repository, diff's exports of a revision,
 * regen's run locks) a directory of their own, on a RAM file system when one with room is there, and deletes it
 * when the suite ends. The end-to-end tests create and delete thousands of files; on a disk file system (ext4)
 * each file created soon after so many were deleted costs a search for a free inode, a quarter of those tests'
 * time (README, Performance). The JDK reads {@code java.io.tmpdir} once, before any test, for
 * {@code Files.createTempDirectory(prefix)}: what makes temporary files names the directory as the property says
 * at the time ({@link Factory} for {@code @TempDir}, {@code junit-platform.properties}).
 */
public final class SuiteSession implements LauncherSessionListener {

    /** Linux's shared-memory file system, a RAM file system wherever it is mounted. */
    static final Path RAM = Path.of("/dev/shm");
    /** Less room than this (a container's 64 MB default) and the suite stays in the system's directory. */
    static final long ROOM = 1L << 30;

    private static final String PROPERTY = "java.io.tmpdir";

    private String previous;
    private Path dir;

    @Override
    public void launcherSessionOpened(LauncherSession session) {
        Kustomize.rememberOutputs(true);
        previous = System.getProperty(PROPERTY);
        try {
            dir = Files.createDirectory(parent(RAM, Path.of(previous)).resolve("code-story-tests-"
                    + ProcessHandle.current().pid()));
            System.setProperty(PROPERTY, dir.toString());
        } catch (IOException | RuntimeException e) {
            // the system's temporary directory serves as well, only slower
            dir = null;
        }
    }

    @Override
    public void launcherSessionClosed(LauncherSession session) {
        if (dir != null) {
            System.setProperty(PROPERTY, previous);
            TestRepo.delete(dir);
        }
    }

    /** {@code @TempDir} directories in the suite's directory. */
    public static final class Factory implements TempDirFactory {

        @Override
        public Path createTempDirectory(AnnotatedElementContext element, ExtensionContext context)
                throws IOException {
            return Files.createTempDirectory(Path.of(System.getProperty(PROPERTY)), "junit-");
        }
    }

    /** {@code ram} if it is a writable directory with room, else {@code fallback}. */
    static Path parent(Path ram, Path fallback) {
        try {
            if (Files.isDirectory(ram) && Files.isWritable(ram) && Files.getFileStore(ram).getUsableSpace() >= ROOM) {
                return ram;
            }
        } catch (IOException e) {
            // not usable: fall back
        }
        return fallback;
    }
}
