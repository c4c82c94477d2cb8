package dev.codestory.gitops.tree;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Brings the work tree in line with a {@link GeneratedTree}: writes what changed, removes what the tool wrote
 * and no longer produces, and never touches a file it did not write. Hand edits stop it before anything is
 * written, unless forced.
 */
public final class TreeSync {

    /** What a sync would do. {@code conflicts} are hand-edited or foreign files in the way. */
    public record Plan(List<String> write, List<String> delete, List<String> unchanged, List<String> conflicts,
                       LockFile newLock) {

        public boolean inSync() {
            return write.isEmpty() && delete.isEmpty() && conflicts.isEmpty();
        }

        /** Every path that differs from what regen would write. */
        public List<String> differing() {
            List<String> paths = new ArrayList<>(write);
            paths.addAll(delete);
            paths.addAll(conflicts);
            return paths.stream().sorted().distinct().toList();
        }
    }

    private final Path root;

    public TreeSync(Path root) {
        this.root = root;
    }

    public Plan plan(GeneratedTree tree) {
        LockFile lock = LockFile.read(root);
        List<String> write = new ArrayList<>();
        List<String> delete = new ArrayList<>();
        List<String> unchanged = new ArrayList<>();
        List<String> conflicts = new ArrayList<>();
        SortedMap<String, String> owned = new TreeMap<>();
        for (Map.Entry<String, byte[]> file : tree.files().entrySet()) {
            String path = file.getKey();
            owned.put(path, LockFile.sha256(file.getValue()));
            byte[] onDisk = LockFile.readOrNull(root.resolve(path));
            if (onDisk == null) {
                write.add(path);
            } else if (Arrays.equals(onDisk, file.getValue())) {
                unchanged.add(path);
            } else if (LockFile.sha256(onDisk).equals(lock.files().get(path))) {
                write.add(path);
            } else {
                conflicts.add(path);
                write.add(path);
            }
        }
        for (Map.Entry<String, String> recorded : lock.files().entrySet()) {
            String path = recorded.getKey();
            if (owned.containsKey(path)) {
                continue;
            }
            byte[] onDisk = LockFile.readOrNull(root.resolve(path));
            if (onDisk == null) {
                continue;
            }
            if (!LockFile.sha256(onDisk).equals(recorded.getValue())) {
                conflicts.add(path);
            }
            delete.add(path);
        }
        LockFile newLock = new LockFile(owned);
        byte[] lockOnDisk = LockFile.readOrNull(root.resolve(LockFile.PATH));
        if (!Arrays.equals(lockOnDisk, newLock.render())) {
            write.add(LockFile.PATH);
        }
        return new Plan(write, delete, unchanged, conflicts, newLock);
    }

    /** Carries out a plan. Each file is written aside and moved into place, the lock file last. */
    public void apply(Plan plan, GeneratedTree tree) {
        try {
            for (String path : plan.write()) {
                if (!path.equals(LockFile.PATH)) {
                    writeAtomically(root.resolve(path), tree.files().get(path));
                }
            }
            for (String path : plan.delete()) {
                Path file = root.resolve(path);
                Files.deleteIfExists(file);
                removeEmptyParents(file.getParent());
            }
            writeAtomically(root.resolve(LockFile.PATH), plan.newLock().render());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void writeAtomically(Path target, byte[] content) throws IOException {
        Files.createDirectories(target.getParent());
        Path temp = target.resolveSibling("." + target.getFileName() + ".regen-tmp");
        Files.write(temp, content);
        try {
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    private void removeEmptyParents(Path dir) throws IOException {
        Path current = dir;
        while (current != null && current.startsWith(root) && !current.equals(root)) {
            try (var entries = Files.list(current)) {
                if (entries.findAny().isPresent()) {
                    return;
                }
            }
            try {
                Files.delete(current);
            } catch (DirectoryNotEmptyException e) {
                return;
            }
            current = current.getParent();
        }
    }
}
