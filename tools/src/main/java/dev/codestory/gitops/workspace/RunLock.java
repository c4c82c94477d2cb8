package dev.codestory.gitops.workspace;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Keeps two regens from writing one tree at once: an OS file lock on a file named after the repository's real
 * path (links resolved, so two runs through different paths to one tree share it) in the system's temporary
 * directory (so nothing is created in the repository).
 */
public final class RunLock implements AutoCloseable {

    private final FileChannel channel;
    private final FileLock lock;

    private RunLock(FileChannel channel, FileLock lock) {
        this.channel = channel;
        this.lock = lock;
    }

    public static RunLock acquire(Path root) {
        try {
            FileChannel channel = FileChannel.open(lockFile(root), StandardOpenOption.CREATE,
                    StandardOpenOption.WRITE);
            FileLock lock;
            try {
                lock = channel.tryLock();
            } catch (OverlappingFileLockException e) {
                lock = null;
            }
            if (lock == null) {
                channel.close();
                throw new RegenException("another regen is writing this tree (" + lockFile(root).getFileName()
                        + " in the temporary directory is locked); wait for it to finish");
            }
            return new RunLock(channel, lock);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Path lockFile(Path root) {
        Path real;
        try {
            real = root.toRealPath();
        } catch (IOException e) {
            real = root.toAbsolutePath().normalize();
        }
        String id = LockFile.sha256(real.toString()
                .getBytes(java.nio.charset.StandardCharsets.UTF_8)).substring(0, 16);
        return Path.of(System.getProperty("java.io.tmpdir"), "code-story-gitops-" + id + ".lock");
    }

    @Override
    public void close() {
        try {
            lock.release();
            channel.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
