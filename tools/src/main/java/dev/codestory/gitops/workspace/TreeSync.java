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
import dev.codestory.gitops.layout.RepoLayout;

/**
 * Brings the work tree in line with a {@link GeneratedTree}: writes what changed, removes what the tool wrote
 * and no longer produces, and never touches a file it did not write. Hand edits stop it before anything is
 * written, unless forced; something other than a file where a file goes (a directory, a pipe) stops it even then.
 * A seed is written where no file is, and is never recorded, compared or removed. Every path goes through
 * {@link RepoLayout}, which refuses symbolic links and paths regen does not generate.
 */
public final class TreeSync {

    /**
     * What a sync would do. {@code conflicts} are hand-edited or foreign files in the way; {@code blocked} are
     * paths where something other than a regular file stands (with what it is); {@code orphans} (also in
     * {@code delete}) are files carrying regen's header that the lock file does not list, left by a run whose
     * journal was lost; {@code seeded} are the seeds among {@code write}; the lock file is in {@code write} or
     * {@code unchanged}, as any file regen owns; {@code journalPending}: an interrupted run's journal is still
     * there.
     */
    public record Plan(List<String> write, List<String> delete, List<String> unchanged, List<String> conflicts,
                       SortedMap<String, String> blocked, List<String> orphans, List<String> seeded,
                       boolean journalPending, LockFile newLock) {

        public boolean inSync() {
            return write.isEmpty() && delete.isEmpty() && conflicts.isEmpty() && blocked.isEmpty() && !journalPending;
        }

        /** Every path that differs from what regen would write (the journal, when one is pending). */
        public List<String> differing() {
            List<String> paths = new ArrayList<>(write);
            paths.addAll(delete);
            paths.addAll(conflicts);
            paths.addAll(blocked.keySet());
            if (journalPending) {
                paths.add(RepoLayout.JOURNAL);
            }
            return paths.stream().sorted().distinct().toList();
        }
    }

    private final RepoLayout layout;

    public TreeSync(Path root) {
        this.layout = new RepoLayout(root);
    }

    public Plan plan(GeneratedTree tree) {
        LockFile lock = LockFile.read(layout);
        List<String> write = new ArrayList<>();
        List<String> delete = new ArrayList<>();
        List<String> unchanged = new ArrayList<>();
        List<String> conflicts = new ArrayList<>();
        SortedMap<String, String> blocked = new TreeMap<>();
        SortedMap<String, String> owned = new TreeMap<>();
        for (Map.Entry<String, byte[]> file : tree.files().entrySet()) {
            String path = file.getKey();
            Path target = layout.generated(path);
            owned.put(path, LockFile.sha256(file.getValue()));
            String obstacle = layout.obstacle(path);
            if (obstacle != null) {
                blocked.put(path, obstacle);
                continue;
            }
            byte[] onDisk = layout.readIfFile(target);
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
            Path target = layout.generated(path);
            String obstacle = layout.obstacle(path);
            if (obstacle != null) {
                blocked.put(path, obstacle);
            } else if (layout.readIfFile(target) == null) {
                seeded.add(path);
                write.add(path);
            }
        }
        for (Map.Entry<String, String> recorded : lock.files().entrySet()) {
            String path = recorded.getKey();
            if (owned.containsKey(path) || tree.seeds().containsKey(path)) {
                continue;
            }
            byte[] onDisk = layout.readIfFile(layout.generated(path));
            if (onDisk == null) {
                continue;
            }
            if (!LockFile.sha256(onDisk).equals(recorded.getValue())) {
                conflicts.add(path);
            }
            delete.add(path);
        }
        List<String> orphans = orphans(layout, path -> owned.containsKey(path) || lock.files().containsKey(path)
                || tree.seeds().containsKey(path));
        delete.addAll(orphans);
        LockFile newLock = new LockFile(owned);
        byte[] lockOnDisk = layout.readIfFile(layout.own(LockFile.PATH));
        (Arrays.equals(lockOnDisk, newLock.render()) ? unchanged : write).add(LockFile.PATH);
        return new Plan(write, delete, unchanged, conflicts, blocked, orphans, seeded, WriteJournal.pending(layout),
                newLock);
    }

    /**
     * Files at generated paths that are not {@code known} (to the lock file or the tree) and start with the
     * comment every file regen writes starts with: regen wrote them, and nothing records it any more.
     */
    static List<String> orphans(RepoLayout layout, java.util.function.Predicate<String> known) {
        List<String> orphans = new ArrayList<>();
        for (String path : layout.generatedFilesOnDisk()) {
            if (!known.test(path) && carriesHeader(layout, path)) {
                orphans.add(path);
            }
        }
        return orphans;
    }

    private static boolean carriesHeader(RepoLayout layout, String path) {
        byte[] content = layout.readIfFile(layout.generated(path));
        return content != null && RepoLayout.carriesGeneratedMark(content);
    }

    /** Carries out a plan, all or nothing (see {@link WriteJournal}), the lock file with the rest. */
    public void apply(Plan plan, GeneratedTree tree) {
        apply(plan, tree, step -> { });
    }

    /** As {@link #apply(Plan, GeneratedTree)}, telling {@code step} of each step (to test interruptions). */
    void apply(Plan plan, GeneratedTree tree, Consumer<String> step) {
        if (!plan.blocked().isEmpty()) {
            StringBuilder message = new StringBuilder("regen: stopped, nothing was written. In the way of files"
                    + " regen writes:");
            plan.blocked().forEach((path, obstacle) -> message.append("\n  ").append(path).append(": ")
                    .append(obstacle));
            message.append("\nMove them away and run regen again.");
            throw new RegenException(message.toString());
        }
        if (plan.write().isEmpty() && plan.delete().isEmpty()) {
            return;
        }
        Map<String, byte[]> files = new TreeMap<>();
        for (String path : plan.write()) {
            if (!path.equals(LockFile.PATH)) {
                files.put(path, tree.files().containsKey(path) ? tree.files().get(path) : tree.seeds().get(path));
            }
        }
        files.put(LockFile.PATH, plan.newLock().render());
        new WriteJournal(layout, step).apply(files, plan.delete());
    }

    /** Finishes or undoes what an interrupted run left; call before planning. */
    public void recover() {
        recover(step -> { });
    }

    void recover(Consumer<String> step) {
        new WriteJournal(layout, step).recover();
    }
}
