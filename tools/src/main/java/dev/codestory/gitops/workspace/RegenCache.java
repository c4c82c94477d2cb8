package dev.codestory.gitops.workspace;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A local, uncommitted note ({@code .regen-cache}, ignored by Git) of the inputs and lock file of the last
 * successful regen in this work tree. When neither changed and every generated file is intact, regen has
 * nothing to do and skips generation. Deleting the file only costs one full regen.
 */
public final class RegenCache {

    public static final String PATH = ".regen-cache";

    private final Path root;
    private final String inputs;

    public RegenCache(Path root) {
        this.root = root;
        this.inputs = InputFingerprint.of(root);
    }

    public boolean upToDate() {
        if (inputs == null) {
            return false;
        }
        byte[] lockBytes = LockFile.readOrNull(root.resolve(LockFile.PATH));
        if (lockBytes == null) {
            return false;
        }
        String expected = inputs + " " + LockFile.sha256(lockBytes);
        try {
            Path cache = root.resolve(PATH);
            if (!Files.isRegularFile(cache) || !Files.readString(cache, StandardCharsets.UTF_8).trim().equals(expected)) {
                return false;
            }
        } catch (IOException e) {
            return false;
        }
        return LockFile.read(root).filesIntact(root);
    }

    /** Notes the current inputs and lock file; failure to write is harmless and ignored. */
    public void record() {
        byte[] lockBytes = LockFile.readOrNull(root.resolve(LockFile.PATH));
        if (lockBytes == null || inputs == null) {
            return;
        }
        try {
            Files.writeString(root.resolve(PATH), inputs + " " + LockFile.sha256(lockBytes) + "\n",
                    StandardCharsets.UTF_8);
        } catch (IOException e) {
            // a missing cache only means the next regen does the full work
        }
    }
}
