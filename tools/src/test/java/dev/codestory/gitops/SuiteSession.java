package dev.codestory.gitops;

import java.io.IOException;
import java.nio.file.DirectoryStream;
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

    /** Linux's shared-memory file system (tmpfs, in memory). */
    static final Path RAM = Path.of("/dev/shm");
    /** Less room than this and the suite stays in the system's directory (it needs a few MB at a time). */
    static final long ROOM = 256L << 20;
    static final String PREFIX = "code-story-tests-";

    private static final String PROPERTY = "java.io.tmpdir";

    private String previous;
    private Path dir;

    @Override
    public void launcherSessionOpened(LauncherSession session) {
        Kustomize.rememberOutputs(true);
        previous = System.getProperty(PROPERTY);
        try {
            Path parent = parent(RAM, Path.of(previous));
            removeLeftovers(parent);
            dir = Files.createTempDirectory(parent, PREFIX + ProcessHandle.current().pid() + "-");
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

    /**
     * Deletes the directories of earlier suites whose process is gone without deleting its own (killed): on a RAM
     * file system they would hold memory until the machine restarts.
     */
    static void removeLeftovers(Path parent) {
        try (DirectoryStream<Path> dirs = Files.newDirectoryStream(parent, PREFIX + "*")) {
            for (Path leftover : dirs) {
                String name = leftover.getFileName().toString();
                int end = name.indexOf('-', PREFIX.length());
                try {
                    long pid = Long.parseLong(name.substring(PREFIX.length(), end < 0 ? name.length() : end));
                    if (ProcessHandle.of(pid).filter(ProcessHandle::isAlive).isEmpty()) {
                        TestRepo.delete(leftover);
                    }
                } catch (NumberFormatException e) {
                    // not one of ours
                }
            }
        } catch (IOException e) {
            // leftovers stay: they cost room, not correctness
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
