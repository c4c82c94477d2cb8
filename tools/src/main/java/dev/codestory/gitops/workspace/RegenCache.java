package dev.codestory.gitops.workspace;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

import dev.codestory.gitops.layout.RepoLayout;

/**
 * A local, uncommitted note ({@code .regen-cache}, ignored by Git) of the inputs and lock file of the last
 * successful regen in this work tree. When neither changed, every generated file is intact, no file carrying
 * regen's header lies outside the lock file and no interrupted run's journal is pending, regen has nothing to do
 * and skips generation. Deleting the file only costs one full
 * regen.
 */
public final class RegenCache {

    public static final String PATH = RepoLayout.CACHE;

    private final RepoLayout layout;
    private final String inputs;

    public RegenCache(Path root) {
        this.layout = new RepoLayout(root);
        this.inputs = InputFingerprint.of(root);
    }

    public boolean upToDate() {
        if (inputs == null || WriteJournal.pending(layout)) {
            return false;
        }
        byte[] lockBytes = layout.readIfFile(layout.own(LockFile.PATH));
        if (lockBytes == null) {
            return false;
        }
        String expected = inputs + " " + LockFile.sha256(lockBytes);
        byte[] cache = layout.readIfFile(layout.own(PATH));
        if (cache == null || !new String(cache, StandardCharsets.UTF_8).trim().equals(expected)) {
            return false;
        }
        LockFile lock = LockFile.read(layout);
        return lock.filesIntact(layout) && TreeSync.orphans(layout, lock.files()::containsKey).isEmpty();
    }

    /** Notes the current inputs and lock file; failure to write is harmless and ignored. */
    public void record() {
        byte[] lockBytes = layout.readIfFile(layout.own(LockFile.PATH));
        if (lockBytes == null || inputs == null) {
            return;
        }
        Path cache = layout.own(PATH);
        try (OutputStream out = Files.newOutputStream(cache, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING, LinkOption.NOFOLLOW_LINKS)) {
            out.write((inputs + " " + LockFile.sha256(lockBytes) + "\n").getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            // a missing cache only means the next regen does the full work
        }
    }
}
