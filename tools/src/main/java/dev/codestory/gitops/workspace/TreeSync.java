package dev.codestory.gitops.workspace;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.function.Consumer;
import dev.codestory.gitops.generate.GeneratedTree;

/**
 * Brings the work tree in line with a {@link GeneratedTree}: writes what changed, removes what the tool wrote
 * and no longer produces, and never touches a file it did not write. Hand edits stop it before anything is
 * written, unless forced. A seed is written where no file is, and is never recorded, compared or removed.
 */
public final class TreeSync {

    /**
     * What a sync would do. {@code conflicts} are hand-edited or foreign files in the way; {@code seeded} are the
     * seeds among {@code write}.
     */
    public record Plan(List<String> write, List<String> delete, List<String> unchanged, List<String> conflicts,
                       List<String> seeded, LockFile newLock) {

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
        List<String> seeded = new ArrayList<>();
        for (String path : tree.seeds().keySet()) {
            if (LockFile.readOrNull(root.resolve(path)) == null) {
                seeded.add(path);
                write.add(path);
            }
        }
        for (Map.Entry<String, String> recorded : lock.files().entrySet()) {
            String path = recorded.getKey();
            if (owned.containsKey(path) || tree.seeds().containsKey(path)) {
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
        return new Plan(write, delete, unchanged, conflicts, seeded, newLock);
    }

    /** Carries out a plan, all or nothing (see {@link WriteJournal}), the lock file with the rest. */
    public void apply(Plan plan, GeneratedTree tree) {
        apply(plan, tree, step -> { });
    }

    /** As {@link #apply(Plan, GeneratedTree)}, telling {@code step} of each step (to test interruptions). */
    void apply(Plan plan, GeneratedTree tree, Consumer<String> step) {
        Map<String, byte[]> files = new TreeMap<>();
        for (String path : plan.write()) {
            if (!path.equals(LockFile.PATH)) {
                files.put(path, tree.files().containsKey(path) ? tree.files().get(path) : tree.seeds().get(path));
            }
        }
        files.put(LockFile.PATH, plan.newLock().render());
        new WriteJournal(root, step).apply(files, plan.delete());
    }

    /** Finishes or undoes what an interrupted run left; call before planning. */
    public void recover() {
        new WriteJournal(root, step -> { }).recover();
    }
}
