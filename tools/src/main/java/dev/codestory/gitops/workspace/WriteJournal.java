package dev.codestory.gitops.workspace;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.YAMLException;

import dev.codestory.gitops.layout.FileFaults;
import dev.codestory.gitops.layout.LayoutException;
import dev.codestory.gitops.layout.RepoLayout;
import dev.codestory.gitops.yaml.YamlRenderer;

/**
 * Makes a regen all-or-nothing, in two phases recorded in a journal ({@code .regen-journal}):
 * <ol>
 * <li><b>staging</b>: the journal names every move and deletion to come; then every new file is written beside its
 * target ({@code .<name>.regen-tmp}). A run that dies here is rolled back by the next one: it deletes exactly the
 * scratch files the journal names, and nothing else called {@code *.regen-tmp}.</li>
 * <li><b>commit</b>: the journal is rewritten (atomically) as committed; then the files are moved into place, the
 * deletions done, the lock file moved last, and the journal removed. A run that dies here is finished by the
 * next one.</li>
 * </ol>
 * Replaying a journal is idempotent at every step: a move whose scratch file is gone, a deletion whose file is
 * gone, a directory already removed are all done. A journal is checked before it is replayed (every entry must
 * be a generated path, reached without a symbolic link), and a replay first makes sure every pending move can be
 * made, so that it never stops half-way on something in the way.
 */
final class WriteJournal {

    static final String PATH = RepoLayout.JOURNAL;
    static final String SUFFIX = RepoLayout.SCRATCH_SUFFIX;
    private static final String STAGING = "staging";
    private static final String COMMIT = "commit";
    private static final Set<String> KEYS = Set.of("phase", "moves", "deletes");

    /** A journal as read back: its phase and entries, all checked. */
    private record Journal(String phase, List<String> moves, List<String> deletes) {
    }

    private final RepoLayout layout;
    private final Consumer<String> step;

    WriteJournal(RepoLayout layout, Consumer<String> step) {
        this.layout = layout;
        this.step = step;
    }

    /**
     * Whether an interrupted run left its journal (or the start of one): the tree may be between two states. A
     * journal regen did not write is refused here already, as it would be by the replay.
     */
    static boolean pending(RepoLayout layout) {
        Path journal = layout.own(PATH);
        if (exists(journal)) {
            new WriteJournal(layout, step -> { }).read(journal);
            return true;
        }
        return exists(RepoLayout.scratch(journal));
    }

    /** Rolls back a journal left in staging, finishes one left committed, and removes a half-written one. */
    void recover() {
        Path journalFile = layout.own(PATH);
        Journal journal = read(journalFile);
        try {
            if (journal != null) {
                if (journal.phase().equals(STAGING)) {
                    rollBack(journal.moves());
                } else {
                    ensureMovable(journal.moves());
                    carryOut(journal.moves(), journal.deletes());
                }
                Files.deleteIfExists(journalFile);
                step.accept("journal removed");
            }
            deleteIfFile(RepoLayout.scratch(journalFile));
        } catch (IOException e) {
            throw new RegenException("regen cannot finish the interrupted run recorded in " + PATH + ": "
                    + FileFaults.describe(e) + ". Fix the cause and run regen again; " + PATH + " keeps what is"
                    + " left to do");
        }
    }

    /**
     * Writes {@code files} (repository-relative paths: generated files and the lock file) and deletes
     * {@code deletes}, all or nothing. Call {@link #recover()} first.
     */
    void apply(Map<String, byte[]> files, List<String> deletes) {
        List<String> moves = new ArrayList<>();
        files.keySet().stream().filter(path -> !path.equals(RepoLayout.LOCK_FILE)).forEach(moves::add);
        if (files.containsKey(RepoLayout.LOCK_FILE)) {
            moves.add(RepoLayout.LOCK_FILE);
        }
        for (String path : moves) {
            Path target = target(path);
            String obstacle = layout.obstacle(path);
            if (obstacle != null) {
                throw new RegenException(path + ": " + obstacle + "; nothing was written");
            }
            Path scratch = RepoLayout.scratch(target);
            if (exists(scratch) && !leftOverCopy(scratch, files.get(path))) {
                throw new LayoutException(layout.relative(scratch), "is in the way: regen writes its copy of " + path
                        + " there before moving it into place, and this file is not that copy (regen did not write"
                        + " it, or an interrupted run of other specs did): move it away; nothing was written");
            }
        }
        deletes.forEach(layout::generated);
        Path journalFile = layout.own(PATH);
        String current = PATH;
        try {
            writeJournal(journalFile, STAGING, moves, deletes);
            step.accept("journal written: " + STAGING);
            for (String path : moves) {
                current = path;
                Path target = target(path);
                Files.createDirectories(target.getParent());
                Path scratch = RepoLayout.scratch(target);
                Files.write(scratch, files.get(path), StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
                step.accept("staged " + path);
            }
            current = PATH;
            writeJournal(journalFile, COMMIT, moves, deletes);
            step.accept("journal written: " + COMMIT);
        } catch (IOException e) {
            String cause = FileFaults.reason(e);
            try {
                rollBack(moves);
                Files.deleteIfExists(journalFile);
                deleteIfFile(RepoLayout.scratch(journalFile));
            } catch (IOException | RuntimeException cleanup) {
                // the journal, if it is still there, lets the next run finish the clean-up
            }
            throw new RegenException("regen stopped before changing any file: cannot write " + current + " ("
                    + cause + "); the copies it had written beside their files were removed");
        }
        try {
            carryOut(moves, deletes);
            Files.delete(journalFile);
            step.accept("journal removed");
        } catch (IOException e) {
            throw new RegenException("regen stopped while moving its files into place: " + FileFaults.describe(e)
                    + ". " + PATH + " records what is left: fix the cause and run regen again to finish");
        }
    }

    /**
     * Whether a file at a scratch name holds exactly what regen is about to write there (left by a run whose
     * journal was lost): replacing it loses nothing, so it is removed; anything else is left alone.
     */
    private boolean leftOverCopy(Path scratch, byte[] content) {
        if (!isFile(scratch)) {
            return false;
        }
        byte[] onDisk = layout.readIfFile(scratch);
        if (onDisk == null || !java.util.Arrays.equals(onDisk, content)) {
            return false;
        }
        try {
            Files.delete(scratch);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private Path target(String path) {
        return path.equals(RepoLayout.LOCK_FILE) ? layout.own(path) : layout.generated(path);
    }

    /** Moves every staged file into place, the lock file last, then deletes; each step may already be done. */
    private void carryOut(List<String> moves, List<String> deletes) throws IOException {
        for (String path : moves) {
            if (!path.equals(RepoLayout.LOCK_FILE)) {
                moveIntoPlace(path);
            }
        }
        for (String path : deletes) {
            Path file = layout.generated(path);
            deleteIfFile(file);
            removeEmptyParents(file.getParent());
            step.accept("deleted " + path);
        }
        if (moves.contains(RepoLayout.LOCK_FILE)) {
            moveIntoPlace(RepoLayout.LOCK_FILE);
        }
    }

    private void moveIntoPlace(String path) throws IOException {
        Path target = target(path);
        Path scratch = RepoLayout.scratch(target);
        if (isFile(scratch)) {
            move(scratch, target);
        }
        step.accept("moved " + path);
    }

    /** Before a replay changes anything: every move still to make has a free place to go. */
    private void ensureMovable(List<String> moves) {
        for (String path : moves) {
            if (isFile(RepoLayout.scratch(target(path)))) {
                String obstacle = layout.obstacle(path);
                if (obstacle != null) {
                    throw new RegenException(path + ": " + obstacle + ". An interrupted regen left " + PATH + " to"
                            + " move the new file there: move it away and run regen again to finish; nothing was"
                            + " changed");
                }
            }
        }
    }

    /** Deletes the scratch files a journal in staging names (and nothing else), and the directories left empty. */
    private void rollBack(List<String> moves) throws IOException {
        for (String path : moves) {
            Path scratch = RepoLayout.scratch(target(path));
            deleteIfFile(scratch);
            if (!path.equals(RepoLayout.LOCK_FILE)) {
                removeEmptyParents(scratch.getParent());
            }
            step.accept("rolled back " + path);
        }
    }

    private void writeJournal(Path journalFile, String phase, List<String> moves, List<String> deletes)
            throws IOException {
        Map<String, Object> journal = new LinkedHashMap<>();
        journal.put("phase", phase);
        journal.put("moves", moves);
        journal.put("deletes", deletes);
        Path scratch = RepoLayout.scratch(journalFile);
        Files.deleteIfExists(scratch);
        Files.write(scratch, YamlRenderer.instance().render("", journal), StandardOpenOption.CREATE_NEW,
                StandardOpenOption.WRITE);
        move(scratch, journalFile);
    }

    /** The journal on disk, checked, or null when there is none. A journal regen did not write is refused. */
    private Journal read(Path journalFile) {
        String obstacle = layout.obstacle(PATH);
        if (obstacle != null) {
            throw new LayoutException(PATH, obstacle + " (its journal); remove it");
        }
        byte[] bytes = layout.readIfFile(journalFile);
        if (bytes == null) {
            return null;
        }
        String notOurs = "; it was not written by regen: check the tree (git status, regen --check) and delete it";
        Object loaded;
        try {
            loaded = new Yaml(new SafeConstructor(new LoaderOptions())).load(new String(bytes, StandardCharsets.UTF_8));
        } catch (YAMLException e) {
            throw new LayoutException(PATH, "cannot be read as YAML" + notOurs);
        }
        if (!(loaded instanceof Map<?, ?> map) || !KEYS.containsAll(map.keySet())) {
            throw new LayoutException(PATH, "is not a journal of moves and deletions" + notOurs);
        }
        // a journal without a phase was written by an older version, once its files were staged
        Object phase = map.containsKey("phase") ? map.get("phase") : COMMIT;
        if (!STAGING.equals(phase) && !COMMIT.equals(phase)) {
            throw new LayoutException(PATH, "names no phase regen knows" + notOurs);
        }
        List<String> moves = entries(map.get("moves"), notOurs, true);
        List<String> deletes = entries(map.get("deletes"), notOurs, false);
        return new Journal((String) phase, moves, deletes);
    }

    private List<String> entries(Object value, String notOurs, boolean moves) {
        List<String> entries = new ArrayList<>();
        if (value == null) {
            return entries;
        }
        if (!(value instanceof List<?> list)) {
            throw new LayoutException(PATH, "is not a journal of moves and deletions" + notOurs);
        }
        for (Object item : list) {
            String path = String.valueOf(item);
            String why = moves ? RepoLayout.whyNotJournalEntry(path) : RepoLayout.whyNotGenerated(path);
            if (!(item instanceof String) || why != null) {
                throw new LayoutException(PATH, "names '" + LockFile.shown(path) + "', which regen never writes or"
                        + " deletes" + (why == null ? "" : " (" + why + ")") + notOurs);
            }
            entries.add(path);
        }
        return entries;
    }

    private static void move(Path from, Path to) throws IOException {
        Files.createDirectories(to.getParent());
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    /** Removes {@code dir} and its parents while they are empty, below the top-level directories. */
    private void removeEmptyParents(Path dir) {
        Path root = layout.root();
        Path current = dir;
        while (current != null && current.startsWith(root) && root.relativize(current).getNameCount() > 1) {
            BasicFileAttributes attributes = attributes(current);
            if (attributes != null) {
                if (!attributes.isDirectory()) {
                    return;
                }
                try {
                    Files.delete(current);
                } catch (NoSuchFileException e) {
                    // removed meanwhile: done
                } catch (DirectoryNotEmptyException e) {
                    return;
                } catch (IOException e) {
                    // an empty directory left behind is harmless; a fault here must not stop the run
                    return;
                }
            }
            current = current.getParent();
        }
    }

    private static void deleteIfFile(Path file) throws IOException {
        if (isFile(file)) {
            Files.deleteIfExists(file);
        }
    }

    private static boolean isFile(Path path) {
        BasicFileAttributes attributes = attributes(path);
        return attributes != null && attributes.isRegularFile();
    }

    private static boolean exists(Path path) {
        return attributes(path) != null;
    }

    private static BasicFileAttributes attributes(Path path) {
        try {
            return Files.readAttributes(path, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        } catch (IOException e) {
            return null;
        }
    }
}
